import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeCode } from './claude-code/index.js';
import { claudePreToolUse } from './claude-code/fixtures.js';
import { copilot } from './copilot/index.js';
import { copilotPreToolUse } from './copilot/fixtures.js';
import { cursor } from './cursor/index.js';
import { cursorBeforeReadFile } from './cursor/fixtures.js';
import { gemini } from './gemini/index.js';
import { geminiBeforeTool } from './gemini/fixtures.js';
import { kiro } from './kiro/index.js';
import { kiroFsRead } from './kiro/fixtures.js';
import { realGateFixture, type RealGateFixture } from './real-gate-testing.js';
import { runHook } from './run-hook.js';
import type { HookAdapter, HookResponse } from './types.js';

// Secret reads through every agent's own read tool and through MCP file servers, decided by the real gate
// with the shipped policies: the hold must come from `agent-secret-read`, not from a test double.
let world: RealGateFixture;
beforeAll(() => {
  world = realGateFixture();
});
afterAll(() => world.remove());

type Held = (response: HookResponse) => string | undefined;
const claudeHeld: Held = (r) => {
  const out = r.stdout ? (JSON.parse(r.stdout) as { hookSpecificOutput: Record<string, string> }) : undefined;
  return out?.hookSpecificOutput.permissionDecision === 'ask'
    ? out.hookSpecificOutput.permissionDecisionReason
    : undefined;
};
const copilotHeld: Held = (r) => {
  const out = r.stdout ? (JSON.parse(r.stdout) as Record<string, string>) : undefined;
  return out?.permissionDecision === 'deny' ? out.permissionDecisionReason : undefined;
};
const cursorHeld: Held = (r) => {
  const out = JSON.parse(r.stdout) as Record<string, string>;
  return out.permission === 'deny' ? out.agent_message : undefined;
};
const geminiHeld: Held = (r) => {
  const out = JSON.parse(r.stdout) as Record<string, string>;
  return out.decision === 'ask' ? out.reason : undefined;
};
const kiroHeld: Held = (r) => (r.exitCode === 2 ? r.stderr : undefined);

interface Case {
  name: string;
  adapter: HookAdapter;
  payload: (path: string) => string;
  held: Held;
}

const CASES: Case[] = [
  {
    name: 'Claude Code Read',
    adapter: claudeCode,
    payload: (p) => claudePreToolUse(world.repo, 'Read', { file_path: p }),
    held: claudeHeld,
  },
  {
    name: 'Copilot view',
    adapter: copilot,
    payload: (p) => copilotPreToolUse(world.repo, 'view', { path: p }),
    held: copilotHeld,
  },
  {
    name: 'Cursor beforeReadFile',
    adapter: cursor,
    payload: (p) => cursorBeforeReadFile(world.repo, p, 'KEY=1\n'),
    held: cursorHeld,
  },
  {
    name: 'Gemini read_file',
    adapter: gemini,
    payload: (p) => geminiBeforeTool(world.repo, 'read_file', { file_path: p }),
    held: geminiHeld,
  },
  { name: 'Kiro fs_read', adapter: kiro, payload: (p) => kiroFsRead(world.repo, p), held: kiroHeld },
  {
    name: 'Claude Code MCP filesystem read_text_file',
    adapter: claudeCode,
    payload: (p) => claudePreToolUse(world.repo, 'mcp__filesystem__read_text_file', { path: p }),
    held: claudeHeld,
  },
  {
    name: 'Gemini MCP read (mcp_<server>_<tool> with mcp_context)',
    adapter: gemini,
    payload: (p) =>
      geminiBeforeTool(
        world.repo,
        'mcp_filesystem_read_multiple_files',
        { paths: ['README.md', p] },
        {
          server_name: 'filesystem',
          tool_name: 'read_multiple_files',
          command: 'npx',
          args: ['-y', '@modelcontextprotocol/server-filesystem', world.repo],
        },
      ),
    held: geminiHeld,
  },
];

const SECRETS = [
  (w: RealGateFixture) => join(w.repo, '.env'),
  (w: RealGateFixture) => join(w.home, '.ssh', 'id_ed25519'),
  (w: RealGateFixture) => join(w.home, '.aws', 'credentials'),
];

describe('agent-secret-read on the real gate', () => {
  for (const c of CASES) {
    it(`${c.name}: secrets are held by agent-secret-read, ordinary files pass`, async () => {
      for (const secret of SECRETS) {
        const response = await runHook(c.adapter, c.payload(secret(world)), world.context, world.gateFor);
        const reason = c.held(response);
        expect(reason, `${c.name} reading ${secret(world)}: ${response.stdout}${response.stderr}`).toContain(
          'reading a secret',
        );
      }
      const ordinary = await runHook(
        c.adapter,
        c.payload(join(world.repo, 'README.md')),
        world.context,
        world.gateFor,
      );
      expect(c.held(ordinary)).toBeUndefined();
      expect(ordinary.exitCode).toBe(0);
    });
  }

  it('does not hold a template of secrets (.env.example)', async () => {
    const raw = claudePreToolUse(world.repo, 'Read', { file_path: join(world.repo, '.env.example') });
    const response = await runHook(claudeCode, raw, world.context, world.gateFor);
    expect(response.stdout).toBe('');
  });
});
