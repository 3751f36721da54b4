import { describe, expect, it } from 'vitest';
import { fakeGate, testContext } from '../../../test-support/hook-testing.js';
import { runHook } from '../run-hook.js';
import { copilot } from './index.js';

const pre = (toolName: string, args: Record<string, unknown>, asString = true) =>
  JSON.stringify({
    timestamp: 1704614600000,
    cwd: '/work/repo',
    toolName,
    toolArgs: asString ? JSON.stringify(args) : args,
  });

describe('copilot hook adapter', () => {
  it.each([
    [
      'allowed command → empty output',
      pre('bash', { command: 'npm test', description: 'tests' }),
      0,
      undefined,
    ],
    ['held command → deny saying who can approve', pre('bash', { command: 'terraform destroy' }), 0, 'deny'],
    ['denied command → deny', pre('powershell', { command: 'rm -rf /' }), 0, 'deny'],
    ['toolArgs as an object', pre('bash', { command: 'terraform destroy' }, false), 0, 'deny'],
    [
      'edit of a hook file → deny (held)',
      pre('edit', { path: '/work/repo/.github/hooks/hooks.json' }),
      0,
      'deny',
    ],
    [
      'create inside the workspace → empty output',
      pre('create', { path: 'src/new.ts', file_text: '' }),
      0,
      undefined,
    ],
    ['ungated tool → empty output', pre('view', { path: 'README.md' }), 0, undefined],
    ['malformed JSON → deny, exit 0', '{"toolName":', 0, 'deny'],
    ['empty stdin → deny, exit 0', '', 0, 'deny'],
    ['toolArgs not JSON → deny, exit 0', JSON.stringify({ toolName: 'bash', toolArgs: '{nope' }), 0, 'deny'],
    ['no toolName → deny, exit 0', JSON.stringify({ cwd: '/x' }), 0, 'deny'],
  ])('%s', async (_name, raw, exitCode, decision) => {
    const response = await runHook(copilot, raw, testContext(), async () => fakeGate());
    expect(response.exitCode).toBe(exitCode);
    if (decision === undefined) expect(response.stdout).toBe('');
    else
      expect((JSON.parse(response.stdout) as { permissionDecision: string }).permissionDecision).toBe(
        decision,
      );
  });

  it('answers a hold with deny, never ask, and the reason says who can approve and how', async () => {
    const response = await runHook(
      copilot,
      pre('bash', { command: 'terraform destroy' }),
      testContext(),
      async () => fakeGate(),
    );
    const output = JSON.parse(response.stdout) as {
      permissionDecision: string;
      permissionDecisionReason: string;
    };
    expect(output.permissionDecision).toBe('deny');
    expect(output.permissionDecisionReason).toContain('one approval from a senior');
    expect(output.permissionDecisionReason).toContain('until a person approves');
    expect(response.stdout).not.toContain('"ask"');
  });
});
