import type { Hono } from 'hono';
import { attributeAll } from '../../../core/delivery/attribute-all.js';
import type { IncidentsResponse, SuspectView } from '../dashboard-contract.js';
import { ListQuery, type Env, type PageDeps } from './context.js';
import { parseQuery } from '../request-body.js';

/** `GET /dashboard/incidents`: the latest incidents with their suspects and the changes they shipped. */
export function incidentsPage(routes: Hono<Env>, deps: PageDeps): void {
  const { reader, deliveries, windowHours, contextOf } = deps;
  routes.get('/dashboard/incidents', async (c) => {
    const { limit } = parseQuery(c, ListQuery);
    const principal = c.get('principal');
    const [ctx, all, verdicts] = await Promise.all([
      contextOf(principal),
      deliveries.listIncidents(),
      deliveries.listVerdicts(),
    ]);
    const incidents = all.slice(-limit).reverse();
    const earliest = Math.min(...incidents.map((i) => Date.parse(i.startedAt)));
    const latest = Math.max(...incidents.map((i) => Date.parse(i.startedAt)));
    let deployments =
      incidents.length === 0
        ? []
        : await deliveries.listDeployments({
            since: new Date(earliest - windowHours * 3_600_000).toISOString(),
            until: new Date(latest + 1).toISOString(),
          });
    // An explicit root cause may lie outside the window: read everything once in that rare case.
    const known = new Set(deployments.map((d) => d.id));
    if (incidents.some((i) => i.rootCause?.deployment !== undefined && !known.has(i.rootCause.deployment)))
      deployments = await deliveries.listDeployments();
    const byId = new Map(deployments.map((d) => [d.id, d]));
    const { suspects: suspectsOf } = attributeAll(
      incidents,
      deployments,
      ctx.graph,
      { verdicts },
      { windowHours },
    );
    const shas = [
      ...new Set([...suspectsOf.values()].flat().flatMap((s) => byId.get(s.deploymentId)?.commits ?? [])),
    ];
    const changesByHead = new Map<string, string[]>();
    for (let i = 0; i < shas.length; i += 500) {
      for (const change of await reader.latestChanges({ heads: shas.slice(i, i + 500), limit: 1000 })) {
        const list = changesByHead.get(change.head) ?? [];
        list.push(change.changeId);
        changesByHead.set(change.head, list);
      }
    }
    const body: IncidentsResponse = {
      items: incidents.map((incident) => ({
        id: incident.id,
        severity: incident.severity,
        services: incident.services,
        startedAt: incident.startedAt,
        ...(incident.resolvedAt !== undefined && { resolvedAt: incident.resolvedAt }),
        suspects: (suspectsOf.get(incident.id) ?? []).flatMap((suspect): SuspectView[] => {
          const deployment = byId.get(suspect.deploymentId);
          if (!deployment) return [];
          return [
            {
              deploymentId: deployment.id,
              service: deployment.service,
              environment: deployment.environment,
              deployedAt: deployment.finishedAt ?? deployment.startedAt,
              commits: deployment.commits,
              aiAssisted: deployment.aiAssisted,
              tools: deployment.tools ?? [],
              score: suspect.score,
              state: suspect.state,
              ...(suspect.confirmedBy !== undefined && { confirmedBy: suspect.confirmedBy }),
              reasons: suspect.reasons,
              changeIds: [...new Set(deployment.commits.flatMap((sha) => changesByHead.get(sha) ?? []))],
            },
          ];
        }),
      })),
      canJudge: (principal.role === 'reviewer' || principal.role === 'admin') && ctx.person !== undefined,
    };
    return c.json(body);
  });
}
