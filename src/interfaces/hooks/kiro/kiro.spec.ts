import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { kiro } from './index.js';

const pre = (tool: string, input: Record<string, unknown>) =>
  JSON.stringify({ hook_event_name: 'preToolUse', cwd: '/work/repo', tool_name: tool, tool_input: input });

describe('kiro hook adapter', () => {
  it.each([
    ['allowed command', pre('execute_bash', { command: 'ls -la' }), 0, ''],
    [
      'held command blocks with instructions',
      pre('execute_bash', { command: 'terraform destroy' }),
      2,
      'cannot ask for approval',
    ],
    ['denied command blocks', pre('shell', { command: 'rm -rf /' }), 2, 'policy says no'],
    [
      'fs_write to the agent config is held',
      pre('fs_write', { command: 'create', path: '/work/repo/.kiro/agents/default.json' }),
      2,
      'holds',
    ],
    [
      'fs_write in the workspace passes',
      pre('fs_write', { command: 'create', path: 'src/a.ts', file_text: '' }),
      0,
      '',
    ],
    [
      'use_aws delete is held',
      pre('use_aws', { service_name: 'ec2', operation_name: 'terminate-instances', profile_name: 'prod' }),
      2,
      'holds',
    ],
    [
      'use_aws describe passes',
      pre('use_aws', { service_name: 'ec2', operation_name: 'describe-instances' }),
      0,
      '',
    ],
    ['MCP tool (@server/tool) is held', pre('@db/drop_table', { table: 'users' }), 2, 'holds'],
    ['malformed JSON', '{', 2, 'not JSON'],
    ['empty stdin', '', 2, 'empty'],
    ['unknown event', JSON.stringify({ hook_event_name: 'stop', cwd: '/x' }), 2, 'unsupported'],
  ])('%s', async (_name, raw, exitCode, stderr) => {
    const response = await runHook(kiro, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(exitCode);
    expect(response.stdout).toBe('');
    if (stderr) expect(response.stderr).toContain(stderr);
    else expect(response.stderr).toBe('');
  });
});
