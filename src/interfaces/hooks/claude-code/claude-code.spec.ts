import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { claudeCode } from './index.js';

function pre(tool: string, input: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: 's1',
    cwd: '/work/repo',
    hook_event_name: 'PreToolUse',
    tool_name: tool,
    tool_input: input,
  });
}

async function run(raw: string) {
  const gate = fakeGate();
  const response = await runHook(claudeCode, raw, testContext(), async () => gate);
  const json = response.stdout
    ? (JSON.parse(response.stdout) as {
        hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
      })
    : undefined;
  return {
    response,
    decision: json?.hookSpecificOutput.permissionDecision,
    reason: json?.hookSpecificOutput.permissionDecisionReason,
    gate,
  };
}

describe('claude-code hook adapter', () => {
  it.each([
    ['allowed command → no output, exit 0', pre('Bash', { command: 'npm test' }), 0, undefined],
    ['held command → ask', pre('Bash', { command: 'terraform destroy' }), 0, 'ask'],
    ['denied command → deny', pre('Bash', { command: 'psql -c "DROP TABLE users"' }), 0, 'deny'],
    [
      'Write inside the workspace → no output',
      pre('Write', { file_path: '/work/repo/src/a.ts', content: 'x' }),
      0,
      undefined,
    ],
    [
      'Write to hook settings → ask (self-protection)',
      pre('Write', { file_path: '/work/repo/.claude/settings.json', content: '{}' }),
      0,
      'ask',
    ],
    [
      'Edit outside the workspace → ask',
      pre('Edit', { file_path: '/etc/hosts', old_string: 'a', new_string: 'b' }),
      0,
      'ask',
    ],
    [
      'NotebookEdit of a workflow → ask',
      pre('NotebookEdit', { notebook_path: '/work/repo/.github/workflows/x.ipynb' }),
      0,
      'ask',
    ],
    ['unknown MCP tool → ask', pre('mcp__db__drop_table', { table: 'users' }), 0, 'ask'],
    ['read-named MCP tool → no output', pre('mcp__db__list_tables', {}), 0, undefined],
    ['ungated tool → no output', pre('Glob', { pattern: '**/*.ts' }), 0, undefined],
  ])('%s', async (_name, raw, exitCode, decision) => {
    const { response, decision: actual } = await run(raw);
    expect(response.exitCode).toBe(exitCode);
    expect(actual).toBe(decision);
  });

  it.each([
    ['malformed JSON', '{"hook_event_name": '],
    ['empty stdin', ''],
    ['not an object', '[1,2]'],
    [
      'unknown event',
      JSON.stringify({ hook_event_name: 'PostToolUse', tool_name: 'Bash', tool_input: { command: 'ls' } }),
    ],
    ['Bash without command', pre('Bash', {})],
    ['Write without file_path', pre('Write', { content: 'x' })],
  ])('blocks with exit 2 on %s', async (_name, raw) => {
    const { response } = await run(raw);
    expect(response.exitCode).toBe(2);
    expect(response.stdout).toBe('');
    expect(response.stderr).toMatch(/blastwall/);
  });

  it('passes session, cwd and agent to the gate', async () => {
    const { gate } = await run(pre('Bash', { command: 'ls' }));
    expect(gate.commands).toEqual([
      { command: 'ls', cwd: '/work/repo', agent: 'claude-code', sessionId: 's1' },
    ]);
  });

  it('blocks with exit 2 when the gate cannot be created (config error)', async () => {
    const response = await runHook(claudeCode, pre('Bash', { command: 'ls' }), testContext(), async () => {
      throw new Error('blastwall.yaml:3: people[0].level must be one of junior, mid, senior, principal');
    });
    expect(response.exitCode).toBe(2);
    expect(response.stderr).toContain('blastwall.yaml:3');
  });

  it('says in a hold who can approve', async () => {
    const { reason } = await run(pre('Bash', { command: 'terraform destroy' }));
    expect(reason).toContain('one approval from a senior');
  });
});
