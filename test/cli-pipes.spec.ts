// A reader that goes away early (`blastwall … | head`) must not turn into an internal error.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScratchRepo } from '../src/adapters/git/scratch-repo.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');

/** Runs the CLI with its stdout's reading end closed before it writes anything. */
function withClosedStdout(
  args: string[],
  input?: string,
  cwd?: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', BLASTWALL_HOOK_DAEMON: '0', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
    child.stdin.end(input ?? '');
  });
}

describe('a closed pipe', () => {
  it.each([[['--help']], [['capacity', '--help']], [['capacity', '--weeks', '2', '--json']]])(
    'blastwall %j stops quietly with exit 0',
    async (args) => {
      const { code, stderr } = await withClosedStdout(args);

      expect(stderr).toBe('');
      expect(code).toBe(0);
    },
  );

  // A hold or denial is an answer on stdout; lost, it must not read as "go ahead" (exit 0 and silence).
  // (An allowed command's answer is empty: nothing is lost when nobody reads it.)
  it('blocks a hook whose agent stopped reading (exit 2), never lets it through', async () => {
    const payload = JSON.stringify({
      session_id: 's',
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'terraform destroy -auto-approve' },
      cwd: process.cwd(),
    });

    const { code } = await withClosedStdout(['hook', 'claude-code'], payload);

    expect(code).toBe(2);
  });

  // The push check and CI run `check … --no-risk` from the bundle: a lost report must not become exit 0.
  it('keeps the decision of a check whose reader went away (exit 1 for a change that needs a sign-off)', async () => {
    const repo = createScratchRepo('bw-pipes-');
    try {
      repo.commit('initial', {
        'blastwall.yaml':
          'people:\n  - { id: jo, level: junior, emails: [jo@example.com] }\nservices:\n  - { id: pay, tier: 1, paths: ["pay/**"] }\n',
        'pay/a.ts': 'export const a = 1;\n',
      });
      repo.git('checkout', '-q', '-b', 'feature');
      repo.commit(
        'change pay\n\nCo-authored-by: Claude <noreply@anthropic.com>',
        { 'pay/a.ts': 'export const a = 2;\n'.repeat(20_000) },
        { name: 'Jo', email: 'jo@example.com' },
      );

      const { code, stderr } = await withClosedStdout(
        ['check', 'main..feature', '--no-risk', '--json'],
        undefined,
        repo.dir,
        { NODE_DEBUG: 'blastwall' },
      );

      expect(stderr).toMatch(/check bundle/); // answered by the bundled check, not the full CLI
      expect(stderr).not.toMatch(/internal error/);
      expect(code).toBe(1);
    } finally {
      repo.remove();
    }
  });
});
