import type { PushIntent, PushReview } from '../core/actions/evidence.js';
import { runGit } from '../adapters/git/run-git.js';
import { branchCommit } from '../adapters/host/git-refs.js';
import { EmptyRangeError, runCheck, type CheckResult } from './check.js';
import type { Workspace } from './workspace.js';

/**
 * The change check on what a push would land: `<remote>/<branch>..<from>`, decided by `blastwall check`'s
 * own runCheck (no risk model, no reviewer suggestions: the answer is needed before the push runs). A branch
 * with no remote-tracking ref cannot be compared, which leaves the review unknown (and the push held).
 */
export async function reviewPush(
  intent: PushIntent,
  configPath?: string,
  workspace?: Workspace,
): Promise<PushReview> {
  if (intent.dir === undefined)
    return { known: false, why: 'the repository is only known when the command runs' };
  const tracking = `refs/remotes/${intent.remote}/${intent.branch}`;
  const found =
    branchCommit(intent.dir, tracking) ??
    (
      await runGit(intent.dir, ['rev-parse', '-q', '--verify', `${tracking}^{commit}`], {
        allowFailure: true,
      })
    ).trim();
  if (found === '')
    return {
      known: false,
      why: `there is no ${intent.remote}/${intent.branch} to compare with (git fetch ${intent.remote} first)`,
    };
  const range = `${intent.remote}/${intent.branch}..${intent.from}`;
  const nothing: PushReview = { known: true, decision: 'allow', range, requirements: [] };
  // A push that lands no commit (the branch is already there) changes nothing on it: there is nothing to check.
  // The check's own `git log` of the range says so (an empty range is its EmptyRangeError), so no git process is
  // started just to count the commits first; only a check that fails otherwise asks git whether any land.
  let report: CheckResult;
  try {
    report = await runCheck({
      repo: intent.dir,
      range: `${found}..${intent.from}`,
      approvals: [],
      reviewers: false,
      ...(workspace !== undefined ? { workspace } : {}),
      ...(configPath !== undefined ? { configPath } : {}),
    });
  } catch (error) {
    if (error instanceof EmptyRangeError || (await landsNothing(intent.dir, found, intent.from)))
      return nothing;
    throw error;
  }
  return {
    known: true,
    decision: report.decision,
    range,
    requirements: report.requirements
      .filter((r) => !r.satisfied)
      .map((r) => `[${r.policy}] ${r.reason}${r.missing ? ` (needs ${r.missing})` : ''}`),
  };
}

/** Whether `from` holds no commit that `base` lacks (git could count them). */
async function landsNothing(dir: string, base: string, from: string): Promise<boolean> {
  const count = await runGit(dir, ['rev-list', '--count', `${base}..${from}`], { allowFailure: true });
  return count.trim() === '0';
}
