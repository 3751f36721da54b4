import type { Hono } from 'hono';
import { z } from 'zod';
import { attributeAll } from '../../../core/delivery/attribute-all.js';
import {
  causingDeployments,
  isFailedDeployment,
  PRODUCTION_ENVIRONMENTS,
} from '../../../core/delivery/failure.js';
import { deployedAt } from '../../../core/delivery/time.js';
import { weekWindow } from '../../../core/delivery/weeks.js';
import { levelRank } from '../../../core/model.js';
import type { OverviewResponse, OverviewWeek } from '../dashboard-contract.js';
import { isOpen } from '../../../core/policy/eligibility.js';
import { loadOf, type Env, type PageDeps } from './context.js';
import { parseQuery } from '../request-body.js';
import { assignedLoad } from './views.js';

const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
const OverviewQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(26) });

/** `GET /dashboard/overview`: weekly AI share, change-failure rate and incidents; pending sign-offs and review load. */
export function overviewPage(routes: Hono<Env>, deps: PageDeps): void {
  const { options, reader, deliveries, windowHours, contextOf } = deps;
  routes.get('/dashboard/overview', async (c) => {
    const { weeks: count } = parseQuery(c, OverviewQuery);
    const ctx = await contextOf(c.get('principal'));
    const window = weekWindow(ctx.now, count);
    const { since, indexOf } = window;
    const weeks: OverviewWeek[] = window.weeks.map((week, i): OverviewWeek => ({
      week,
      partial: i === count - 1,
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
      // Suspects of the window's first incidents may have deployed just before it (read as `report` reads).
      deliveries.listDeployments({
        since: new Date(Date.parse(since) - windowHours * 3_600_000).toISOString(),
        until: ctx.now.toISOString(),
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
    // The one change-failure rule, attributed as `blastwall report` attributes: its number for this window.
    const counted = incidents.filter((incident) => Date.parse(incident.startedAt) < ctx.now.getTime());
    const { causes } = attributeAll(counted, deployments, ctx.graph, { verdicts }, { windowHours });
    const causing = causingDeployments(counted, causes);
    const rate = { aiAssisted: { deployments: 0, failed: 0 }, human: { deployments: 0, failed: 0 } };
    for (const deployment of deployments) {
      if (!PRODUCTION_ENVIRONMENTS.includes(deployment.environment)) continue;
      const at = deployedAt(deployment);
      const week = Date.parse(at) < ctx.now.getTime() ? weeks[indexOf(at)] : undefined;
      if (!week) continue;
      const didFail = isFailedDeployment(deployment, causing);
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
    const assigned = await assignedLoad(reader, open);
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
      changeFailureRate: {
        since,
        until: ctx.now.toISOString(),
        aiAssisted: ratio(rate.aiAssisted),
        human: ratio(rate.human),
      },
      pendingApprovals: {
        changes: open.filter((a) => a.subjectKind === 'change').length,
        actions: open.filter((a) => a.subjectKind === 'action').length,
      },
      reviewLoad: ctx.people
        .filter((person) => levelRank(person.level) >= levelRank('senior'))
        .map((person) => ({
          personId: person.id,
          level: person.level,
          assigned: assigned.get(person.id) ?? 0,
          reviewsLast30Days: load.recent.get(person.id) ?? 0,
          perWeek: perWeek.get(person.id) ?? new Array<number>(count).fill(0),
        }))
        .sort(
          (a, b) =>
            b.assigned - a.assigned ||
            b.reviewsLast30Days - a.reviewsLast30Days ||
            a.personId.localeCompare(b.personId),
        ),
    };
    return c.json(body);
  });
}
