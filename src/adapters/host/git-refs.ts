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

/** The git directory of the repository around `start` and its common directory (they differ in a worktree). */
export function gitDirs(start: string): { gitDir: string; commonDir: string } | undefined {
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

const SHA = /^[0-9a-f]{40}$/;

/**
 * The commit a full sha or a branch name (`main`, `refs/heads/main`, `origin/main`, `HEAD`) points at, read from the ref files
 * and packed-refs like git does, without starting git; undefined for anything else (tags, `HEAD~2`, a sha
 * prefix), which the caller then asks git about.
 */
export function branchCommit(repo: string, name: string): string | undefined {
  // A full sha names itself; whether git has it shows when the range is read.
  if (SHA.test(name)) return name;
  const found = gitDirs(resolve(repo));
  if (found === undefined) return undefined;
  let ref = name;
  if (name === 'HEAD') {
    const head = read(join(found.gitDir, 'HEAD'))?.trim() ?? '';
    if (SHA.test(head)) return head;
    const target = /^ref: (refs\/heads\/\S+)$/.exec(head)?.[1];
    if (target === undefined) return undefined;
    ref = target;
  }
  const candidates = ref.startsWith('refs/') ? [ref] : [`refs/heads/${ref}`, `refs/remotes/${ref}`];
  // git's order: a branch first, then a remote-tracking branch; an ambiguous tag of the same name is left to git.
  if (!ref.startsWith('refs/') && hasRef(found.commonDir, `refs/tags/${ref}`)) return undefined;
  for (const candidate of candidates) {
    if (!/^refs\/(heads|remotes)\//.test(candidate) || candidate.includes('..')) return undefined;
    const loose = read(join(found.commonDir, candidate))?.trim();
    if (loose !== undefined) return SHA.test(loose) ? loose : undefined;
    const packed = packedRef(found.commonDir, candidate);
    if (packed !== undefined) return packed;
  }
  return undefined;
}

/** Whether a ref exists, loose or packed (`refs/notes/ai`); undefined when the git directory is not found. */
export function refExists(repo: string, ref: string): boolean | undefined {
  const found = gitDirs(resolve(repo));
  return found === undefined ? undefined : hasRef(found.commonDir, ref);
}

function hasRef(commonDir: string, ref: string): boolean {
  return existsSync(join(commonDir, ref)) || packedRef(commonDir, ref) !== undefined;
}

function packedRef(commonDir: string, ref: string): string | undefined {
  const packed = read(join(commonDir, 'packed-refs'));
  if (packed === undefined) return undefined;
  const at = packed.indexOf(` ${ref}\n`);
  if (at < 40) return undefined;
  const sha = packed.slice(at - 40, at);
  return SHA.test(sha) ? sha : undefined;
}
