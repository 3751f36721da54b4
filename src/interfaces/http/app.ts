import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Store } from '../../adapters/storage/types.js';
import type { Gate } from '../../app/gate-types.js';
import { actionRoutes } from './actions-routes.js';
import { approvalRoutes } from './approvals-routes.js';
import { changeRoutes, type RunCheck } from './changes-routes.js';
import type { Metrics } from './metrics.js';
import { bearerAuth, requireRole, type AuthVariables } from './auth.js';
import { errorBody, handleError, HttpError } from './http-error.js';

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
  runCheck?: RunCheck;
  /** Serves `GET /metrics` when given. */
  metrics?: Metrics;
  /** Whether `/metrics` needs a bearer token too (default: open, as Prometheus scrapers expect). */
  metricsAuth?: boolean;
}

const AuditQuery = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** Builds the blastwall HTTP API on web-standard Request/Response (serve it with @hono/node-server). */
export function createHttpApp(options: HttpAppOptions): Hono<{ Variables: AuthVariables }> {
  const { store } = options;
  const app = new Hono<{ Variables: AuthVariables }>();
  app.onError(handleError);
  app.notFound((c) => c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.use(
    '*',
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: (c) =>
        c.json(
          errorBody('payload-too-large', `request body exceeds ${options.maxBodyBytes ?? 1024 * 1024} bytes`),
          413,
        ),
    }),
  );

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

  // Deploy gates answer Argo Rollouts and Flagger, which cannot send a bearer token (Flagger's webhooks carry
  // none); a gate only says whether a deployment may proceed and changes nothing, so it is open.
  const auth = bearerAuth(store);
  app.use('/v1/*', (c, next) => (c.req.path.startsWith('/v1/gates/') ? next() : auth(c, next)));
  app.route('/v1/approvals', approvalRoutes(store));
  if (options.gate) {
    app.route(
      '/v1/actions',
      actionRoutes({
        store,
        gate: options.gate,
        ...(options.approvalTtlMinutes !== undefined && { approvalTtlMinutes: options.approvalTtlMinutes }),
        ...(metrics && { metrics }),
      }),
    );
  }
  if (options.repo !== undefined && options.runCheck)
    app.route('/v1/changes', changeRoutes({ store, repo: options.repo, runCheck: options.runCheck }));
  app.get('/v1/audit', requireRole('reviewer', 'admin'), async (c) => {
    const parsed = AuditQuery.safeParse(c.req.query());
    if (!parsed.success)
      throw new HttpError(400, 'invalid-request', `query: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const records = await store.listAudit({
      afterSeq: parsed.data.after ?? 0,
      limit: parsed.data.limit ?? 100,
    });
    return c.json({ records });
  });

  return app;
}
