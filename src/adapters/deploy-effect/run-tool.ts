import { spawn } from 'node:child_process';

/** What a tool printed and how it ended. */
export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How to run a tool: where, with which environment, for how long, telling whom. */
export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  timeoutMs: number;
  /** A line for a person on stderr: what runs and that it is still running. */
  progress?: (line: string) => void;
}

/** A tool that is missing, too slow or failed to start: the effect is then not known (and the deploy held). */
export class ToolUnavailable extends Error {
  readonly code = 'tool-unavailable';
}

const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * Runs a tool in its own process group, killed with everything it started (terraform's providers) when the
 * time is up. Resolves with its output whatever its exit code; rejects with ToolUnavailable when it could
 * not run or did not finish in time.
 */
export function runTool(file: string, args: readonly string[], options: RunOptions): Promise<ToolRun> {
  const label = [file, ...args.slice(0, 3)].join(' ');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(ticker);
      fn();
    };
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      killGroup();
      finish(() =>
        reject(
          new ToolUnavailable(`${label} did not answer within ${(options.timeoutMs / 1000).toFixed(1)} s`),
        ),
      );
    }, options.timeoutMs);
    const ticker = setInterval(() => {
      options.progress?.(`still running ${label} (${Math.round((performance.now() - started) / 1000)} s)…`);
    }, 1000);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        killGroup();
        finish(() => reject(new ToolUnavailable(`${label} printed more than 64 MB`)));
        return;
      }
      into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish(() =>
        reject(
          new ToolUnavailable(
            error.code === 'ENOENT'
              ? `${file} is not installed (not on PATH)`
              : `${label} could not start: ${error.message}`,
          ),
        ),
      );
    });
    child.on('close', (code) => {
      finish(() =>
        resolve({
          code,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        }),
      );
    });
  });
}

// Colour codes a tool printed despite -no-color.
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/** The first line of what a failed tool said, for a reason a person reads. */
export function firstLine(run: ToolRun): string {
  const line = (run.stderr.trim() || run.stdout.trim()).split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(COLOUR, '').trim().slice(0, 300) || `exit code ${run.code}`;
}
