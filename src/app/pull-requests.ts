import { decideChange, type ChangeRisk, type CheckReport } from '../core/change/decide-change.js';
import type { Approval, Change, ChangeAttestation, Commit, FileChange, Person } from '../core/model.js';
import type {
  GithubClient,
  PullCommit,
  PullFile,
  PullRequestInfo,
  PullRequestRef,
  PullReview,
} from '../adapters/github/types.js';
import type { Workspace } from './workspace.js';

/** What evaluating a pull request needs: the compiled workspace and a way to read GitHub. */
export interface PullRequestDeps {
  workspace: Workspace;
  github: GithubClient;
  /** Scores a pull request's risk; absent when no model is available. */
  risk?: (pr: PullRequestInfo, change: Change) => Promise<ChangeRisk | undefined>;
  /**
   * Matches the change's added lines against attestations (a checkout with the notes ref, or the server's stored
   * ones, which read the added lines from the files' patches); absent: not consulted.
   */
  attestations?: (change: Change, files: readonly PullFile[]) => Promise<ChangeAttestation | undefined>;
}

/** A pull request read from GitHub and decided, with the facts the decision used. */
export interface PullRequestEvaluation {
  ref: PullRequestRef;
  pullRequest: PullRequestInfo;
  change: Change;
  approvals: Approval[];
  report: CheckReport;
}

/** Reads a pull request's commits, files and reviews from GitHub and decides it like `blastwall check`. */
export async function evaluatePullRequest(
  deps: PullRequestDeps,
  ref: PullRequestRef,
): Promise<PullRequestEvaluation> {
  const { workspace, github } = deps;
  // Read the PR first: its head sha is what reviews are judged against.
  const pullRequest = await github.getPullRequest(ref);
  const [commits, files, reviews] = await Promise.all([
    github.listPullCommits(ref),
    github.listPullFiles(ref),
    github.listPullReviews(ref),
  ]);
  const change = changeFromPullRequest(pullRequest, commits, files, workspace.config.people);
  const { approvals, notes } = approvalsFromReviews(reviews, workspace.config.people, pullRequest.headSha);
  const { risk, note: riskNote } = await scoreRisk(deps, pullRequest, change);
  const attestationNote = await attest(deps, change, files);
  const model = {
    config: workspace.config,
    engine: workspace.engine,
    graph: workspace.graph,
    ownersOf: workspace.ownersOf,
  };
  const report = decideChange(model, change, approvals, risk);
  report.notes.push(...notes);
  if (riskNote) report.notes.push(riskNote);
  if (attestationNote) report.notes.push(attestationNote);
  return { ref, pullRequest, change, approvals, report };
}

/**
 * Sets the change's attestation from the checkout. Attestations only ever add AI-assisted lines, so a checkout
 * that cannot answer (the PR's commits not fetched) leaves the declared provenance and says why in a note.
 */
async function attest(
  deps: PullRequestDeps,
  change: Change,
  files: readonly PullFile[],
): Promise<string | undefined> {
  if (!deps.attestations) return undefined;
  try {
    const attestation = await deps.attestations(change, files);
    if (attestation) change.attestation = attestation;
    return undefined;
  } catch (error) {
    return `attestations not read: ${(error as Error).message} (fetch the pull request's commits and the notes ref)`;
  }
}

/** Builds a Change from a pull request's commits and net files. */
export function changeFromPullRequest(
  pr: PullRequestInfo,
  commits: readonly PullCommit[],
  files: readonly PullFile[],
  people: readonly Person[] = [],
): Change {
  const emails = new Set(people.flatMap((p) => p.emails));
  return {
    base: pr.baseSha,
    head: pr.headSha,
    commits: commits.map((c) => toCommit(c, emails, people)),
    files: files.map(toFileChange),
    labels: [...pr.labels],
  };
}

/**
 * Turns reviews into approvals: the latest verdict per reviewer wins, only mapped logins count, and an
 * approval given on a commit other than the current head predates the last push and no longer counts.
 */
export function approvalsFromReviews(
  reviews: readonly PullReview[],
  people: readonly Person[],
  headSha: string,
): { approvals: Approval[]; notes: string[] } {
  const latest = new Map<string, PullReview>();
  for (const review of [...reviews].sort(byTime)) {
    if (!review.login) continue;
    // A plain comment does not withdraw an earlier approval on GitHub either; only verdicts replace verdicts.
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED' && review.state !== 'DISMISSED')
      continue;
    latest.set(review.login.toLowerCase(), review);
  }
  const approvals: Approval[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const review of latest.values()) {
    if (review.state !== 'APPROVED') continue;
    const person = personForLogin(review.login ?? '', people);
    if (!person) {
      notes.push(
        `the approval by @${review.login} does not count: that GitHub login is not mapped to a person in the config`,
      );
      continue;
    }
    if (review.commitId !== headSha) {
      notes.push(
        `the approval by ${person.id} (@${review.login}) was given on ${(review.commitId ?? 'an unknown commit').slice(0, 10)}, before the last push, and no longer counts`,
      );
      continue;
    }
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    approvals.push({ personId: person.id });
  }
  return { approvals, notes };
}

/** The configured person a GitHub login belongs to (logins include the person's id), case-insensitively. */
export function personForLogin(login: string, people: readonly Person[]): Person | undefined {
  const wanted = login.toLowerCase();
  return people.find((p) => p.logins.some((l) => l.toLowerCase() === wanted));
}

async function scoreRisk(
  deps: PullRequestDeps,
  pr: PullRequestInfo,
  change: Change,
): Promise<{ risk?: ChangeRisk; note?: string }> {
  const freeze = deps.workspace.config.freeze.active;
  if (!deps.risk) {
    // During a freeze an unscored change must not pass as risk 0.
    if (!freeze) return {};
    const note = 'no risk model for pull requests; counted as 100 during the freeze';
    return { risk: { score: 100, reasons: [note] }, note };
  }
  try {
    const risk = await deps.risk(pr, change);
    return risk ? { risk } : {};
  } catch (error) {
    const note = `risk could not be computed (${error instanceof Error ? error.message : String(error)}); counted as 100`;
    return { risk: { score: 100, reasons: [note] }, note };
  }
}

function byTime(a: PullReview, b: PullReview): number {
  const at = a.submittedAt ?? '';
  const bt = b.submittedAt ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  return a.id - b.id;
}

function toCommit(commit: PullCommit, knownEmails: ReadonlySet<string>, people: readonly Person[]): Commit {
  let authorEmail = commit.authorEmail;
  // GitHub tells which account an unknown email belongs to; the noreply form lets author matching use the login.
  if (
    !knownEmails.has(authorEmail.toLowerCase()) &&
    commit.authorLogin &&
    personForLogin(commit.authorLogin, people)
  ) {
    authorEmail = `${commit.authorLogin}@users.noreply.github.com`;
  }
  const time = commit.authorDate ? Date.parse(commit.authorDate) : NaN;
  return {
    sha: commit.sha,
    parents: commit.parents,
    authorName: commit.authorName,
    authorEmail,
    committerName: commit.committerName,
    committerEmail: commit.committerEmail,
    authoredAt: Number.isNaN(time) ? 0 : Math.floor(time / 1000),
    message: commit.message,
    // The PR commits endpoint does not list files per commit; the change's net files carry the diff.
    files: [],
  };
}

const STATUS: Record<PullFile['status'], FileChange['status']> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
  changed: 'type-changed',
  unchanged: 'modified',
};

function toFileChange(file: PullFile): FileChange {
  // GitHub omits the patch for binary files (and for huge text diffs, which still count lines).
  const binary = !file.hasPatch && file.additions === 0 && file.deletions === 0 && file.status !== 'renamed';
  return {
    path: file.filename,
    ...(file.previousFilename ? { oldPath: file.previousFilename } : {}),
    added: file.additions,
    deleted: file.deletions,
    binary,
    status: STATUS[file.status],
  };
}
