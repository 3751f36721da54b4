import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  generateToken,
  hashToken,
  openStore,
  type Store,
  type TokenInput,
} from '../../adapters/storage/index.js';
import type { ActionRequest, Gate } from '../../app/gate-types.js';
import type { ActionDecision } from '../../core/actions/types.js';
import type { Outcome } from '../../core/model.js';
import { requirementOf } from './actions-routes.js';
import { createHttpApp } from './app.js';
import { createMetrics } from './metrics.js';

function decisionOf(outcome: Outcome, request: ActionRequest): ActionDecision {
  const held = outcome === 'needs-approval';
  return {
    decision: outcome,
    reasons: outcome === 'allow' ? [] : [`[policy-${outcome}] because`],
    requirements:
      outcome === 'allow'
        ? []
        : [
            {
              policy: `policy-${outcome}`,
              reason: 'because',
              kind: held ? 'approval' : 'deny',
              satisfied: false,
              approvedBy: [],
              ...(held && { satisfier: { approvals: 1, minLevel: 'senior' as const, notAuthor: true } }),
            },
          ],
    operations: [],
    blastRadius: { services: [], maxTier: undefined, score: 0 } as unknown as ActionDecision['blastRadius'],
    agent: request.agent ?? 'agent',
    ...(request.onBehalfOf !== undefined && { onBehalfOf: request.onBehalfOf }),
    command: request.command,
    warnings: [],
    elapsedMs: 0,
  };
}

/** Decides by the command's first word: `allow …`, `deny …`, anything else is held. */
const fakeGate: Gate = {
  evaluateCommand: (request) =>
    decisionOf(
      request.command.startsWith('allow')
        ? 'allow'
        : request.command.startsWith('deny')
          ? 'deny'
          : 'needs-approval',
      request,
    ),
  evaluateOperations: () => {
    throw new Error('not used');
  },
};

let dir: string;
let store: Store;
let app: ReturnType<typeof createHttpApp>;
const tokens: Record<string, string> = {};
const metrics = createMetrics();

async function issue(name: string, input: Omit<TokenInput, 'hash'>): Promise<void> {
  const token = generateToken();
  await store.createToken({ ...input, hash: hashToken(token) }, 'test');
  tokens[name] = token;
}

async function call(
  path: string,
  token: string | undefined,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-actions-'));
  store = await openStore(join(dir, 'a.db'));
  app = createHttpApp({
    store,
    gate: fakeGate,
    metrics,
    approvalTtlMinutes: 30,
    repo: dir,
    runCheck: () => Promise.reject(new Error('not used')),
  });
  await store.upsertPeople(
    [
      { id: 'jo', level: 'junior', emails: [], teams: [], logins: [] },
      { id: 'sam', level: 'senior', emails: [], teams: [], logins: [] },
    ],
    'test',
  );
  await issue('agent', { role: 'agent', agentId: 'codex', personId: 'jo' });
  await issue('sam', { role: 'reviewer', personId: 'sam' });
  await issue('ingest', { role: 'ingest' });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/actions/evaluate', () => {
  it.each([
    ['allow ls', 'allow'],
    ['deny rm -rf /', 'deny'],
    ['kubectl scale', 'needs-approval'],
  ])('records %s as %s, with the agent and person of the token', async (command, outcome) => {
    const answer = await call('/v1/actions/evaluate', tokens.agent, { command, sessionId: 's' });
    const stored = await store.getActionDecision(String(answer.body.actionId));

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ decision: outcome, agent: 'codex', onBehalfOf: 'jo' });
    expect(stored).toMatchObject({
      command,
      agent: 'codex',
      onBehalfOf: 'jo',
      sessionId: 's',
      decision: outcome,
    });
    expect('approvalId' in answer.body).toBe(outcome === 'needs-approval');
  });

  it('opens an approval with the folded requirement; once approved, the same command and session is allowed, another session is not', async () => {
    const held = await call('/v1/actions/evaluate', tokens.agent, {
      command: 'kubectl scale',
      sessionId: 's1',
    });
    const approval = await store.getApproval(String(held.body.approvalId));
    await store.decideApproval({ id: String(held.body.approvalId), personId: 'sam', decision: 'approve' });
    const same = await call('/v1/actions/evaluate', tokens.agent, {
      command: 'kubectl scale',
      sessionId: 's1',
    });
    const other = await call('/v1/actions/evaluate', tokens.agent, {
      command: 'kubectl scale',
      sessionId: 's2',
    });

    expect(approval).toMatchObject({
      status: 'pending',
      requirement: {
        approvals: 1,
        minLevel: 'senior',
        notAuthor: true,
        authors: ['jo'],
        policies: ['policy-needs-approval'],
      },
    });
    expect(same.body).toMatchObject({ decision: 'allow', approvalId: held.body.approvalId });
    expect(other.body.decision).toBe('needs-approval');
    expect(other.body.approvalId).not.toBe(held.body.approvalId);
  });

  it.each([
    ['malformed JSON', '{"command"', 400, 'malformed-json'],
    ['a number for the command', { command: 1 }, 400, 'invalid-request'],
    ['an empty command', { command: '' }, 400, 'invalid-request'],
    ['an unknown field', { command: 'ls', extra: true }, 400, 'invalid-request'],
  ])('refuses %s with %i', async (_name, body, status, code) => {
    const answer = await call('/v1/actions/evaluate', tokens.agent, body);

    expect(answer).toMatchObject({ status, body: { error: { code } } });
  });

  it.each([
    ['another agent', { agent: 'claimed-agent' }, 'wrong-agent'],
    ['another person', { onBehalfOf: 'sam' }, 'wrong-person'],
  ])('refuses an agent token that claims %s, rather than believing it', async (_name, claim, code) => {
    const answer = await call('/v1/actions/evaluate', tokens.agent, { command: 'kubectl scale', ...claim });

    expect(answer).toMatchObject({ status: 403, body: { error: { code } } });
    expect(await store.listApprovals()).toEqual([]);
  });

  it('refuses an ingest token and a missing one', async () => {
    expect((await call('/v1/actions/evaluate', tokens.ingest, { command: 'ls' })).status).toBe(403);
    expect((await call('/v1/actions/evaluate', undefined, { command: 'ls' })).status).toBe(401);
  });

  it('counts decisions by outcome and policy, and their latency, in /metrics', async () => {
    await call('/v1/actions/evaluate', tokens.agent, { command: 'deny it' });
    const text = await (await app.request('/metrics')).text();

    expect(text).toMatch(/^blastwall_decisions_total\{outcome="deny",policy="policy-deny"\} [1-9]\d*$/m);
    expect(text).toMatch(/^blastwall_decision_duration_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
    expect(text).toMatch(/^blastwall_pending_approvals 0$/m);
  });
});

describe('requirementOf', () => {
  it('takes the strictest of several unmet requirements and names the person as author', () => {
    const decision = decisionOf('needs-approval', { command: 'x' });
    decision.requirements.push({
      policy: 'two',
      reason: '',
      kind: 'approval',
      satisfied: false,
      approvedBy: [],
      satisfier: { approvals: 2, minLevel: 'principal', notAuthor: false, ownerOf: ['payments'] },
    });
    decision.requirements.push({
      policy: 'met',
      reason: '',
      kind: 'approval',
      satisfied: true,
      approvedBy: [],
      satisfier: { approvals: 5, notAuthor: false },
    });

    expect(requirementOf(decision, 'jo')).toEqual({
      approvals: 2,
      minLevel: 'principal',
      notAuthor: true,
      ownerOf: ['payments'],
      authors: ['jo'],
      requester: 'jo',
      policies: ['policy-needs-approval', 'two'],
      parts: [
        { policy: 'policy-needs-approval', approvals: 1, minLevel: 'senior' },
        { policy: 'two', approvals: 2, minLevel: 'principal', ownerOf: ['payments'] },
      ],
    });
  });
});
