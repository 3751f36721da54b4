import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { geminiBeforeTool } from './fixtures.js';
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
    ['allowed command → {}', before('run_shell_command', { command: 'npm run build' }), undefined, undefined],
    ['held command → ask', before('run_shell_command', { command: 'terraform destroy' }), 'ask', 'holds'],
    ['denied command → deny', before('run_shell_command', { command: 'rm -rf /' }), 'deny', 'policy says no'],
    [
      'write_file to a secret → ask (held)',
      before('write_file', { file_path: '/work/repo/.env', content: 'A=1' }),
      'ask',
      'holds',
    ],
    [
      'replace in the workspace → {}',
      before('replace', { file_path: '/work/repo/src/a.ts', old_string: 'a', new_string: 'b' }),
      undefined,
      undefined,
    ],
  ])('%s', async (_name, raw, decision, reason) => {
    const response = await runHook(gemini, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(0);
    const output = JSON.parse(response.stdout) as { decision?: string; reason?: string };
    if (decision === undefined) expect(output).toEqual({});
    else {
      expect(output.decision).toBe(decision);
      expect(output.reason).toContain(reason);
    }
  });

  it("answers a hold with ask in the shape of gemini-cli's own test, or deny when told the CLI is older", async () => {
    const raw = before('run_shell_command', { command: 'terraform destroy' });
    const asked = JSON.parse(
      (await runHook(gemini, raw, testContext(), async () => fakeGate())).stdout,
    ) as Record<string, unknown>;
    expect(asked).toMatchObject({ decision: 'ask', hookSpecificOutput: { hookEventName: 'BeforeTool' } });
    expect(asked.systemMessage).toContain('a senior must approve');
    const older = testContext({ env: { BLASTWALL_GEMINI_NO_ASK: '1' } });
    const denied = JSON.parse((await runHook(gemini, raw, older, async () => fakeGate())).stdout) as Record<
      string,
      string
    >;
    expect(denied.decision).toBe('deny');
    expect(denied.reason).toContain('cannot ask for approval');
  });

  it.each([
    [
      'mcp_<server>_<tool> with mcp_context (v0.34+)',
      'mcp_k8s_delete_namespace',
      { server_name: 'k8s', tool_name: 'delete_namespace' },
    ],
    [
      'mcp_context naming a server with underscores',
      'mcp_prod_k8s_delete_namespace',
      { server_name: 'prod_k8s', tool_name: 'delete_namespace' },
    ],
    ['mcp_<server>_<tool> without mcp_context', 'mcp_k8s_delete_namespace', undefined],
    ['<server>__<tool> (before v0.34)', 'k8s__delete_namespace', undefined],
    ['mcp__<server>__<tool>', 'mcp__k8s__delete_namespace', undefined],
  ])('gates an MCP call named %s', async (_name, tool, mcpContext) => {
    const gate = fakeGate();
    const raw = geminiBeforeTool('/work/repo', tool, { name: 'prod' }, mcpContext);
    const response = await runHook(gemini, raw, testContext(), async () => gate);
    expect((JSON.parse(response.stdout) as { decision: string }).decision).toBe('ask');
    expect(gate.operations[0]?.description).toContain('delete_namespace');
    expect(gate.operations[0]?.description).toContain(mcpContext?.server_name ?? 'k8s');
  });

  it('leaves built-in tools with underscores alone', async () => {
    const gate = fakeGate();
    const response = await runHook(
      gemini,
      geminiBeforeTool('/work/repo', 'google_web_search', { query: 'x' }),
      testContext(),
      async () => gate,
    );
    expect(JSON.parse(response.stdout)).toEqual({});
    expect(gate.operations).toHaveLength(0);
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
