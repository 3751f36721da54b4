import { z } from 'zod';

// Only the fields the handler reads; everything else in GitHub's payloads is ignored.

const repository = z.object({
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
});

const pullRequest = z.object({ number: z.number().int().positive() });

/** The actions of `pull_request` that change what blastwall decides. */
export const PULL_REQUEST_ACTIONS = ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'] as const;
/** The actions of `pull_request_review` that change the approvals. */
export const REVIEW_ACTIONS = ['submitted', 'dismissed'] as const;

/** The part of a `pull_request` or `pull_request_review` payload blastwall uses. */
export const pullRequestEventSchema = z.object({
  action: z.string(),
  pull_request: pullRequest,
  repository,
});

/** Any payload: only the action, to decide whether it is handled before validating more. */
export const actionSchema = z.object({ action: z.string().optional() });
