import picomatch from 'picomatch';
import { hasFlag, positionals } from './classifiers/args.js';
import { PUSH_VALUED, splitGit } from './classifiers/git/git.js';
import { commandSurroundings, UNKNOWN_DIR } from './classifiers/paths.js';
import type { PushIntent, PushReview } from './evidence.js';
import type { ActionSurroundings, Operation, SimpleCommand } from './types.js';

/** Tells which branches are protected: the default branch and `review.protectedBranches` globs. */
export interface BranchRules {
  protectedBranches: readonly string[];
}

/**
 * The pushes of a `git push` that land on a protected branch: the default branch or one matching
 * `review.protectedBranches`. Deleting and mirroring are judged by the git classifier, not here.
 */
export function pushIntentsOf(
  command: SimpleCommand,
  original: ActionSurroundings,
  rules: BranchRules,
): PushIntent[] {
  if (command.name !== 'git' || command.dynamicName) return [];
  const { sub, rest, chdir } = splitGit(command.args);
  if (sub !== 'push') return [];
  if (hasFlag(rest, ['--delete', '--mirror', '--prune', '--dry-run', '--help'], 'dn')) return [];
  const surroundings = commandSurroundings(command, original);
  const words = positionals(rest, PUSH_VALUED);
  const remote = words[0] ?? 'origin';
  const current = chdir === undefined ? surroundings.gitBranch : undefined;
  const specs = hasFlag(rest, ['--all', '--branches']) ? ['*'] : words.slice(1);
  // `git push --tags` with no refspec pushes the tags alone, not the current branch.
  if (specs.length === 0 && hasFlag(rest, ['--tags'])) return [];
  const refspecs = specs.length > 0 ? specs : [current ?? '(the current branch)'];
  const isProtected = protectedTest(rules, chdir === undefined ? surroundings.defaultBranch : undefined);
  const dir =
    command.remote === undefined && surroundings.cwd !== UNKNOWN_DIR
      ? chdir !== undefined
        ? undefined
        : (surroundings.gitToplevel ?? surroundings.cwd)
      : undefined;
  const intents: PushIntent[] = [];
  for (const spec of refspecs) {
    const bare = spec.replace(/^\+/, '');
    if (bare.startsWith(':')) continue; // a delete
    const [from = '', to] = bare.includes(':') ? bare.split(':', 2) : [bare, undefined];
    // `@` is git's short name for HEAD
    let branch = (to ?? (from === 'HEAD' || from === '@' ? (current ?? from) : from)).replace(
      /^refs\/heads\//,
      '',
    );
    if (branch === '' || branch.startsWith('refs/tags/')) continue;
    if (spec === '*') branch = '(every local branch)';
    const because = spec === '*' ? 'every branch, the default one included' : isProtected(branch);
    if (because === undefined) continue;
    intents.push({
      key: `${dir ?? '?'}\u0000${command.source}\u0000${branch}`,
      remote,
      from: from === '' || spec === '*' ? 'HEAD' : from,
      branch,
      because,
      ...(dir !== undefined ? { dir } : {}),
      source: command.source,
    });
  }
  return intents;
}

type CompiledGlob = { glob: string; test: (branch: string) => boolean };
// The globs of a rules object, compiled the first time a push is judged under it, not once per push.
const compiled = new WeakMap<BranchRules, CompiledGlob[]>();

function globsOf(rules: BranchRules): CompiledGlob[] {
  let globs = compiled.get(rules);
  if (globs === undefined) {
    globs = rules.protectedBranches.map((glob) => ({ glob, test: picomatch(glob) }));
    compiled.set(rules, globs);
  }
  return globs;
}

function protectedTest(
  rules: BranchRules,
  defaultBranch: string | undefined,
): (branch: string) => string | undefined {
  const globs = globsOf(rules);
  return (branch) => {
    if (branch.startsWith('(')) return 'a branch that is only known when it runs';
    if (defaultBranch !== undefined ? branch === defaultBranch : branch === 'main' || branch === 'master')
      return 'the default branch';
    const rule = globs.find(({ test }) => test(branch));
    return rule ? `review.protectedBranches ${rule.glob}` : undefined;
  };
}

/**
 * The operation of a push to a protected branch: nothing when the change check has nothing left to ask,
 * else a `push` that the policy `agent-push-needs-review` holds, with the check's requirements as the reason.
 */
export function pushOperations(intent: PushIntent, review: PushReview | undefined): Operation[] {
  if (review?.known === true && review.decision === 'allow') return [];
  const what = `git push to ${intent.branch} on ${intent.remote} (${intent.because})`;
  const why =
    review === undefined
      ? 'the change check was not run'
      : review.known
        ? `the change check of ${review.range} still needs: ${review.requirements.join('; ')}`
        : `the change check could not be run: ${review.why}`;
  return [
    {
      kind: 'push',
      category: 'git',
      destructive: false,
      reversible: true,
      target: `${intent.remote} ${intent.branch}`,
      summary: `${what}: ${why}`,
      hints: { local: true },
      source: intent.source,
    },
  ];
}
