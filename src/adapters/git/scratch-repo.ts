import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Who makes a commit in a scratch repository. */
export interface Identity {
  name: string;
  email: string;
}

/** A real git repository in a temporary folder, for the demo and for tests. */
export interface ScratchRepo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string | Buffer>): void;
  /** Writes files (null deletes), stages everything and commits; returns the new sha. */
  commit(
    message: string,
    files: Record<string, string | Buffer | null>,
    author?: Identity,
    at?: Date,
  ): string;
  remove(): void;
}

const DEFAULT_AUTHOR: Identity = { name: 'Demo Person', email: 'demo@example.com' };

/** Creates an empty repository whose default branch is `main`. */
export function createScratchRepo(prefix = 'blastwall-'): ScratchRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let clock = Date.UTC(2026, 0, 5, 9, 0, 0);
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
    });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', DEFAULT_AUTHOR.name);
  git('config', 'user.email', DEFAULT_AUTHOR.email);
  git('config', 'commit.gpgsign', 'false');
  const write = (files: Record<string, string | Buffer | null>): void => {
    for (const [path, content] of Object.entries(files)) {
      const full = join(dir, path);
      if (content === null) {
        rmSync(full, { force: true });
        continue;
      }
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
    }
  };
  return {
    dir,
    git,
    write,
    commit(message, files, author = DEFAULT_AUTHOR, at) {
      write(files);
      git('add', '-A');
      clock += 3_600_000;
      const when = (at ?? new Date(clock)).toISOString();
      execFileSync('git', ['commit', '-q', '--allow-empty', '-F', '-'], {
        cwd: dir,
        input: message,
        env: {
          ...process.env,
          HOME: dir,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_AUTHOR_NAME: author.name,
          GIT_AUTHOR_EMAIL: author.email,
          GIT_AUTHOR_DATE: when,
          GIT_COMMITTER_NAME: author.name,
          GIT_COMMITTER_EMAIL: author.email,
          GIT_COMMITTER_DATE: when,
        },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
