import type { Hono } from 'hono';
import { z } from 'zod';
import type { DeliveryStore } from '../../../adapters/storage/delivery-store.js';
import type { ServiceGraph } from '../../../core/catalog/graph.js';
import type { Deployment, Incident } from '../../../core/delivery/types.js';
import { levelRank } from '../../../core/model.js';
import type { OverviewResponse, OverviewWeek } from '../dashboard-contract.js';
import { isOpen } from '../../../app/eligibility.js';
import { DAY_MS, loadOf, parseQuery, type Env, type PageDeps } from './context.js';
import { suspectsOfAll } from './incidents.js';

const PRODUCTION = new Set(['prod', 'production']);
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
const OverviewQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(26) });

const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday of the epoch: weeks are counted from it. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Start (Monday 00:00 UTC) of the week holding a time, in epoch milliseconds. */
function weekStartMs(time: number): number {
  return Math.floor((time - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** The deployments that failed: by their own status, or as a confirmed cause of an incident. */
function failedDeployments(
  deployments: readonly Deployment[],
  incidents: readonly Incident[],
  graph: ServiceGraph,
  verdicts: Awaited<ReturnType<DeliveryStore['listVerdicts']>>,
  windowHours: number,
): Set<string> {
  // A deployment counts as failed (DORA change failure) when it failed or was rolled back, or when it is a
  // confirmed suspect of an incident (a root cause, a revert, fix lines or a person's confirmation).
  const failed = new Set(
    deployments.filter((d) => d.status === 'failed' || d.status === 'rolled-back').map((d) => d.id),
  );
  for (const suspects of suspectsOfAll(incidents, deployments, graph, verdicts, windowHours).values())
    for (const suspect of suspects) if (suspect.state === 'confirmed') failed.add(suspect.deploymentId);
  return failed;
}

/** `GET /dashboard/overview`: weekly AI share, change-failure rate and incidents; pending sign-offs and review load. */
export function overviewPage(routes: Hono<Env>, deps: PageDeps): void {
  const { options, reader, deliveries, windowHours, contextOf } = deps;
  routes.get('/dashboard/overview', async (c) => {
    const { weeks: count } = parseQuery(OverviewQuery, c.req.query());
    const ctx = await contextOf(c.get('principal'));
    const firstWeek = new Date(weekStartMs(ctx.now.getTime()) - (count - 1) * WEEK_MS);
    const since = firstWeek.toISOString();
    const weekKeys = Array.from({ length: count }, (_, i) =>
      new Date(firstWeek.getTime() + i * WEEK_MS).toISOString().slice(0, 10),
    );
    /** The position in the window of the week holding an ISO time, or -1 outside it. */
    const indexOf = (time: string): number => {
      const index = (weekStartMs(Date.parse(time)) - firstWeek.getTime()) / WEEK_MS;
      return index >= 0 && index < count ? index : -1;
    };
    const weeks: OverviewWeek[] = weekKeys.map((week): OverviewWeek => ({
      week,
      changes: 0,
      aiAssisted: 0,
      aiShare: 0,
      byTool: {},
      deploymentsAi: 0,
      failedAi: 0,
      deploymentsHuman: 0,
      failedHuman: 0,
      incidents: { sev1: 0, sev2: 0, sev3: 0, sev4: 0 },
    }));
    const [firsts, deployments, incidents, verdicts, pending, signoffs] = await Promise.all([
      reader.firstDecisions(since),
      // Suspects of the window's first incidents may have deployed just before it.
      deliveries.listDeployments({
        since: new Date(firstWeek.getTime() - windowHours * 3_600_000).toISOString(),
      }),
      deliveries.listIncidents({ since }),
      deliveries.listVerdicts(),
      reader.approvals({ status: 'pending' }),
      reader.signoffs(since),
    ]);
    for (const first of firsts) {
      const week = weeks[indexOf(first.at)];
      if (!week) continue;
      week.changes += 1;
      if (!first.aiAssisted) continue;
      week.aiAssisted += 1;
      for (const tool of new Set(first.tools)) week.byTool[tool] = (week.byTool[tool] ?? 0) + 1;
    }
    const failed = failedDeployments(deployments, incidents, ctx.graph, verdicts, windowHours);
    const rate = { aiAssisted: { deployments: 0, failed: 0 }, human: { deployments: 0, failed: 0 } };
    for (const deployment of deployments) {
      if (!PRODUCTION.has(deployment.environment)) continue;
      const week = weeks[indexOf(deployment.finishedAt ?? deployment.startedAt)];
      if (!week) continue;
      const didFail = failed.has(deployment.id);
      const side = deployment.aiAssisted ? rate.aiAssisted : rate.human;
      side.deployments += 1;
      if (didFail) side.failed += 1;
      if (deployment.aiAssisted) {
        week.deploymentsAi += 1;
        if (didFail) week.failedAi += 1;
      } else {
        week.deploymentsHuman += 1;
        if (didFail) week.failedHuman += 1;
      }
    }
    for (const incident of incidents) {
      const week = weeks[indexOf(incident.startedAt)];
      if (week && SEVERITIES.includes(incident.severity)) week.incidents[incident.severity] += 1;
    }
    for (const week of weeks) week.aiShare = week.changes === 0 ? 0 : week.aiAssisted / week.changes;
    const open = pending.filter((approval) => isOpen(approval, ctx.now));
    const load = await loadOf(options, ctx, open);
    const perWeek = new Map<string, number[]>();
    for (const signoff of signoffs) {
      const index = indexOf(signoff.at);
      if (index < 0) continue;
      const row = perWeek.get(signoff.personId) ?? new Array<number>(count).fill(0);
      row[index] = (row[index] ?? 0) + 1;
      perWeek.set(signoff.personId, row);
    }
    const ratio = (side: { deployments: number; failed: number }) => ({
      ...side,
      rate: side.deployments === 0 ? 0 : side.failed / side.deployments,
    });
    const body: OverviewResponse = {
      generatedAt: ctx.now.toISOString(),
      weeks,
      changeFailureRate: { aiAssisted: ratio(rate.aiAssisted), human: ratio(rate.human) },
      pendingApprovals: {
        changes: open.filter((a) => a.subjectKind === 'change').length,
        actions: open.filter((a) => a.subjectKind === 'action').length,
      },
      reviewLoad: ctx.people
        .filter((person) => levelRank(person.level) >= levelRank('senior'))
        .map((person) => ({
          personId: person.id,
          level: person.level,
          pending: load.pending.get(person.id) ?? 0,
          reviewsLast30Days: load.recent.get(person.id) ?? 0,
          perWeek: perWeek.get(person.id) ?? new Array<number>(count).fill(0),
        }))
        .sort(
          (a, b) =>
            b.pending - a.pending ||
            b.reviewsLast30Days - a.reviewsLast30Days ||
            a.personId.localeCompare(b.personId),
        ),
    };
    return c.json(body);
  });
}
