import { Octokit } from '@octokit/rest';
import { z } from 'zod';
import { GithubError, wrapGithubError } from './github-error.js';
import {
  issueCommentSchema,
  pullCommitSchema,
  pullFileSchema,
  pullRequestSchema,
  pullReviewSchema,
  withIdSchema,
} from './schema.js';
import type {
  CheckRunInput,
  GithubClient,
  IssueComment,
  PullCommit,
  PullFile,
  PullRequestInfo,
  PullRequestRef,
  PullReview,
} from './types.js';

/** The public GitHub API; GitHub Enterprise Server uses `https://HOST/api/v3`. */
export const GITHUB_API_URL = 'https://api.github.com';

/** How to reach GitHub. */
export interface GithubClientOptions {
  /** A token with the permissions listed in docs/github.md (an installation token for check runs). */
  token?: string;
  /** A token read before every request (a GitHub App installation's, refreshed before it expires). */
  tokenFor?: () => Promise<string>;
  /** API root, e.g. `https://ghe.example.com/api/v3`; defaults to api.github.com. */
  baseUrl?: string;
  /** Per-request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

type Repo = Omit<PullRequestRef, 'number'>;

/** A GithubClient over Octokit; every failure becomes a GithubError naming the endpoint. */
export function createGithubClient(options: GithubClientOptions = {}): GithubClient {
  const baseFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const octokit = new Octokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: 'blastwall',
    // A webhook must answer within GitHub's 10 s; a hung API call must not hold it forever.
    request: {
      fetch: (url: string, init: RequestInit) =>
        baseFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    },
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const tokenFor = options.tokenFor;
  if (tokenFor)
    octokit.hook.before('request', async (request) => {
      request.headers.authorization = `token ${await tokenFor()}`;
    });

  async function call<T>(endpoint: string, run: () => Promise<unknown>, schema: z.ZodType<T>): Promise<T> {
    let data: unknown;
    try {
      data = await run();
    } catch (error) {
      throw wrapGithubError(endpoint, error);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new GithubError(
        endpoint,
        undefined,
        `unexpected response (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
      );
    }
    return parsed.data;
  }

  function pr(ref: PullRequestRef): { owner: string; repo: string; pull_number: number } {
    return { owner: ref.owner, repo: ref.repo, pull_number: ref.number };
  }

  return {
    async getPullRequest(ref) {
      const endpoint = `GET /repos/${ref.owner}/${ref.repo}/pulls/${ref.number}`;
      const data = await call(
        endpoint,
        async () => (await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', pr(ref))).data,
        pullRequestSchema,
      );
      return toPullRequest(data);
    },
    async listPullCommits(ref) {
      const endpoint = `GET /repos/${ref.owner}/${ref.repo}/pulls/${ref.number}/commits`;
      const items = await call(
        endpoint,
        () =>
          octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', {
            ...pr(ref),
            per_page: 100,
          }),
        z.array(pullCommitSchema),
      );
      return items.map(toCommit);
    },
    async listPullFiles(ref) {
      const endpoint = `GET /repos/${ref.owner}/${ref.repo}/pulls/${ref.number}/files`;
      const items = await call(
        endpoint,
        () =>
          octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
            ...pr(ref),
            per_page: 100,
          }),
        z.array(pullFileSchema),
      );
      return items.map(toFile);
    },
    async listPullReviews(ref) {
      const endpoint = `GET /repos/${ref.owner}/${ref.repo}/pulls/${ref.number}/reviews`;
      const items = await call(
        endpoint,
        () =>
          octokit.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
            ...pr(ref),
            per_page: 100,
          }),
        z.array(pullReviewSchema),
      );
      return items.map(toReview);
    },
    async createCheckRun(repo, input) {
      const endpoint = `POST /repos/${repo.owner}/${repo.repo}/check-runs`;
      return call(
        endpoint,
        async () =>
          (
            await octokit.request('POST /repos/{owner}/{repo}/check-runs', {
              ...repoParams(repo),
              ...checkRunBody(input),
            })
          ).data,
        withIdSchema,
      );
    },
    async listIssueComments(ref) {
      const endpoint = `GET /repos/${ref.owner}/${ref.repo}/issues/${ref.number}/comments`;
      const params = { owner: ref.owner, repo: ref.repo, issue_number: ref.number, per_page: 100 };
      const items = await call(
        endpoint,
        () => octokit.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', params),
        z.array(issueCommentSchema),
      );
      return items.map((c): IssueComment => ({
        id: c.id,
        body: c.body ?? '',
        ...(c.user ? { login: c.user.login } : {}),
      }));
    },
    async createIssueComment(ref, body) {
      const endpoint = `POST /repos/${ref.owner}/${ref.repo}/issues/${ref.number}/comments`;
      const params = { owner: ref.owner, repo: ref.repo, issue_number: ref.number, body };
      return call(
        endpoint,
        async () =>
          (await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', params)).data,
        withIdSchema,
      );
    },
    async updateIssueComment(repo, commentId, body) {
      const endpoint = `PATCH /repos/${repo.owner}/${repo.repo}/issues/comments/${commentId}`;
      const params = { ...repoParams(repo), comment_id: commentId, body };
      return call(
        endpoint,
        async () =>
          (await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', params)).data,
        withIdSchema,
      );
    },
  };
}

function repoParams(repo: Repo): { owner: string; repo: string } {
  return { owner: repo.owner, repo: repo.repo };
}

function checkRunBody(input: CheckRunInput) {
  return {
    name: input.name,
    head_sha: input.headSha,
    status: 'completed' as const,
    conclusion: input.conclusion,
    completed_at: new Date().toISOString(),
    ...(input.detailsUrl ? { details_url: input.detailsUrl } : {}),
    ...(input.externalId ? { external_id: input.externalId } : {}),
    output: { title: input.title, summary: input.summary, ...(input.text ? { text: input.text } : {}) },
  };
}

function toPullRequest(data: z.infer<typeof pullRequestSchema>): PullRequestInfo {
  return {
    number: data.number,
    state: data.state,
    title: data.title,
    ...(data.html_url ? { htmlUrl: data.html_url } : {}),
    ...(data.user ? { authorLogin: data.user.login } : {}),
    baseSha: data.base.sha,
    headSha: data.head.sha,
    labels: data.labels.map((l) => l.name),
  };
}

function toCommit(item: z.infer<typeof pullCommitSchema>): PullCommit {
  const author = item.commit.author;
  const committer = item.commit.committer;
  return {
    sha: item.sha,
    parents: item.parents.map((p) => p.sha),
    authorName: author?.name ?? '',
    authorEmail: author?.email ?? '',
    ...(author?.date ? { authorDate: author.date } : {}),
    committerName: committer?.name ?? '',
    committerEmail: committer?.email ?? '',
    message: item.commit.message,
    ...(item.author ? { authorLogin: item.author.login } : {}),
  };
}

function toFile(item: z.infer<typeof pullFileSchema>): PullFile {
  return {
    filename: item.filename,
    ...(item.previous_filename ? { previousFilename: item.previous_filename } : {}),
    status: item.status,
    additions: item.additions,
    deletions: item.deletions,
    changes: item.changes,
    hasPatch: item.patch !== undefined,
    ...(item.patch !== undefined && { patch: item.patch }),
  };
}

function toReview(item: z.infer<typeof pullReviewSchema>): PullReview {
  return {
    id: item.id,
    ...(item.user ? { login: item.user.login } : {}),
    state: item.state,
    ...(item.commit_id ? { commitId: item.commit_id } : {}),
    ...(item.submitted_at ? { submittedAt: item.submitted_at } : {}),
  };
}
