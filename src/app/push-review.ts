import type { PushIntent, PushReview } from '../core/actions/evidence.js';
import { runGit } from '../adapters/git/run-git.js';
import { branchCommit } from '../adapters/host/git-refs.js';
import { runCheck } from './check.js';
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
  // A push that lands no commit (the branch is already there) changes nothing on it: there is nothing to check.
  const landing = (
    await runGit(intent.dir, ['rev-list', '--count', `${found}..${intent.from}`], { allowFailure: true })
  ).trim();
  if (landing === '0') return { known: true, decision: 'allow', range, requirements: [] };
  const report = await runCheck({
    repo: intent.dir,
    range: `${found}..${intent.from}`,
    approvals: [],
    reviewers: false,
    ...(workspace !== undefined ? { workspace } : {}),
    ...(configPath !== undefined ? { configPath } : {}),
  });
  return {
    known: true,
    decision: report.decision,
    range,
    requirements: report.requirements
      .filter((r) => !r.satisfied)
      .map((r) => `[${r.policy}] ${r.reason}${r.missing ? ` (needs ${r.missing})` : ''}`),
  };
}
