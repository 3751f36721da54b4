import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GitChangeQuery, GitChanges } from '../../core/actions/classifiers/deps.js';

/** How long the gate waits for git to say what a command would change, before it holds the command. */
export const GIT_CHANGES_MS = 1500;
/** The most output read from git; past it, what would change is unknown. */
const MAX_OUTPUT = 4 * 1024 * 1024;

// Only plumbing-like reads, with everything that could make git run a program of the repository's config switched
// off: the gate asks before the agent's command runs, so it must not run what that command would be judged on.
const SAFE = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'diff.external=',
  '-c',
  'core.pager=cat',
];
const DIFF = ['--no-ext-diff', '--no-textconv', '--no-renames', '--name-only', '-z'];
const MISSING =
  /unknown revision|bad revision|ambiguous argument|not a valid (object name|reference|commit)|no upstream|no such branch|no stash entries|not a stash-like|Needed a single revision|invalid upstream|does not point to a commit|only has \d+ entr/i;

/**
 * What a git command would change in the work tree of the repository around `repo`, read from git at decision time
 * within GIT_CHANGES_MS; a ref git does not have is `missing`; anything else git cannot answer is `unknown`.
 * Never throws.
 */
export function gitChangesIn(repo: string, query: GitChangeQuery, timeoutMs = GIT_CHANGES_MS): GitChanges {
  const top = workTreeTop(resolve(repo));
  if (top === undefined) return { kind: 'unknown', reason: `${repo} is not in a git work tree` };
  const runs = argsFor(query);
  const files = new Set<string>();
  const started = Date.now();
  for (const args of runs) {
    const left = timeoutMs - (Date.now() - started);
    if (left <= 0) return { kind: 'unknown', reason: `git took longer than ${timeoutMs} ms` };
    const answer = git(top, args, left);
    if (answer.kind !== 'files') return answer;
    for (const file of answer.files) files.add(file);
  }
  return { kind: 'files', top, files: [...files] };
}

/** How long one git answer is reused: the passes of one decision (and a burst of them) ask git once. */
export const GIT_CHANGES_REUSE_MS = 250;

/**
 * `ask` with its answers reused for `reuseMs` (by repository and question): one decision's passes over a command
 * ask the same question several times, and each answer costs a git process. Short enough that no agent action can
 * run between the passes that share it; what git says can change only when a command runs, and the command judged
 * runs after the decision anyway.
 */
export function reusedGitChanges(
  ask: (repo: string, query: GitChangeQuery) => GitChanges,
  now: () => number,
  reuseMs = GIT_CHANGES_REUSE_MS,
): (repo: string, query: GitChangeQuery) => GitChanges {
  const answers = new Map<string, { answer: GitChanges; at: number }>();
  return (repo, query) => {
    const key = `${resolve(repo)}\0${JSON.stringify(query)}`;
    const at = now();
    const known = answers.get(key);
    if (known !== undefined && at - known.at < reuseMs) return known.answer;
    const answer = ask(repo, query);
    if (answers.size >= 200) answers.clear();
    answers.set(key, { answer, at });
    return answer;
  };
}

function argsFor(query: GitChangeQuery): string[][] {
  switch (query.kind) {
    case 'between':
      return [['diff', ...DIFF, query.from, query.to, '--']];
    case 'since-fork':
      return [['diff', ...DIFF, `${query.base ?? 'HEAD'}...${query.ref}`, '--']];
    case 'stash':
      return [['stash', 'show', ...DIFF, '--include-untracked', query.ref]];
    case 'commits': {
      const ranges = query.revs.filter((rev) => rev.includes('..'));
      const singles = query.revs.filter((rev) => !rev.includes('..'));
      const out: string[][] = [];
      // each commit against its first parent, as cherry-pick applies it (`-m 1` for a merge)
      if (singles.length > 0)
        out.push(['show', ...DIFF, '--format=', '-m', '--first-parent', ...singles, '--']);
      if (ranges.length > 0) out.push(['log', ...DIFF, '--format=', '--first-parent', ...ranges, '--']);
      return out;
    }
  }
}

function git(top: string, args: string[], timeoutMs: number): GitChanges {
  const run = spawnSync('git', [...SAFE, ...args], {
    cwd: top,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: MAX_OUTPUT,
    // no index lock taken, no prompt, git's own words
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.error !== undefined) {
    const code = (run.error as NodeJS.ErrnoException).code;
    return {
      kind: 'unknown',
      reason:
        code === 'ETIMEDOUT'
          ? `git took longer than ${timeoutMs} ms`
          : `git failed (${code ?? run.error.message})`,
    };
  }
  if (run.status !== 0) {
    const said = run.stderr.trim().split('\n')[0] ?? '';
    if (MISSING.test(run.stderr)) return { kind: 'missing', reason: said };
    return {
      kind: 'unknown',
      reason: `git ${args[0] ?? ''} failed: ${said || `exit ${run.status ?? run.signal}`}`,
    };
  }
  return { kind: 'files', top, files: run.stdout.split('\0').filter((f) => f !== '') };
}

/** The top of the work tree around `start`: the nearest folder holding `.git` (a folder, or a worktree's file). */
function workTreeTop(start: string): string | undefined {
  for (let at = start; ; at = dirname(at)) {
    try {
      statSync(join(at, '.git'));
      return at;
    } catch {
      // not here; look further up
    }
    if (dirname(at) === at) return undefined;
  }
}
