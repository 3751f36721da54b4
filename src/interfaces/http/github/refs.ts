import { z } from 'zod';
import type { PullRequestRef } from '../../../adapters/github/types.js';
import { PULL_REQUEST_ACTIONS, pullRequestEventSchema, REVIEW_ACTIONS } from './schema.js';

const repository = z.object({ name: z.string().min(1), owner: z.object({ login: z.string().min(1) }) });
const pullRequests = z.array(z.object({ number: z.number().int().positive() }));

/**
 * `check_run.rerequested` and `check_suite.rerequested` ("Re-run" on GitHub): the pull requests of the run or
 * suite, as GitHub lists them in `pull_requests` (docs.github.com, "Webhook events and payloads": check_run,
 * check_suite). Only blastwall's own check run is re-run by a check_run event.
 */
const rerunSchema = z.object({
  repository,
  check_run: z.object({ name: z.string().optional(), pull_requests: pullRequests }).optional(),
  check_suite: z.object({ pull_requests: pullRequests }).optional(),
});

/** Events and actions that make blastwall (re-)evaluate a pull request. */
export function isHandled(event: string, action: string | undefined): boolean {
  if (action === undefined) return false;
  if (event === 'pull_request') return (PULL_REQUEST_ACTIONS as readonly string[]).includes(action);
  if (event === 'pull_request_review') return (REVIEW_ACTIONS as readonly string[]).includes(action);
  if (event === 'check_run' || event === 'check_suite') return action === 'rerequested';
  return false;
}

/** The pull requests an event asks to evaluate, or why the payload cannot be read. */
export function pullRequestsOf(
  event: string,
  payload: unknown,
  checkName: string,
): { refs: PullRequestRef[] } | { problem: string } {
  if (event === 'check_run' || event === 'check_suite') {
    const parsed = rerunSchema.safeParse(payload);
    if (!parsed.success) return { problem: problemOf(event, parsed.error) };
    const { repository: repo, check_run: run, check_suite: suite } = parsed.data;
    const listed = event === 'check_run' ? run : suite;
    if (!listed) return { problem: `${event} payload: ${event}: Required` };
    if (event === 'check_run' && run?.name !== undefined && run.name !== checkName) return { refs: [] };
    return {
      refs: listed.pull_requests.map((pr) => ({
        owner: repo.owner.login,
        repo: repo.name,
        number: pr.number,
      })),
    };
  }
  const parsed = pullRequestEventSchema.safeParse(payload);
  if (!parsed.success) return { problem: problemOf(event, parsed.error) };
  return {
    refs: [
      {
        owner: parsed.data.repository.owner.login,
        repo: parsed.data.repository.name,
        number: parsed.data.pull_request.number,
      },
    ],
  };
}

function problemOf(event: string, error: z.ZodError): string {
  const issue = error.issues[0];
  return `${event} payload: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`;
}

const installationSchema = z.object({ installation: z.object({ id: z.number().int().positive() }) });

/** The GitHub App installation a delivery comes from (`installation.id`), whose token answers it. */
export function installationOf(payload: unknown): number | undefined {
  return installationSchema.safeParse(payload).data?.installation.id;
}
