// A reader that goes away early (`blastwall … | head`) must not turn into an internal error.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');

/** Runs the CLI with its stdout's reading end closed before it writes anything. */
function withClosedStdout(args: string[], input?: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', BLASTWALL_HOOK_DAEMON: '0' },
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
});
