import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/cli-testing.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-gate-limits-'));
  writeFileSync(
    join(dir, 'blastwall.yaml'),
    'people:\n  - { id: pat, level: senior }\nenvironments:\n  prod: { protected: true, match: { kubeContext: ["prod-*"] } }\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OVERSIZED = `kubectl --context prod-eu delete ns ${Array.from({ length: 30_000 }, () => 'n').join(' ')}`;
const env = { BLASTWALL_CACHE: 'off', BLASTWALL_ON_BEHALF_OF: 'pat', HOME: '/nonexistent' };

describe('the gate and hooks on commands too big to read', () => {
  it('gate holds a 60 KB command with 30,000 arguments (exit 3), naming the cap, fast', async () => {
    // The first run in this process loads the CLI's modules; the one measured is the gate's own work.
    await runCli(['gate', '--json', '--command', 'ls'], { cwd: dir, env });
    const started = performance.now();
    const result = await runCli(['gate', '--json', '--command', OVERSIZED], { cwd: dir, env });
    const ms = performance.now() - started;

    expect(result.code).toBe(3);
    const decision = JSON.parse(result.stdout) as { decision: string; warnings: string[] };
    expect(decision.decision).toBe('needs-approval');
    expect(decision.warnings.join('\n')).toMatch(/characters long, more than the 8192 the gate reads/);
    // Reading it took 5 s before the caps; now the configuration load dominates.
    expect(ms).toBeLessThan(1000);
  });

  it('the Claude Code hook asks a person about it instead of running it', async () => {
    const payload = JSON.stringify({
      session_id: 's1',
      cwd: dir,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: OVERSIZED },
    });

    const result = await runCli(['hook', 'claude-code'], { cwd: dir, env, stdin: payload });

    const output = JSON.parse(result.stdout) as {
      hookSpecificOutput: { permissionDecision: string; permissionDecisionReason: string };
    };
    expect(['ask', 'deny']).toContain(output.hookSpecificOutput.permissionDecision);
    expect(output.hookSpecificOutput.permissionDecisionReason).toMatch(/characters long/);
  });
});
