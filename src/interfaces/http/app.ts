import { basename, resolve } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import type { DeliveryStore } from '../../adapters/storage/delivery-store.js';
import type { Store } from '../../adapters/storage/types.js';
import type { DashboardReader } from '../../adapters/storage/dashboard-reader.js';
import type { Gate } from '../../app/gate-types.js';
import { actionRoutes } from './actions-routes.js';
import { approvalRoutes } from './approvals-routes.js';
import { changeRoutes, recheckApprovedChange, type FindChange, type RunCheck } from './changes-routes.js';
import { capacityRoutes } from './capacity-routes.js';
import { credsRoutes } from './creds-routes.js';
import { attestationRoutes } from './attestations-routes.js';
import type { AttestationStore } from '../../adapters/storage/attestation-store.js';
import type { ServerAttestKey } from '../../app/attest-server.js';
import type { Broker } from '../../app/creds/broker.js';
import type { GrantStore } from '../../adapters/storage/grant-store.js';
import { dashboardRoutes } from './dashboard/index.js';
import { dashboardStatic } from './dashboard-static.js';
import { deliveryRoutes, type DeliveryRouteDeps } from './delivery-routes.js';
import { createGithubWebhookRoutes, type GithubWebhookDeps } from './github/index.js';
import type { Metrics } from './metrics.js';
import { bearerAuth, type AuthVariables } from './auth.js';
import { authorise, needsToken } from './route-roles.js';
import { errorBody, handleError } from './http-error.js';
import { limitBody, parseQuery, requestHeader } from './request-body.js';
import { securityHeaders } from './security-headers.js';
import { refuseBadText } from './bad-text.js';

/** What the HTTP app needs; everything is passed in, nothing is global. */
export interface HttpAppOptions {
  store: Store;
  /** Largest accepted request body in bytes (default 1 MiB). */
  maxBodyBytes?: number;
  /** The agent gate behind `POST /v1/actions/evaluate` (the route exists only with it). */
  gate?: Gate;
  /** How long an approval releases a held action (minutes, default 60). */
  approvalTtlMinutes?: number;
  /** The repository and check behind `POST /v1/changes/check` (the route exists only with both). */
  repo?: string;
  /** That repository's identity, `owner/name` (core/change/identity.ts): its changes and gate questions are about it. */
  repository?: string;
  runCheck?: RunCheck;
  /** Serves `GET /metrics` when given. */
  metrics?: Metrics;
  /** Whether `/metrics` needs a bearer token too (default: open, as Prometheus scrapers expect). */
  metricsAuth?: boolean;
  /** What the dashboard's read routes need beyond the store (the routes exist only with it). */
  dashboard?: { reader: DashboardReader; deliveries: DeliveryStore; repoName?: string };
  /** Deployments, incidents, reports and the deploy gates (the routes exist only with it). */
  delivery?: DeliveryRouteDeps;
  /** `POST /webhooks/github`, with its own body limit and signature check (the route exists only with it). */
  github?: GithubWebhookDeps;
  /** Serves the built web dashboard after every API route; a folder, or true for dist/web. */
  dashboardStatic?: boolean | { root: string };
  /** The clock of the routes (default: the real one). */
  now?: () => Date;
  /** The credential broker behind `/v1/creds` (docs/creds.md; the routes exist only with it). */
  creds?: { broker: Broker; grants: GrantStore };
  /** The attestations hooks send (`POST /v1/attestations`; the route exists only with it), and the server's key. */
  attestations?: { store: AttestationStore; key?: ServerAttestKey };
}

const AuditQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Builds the blastwall HTTP API on web-standard Request/Response (serve it with @hono/node-server). */
export function createHttpApp(options: HttpAppOptions): Hono<{ Variables: AuthVariables }> {
  const { store } = options;
  const app = new Hono<{ Variables: AuthVariables }>();
  app.use('*', securityHeaders());
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  // Mounted ahead of the API's body limit: the webhook has its own (larger) limit and its signature check.
  if (options.github) app.route('/', createGithubWebhookRoutes(options.github));
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  app.use(
    '*',
    limitBody(maxBodyBytes, (c) =>
      c.json(errorBody('payload-too-large', `request body exceeds ${maxBodyBytes} bytes`), 413),
    ),
  );
  app.use('*', refuseBadText());

  app.get('/healthz', async (c) => {
    // Touch the database so a load balancer stops sending to a server that lost it.
    await store.listApprovals({ limit: 1 });
    return c.json({ status: 'ok', store: store.kind });
  });

  const { metrics } = options;
  if (metrics) {
    if (options.metricsAuth) app.use('/metrics', bearerAuth(store));
    app.get('/metrics', async (c) =>
      c.text(await metrics.render(store), 200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      }),
    );
  }

  // Every /v1 route is authenticated and then authorised against the one role × route matrix
  // (route-roles.ts). Its only public routes are the deploy gates, mounted right below with the delivery
  // routes: Argo Rollouts and Flagger cannot send a bearer token, and a gate changes nothing.
  const auth = bearerAuth(store);
  const allowed = authorise();
  app.use('/v1/*', async function authenticateAndAuthorise(c, next) {
    // A gate caller that sends no token is let through (Argo Rollouts and Flagger cannot send one) and sees only
    // allowed or held; one that does send a token is authenticated, and then sees the gate's reasons.
    if (!needsToken(c.req.method, c.req.path) && requestHeader(c, 'authorization') === undefined)
      return allowed(c, next);
    await auth(c, async () => {
      await allowed(c, next);
    });
  });
  if (options.delivery) app.route('/v1', deliveryRoutes(options.delivery));
  const { repo, repository, runCheck, dashboard } = options;
  const identity = { repo: repo ?? '.', ...(repository !== undefined && { repository }) };
  const findChange: FindChange = async (changeId) => {
    const latest = dashboard
      ? (await dashboard.reader.changeHistory(changeId)).at(-1)
      : repo !== undefined
        ? (await store.listChangeDecisions({ repo: repository ?? basename(resolve(repo)) })).findLast(
            (d) => d.changeId === changeId,
          )
        : undefined;
    if (!latest) return undefined;
    const title = latest.detail?.title;
    return {
      repo: latest.repo,
      base: latest.base,
      head: latest.head,
      ...(typeof title === 'string' && { title }),
    };
  };
  app.route(
    '/v1/approvals',
    approvalRoutes(store, {
      ...(options.now !== undefined && { now: options.now }),
      ...(repo !== undefined &&
        runCheck && {
          // A change's approval, once approved, is checked again with its approvers and the new decision recorded.
          onApproved: (approval) =>
            recheckApprovedChange({ store, ...identity, runCheck, findChange }, approval),
        }),
    }),
  );
  if (options.gate) {
    app.route(
      '/v1/actions',
      actionRoutes({
        store,
        gate: options.gate,
        ...(options.approvalTtlMinutes !== undefined && { approvalTtlMinutes: options.approvalTtlMinutes }),
        ...(metrics && { metrics }),
        ...(options.now !== undefined && { now: options.now }),
      }),
    );
  }
  if (options.creds)
    app.route(
      '/v1/creds',
      credsRoutes({ ...options.creds, ...(options.now !== undefined && { now: options.now }) }),
    );
  if (options.attestations) app.route('/v1/attestations', attestationRoutes(options.attestations));
  if (repo !== undefined && runCheck)
    app.route('/v1/changes', changeRoutes({ store, ...identity, runCheck }));
  if (dashboard) {
    const clock = options.now !== undefined ? { now: options.now } : {};
    app.route(
      '/v1',
      dashboardRoutes({
        store,
        reader: dashboard.reader,
        deliveries: dashboard.deliveries,
        // The server's repository as people spell it (the origin's case), beside the lower-case identity stored.
        ...(repo !== undefined &&
          dashboard.repoName !== undefined && {
            repoNames: new Map([[repository ?? repo, dashboard.repoName]]),
          }),
        ...clock,
      }),
    );
    app.route('/v1', capacityRoutes({ store, reader: dashboard.reader, ...clock }));
  }
  app.get('/v1/audit', async (c) => {
    const query = parseQuery(c, AuditQuery);
    const records = await store.listAudit({ afterSeq: query.after ?? 0, limit: query.limit ?? 100 });
    return c.json({ records });
  });
  // The built dashboard, after every API route so that it only answers what they do not.
  if (options.dashboardStatic)
    app.route('/', dashboardStatic(options.dashboardStatic === true ? {} : options.dashboardStatic));

  return app;
}
