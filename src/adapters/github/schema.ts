import { z } from 'zod';

// Only the fields blastwall reads; GitHub's responses carry far more and may grow.

const user = z.object({ login: z.string() }).nullish();

/** GET /repos/{owner}/{repo}/pulls/{number} */
export const pullRequestSchema = z.object({
  number: z.number().int(),
  state: z.string(),
  title: z.string().default(''),
  html_url: z.string().optional(),
  user,
  base: z.object({ sha: z.string() }),
  head: z.object({ sha: z.string() }),
  labels: z.array(z.object({ name: z.string() })).default([]),
});

const gitPerson = z
  .object({ name: z.string().default(''), email: z.string().default(''), date: z.string().optional() })
  .nullish();

/** One item of GET /repos/{owner}/{repo}/pulls/{number}/commits */
export const pullCommitSchema = z.object({
  sha: z.string(),
  parents: z.array(z.object({ sha: z.string() })).default([]),
  author: user,
  commit: z.object({ message: z.string(), author: gitPerson, committer: gitPerson }),
});

/** One item of GET /repos/{owner}/{repo}/pulls/{number}/files */
export const pullFileSchema = z.object({
  filename: z.string(),
  previous_filename: z.string().optional(),
  status: z.enum(['added', 'removed', 'modified', 'renamed', 'copied', 'changed', 'unchanged']),
  additions: z.number().int().min(0),
  deletions: z.number().int().min(0),
  changes: z.number().int().min(0).default(0),
  patch: z.string().optional(),
});

/** One item of GET /repos/{owner}/{repo}/pulls/{number}/reviews */
export const pullReviewSchema = z.object({
  id: z.number().int(),
  user,
  state: z.string(),
  commit_id: z.string().nullish(),
  submitted_at: z.string().nullish(),
});

/** One item of GET /repos/{owner}/{repo}/issues/{number}/comments */
export const issueCommentSchema = z.object({
  id: z.number().int(),
  body: z.string().nullish(),
  user,
});

/** Any response that creates or updates something with an id. */
export const withIdSchema = z.object({ id: z.number().int() });
