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
import { CHECK_RUN_NAME, publishReport } from './publish.js';
import { installationOf, isHandled, pullRequestsOf } from './refs.js';
import { actionSchema } from './schema.js';
import { verifySignature } from './signature.js';

/** GitHub's own limit is 25 MB; pull request events are far smaller. */
export const DEFAULT_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;

/** What the webhook routes need; everything is passed in. */
export interface GithubWebhookDeps {
  /** The webhook secret configured on the GitHub App or repository webhook. */
  secret: string;
  /** The server's workspace (config, policies, owners), or a function that opens the current one. */
  workspace: Workspace | (() => Workspace | Promise<Workspace>);
  /** The client for deliveries without an installation (a repository webhook with a token). */
  github?: GithubClient;
  /** A GitHub App's client for the installation a delivery names (`installation.id`), with its own token. */
  githubFor?: (installationId: number) => GithubClient;
  /** Durable de-duplication and decision records; without it deliveries are de-duplicated in memory. */
  store?: DeliveryStore & {
    recordChangeDecision(input: ChangeDecisionInput, actor: string): Promise<unknown>;
  };
  /** Extra GitHub login → person id mappings on top of the people's `github` logins in the config. */
  logins?: Record<string, string>;
  risk?: PullRequestDeps['risk'];
  /** The attestations the server holds (hooks send them), matched against a pull request's added lines. */
  attestations?: PullRequestDeps['attestations'];
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
    const found = pullRequestsOf(event, payload, CHECK_RUN_NAME);
    if ('problem' in found) return fail(c, 400, 'invalid-payload', found.problem);
    // A re-run of a check or suite with no pull request (a push to a branch, a fork's PR) has nothing to judge.
    if (found.refs.length === 0)
      return c.json(
        { ignored: true, event, action, reason: 'no pull request of blastwall’s to evaluate' },
        202,
      );
    const installation = installationOf(payload);
    const github = installation !== undefined && deps.githubFor ? deps.githubFor(installation) : deps.github;
    if (!github)
      return fail(
        c,
        500,
        'config',
        'no GitHub credentials for this delivery: it names no App installation and no token is configured',
      );
    if (!(await deliveries.claim(deliveryId, `${event}.${action}`)))
      return c.json({ duplicate: true, delivery: deliveryId });
    // Events of one PR are serialised across servers on one PostgreSQL (advisory lock), so it never gets two comments.
    const exclusive = deps.store?.exclusive?.bind(deps.store) ?? inQueue;
    let ref = found.refs[0] as PullRequestRef;
    try {
      const results = [];
      for (const each of found.refs) {
        ref = each;
        results.push(
          await exclusive(`github-pr:${ref.owner}/${ref.repo}#${ref.number}`, () =>
            evaluateAndPublish({ ...deps, github }, each, deliveryId),
          ),
        );
      }
      await deliveries.settle(deliveryId, 'processed');
      return c.json({ delivery: deliveryId, ...results[0], ...(results.length > 1 && { pulls: results }) });
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

async function evaluateAndPublish(
  deps: GithubWebhookDeps & { github: GithubClient },
  ref: PullRequestRef,
  deliveryId: string,
) {
  const workspace = withLogins(
    typeof deps.workspace === 'function' ? await deps.workspace() : deps.workspace,
    deps.logins,
  );
  const evaluation = await evaluatePullRequest(
    {
      workspace,
      github: deps.github,
      ...(deps.risk ? { risk: deps.risk } : {}),
      ...(deps.attestations ? { attestations: deps.attestations } : {}),
    },
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
