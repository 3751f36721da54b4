import { Hono } from 'hono';
import { requireRole } from '../auth.js';
import { actionsPage } from './actions.js';
import { auditPage } from './audit.js';
import { changesPage } from './changes.js';
import { readContext, type DashboardRoutesOptions, type Env, type PageDeps } from './context.js';
import { incidentsPage } from './incidents.js';
import { mePage } from './me.js';
import { overviewPage } from './overview.js';
import { queuePage } from './queue.js';

export type { DashboardRoutesOptions } from './context.js';

/** `GET /me` and `GET /dashboard/*`: what the web dashboard reads (see dashboard-contract.ts); mount under `/v1`. */
export function dashboardRoutes(options: DashboardRoutesOptions): Hono<Env> {
  const { store, reader, deliveries } = options;
  const clock = options.now ?? (() => new Date());
  const routes = new Hono<Env>();
  const deps: PageDeps = {
    options,
    store,
    reader,
    deliveries,
    clock,
    windowHours: options.windowHours ?? 24,
    contextOf: (principal) => readContext(store, principal, clock()),
  };
  mePage(routes, deps);
  // The dashboard is for people: reviewers and admins read it, agents and ingest tokens do not.
  routes.use('/dashboard/*', requireRole('reviewer', 'admin'));
  overviewPage(routes, deps);
  queuePage(routes, deps);
  changesPage(routes, deps);
  actionsPage(routes, deps);
  incidentsPage(routes, deps);
  auditPage(routes, deps);
  return routes;
}
