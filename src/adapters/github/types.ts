/** Which pull request: the repository's owner and name on GitHub, and the PR number. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

/** The parts of a pull request blastwall reads. */
export interface PullRequestInfo {
  number: number;
  state: string;
  title: string;
  htmlUrl?: string;
  authorLogin?: string;
  baseSha: string;
  headSha: string;
  labels: string[];
}

/** One commit of a pull request as GitHub lists it. */
export interface PullCommit {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  /** ISO time from the commit itself (author-supplied, not the push time). */
  authorDate?: string;
  committerName: string;
  committerEmail: string;
  message: string;
  /** The GitHub account GitHub matched to the author email, when it could. */
  authorLogin?: string;
}

/** GitHub's file statuses in a pull request. */
export type PullFileStatus =
  'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

/** One file of a pull request's net diff. */
export interface PullFile {
  filename: string;
  previousFilename?: string;
  status: PullFileStatus;
  additions: number;
  deletions: number;
  changes: number;
  /** Absent for binary files and for diffs GitHub considers too large. */
  hasPatch: boolean;
  /** The file's unified diff hunks as GitHub gives them (`@@ … @@`, then ` `/`+`/`-` lines), when it has one. */
  patch?: string;
}

/** One review of a pull request. */
export interface PullReview {
  id: number;
  login?: string;
  /** APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED or PENDING. */
  state: string;
  /** The head commit the review was given on. */
  commitId?: string;
  submittedAt?: string;
}

/** What a check run shows; GitHub caps title and summary. */
export interface CheckRunInput {
  name: string;
  headSha: string;
  conclusion: 'success' | 'failure' | 'action_required' | 'neutral';
  title: string;
  summary: string;
  text?: string;
  detailsUrl?: string;
  externalId?: string;
}

/** An issue comment (PR conversation comment). */
export interface IssueComment {
  id: number;
  body: string;
  login?: string;
}

/** The GitHub REST calls blastwall makes; one implementation over Octokit, fakes in tests. */
export interface GithubClient {
  /** The pull request itself (head and base sha, labels). */
  getPullRequest(ref: PullRequestRef): Promise<PullRequestInfo>;
  /** All commits of a pull request, oldest first (GitHub lists at most 250). */
  listPullCommits(ref: PullRequestRef): Promise<PullCommit[]>;
  /** All files of a pull request's net diff (GitHub lists at most 3000). */
  listPullFiles(ref: PullRequestRef): Promise<PullFile[]>;
  /** All reviews of a pull request, in the order GitHub gives them (oldest first). */
  listPullReviews(ref: PullRequestRef): Promise<PullReview[]>;
  /** Creates a completed check run on a commit; returns its id. */
  createCheckRun(ref: Omit<PullRequestRef, 'number'>, input: CheckRunInput): Promise<{ id: number }>;
  /** All comments in a pull request's conversation. */
  listIssueComments(ref: PullRequestRef): Promise<IssueComment[]>;
  /** Adds a comment to a pull request's conversation. */
  createIssueComment(ref: PullRequestRef, body: string): Promise<{ id: number }>;
  /** Replaces the body of an existing comment. */
  updateIssueComment(
    ref: Omit<PullRequestRef, 'number'>,
    commentId: number,
    body: string,
  ): Promise<{ id: number }>;
}
