import type {
  ActionSurroundings,
  CommandClassifier,
  Operation,
  OperationKind,
  RestoreScope,
  SimpleCommand,
} from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { operation, restorableHere } from '../operation.js';
import { isWithin, pathZone, resolvePath } from '../paths.js';
import { cleansOnlyDisposable } from './clean.js';

// git options that take a separate value, before and after the subcommand
const GLOBAL_VALUED = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--exec-path',
  '--config-env',
]);
/** `git push` options that take a value. */
export const PUSH_VALUED: ReadonlySet<string> = new Set([
  '--repo',
  '-o',
  '--push-option',
  '--receive-pack',
  '--exec',
]);
const PROTECTED_BRANCH = /^(main|master|trunk|production|prod|release([/-].*)?|develop)$/;

interface GitContext {
  command: SimpleCommand;
  repo: string;
  /** The branch checked out where the command runs, and the repository's default branch, when known. */
  branch?: string;
  defaultBranch?: string;
  /** Set when the command runs here, in the current directory (no -C, not remote): paths can be judged. */
  local?: ActionSurroundings;
}

function gitOp(
  ctx: GitContext,
  kind: OperationKind,
  target: string,
  summary: string,
  reversible: boolean,
): Operation {
  return operation(ctx.command, {
    kind,
    category: 'git',
    destructive: true,
    reversible,
    target,
    summary,
    hints: { local: true, path: ctx.repo },
  });
}

/**
 * A loss of uncommitted work, untracked files, a local branch or a stash, in a repository inside the agent's
 * workspace where the command runs: undone by a restore point (agent-undoable-workspace), so reversible.
 * Anywhere else (`-C`, `--work-tree`, over ssh, a repository outside the workspace) it stays as it was.
 */
function undoableOp(ctx: GitContext, op: Operation, scope: RestoreScope): Operation {
  if (!restorableHere(ctx.command)) return op;
  const top = ctx.local?.gitToplevel;
  const workspace = ctx.local?.workspace;
  const cwd = ctx.local?.cwd;
  if (top === undefined || workspace === undefined || cwd === undefined) return op;
  // the repository is the one the command runs in (`cd ~ && git clean` is not), inside the workspace
  if (!within(cwd, top) || !within(top, workspace)) return op;
  return { ...op, reversible: true, restore: scope };
}

/** Every pathspec of a `git clean` names a place inside the workspace (`git clean -fdx ~` does not). */
function cleansInside(ctx: GitContext, args: string[]): boolean {
  const local = ctx.local;
  if (local === undefined) return false;
  return positionals(args, new Set(['-e', '--exclude'])).every((spec) =>
    within(resolvePath(spec, local, false) ?? '', local.workspace),
  );
}

function within(path: string, folder: string): boolean {
  return isWithin(path, folder) !== 'outside';
}

function worktreeScope(ctx: GitContext): RestoreScope {
  return { kind: 'worktree', root: ctx.local?.gitToplevel ?? ctx.repo, pathspecs: [] };
}

/** Splits `git [global options] sub args…` (the push check reads pushes with it too). */
export function splitGit(args: readonly string[]): { sub: string; rest: string[]; chdir?: string } {
  let chdir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-C') chdir = args[i + 1];
    if (GLOBAL_VALUED.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return { sub: arg, rest: args.slice(i + 1), ...(chdir !== undefined ? { chdir } : {}) };
  }
  return { sub: '', rest: [] };
}

/**
 * The branch a push ref lands on, when it is a feature branch: named on the line (or the branch checked out,
 * for HEAD), not a tag, not the default branch, not a protected name. Undefined for anything else.
 */
function featureBranch(ctx: GitContext, ref: string): string | undefined {
  if (ref === '' || /[$`*]/.test(ref) || ref.startsWith('refs/tags/')) return undefined;
  const to = ref.replace(/^.*:/, '').replace(/^refs\/heads\//, '');
  const branch = to === 'HEAD' || to === '@' ? ctx.branch : to;
  if (branch === undefined || branch === '' || branch.startsWith('refs/') || branch === RUN_TIME_REFS)
    return undefined;
  if (branch === ctx.defaultBranch || PROTECTED_BRANCH.test(branch)) return undefined;
  // a tag of the same shape as a version is not a branch to overwrite or delete
  return /^v?\d+(\.\d+)+/.test(branch) ? undefined : branch;
}

// Rewriting or deleting a feature branch on the remote is everyday work (a rebased branch is force-pushed, a
// merged one deleted): the commits live on in the local repository and its reflog. What is held is a push that
// rewrites or deletes the default branch, a protected name (main, release/*, develop …), a tag, every ref at once
// (--mirror, --prune, --all, --tags), or a ref only known when the line runs.
/** Refs a push names only when it runs (`xargs -I{} git push origin --delete {}`): never a feature branch. */
const RUN_TIME_REFS = 'refs known only when it runs';

function classifyPush(ctx: GitContext, args: string[]): Operation[] {
  // `--dry-run` / `-n` asks the remote what would happen and changes nothing
  if (hasFlag(args, ['--dry-run'], 'n')) return [];
  const words = positionals(args, PUSH_VALUED);
  const remote = words[0] ?? 'the default remote';
  // `… | xargs -I{} git push origin --delete {}`: refs that arrive through xargs are known only when it runs
  const refs = words
    .slice(1)
    .map((ref) =>
      ref.includes('{}') && ctx.command.via.some((v) => v.startsWith('xargs')) ? RUN_TIME_REFS : ref,
    );
  const where = (ref: string): string => `${remote} ${ref}`;
  const protectedNote = (ref: string): string =>
    PROTECTED_BRANCH.test(ref.replace(/^.*:/, '').replace(/^refs\/heads\//, ''))
      ? ' (a protected branch)'
      : '';
  // a mirror pushed into a scratch folder (`git push --mirror /tmp/x.git`) overwrites nothing of anyone's
  const local = ctx.local;
  if (
    hasFlag(args, ['--mirror']) &&
    local !== undefined &&
    pathZone(remote, ctx.command, local).zone === 'temp'
  )
    return [];
  if (hasFlag(args, ['--mirror']))
    return [
      gitOp(
        ctx,
        'force-push',
        remote,
        `git push --mirror overwrites and deletes every ref on ${remote}`,
        false,
      ),
    ];
  if (hasFlag(args, ['--delete'], 'd')) {
    if (refs.length > 0 && refs.every((ref) => featureBranch(ctx, ref) !== undefined)) return [];
    return [
      gitOp(
        ctx,
        'delete',
        where(refs.join(' ')),
        `git push --delete removes ${refs.join(' ') || 'refs'} from ${remote}${protectedNote(refs[0] ?? '')}`,
        false,
      ),
    ];
  }
  if (hasFlag(args, ['--prune']))
    return [
      gitOp(
        ctx,
        'delete',
        remote,
        `git push --prune deletes remote branches missing locally on ${remote}`,
        false,
      ),
    ];
  const ops: Operation[] = [];
  const lease = hasFlag(args, ['--force-with-lease', '--force-if-includes']);
  const force = lease || hasFlag(args, ['--force'], 'f');
  const everyRef = hasFlag(args, ['--all', '--branches', '--tags']);
  for (const ref of refs) {
    if (ref.startsWith(':') && featureBranch(ctx, ref.slice(1)) === undefined)
      ops.push(
        gitOp(
          ctx,
          'delete',
          where(ref.slice(1)),
          `git push ${ref} deletes ${ref.slice(1)} on ${remote}${protectedNote(ref)}`,
          false,
        ),
      );
    else if (ref.startsWith('+') && (everyRef || featureBranch(ctx, ref.slice(1)) === undefined))
      ops.push(
        gitOp(
          ctx,
          'force-push',
          where(ref.slice(1)),
          `force-push of ${ref.slice(1)} to ${remote}${protectedNote(ref.slice(1))}`,
          false,
        ),
      );
  }
  const pushed = refs.filter((r) => !r.startsWith(':') && !r.startsWith('+'));
  if (force && ops.length === 0) {
    const landing = refs.length > 0 ? pushed : ['HEAD'];
    if (!everyRef && landing.every((ref) => featureBranch(ctx, ref) !== undefined)) return ops;
    const ref = refs.join(' ') || 'the current branch';
    // with a lease the overwritten tip was seen locally, so the local reflog can restore it
    ops.push(
      gitOp(
        ctx,
        'force-push',
        where(ref),
        `force-push of ${ref} to ${remote}${protectedNote(refs[0] ?? '')}`,
        lease,
      ),
    );
  }
  return ops;
}

/** Files a package manager generates from its manifest. */
const LOCKFILE =
  /^(?:[\w.-]+\/)*(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|uv\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|go\.sum|mix\.lock|pubspec\.lock|Podfile\.lock|packages\.lock\.json)$/;

function discardsWorkTree(sub: string, args: string[]): boolean {
  if (sub === 'restore') {
    const staged = hasFlag(args, ['--staged'], 'S');
    const worktree = hasFlag(args, ['--worktree'], 'W');
    return !staged || worktree;
  }
  // checkout: `-- paths`, `.`, or --force discard changes; a branch name does not
  if (hasFlag(args, ['--force'], 'f')) return true;
  // restoring only lockfiles (`git checkout main -- package-lock.json`) loses nothing a package manager does not
  // write again from the manifest: everyday
  if (args.includes('--')) {
    const paths = args.slice(args.indexOf('--') + 1);
    return paths.length > 0 && !paths.every((p) => LOCKFILE.test(p));
  }
  return positionals(args, new Set(['-b', '-B', '--orphan'])).some(
    (a) => a === '.' || a === '*' || a.startsWith('./') || a === ':/',
  );
}

function classifySub(ctx: GitContext, sub: string, args: string[]): Operation[] {
  switch (sub) {
    case 'reset':
      return args.includes('--hard')
        ? [
            undoableOp(
              ctx,
              gitOp(
                ctx,
                'delete',
                'uncommitted changes',
                `git reset --hard discards uncommitted changes in ${ctx.repo}`,
                false,
              ),
              worktreeScope(ctx),
            ),
          ]
        : [];
    case 'clean':
      if (hasFlag(args, ['--dry-run'], 'n') || !hasFlag(args, ['--force'], 'f')) return [];
      if (ctx.local !== undefined && cleansOnlyDisposable(ctx.command, ctx.local, args)) return [];
      {
        const op = gitOp(
          ctx,
          'delete',
          'untracked files',
          `git clean ${args.join(' ')} deletes untracked files in ${ctx.repo}`,
          false,
        );
        // `git clean -fdx ~` reaches past the workspace: no restore point is taken for what lies there
        if (!cleansInside(ctx, args)) return [op];
        // git clean reads its pathspecs, and prints what it would remove, relative to where it runs
        return [
          undoableOp(ctx, op, { kind: 'untracked', root: ctx.local?.cwd ?? ctx.repo, cleanArgs: args }),
        ];
      }
    case 'push':
      return classifyPush(ctx, args);
    case 'branch':
      if (hasFlag(args, [], 'D') || (hasFlag(args, ['--delete'], 'd') && hasFlag(args, ['--force'], 'f'))) {
        // unmerged commits of a deleted branch survive only in the HEAD reflog: held, whatever the name
        const named = positionals(args);
        const names = named.join(' ') || 'a branch';
        const op = gitOp(
          ctx,
          'delete',
          names,
          `git branch -D force-deletes ${names} (commits stay in the reflog)`,
          true,
        );
        // `-r` deletes remote-tracking refs (fetched again), not branches: only local branches are kept; the
        // default branch or a protected name is not the agent's to delete, restore point or not
        if (named.length === 0 || hasFlag(args, ['--remotes'], 'r')) return [op];
        if (named.some((n) => n === ctx.defaultBranch || PROTECTED_BRANCH.test(n))) return [op];
        return [
          undoableOp(ctx, op, {
            kind: 'refs',
            root: ctx.local?.gitToplevel ?? ctx.repo,
            refs: named.map((n) => `refs/heads/${n}`),
          }),
        ];
      }
      return [];
    case 'checkout':
    case 'restore':
      return discardsWorkTree(sub, args)
        ? [
            undoableOp(
              ctx,
              gitOp(
                ctx,
                'delete',
                'work-tree changes',
                `git ${sub} ${args.join(' ')} discards uncommitted changes`,
                false,
              ),
              worktreeScope(ctx),
            ),
          ]
        : [];
    case 'stash': {
      const verb = args[0];
      const stashes = (refs: string[]): RestoreScope => ({
        kind: 'refs',
        root: ctx.local?.gitToplevel ?? ctx.repo,
        refs,
      });
      if (verb === 'clear')
        return [
          undoableOp(
            ctx,
            gitOp(ctx, 'delete', 'all stashes', 'git stash clear deletes every stash', false),
            stashes(['stash']),
          ),
        ];
      if (verb === 'drop') {
        const which = positionals(args.slice(1))[0];
        const ref = which === undefined ? 'stash@{0}' : /^\d+$/.test(which) ? `stash@{${which}}` : which;
        return [
          undoableOp(
            ctx,
            gitOp(ctx, 'delete', ref, `git stash drop deletes ${which ?? 'the latest stash'}`, true),
            stashes([ref]),
          ),
        ];
      }
      return [];
    }
    case 'filter-branch':
      return [
        gitOp(
          ctx,
          'history-rewrite',
          'history',
          'git filter-branch rewrites history (refs/original keeps the old tips)',
          true,
        ),
      ];
    case 'filter-repo':
      // `--analyze` only writes a report of the repository's history (.git/filter-repo/analysis); it rewrites nothing
      if (analyzeOnly(args)) return [];
      return [gitOp(ctx, 'history-rewrite', 'history', 'git filter-repo rewrites the whole history', false)];
    case 'reflog':
      return args[0] === 'expire' || args[0] === 'delete'
        ? [gitOp(ctx, 'delete', 'reflog', `git reflog ${args[0]} drops the safety net of old commits`, false)]
        : [];
    case 'update-ref':
      return hasFlag(args, [], 'd')
        ? [
            gitOp(
              ctx,
              'delete',
              positionals(args)[0] ?? 'a ref',
              `git update-ref -d deletes ${positionals(args)[0] ?? 'a ref'}`,
              false,
            ),
          ]
        : [];
    case 'gc':
      return args.some((a) => a === '--prune=now' || a === '--prune=all')
        ? [
            gitOp(
              ctx,
              'delete',
              'unreachable objects',
              'git gc --prune=now deletes unreachable commits now',
              false,
            ),
          ]
        : [];
    case 'prune':
      return args.includes('--expire=now')
        ? [gitOp(ctx, 'delete', 'unreachable objects', 'git prune deletes unreachable commits', false)]
        : [];
    case 'symbolic-ref':
      return hasFlag(args, ['--delete'], 'd')
        ? [gitOp(ctx, 'delete', 'HEAD', 'git symbolic-ref --delete', false)]
        : [];
    default:
      return [];
  }
}

/** git: history and work-tree losses, force-pushes and remote deletes. */
export const classifyGit: CommandClassifier = (command, surroundings: ActionSurroundings) => {
  const { sub, rest, chdir } = splitGit(command.args);
  const remote = command.remote !== undefined;
  const repo =
    (chdir !== undefined ? resolvePath(chdir, surroundings, remote) : undefined) ??
    (remote ? (command.remote?.host ?? '') : surroundings.cwd);
  const ctx: GitContext = {
    command,
    repo: optionValue(command.args, ['--work-tree']) ?? repo,
    ...(chdir === undefined && !remote && surroundings.gitBranch !== undefined
      ? { branch: surroundings.gitBranch }
      : {}),
    ...(surroundings.defaultBranch !== undefined ? { defaultBranch: surroundings.defaultBranch } : {}),
    ...(!remote && !elsewhere(command, surroundings) && localDir(chdir, surroundings) !== undefined
      ? { local: { ...surroundings, cwd: localDir(chdir, surroundings) ?? surroundings.cwd } }
      : {}),
  };
  return classifySub(ctx, sub, rest);
};

/** Where git runs: here, or a `-C` folder inside the repository the line runs in (`git -C ~/project clean`). */
function localDir(chdir: string | undefined, surroundings: ActionSurroundings): string | undefined {
  if (chdir === undefined) return surroundings.cwd;
  const dir = resolvePath(chdir, surroundings, false);
  const top = surroundings.gitToplevel;
  return dir !== undefined && top !== undefined && within(dir, top) ? dir : undefined;
}

/** True when git is pointed at another repository or work tree than the one it runs in. */
function elsewhere(command: SimpleCommand, surroundings: ActionSurroundings): boolean {
  const options = ['--work-tree', '--git-dir'];
  if (command.args.some((a) => options.some((o) => a === o || a.startsWith(`${o}=`)))) return true;
  return ['GIT_DIR', 'GIT_WORK_TREE'].some((name) => name in command.env || name in surroundings.env);
}

/** `git filter-repo --analyze [--report-dir DIR]` and nothing else: a report of the history, no rewrite. */
function analyzeOnly(args: readonly string[]): boolean {
  if (!args.includes('--analyze')) return false;
  const rest = args.filter(
    (a, i) => a !== '--analyze' && !a.startsWith('--report-dir') && args[i - 1] !== '--report-dir',
  );
  return rest.length === 0;
}
