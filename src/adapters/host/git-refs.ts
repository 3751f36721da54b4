import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The branch checked out and the default branch of the repository around `dir`, read from `.git` files. */
export interface GitRefs {
  gitBranch?: string;
  defaultBranch?: string;
}

/**
 * Reads `.git/HEAD` (or a worktree's own HEAD) for the current branch, and `refs/remotes/origin/HEAD`, else
 * a `main` or `master` branch, for the default one. No git process: this runs before every agent command.
 */
export function gitRefsIn(dir: string): GitRefs {
  const found = gitDirs(resolve(dir));
  if (found === undefined) return {};
  const refs: GitRefs = {};
  const head = /^ref: refs\/heads\/(.+)$/m.exec(read(join(found.gitDir, 'HEAD')) ?? '');
  if (head?.[1]) refs.gitBranch = head[1].trim();
  const origin = /^ref: refs\/remotes\/origin\/(.+)$/m.exec(
    read(join(found.commonDir, 'refs', 'remotes', 'origin', 'HEAD')) ?? '',
  );
  if (origin?.[1]) refs.defaultBranch = origin[1].trim();
  else {
    const packed = read(join(found.commonDir, 'packed-refs')) ?? '';
    const has = (branch: string): boolean =>
      existsSync(join(found.commonDir, 'refs', 'heads', branch)) ||
      packed.includes(` refs/heads/${branch}\n`);
    if (has('main')) refs.defaultBranch = 'main';
    else if (has('master')) refs.defaultBranch = 'master';
  }
  return refs;
}

function gitDirs(start: string): { gitDir: string; commonDir: string } | undefined {
  for (let at = start; ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    try {
      if (statSync(dotGit).isDirectory()) return { gitDir: dotGit, commonDir: dotGit };
      // a worktree or submodule: `.git` is a file naming the real git directory
      const pointer = /^gitdir:\s*(.+)$/m.exec(read(dotGit) ?? '')?.[1]?.trim();
      if (pointer === undefined) return undefined;
      const gitDir = isAbsolute(pointer) ? pointer : resolve(at, pointer);
      const common = read(join(gitDir, 'commondir'))?.trim();
      return { gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
    } catch {
      // no .git here; look further up
    }
    if (dirname(at) === at) return undefined;
  }
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
