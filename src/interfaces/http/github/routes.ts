import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { GithubError } from '../../../adapters/github/github-error.js';
import type { GithubClient, PullRequestRef } from '../../../adapters/github/types.js';
import type { ChangeDecisionInput } from '../../../adapters/storage/types.js';
import { evaluatePullRequest, type PullRequestDeps } from '../../../app/pull-requests.js';
import type { Workspace } from '../../../app/workspace.js';
import { BlastwallError } from '../../../core/errors.js';
import { changeDetail } from '../../../core/change/stored-detail.js';
import { conclusionFor } from './check-run-output.js';
import { keyedQueue, memoryDeliveryLog, storeDeliveryLog, type DeliveryStore } from './deliveries.js';
import { publishReport } from './publish.js';
import { actionSchema, PULL_REQUEST_ACTIONS, pullRequestEventSchema, REVIEW_ACTIONS } from './schema.js';
import { verifySignature } from './signature.js';

/** GitHub's own limit is 25 MB; pull request events are far smaller. */
export const DEFAULT_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;

/** What the webhook routes need; everything is passed in. */
export interface GithubWebhookDeps {
  /** The webhook secret configured on the GitHub App or repository webhook. */
  secret: string;
  /** The server's workspace (config, policies, owners), or a function that opens the current one. */
  workspace: Workspace | (() => Workspace | Promise<Workspace>);
  github: GithubClient;
  /** Durable de-duplication and decision records; without it deliveries are de-duplicated in memory. */
  store?: DeliveryStore & {
    recordChangeDecision(input: ChangeDecisionInput, actor: string): Promise<unknown>;
  };
  /** Extra GitHub login → person id mappings on top of the people's `github` logins in the config. */
  logins?: Record<string, string>;
  risk?: PullRequestDeps['risk'];
  /** Where the check run's "Details" link points (e.g. the dashboard), per pull request. */
  detailsUrl?: (ref: PullRequestRef) => string | undefined;
  maxBodyBytes?: number;
  /** Receives failures (static message, details as fields). */
  log?: (message: string, fields: Record<string, unknown>) => void;
}

/** Builds a hono sub-app serving `POST /webhooks/github`; mount it with `app.route('/', …)`. */
export function createGithubWebhookRoutes(deps: GithubWebhookDeps): Hono {
  const app = new Hono();
  const maxBytes = deps.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BYTES;
  const deliveries = deps.store ? storeDeliveryLog(deps.store) : memoryDeliveryLog();
  const inQueue = keyedQueue();
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: (c) => fail(c, 413, 'payload-too-large', `webhook body exceeds ${maxBytes} bytes`),
  });

  app.post('/webhooks/github', limit, async function handleGithubWebhook(c) {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifySignature(deps.secret, raw, c.req.header('x-hub-signature-256'))) {
      return fail(
        c,
        401,
        'bad-signature',
        'X-Hub-Signature-256 is missing or does not match the body and the webhook secret',
      );
    }
    const event = c.req.header('x-github-event');
    const deliveryId = c.req.header('x-github-delivery');
    if (!event || !deliveryId)
      return fail(c, 400, 'bad-request', 'X-GitHub-Event and X-GitHub-Delivery headers are required');
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return fail(c, 400, 'malformed-json', 'webhook body is not valid UTF-8 JSON');
    }
    if (event === 'ping') return c.json({ pong: true });
    const action = actionSchema.safeParse(payload).data?.action;
    if (!isHandled(event, action))
      return c.json({ ignored: true, event, ...(action ? { action } : {}) }, 202);
    const parsed = pullRequestEventSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(
        c,
        400,
        'invalid-payload',
        `${event} payload: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const ref: PullRequestRef = {
      owner: parsed.data.repository.owner.login,
      repo: parsed.data.repository.name,
      number: parsed.data.pull_request.number,
    };
    if (!(await deliveries.claim(deliveryId, `${event}.${action}`)))
      return c.json({ duplicate: true, delivery: deliveryId });
    try {
      const result = await inQueue(`${ref.owner}/${ref.repo}#${ref.number}`, () =>
        evaluateAndPublish(deps, ref, deliveryId),
      );
      await deliveries.settle(deliveryId, 'processed');
      return c.json({ delivery: deliveryId, ...result });
    } catch (error) {
      await deliveries.settle(deliveryId, 'failed').catch(() => undefined);
      deps.log?.('github webhook failed', {
        delivery: deliveryId,
        event,
        pr: `${ref.owner}/${ref.repo}#${ref.number}`,
        error: error instanceof Error ? error.message : String(error),
      });
      if (error instanceof GithubError) return fail(c, 502, 'github-failed', error.message);
      if (error instanceof BlastwallError && error.code === 'config')
        return fail(c, 500, 'config', error.message);
      return fail(c, 500, 'internal', 'internal error while handling the webhook');
    }
  });
  return app;
}

async function evaluateAndPublish(deps: GithubWebhookDeps, ref: PullRequestRef, deliveryId: string) {
  const workspace = withLogins(
    typeof deps.workspace === 'function' ? await deps.workspace() : deps.workspace,
    deps.logins,
  );
  const evaluation = await evaluatePullRequest(
    { workspace, github: deps.github, ...(deps.risk ? { risk: deps.risk } : {}) },
    ref,
  );
  const { report } = evaluation;
  const conclusion = conclusionFor(report.decision);
  // The decision is recorded before publishing: it was made, even if GitHub then fails to take it.
  await deps.store?.recordChangeDecision(
    {
      repo: `${ref.owner}/${ref.repo}`,
      base: report.range.base,
      head: report.range.head,
      pr: ref.number,
      decision: report.decision,
      reasons: report.reasons,
      detail: changeDetail(report, {
        source: 'github',
        delivery: deliveryId,
        conclusion,
        approvals: evaluation.approvals.map((a) => a.personId),
        ...(evaluation.pullRequest.title !== '' && { title: evaluation.pullRequest.title }),
      }),
    },
    'github',
  );
  const published = await publishReport(
    deps.github,
    ref,
    report,
    deps.detailsUrl?.(ref) ?? evaluation.pullRequest.htmlUrl,
  );
  return {
    pr: `${ref.owner}/${ref.repo}#${ref.number}`,
    head: report.range.head,
    decision: report.decision,
    conclusion,
    ...published,
  };
}

function isHandled(event: string, action: string | undefined): boolean {
  if (action === undefined) return false;
  if (event === 'pull_request') return (PULL_REQUEST_ACTIONS as readonly string[]).includes(action);
  if (event === 'pull_request_review') return (REVIEW_ACTIONS as readonly string[]).includes(action);
  return false;
}

function withLogins(workspace: Workspace, logins: Record<string, string> | undefined): Workspace {
  if (!logins || Object.keys(logins).length === 0) return workspace;
  const people = workspace.config.people.map((person) => {
    const extra = Object.entries(logins)
      .filter(([, id]) => id === person.id)
      .map(([login]) => login);
    return extra.length ? { ...person, logins: [...person.logins, ...extra] } : person;
  });
  return { ...workspace, config: { ...workspace.config, people } };
}

function fail(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status);
}
