import type { JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import type { Gate, OperationsRequest } from '../../app/gate-types.js';
import type { ActionDecision } from '../../core/actions/types.js';
import { decideToolCall, ToolCatalog, type ToolCallDecision, type ToolGateOptions } from './tool-gate.js';

function decisionOf(outcome: ActionDecision['decision'], reasons: string[] = []): ActionDecision {
  return {
    decision: outcome,
    reasons,
    requirements: [],
    operations: [],
    blastRadius: {
      services: [],
      mostCriticalTier: 5,
      dependentMostCriticalTier: 5,
      unownedFiles: 0,
      codeowners: [],
      score: 0,
    },
    agent: 'test',
    command: '',
    warnings: [],
    elapsedMs: 0,
  };
}

/** A gate that answers with a fixed outcome and remembers what it was asked. */
function fakeGate(outcome: ActionDecision['decision'] | Error, seen: OperationsRequest[] = []): Gate {
  return {
    evaluateCommand: () => decisionOf('deny'),
    evaluateOperations(request) {
      seen.push(request);
      if (outcome instanceof Error) throw outcome;
      return decisionOf(outcome, [`because ${outcome}`]);
    },
  };
}

function call(name: unknown, args: unknown = {}): JSONRPCRequest {
  return {
    jsonrpc: '2.0',
    id: 42,
    method: 'tools/call',
    params: { name, arguments: args } as Record<string, unknown>,
  };
}

function options(gate: Gate, extra: Partial<ToolGateOptions> = {}): ToolGateOptions {
  return { gate, server: 'db', cwd: '/work', agent: 'codex', onBehalfOf: 'jo', ...extra };
}

function textOf(outcome: Awaited<ReturnType<typeof decideToolCall>>): string {
  if (outcome.forward) return '';
  return JSON.stringify(outcome.response);
}

describe('decideToolCall', () => {
  it.each([
    ['allow', true, ''],
    ['deny', false, 'blastwall denied mcp__db__drop_table'],
    ['needs-approval', false, 'No approval server is configured'],
  ] as const)('%s → forward %s', async (outcome, forward, text) => {
    const result = await decideToolCall(
      call('drop_table', { table: 'users' }),
      new ToolCatalog(),
      options(fakeGate(outcome)),
    );
    expect(result.forward).toBe(forward);
    expect(textOf(result)).toContain(text);
    if (!result.forward) expect(result.response).toMatchObject({ id: 42, result: { isError: true } });
  });

  it('hands the gate the classified operations, the agent and the person', async () => {
    const seen: OperationsRequest[] = [];
    await decideToolCall(
      call('drop_table', { table: 'users' }),
      new ToolCatalog(),
      options(fakeGate('allow', seen)),
    );
    expect(seen[0]).toMatchObject({
      agent: 'codex',
      onBehalfOf: 'jo',
      cwd: '/work',
      description: 'mcp__db__drop_table {"table":"users"}',
    });
    expect(seen[0]?.operations[0]).toMatchObject({ kind: 'delete', destructive: true });
  });

  it('uses the annotations remembered from tools/list', async () => {
    const seen: OperationsRequest[] = [];
    const catalog = new ToolCatalog();
    catalog.remember({
      tools: [
        {
          name: 'frobnicate',
          inputSchema: { type: 'object' },
          annotations: { readOnlyHint: true, title: 'x' },
        },
      ],
    });
    await decideToolCall(call('frobnicate'), catalog, options(fakeGate('allow', seen)));
    expect(seen[0]?.operations[0]?.kind).toBe('read');
  });

  it.each([
    ['the gate throws', options(fakeGate(new Error('boom'))), 'could not check'],
    [
      'the audit seam throws',
      options(fakeGate('allow'), { onDecision: () => Promise.reject(new Error('disk full')) }),
      'could not record',
    ],
    ['the call names no tool', options(fakeGate('allow')), 'names no tool'],
  ])('fails closed when %s', async (_label, opts, text) => {
    const request = text === 'names no tool' ? call(undefined) : call('get_thing');
    const result = await decideToolCall(request, new ToolCatalog(), opts);
    expect(result.forward).toBe(false);
    expect(textOf(result)).toContain(text);
  });

  it('sends every decision to the audit seam and held calls to the approval seam', async () => {
    const audited: ToolCallDecision[] = [];
    const held: ToolCallDecision[] = [];
    const result = await decideToolCall(
      call('delete_volume', { volume_id: 'v1' }),
      new ToolCatalog(),
      options(fakeGate('needs-approval'), {
        onDecision: (event) => void audited.push(event),
        onHeld: async (event) => (
          held.push(event),
          { approvalId: 'apr_1', message: 'run `blastwall approve apr_1`' }
        ),
      }),
    );
    expect(audited).toHaveLength(1);
    expect(held[0]?.tool).toBe('delete_volume');
    expect(textOf(result)).toContain('Approval id apr_1');
  });

  it('forwards an allowed call without waiting a turn, unless the audit seam has something to await', async () => {
    const plain = decideToolCall(call('get_thing'), new ToolCatalog(), options(fakeGate('allow')));
    const syncAudit = decideToolCall(
      call('get_thing'),
      new ToolCatalog(),
      options(fakeGate('allow'), { onDecision: () => undefined }),
    );
    const asyncAudit = decideToolCall(
      call('get_thing'),
      new ToolCatalog(),
      options(fakeGate('allow'), { onDecision: async () => undefined }),
    );

    expect(plain).toEqual({ forward: true });
    expect(syncAudit).toEqual({ forward: true });
    expect(asyncAudit).toBeInstanceOf(Promise);
    expect(await asyncAudit).toEqual({ forward: true });
  });

  it('refuses an allowed call whose decision could not be recorded, thrown or rejected', async () => {
    for (const onDecision of [
      () => {
        throw new Error('disk full');
      },
      () => Promise.reject(new Error('disk full')),
    ]) {
      const result = await decideToolCall(
        call('get_thing'),
        new ToolCatalog(),
        options(fakeGate('allow'), { onDecision }),
      );
      expect(result.forward).toBe(false);
      expect(textOf(result)).toContain('could not record the decision');
    }
  });
});
