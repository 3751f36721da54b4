import { posix } from 'node:path';
import picomatch from 'picomatch';
import { guardedPlaceFor, guardedWithin, guardedWriteReason } from '../guarded-paths.js';
import { guardedWriteOp } from './patches.js';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import type { GitChangeQuery } from '../classifiers/deps.js';
import { hasFlag, optionValue, positionals } from '../classifiers/args.js';
import { splitGit } from '../classifiers/git/git.js';
import { resolvePath } from '../classifiers/paths.js';
import { heldInside, type LookContext } from './trail.js';

// A guarded file changed by git rather than by a writer: `git merge evil`, `git checkout evil`, `git stash pop`
// bring whatever the other side holds into the work tree. What they would change is read from the repository at
// decision time (injected, time-bounded); a ref git does not have yet, where the line can make one first, or an
// answer git cannot give in time, holds the command when it could reach a guarded file.

/** One thing a git command would bring into the work tree. */
interface Landing {
  query: GitChangeQuery;
  /** The pathspecs it is limited to (`git checkout REF -- paths`); everything when absent. */
  paths?: string[];
  /** Whether a ref git does not have holds it even when nothing earlier on the line could make one (a pull fetches). */
  fetches?: boolean;
  /** Another ref to try when the first is missing (`git switch feature` from `origin/feature`). */
  otherwise?: string;
  /** The word may name a file instead (`git checkout src/app.ts`), which the writers' check judges by its path. */
  mayBePath?: string;
}

/** git's empty tree: what `git switch --orphan` leaves tracked. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
const FINISHERS = /^--(abort|continue|skip|quit|edit-todo|show-current-patch)$/;
const VALUED = new Set([
  '-m',
  '-F',
  '--message',
  '--file',
  '-s',
  '--strategy',
  '-X',
  '--strategy-option',
  '--onto',
  '-x',
  '--exec',
  '--mainline',
  '--conflict',
  '--pathspec-from-file',
  '--depth',
  '--deepen',
  '--shallow-since',
  '--upload-pack',
  '--recurse-submodules-default',
  '-b',
  '-B',
  '-c',
  '-C',
  '--orphan',
  '-S',
  '--source',
  '--into-name',
  '--cleanup',
  '-j',
  '--jobs',
]);

/** What git merge, pull, checkout, switch, restore, reset, rebase, cherry-pick and stash pop would land. */
export function gitLandingOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const ask = ctx.deps.gitChanges;
  if (ask === undefined || command.name !== 'git' || command.remote !== undefined) return [];
  const { sub, rest, chdir } = splitGit(command.args);
  const landings = landingsOf(sub, rest).flatMap((landing) => stashShifted(landing, command));
  if (landings.length === 0) return [];
  const place = guardedPlaceFor(surroundings);
  const elsewhere = command.args.some((a) => /^--(git-dir|work-tree)(=|$)/.test(a));
  const repo = elsewhere ? undefined : resolvePath(chdir ?? '.', surroundings, false);
  if (repo === undefined) return [heldInside(command, `git ${sub} in a repository known only when it runs`)];
  const ops: Operation[] = [];
  for (const landing of landings) {
    let answer = ask(repo, landing.query);
    if (answer.kind === 'missing' && landing.otherwise !== undefined)
      answer = ask(repo, { kind: 'between', from: 'HEAD', to: landing.otherwise });
    if (
      answer.kind === 'missing' &&
      landing.mayBePath !== undefined &&
      exists(landing.mayBePath, surroundings, ctx)
    )
      continue;
    if (answer.kind === 'missing') {
      // git fails on a ref it does not have, and changes nothing, unless the line makes it first. A pull of a
      // remote branch never fetched here brings what others pushed to the shared remote, not something this
      // machine wrote: a branch the agent pushed from here is known locally (the push updated its remote-tracking
      // ref), so what it lands is read like any other
      if (mayMakeRefs(command))
        ops.push(
          heldInside(command, `${describe(landing.query)}, which git does not have when blastwall decides`),
        );
      continue;
    }
    if (answer.kind === 'unknown') {
      if (mayReachGuarded(landing, surroundings, place))
        ops.push(
          heldInside(command, `${describe(landing.query)}, which git could not tell (${answer.reason})`),
        );
      continue;
    }
    const inScope = landing.paths === undefined ? () => true : scopeOf(landing.paths, surroundings.cwd);
    for (const file of answer.files) {
      const absolute = posix.join(answer.top, file);
      if (!inScope(absolute)) continue;
      const found = guardedWriteReason(absolute, { cwd: answer.top, place, realPath: ctx.deps.realPath });
      if (found === undefined) continue;
      ops.push(guardedWriteOp(command, found.target, `git ${sub} changes ${file}, ${found.what}`));
      break;
    }
  }
  return ops;
}

function landingsOf(sub: string, rest: string[]): Landing[] {
  if (rest.some((a) => FINISHERS.test(a))) return [];
  const words = positionals(rest, VALUED);
  switch (sub) {
    case 'merge':
      return (words.length > 0 ? words : ['@{u}']).map((ref) => ({ query: { kind: 'since-fork', ref } }));
    case 'pull':
      return pulled(words);
    case 'stash':
      return stashed(words);
    case 'checkout':
    case 'switch':
      return checkedOut(sub, rest, words);
    case 'restore': {
      const source = optionValue(rest, ['-s', '--source']);
      const worktree = !hasFlag(rest, ['--staged'], 'S') || hasFlag(rest, ['--worktree'], 'W');
      if (source === undefined || !worktree) return [];
      const dash = rest.indexOf('--');
      const paths = dash >= 0 ? rest.slice(dash + 1) : words;
      return [{ query: { kind: 'between', from: 'HEAD', to: source }, paths }];
    }
    case 'reset': {
      if (!rest.some((a) => a === '--hard' || a === '--keep' || a === '--merge')) return [];
      const ref = words[0] ?? 'HEAD';
      return ref === 'HEAD' ? [] : [{ query: { kind: 'between', from: 'HEAD', to: ref } }];
    }
    case 'rebase': {
      const onto = optionValue(rest, ['--onto']);
      if (rest.includes('--root') && onto === undefined) return [];
      const upstream = words[0] ?? '@{u}';
      const branch = words[1];
      const out: Landing[] = [
        { query: { kind: 'since-fork', ref: onto ?? upstream, base: branch ?? 'HEAD' } },
      ];
      if (branch !== undefined) out.push({ query: { kind: 'between', from: 'HEAD', to: branch } });
      return out;
    }
    case 'cherry-pick':
      return words.length > 0 ? [{ query: { kind: 'commits', revs: words } }] : [];
    default:
      return [];
  }
}

function pulled(words: string[]): Landing[] {
  const [remote, ...refspecs] = words;
  if (remote === undefined || refspecs.length === 0)
    return [{ query: { kind: 'since-fork', ref: '@{u}' }, fetches: true }];
  // a URL or a path is no remote with tracking refs: what it brings is known only once fetched
  const tracked = /^[\w.-]+$/.test(remote);
  return refspecs.map((refspec) => {
    const source =
      refspec
        .replace(/^\+/, '')
        .split(':')[0]
        ?.replace(/^refs\/heads\//, '') ?? '';
    const ref = tracked ? `refs/remotes/${remote}/${source}` : `${remote} ${source}`;
    return { query: { kind: 'since-fork', ref }, fetches: true };
  });
}

// What earlier git commands on the line make no ref with: a stash push makes only a stash (below), the rest none.
const NO_REFS = /^git (stash \w+|add|rm|mv|restore|commit|status|log|diff|show)$/;

function mayMakeRefs(command: SimpleCommand): boolean {
  return (command.madeBefore ?? []).some((earlier) => !NO_REFS.test(earlier));
}

/**
 * A stash pushed earlier on the line (`git stash && git pull && git stash pop`) is the work tree's own changes, put
 * back: nothing new lands. It shifts the others by one (`stash@{1}` then is today's `stash@{0}`).
 */
function stashShifted(landing: Landing, command: SimpleCommand): Landing[] {
  if (landing.query.kind !== 'stash') return [landing];
  const earlier = command.madeBefore ?? [];
  const pushes = earlier.filter((e) => e === 'git stash push').length;
  const taken = earlier.filter((e) => e === 'git stash pop' || e === 'git stash drop').length;
  if (pushes === 0 && taken === 0) return [landing];
  const index = /^stash@\{(\d+)\}$/.exec(landing.query.ref)?.[1];
  if (index === undefined) return [landing];
  // a stash pushed on the line and popped again holds the work tree's own changes
  if (Number(index) < pushes) return [];
  return [{ query: { kind: 'stash', ref: `stash@{${Number(index) - pushes + taken}}` } }];
}

function stashed(words: string[]): Landing[] {
  const [verb, ...named] = words;
  if (verb !== 'pop' && verb !== 'apply' && verb !== 'branch') return [];
  const which = (verb === 'branch' ? named[1] : named[0]) ?? 'stash@{0}';
  const ref = /^\d+$/.test(which) ? `stash@{${which}}` : which;
  return [{ query: { kind: 'stash', ref } }];
}

function checkedOut(sub: string, rest: string[], words: string[]): Landing[] {
  if (sub === 'switch' && optionValue(rest, ['--orphan']) !== undefined)
    return [{ query: { kind: 'between', from: 'HEAD', to: EMPTY_TREE } }];
  const creates = optionValue(rest, sub === 'switch' ? ['-c', '-C'] : ['-b', '-B', '--orphan']) !== undefined;
  const dash = rest.indexOf('--');
  const before = dash >= 0 ? positionals(rest.slice(0, dash), VALUED) : words;
  const ref = before[0] === '-' ? '@{-1}' : before[0];
  if (ref === undefined) return [];
  const between = { kind: 'between', from: 'HEAD', to: ref } as const;
  if (dash >= 0) return [{ query: between, paths: rest.slice(dash + 1) }];
  if (sub === 'checkout' && !creates && before.length > 1)
    return [{ query: between, paths: before.slice(1) }];
  // `git switch feature` makes the branch from origin/feature when only that one exists
  const otherwise = creates || ref.includes('/') ? {} : { otherwise: `refs/remotes/origin/${ref}` };
  return [{ query: between, ...otherwise, ...(sub === 'checkout' && !creates ? { mayBePath: ref } : {}) }];
}

function exists(word: string, surroundings: ActionSurroundings, ctx: LookContext): boolean {
  const full = resolvePath(word, surroundings, false);
  const listed = full === undefined ? undefined : ctx.deps.listFolder?.(posix.dirname(full));
  return (
    Array.isArray(listed) && listed.some((entry) => entry.replace(/\/$/, '') === posix.basename(full ?? ''))
  );
}

/** Whether files under these pathspecs (relative to cwd) are in scope; a glob's `*` crosses folders, as in git. */
function scopeOf(paths: string[], cwd: string): (absolute: string) => boolean {
  if (paths.length === 0 || paths.some((p) => p.startsWith(':'))) return () => true;
  const tests = paths.map((p) => {
    const full = posix.resolve(cwd, p);
    if (/[*?[]/.test(p)) return picomatch(full, { dot: true, bash: true });
    return (file: string) => file === full || file.startsWith(`${full === '/' ? '' : full}/`);
  });
  return (absolute) => tests.some((test) => test(absolute));
}

function mayReachGuarded(
  landing: Landing,
  surroundings: ActionSurroundings,
  place: ReturnType<typeof guardedPlaceFor>,
): boolean {
  if (landing.paths === undefined || landing.paths.length === 0) return true;
  return landing.paths.some((p) => {
    if (/[*?[]/.test(p) || p.startsWith(':')) return true;
    const full = resolvePath(p, surroundings, false);
    return full === undefined || guardedWithin(full, place) !== undefined;
  });
}

function describe(query: GitChangeQuery): string {
  switch (query.kind) {
    case 'between':
      return `what checking out ${query.to === EMPTY_TREE ? 'an empty tree' : query.to} changes`;
    case 'since-fork':
      return `what ${query.ref} brings`;
    case 'commits':
      return `what ${query.revs.join(' ')} changes`;
    case 'stash':
      return `what ${query.ref} holds`;
  }
}
