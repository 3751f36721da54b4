import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { attestPaths } from '../../adapters/attest/key.js';
import { readAttestations } from '../../adapters/attest/store.js';
import { lineHash } from '../../core/provenance/attestation.js';
import { fakeGate } from '../../test-support/hook-testing.js';
import { attestingDecisions } from './attest.js';
import { decideToolCall, ToolCatalog } from './tool-gate.js';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function call(tool: string, args: Record<string, unknown>) {
  return { jsonrpc: '2.0' as const, id: 1, method: 'tools/call', params: { name: tool, arguments: args } };
}

describe("the gateway's file writes", () => {
  it('attests an allowed write_file, signed, with the agent and the person', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-mcp-attest-'));
    const env = { BLASTWALL_DATA_DIR: join(dir, 'data') };
    const options = {
      gate: fakeGate(),
      server: 'filesystem',
      cwd: dir,
      onDecision: attestingDecisions(undefined, { cwd: dir, agent: 'cursor', onBehalfOf: 'jo', env }),
    };

    const outcome = await decideToolCall(
      call('write_file', { path: 'a.ts', content: 'export const a = 1;\n' }),
      new ToolCatalog(),
      options,
    );

    expect(outcome).toEqual({ forward: true });
    expect(readAttestations(attestPaths(env)).records).toMatchObject([
      {
        file: join(dir, 'a.ts'),
        lines: [lineHash('export const a = 1;')],
        agent: 'cursor',
        onBehalfOf: 'jo',
        tool: 'mcp:filesystem:write_file',
      },
    ]);
  });

  it('refuses the call when the write cannot be attested', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-mcp-attest-'));
    writeFileSync(join(dir, 'data'), 'not a folder');
    const env = { BLASTWALL_DATA_DIR: join(dir, 'data') };
    const options = {
      gate: fakeGate(),
      server: 'filesystem',
      cwd: dir,
      onDecision: attestingDecisions(undefined, { cwd: dir, env }),
    };

    const outcome = await decideToolCall(
      call('write_file', { path: 'a.ts', content: 'export const a = 1;\n' }),
      new ToolCatalog(),
      options,
    );

    expect(outcome).toMatchObject({ forward: false });
  });
});
