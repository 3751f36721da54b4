import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { cursor } from './index.js';
import { cursorBeforeReadFile } from './fixtures.js';
import { realGateFixture } from '../real-gate-testing.js';

const common = { conversation_id: 'c1', generation_id: 'g1', workspace_roots: ['/work/repo'] };
const shell = (command: string) =>
  JSON.stringify({ ...common, hook_event_name: 'beforeShellExecution', command, cwd: '/work/repo' });
const mcp = (tool: string, input: unknown) =>
  JSON.stringify({
    ...common,
    hook_event_name: 'beforeMCPExecution',
    tool_name: tool,
    tool_input: input,
    command: 'npx db-server',
  });
const read = (file: string) =>
  JSON.stringify({ ...common, hook_event_name: 'beforeReadFile', file_path: file, content: '' });

describe('cursor hook adapter', () => {
  it.each([
    ['allowed command', shell('git status'), 0, 'allow'],
    ['held command → ask', shell('terraform destroy'), 0, 'ask'],
    ['denied command → deny', shell('rm -rf /'), 0, 'deny'],
    ['MCP tool with JSON-string input → ask', mcp('drop_table', '{"table":"users"}'), 0, 'ask'],
    ['MCP tool with object input → ask', mcp('truncate', { table: 'users' }), 0, 'ask'],
    ['read-named MCP tool → allow', mcp('list_tables', '{}'), 0, 'allow'],
    ['reading an ordinary file → allow', read('/work/repo/src/a.ts'), 0, 'allow'],
    ['malformed JSON → deny, exit 2', '{"hook_event_name"', 2, 'deny'],
    ['empty stdin → deny, exit 2', '', 2, 'deny'],
    [
      'unknown event → deny, exit 2',
      JSON.stringify({ ...common, hook_event_name: 'afterFileEdit' }),
      2,
      'deny',
    ],
    ['MCP input that is not JSON → deny, exit 2', mcp('drop_table', '{oops'), 2, 'deny'],
  ])('%s', async (_name, raw, exitCode, permission) => {
    const response = await runHook(cursor, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(exitCode);
    expect((JSON.parse(response.stdout) as { permission: string }).permission).toBe(permission);
  });

  it('holds a secret read as deny on the real gate, since beforeReadFile has no ask', async () => {
    const world = realGateFixture();
    try {
      const raw = cursorBeforeReadFile(world.repo, join(world.repo, '.env'), 'API_KEY=1\n');
      const response = await runHook(cursor, raw, world.context, world.gateFor);
      const output = JSON.parse(response.stdout) as { permission: string; agent_message: string };
      expect(output.permission).toBe('deny');
      expect(output.agent_message).toContain('reading a secret');
      expect(output.agent_message).toContain('until a person approves');
    } finally {
      world.remove();
    }
  });
});
