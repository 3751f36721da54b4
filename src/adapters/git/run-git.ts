import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlastwallError } from '../../core/errors.js';

/**
 * Runs git in a repository and returns stdout; failures name git and what it said. `viaFile`: git writes its
 * output to an unlinked temporary file, read once it exits, instead of a pipe. For a large output (a change's
 * patch, about a megabyte on the 2,000-file bench change) that costs this process a third of the CPU: a pipe
 * hands the output over in ~10 KiB reads, each a turn of the event loop.
 */
export function runGit(
  repo: string,
  args: string[],
  options: { allowFailure?: boolean; env?: Record<string, string | undefined>; viaFile?: boolean } = {},
): Promise<string> {
  const env = { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };
  const failed = (said: string, cause: unknown) =>
    new BlastwallError('external', `git ${args[0]} failed in ${repo}: ${said}`, { cause });
  if (options.viaFile) return runGitViaFile(repo, args, env, options.allowFailure === true, failed);
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: repo, maxBuffer: 1 << 30, encoding: 'utf8', env },
      (error, stdout, stderr) => {
        if (error) {
          if (options.allowFailure) return resolve('');
          return reject(failed(stderr.trim().split('\n')[0] || error.message, error));
        }
        resolve(stdout);
      },
    );
  });
}

function runGitViaFile(
  repo: string,
  args: string[],
  env: Record<string, string | undefined>,
  allowFailure: boolean,
  failed: (said: string, cause: unknown) => BlastwallError,
): Promise<string> {
  const file = join(tmpdir(), `blastwall-git-${process.pid}-${randomBytes(6).toString('hex')}`);
  // Created new (never through a link someone placed), readable by this user only, and unlinked at once where the
  // system allows it (the open descriptor keeps it), so nothing is left behind.
  const fd = openSync(file, 'wx+', 0o600);
  let linked = true;
  try {
    rmSync(file);
    linked = false;
  } catch {
    // removed below, after the read
  }
  let open = true;
  const done = () => {
    if (!open) return;
    open = false;
    closeSync(fd);
    if (linked) rmSync(file, { force: true });
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn('git', args, { cwd: repo, env, stdio: ['ignore', fd, 'pipe'] });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      done();
      if (allowFailure) resolve('');
      else reject(failed(error.message, error));
    });
    child.on('close', (code, signal) => {
      if (!open) return; // failed to start: answered above
      try {
        if (code !== 0) {
          if (allowFailure) return resolve('');
          const said = stderr.trim().split('\n')[0] || `exit ${code ?? signal}`;
          return reject(failed(said, new Error(stderr)));
        }
        const size = fstatSync(fd).size;
        const buffer = Buffer.allocUnsafe(size);
        let read = 0;
        while (read < size) {
          const n = readSync(fd, buffer, read, size - read, read);
          if (n === 0) break;
          read += n;
        }
        resolve(buffer.toString('utf8', 0, read));
      } catch (error) {
        reject(failed((error as Error).message, error));
      } finally {
        done();
      }
    });
  });
}
