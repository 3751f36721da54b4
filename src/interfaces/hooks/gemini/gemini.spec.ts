import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { gemini } from './index.js';

function before(tool: string, input: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: 's1',
    transcript_path: '/t.json',
    cwd: '/work/repo',
    hook_event_name: 'BeforeTool',
    timestamp: '2026-01-01T00:00:00Z',
    tool_name: tool,
    tool_input: input,
  });
}

describe('gemini hook adapter', () => {
  it.each([
    ['allowed command → {}', before('run_shell_command', { command: 'npm run build' }), 0, undefined],
    [
      'held command → deny with approval instructions',
      before('run_shell_command', { command: 'terraform destroy' }),
      0,
      'cannot ask for approval',
    ],
    ['denied command → deny', before('run_shell_command', { command: 'rm -rf /' }), 0, 'policy says no'],
    [
      'write_file to a secret → deny (held)',
      before('write_file', { file_path: '/work/repo/.env', content: 'A=1' }),
      0,
      'secret file',
    ],
    [
      'replace in the workspace → {}',
      before('replace', { file_path: '/work/repo/src/a.ts', old_string: 'a', new_string: 'b' }),
      0,
      undefined,
    ],
    ['MCP tool → deny (held)', before('mcp__k8s__delete_namespace', { name: 'prod' }), 0, 'holds'],
  ])('%s', async (_name, raw, exitCode, reason) => {
    const response = await runHook(gemini, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(exitCode);
    const output = JSON.parse(response.stdout) as { decision?: string; reason?: string };
    if (reason === undefined) expect(output).toEqual({});
    else {
      expect(output.decision).toBe('deny');
      expect(output.reason).toContain(reason);
    }
  });

  it.each([
    ['malformed JSON', '{"a":'],
    ['empty stdin', ''],
    ['unknown event', JSON.stringify({ hook_event_name: 'AfterTool', tool_name: 'x' })],
    ['shell without command', before('run_shell_command', {})],
  ])('blocks with exit 2 on %s', async (_name, raw) => {
    const response = await runHook(gemini, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(2);
    expect(response.stderr).toMatch(/blastwall/);
  });
});
