import { execFile } from 'node:child_process';
import { BlastwallError } from '../../core/errors.js';

/** Runs git in a repository and returns stdout; failures name git and what it said. */
export function runGit(
  repo: string,
  args: string[],
  options: { allowFailure?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: repo,
        maxBuffer: 1 << 30,
        encoding: 'utf8',
        env: { ...(options.env ?? process.env), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          if (options.allowFailure) return resolve('');
          const said = stderr.trim().split('\n')[0] || error.message;
          return reject(
            new BlastwallError('external', `git ${args[0]} failed in ${repo}: ${said}`, { cause: error }),
          );
        }
        resolve(stdout);
      },
    );
  });
}
