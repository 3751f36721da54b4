import { basename, isAbsolute } from 'node:path';
import type { ChangeSummaryRecord } from '../../../adapters/storage/dashboard-reader.js';
import type { ActionDecisionRow, ApprovalRow } from '../../../adapters/storage/types.js';
import { emptyBlastRadius, type ServiceGraph } from '../../../core/catalog/graph.js';
import type { BlastRadius } from '../../../core/model.js';
import type { DashboardReader } from '../../../adapters/storage/dashboard-reader.js';
import type { ActionItem, ChangeSummary, EligibleReviewer, RadiusEdge } from '../dashboard-contract.js';
import { viewOf, type Context } from './context.js';

/** Edges of the dependency graph among the services of a radius: a failure of `from` reaches `to`. */
export function radiusEdges(graph: ServiceGraph, services: readonly string[]): RadiusEdge[] {
  const inRadius = new Set(services);
  const edges: RadiusEdge[] = [];
  for (const from of inRadius)
    for (const to of graph.dependentsOf(from)) if (inRadius.has(to)) edges.push({ from, to });
  return edges;
}

/** A stored blast radius (or nothing) with the edges among its services. */
export function withEdges(graph: ServiceGraph, radius: unknown): BlastRadius & { edges: RadiusEdge[] } {
  const value =
    radius && typeof radius === 'object'
      ? { ...emptyBlastRadius(), ...(radius as BlastRadius) }
      : emptyBlastRadius();
  return {
    ...value,
    edges: radiusEdges(
      graph,
      value.services.map((s) => s.id),
    ),
  };
}

/** The row of a change as the lists show it. */
export function summaryOf(
  record: ChangeSummaryRecord,
  repoNames: ReadonlyMap<string, string> = new Map(),
): ChangeSummary {
  return {
    changeId: record.changeId,
    repo: record.repo,
    // Changes are stored under `owner/name`; a path is left only by a repository that has no name.
    repoName: repoNames.get(record.repo) ?? (isAbsolute(record.repo) ? basename(record.repo) : record.repo),
    ...(record.pr !== undefined && { pr: record.pr }),
    ...(record.title !== undefined && { title: record.title }),
    base: record.base,
    head: record.head,
    decision: record.decision,
    decidedAt: record.decidedAt,
    author: record.author
      ? {
          id: record.author.id,
          name: record.author.name,
          level: record.author.level,
          known: record.author.known,
        }
      : { id: 'nobody', name: '', level: 'junior', known: false },
    aiAssisted: record.aiAssisted,
    tools: record.tools,
    // The risk model scores 0…100; the dashboard shows 0…1.
    ...(record.riskScore !== undefined && { risk: Math.min(1, Math.max(0, record.riskScore / 100)) }),
    mostCriticalTier: record.mostCriticalTier ?? 5,
    services: record.directServices,
    reasons: record.reasons,
  };
}

/** The newest approval of each subject. */
export function latestBySubject(approvals: readonly ApprovalRow[]): Map<string, ApprovalRow> {
  const bySubject = new Map<string, ApprovalRow>();
  for (const approval of approvals) {
    const seen = bySubject.get(approval.subjectId);
    if (!seen || approval.createdAt > seen.createdAt) bySubject.set(approval.subjectId, approval);
  }
  return bySubject;
}

/** A gate decision as the actions page shows it, with its approval when it has one. */
export function actionItem(
  row: ActionDecisionRow,
  approval: ApprovalRow | undefined,
  ctx: Context,
): ActionItem {
  // The gate resolves an operation's environment to an object; the dashboard names it by id.
  const operations = (row.operations as Array<Record<string, unknown>>).map((op) => {
    const environment = op.environment as { id?: unknown; protected?: unknown } | string | undefined;
    const id = typeof environment === 'object' && environment !== null ? environment.id : environment;
    return {
      ...op,
      kind: String(op.kind ?? 'unknown'),
      summary: String(op.summary ?? ''),
      ...(typeof id === 'string' ? { environment: id } : { environment: undefined }),
      ...(typeof environment === 'object' &&
        environment !== null &&
        typeof environment.protected === 'boolean' && { protectedEnvironment: environment.protected }),
    };
  }) as ActionItem['operations'];
  const environments = [
    ...new Set(
      operations
        .map((op) => op.environment)
        .filter((env): env is string => typeof env === 'string' && env !== ''),
    ),
  ];
  const radius = row.detail?.blastRadius;
  return {
    id: row.id,
    at: row.createdAt,
    command: row.command,
    agent: row.agent,
    ...(row.onBehalfOf !== undefined && { onBehalfOf: row.onBehalfOf }),
    ...(row.sessionId !== undefined && { sessionId: row.sessionId }),
    ...(row.cwd !== undefined && { cwd: row.cwd }),
    decision: row.decision,
    reasons: row.reasons,
    operations,
    environments,
    ...(radius !== undefined && { blastRadius: withEdges(ctx.graph, radius) }),
    ...(approval && { approval: viewOf(approval, ctx) }),
  };
}

/**
 * Each person's assigned reviews: the open change approvals whose latest check proposed them as a reviewer
 * and which they have not signed yet. What a senior *could* approve is not their load; this is.
 */
export async function assignedLoad(
  reader: DashboardReader,
  open: readonly ApprovalRow[],
): Promise<Map<string, number>> {
  const changes = open.filter((approval) => approval.subjectKind === 'change');
  const records = await reader.latestChanges({ changeIds: changes.map((a) => a.subjectId), limit: 1000 });
  const proposed = new Map(records.map((record) => [record.changeId, record.assignedReviewers]));
  const load = new Map<string, number>();
  for (const approval of changes)
    for (const person of proposed.get(approval.subjectId) ?? [])
      if (!approval.approvedBy.includes(person)) load.set(person, (load.get(person) ?? 0) + 1);
  return load;
}

/**
 * The people who may sign off, with the sign-offs assigned to each now, least assigned first: their real
 * load, rather than every pending sign-off they could give.
 */
export function withAssigned(
  eligible: readonly EligibleReviewer[],
  assigned: ReadonlyMap<string, number>,
): Array<EligibleReviewer & { assigned: number }> {
  return eligible
    .map((reviewer) => ({ ...reviewer, assigned: assigned.get(reviewer.personId) ?? 0 }))
    .sort(
      (a, b) =>
        a.assigned - b.assigned ||
        a.reviewsLast30Days - b.reviewsLast30Days ||
        a.personId.localeCompare(b.personId),
    );
}
