import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { codexPreToolUse } from './fixtures.js';
import { codex } from './index.js';

function pre(tool: string, input: Record<string, unknown>): string {
  return codexPreToolUse('/work/repo', tool, input);
}

const patch = (header: string) => `*** Begin Patch\n${header}\n@@\n-a\n+b\n*** End Patch\n`;

describe('codex hook adapter', () => {
  it.each([
    ['allowed command', pre('Bash', { command: 'cargo test' }), 0, ''],
    [
      'held command blocks (no ask in Codex PreToolUse)',
      pre('Bash', { command: 'terraform destroy' }),
      2,
      'cannot ask for approval',
    ],
    ['denied command blocks', pre('Bash', { command: 'mysql -e "DROP DATABASE shop"' }), 2, 'policy says no'],
    [
      'apply_patch inside the workspace',
      pre('apply_patch', { command: patch('*** Update File: src/main.rs') }),
      0,
      '',
    ],
    [
      'apply_patch of hook settings is held',
      pre('apply_patch', { command: patch('*** Update File: .codex/hooks.json') }),
      2,
      'holds',
    ],
    [
      'apply_patch deleting a workflow is held',
      pre('apply_patch', { command: patch('*** Delete File: .github/workflows/deploy.yml') }),
      2,
      'holds',
    ],
    ['unknown MCP tool is held', pre('mcp__cloud__delete_volume', { id: 'vol-1' }), 2, 'holds'],
    ['malformed JSON', '{not json', 2, 'not JSON'],
    ['empty stdin', '', 2, 'empty'],
    ['unknown event', JSON.stringify({ hook_event_name: 'Stop' }), 2, 'unsupported'],
    ['apply_patch naming no file', pre('apply_patch', { command: 'garbage' }), 2, 'names no file'],
  ])('%s', async (_name, raw, exitCode, stderr) => {
    const response = await runHook(codex, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(exitCode);
    expect(response.stdout).toBe('');
    if (stderr) expect(response.stderr).toContain(stderr);
    else expect(response.stderr).toBe('');
  });
});
