import { Hono } from 'hono';
import { z } from 'zod';
import type { DashboardReader, ChangeSummaryRecord } from '../../adapters/storage/dashboard-reader.js';
import type { DeliveryStore } from '../../adapters/storage/delivery-store.js';
import type { ActionDecisionRow, ApprovalRow, Store } from '../../adapters/storage/types.js';
import { buildServiceGraph, emptyBlastRadius, type ServiceGraph } from '../../core/catalog/graph.js';
import { attributeIncident } from '../../core/delivery/attribution.js';
import type { Deployment, Incident, Suspect } from '../../core/delivery/types.js';
import {
  levelRank,
  OUTCOMES,
  type BlastRadius,
  type Person,
  type Provenance,
  type Requirement,
  type Service,
} from '../../core/model.js';
import { requireRole, type AuthVariables, type Principal } from './auth.js';
import type {
  ActionItem,
  ActionsResponse,
  ApprovalView,
  AuditResponse,
  ChangeDetailResponse,
  ChangeSummary,
  ChangesResponse,
  EligibleReviewer,
  IncidentsResponse,
  MeResponse,
  OverviewResponse,
  OverviewWeek,
  QueueResponse,
  RadiusEdge,
  SuspectView,
} from './dashboard-contract.js';
import {
  checkEligibility,
  eligibleApprovers,
  isOpen,
  openReviewLoad,
} from '../../core/policy/eligibility.js';
import { HttpError } from './http-error.js';

type Env = { Variables: AuthVariables };

/** What the dashboard's read routes need. */
export interface DashboardRoutesOptions {
  store: Store;
  reader: DashboardReader;
  deliveries: DeliveryStore;
  now?: () => Date;
  /** Hours before an incident in which a deployment is a suspect (default 24, as the delivery routes). */
  windowHours?: number;
  /**
   * How long one verification of the whole audit chain answers the audit page (default 30 s): it reads and
   * hashes every record, a third of a second per 7,000 on this class of machine, too much for every page.
   */
  auditVerificationTtlMs?: number;
}

const DAY_MS = 86_400_000;
const PRODUCTION = new Set(['prod', 'production']);
const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;

const Limit = (fallback: number) => z.coerce.number().int().min(1).max(1000).default(fallback);
const OverviewQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(26) });
const ListQuery = z.object({ limit: Limit(100) });
const ActionsQuery = z.object({
  limit: Limit(100),
  since: z.iso.datetime({ offset: true }).optional(),
  decision: z.enum(OUTCOMES).optional(),
});
const AuditQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.string().max(200).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: Limit(100),
});

function parseQuery<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new HttpError(
    400,
    'invalid-request',
    `${issue?.path.length ? issue.path.join('.') : 'query'}: ${issue?.message ?? 'invalid'}`,
  );
}

const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday of the epoch: weeks are counted from it. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Start (Monday 00:00 UTC) of the week holding a time, in epoch milliseconds. */
function weekStartMs(time: number): number {
  return Math.floor((time - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** Edges of the dependency graph among the services of a radius: a failure of `from` reaches `to`. */
export function radiusEdges(graph: ServiceGraph, services: readonly string[]): RadiusEdge[] {
  const inRadius = new Set(services);
  const edges: RadiusEdge[] = [];
  for (const from of inRadius)
    for (const to of graph.dependentsOf(from)) if (inRadius.has(to)) edges.push({ from, to });
  return edges;
}

function withEdges(graph: ServiceGraph, radius: unknown): BlastRadius & { edges: RadiusEdge[] } {
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

/** Everything one request judges people and approvals against, read once. */
interface Context {
  principal: Principal;
  person: Person | undefined;
  people: Person[];
  services: Service[];
  graph: ServiceGraph;
  now: Date;
  /** People who may sign off, by requirement and sign-offs so far (see `approversOf`). */
  approvers: Map<string, Person[]>;
}

/** Whether the signed-in person may approve or deny an approval now, and if not, why. */
function viewOf(approval: ApprovalRow, ctx: Context): ApprovalView {
  const expired =
    approval.status === 'pending' &&
    approval.expiresAt !== undefined &&
    Date.parse(approval.expiresAt) <= ctx.now.getTime();
  const status = expired ? 'expired' : approval.status;
  const { principal, person } = ctx;
  const decider = principal.role === 'reviewer' || principal.role === 'admin';
  let whyNot: string | undefined;
  if (status !== 'pending') whyNot = `this approval is ${status}`;
  else if (principal.role === 'agent') whyNot = 'an agent token can never approve or deny';
  else if (!decider) whyNot = `a ${principal.role} token cannot approve`;
  else if (principal.personId === undefined)
    whyNot = 'this token is not tied to a person; only people approve';
  else if (!person) whyNot = `${principal.personId} is not a configured person`;
  else if (approval.approvedBy.includes(person.id))
    whyNot = `you already signed off; it needs ${approval.requirement.approvals} approval(s)`;
  else {
    const eligible = checkEligibility(person, approval.requirement, ctx.services);
    if (!eligible.ok) whyNot = eligible.reason;
  }
  const { requirement } = approval;
  return {
    id: approval.id,
    status,
    requirement: {
      approvals: requirement.approvals,
      ...(requirement.minLevel !== undefined && { minLevel: requirement.minLevel }),
      notAuthor: requirement.notAuthor,
      ...(requirement.ownerOf !== undefined && { ownerOf: requirement.ownerOf }),
      authors: requirement.authors,
      policies: requirement.policies,
    },
    approvedBy: approval.approvedBy,
    ...(approval.decidedBy !== undefined && { decidedBy: approval.decidedBy }),
    ...(approval.reason !== undefined && { reason: approval.reason }),
    createdAt: approval.createdAt,
    ...(approval.decidedAt !== undefined && { decidedAt: approval.decidedAt }),
    ...(approval.expiresAt !== undefined && { expiresAt: approval.expiresAt }),
    canApprove: whyNot === undefined,
    canDeny: status === 'pending' && decider && person !== undefined,
    ...(whyNot !== undefined && { whyNot }),
  };
}

/** Review load: pending approvals each person is eligible for, and sign-offs in the last 30 days. */
interface Load {
  pending: Map<string, number>;
  recent: Map<string, number>;
}

/**
 * Everyone who may sign off an approval now (eligible and not signed yet). Many approvals ask the same
 * of the same people, so the answer is kept per requirement for the request.
 */
function approversOf(approval: ApprovalRow, ctx: Context): Person[] {
  const key = JSON.stringify([approval.requirement, approval.approvedBy]);
  let found = ctx.approvers.get(key);
  if (!found) {
    // Eligibility reads only the services the approval names as owned: pass just those.
    const named = (approval.requirement.ownerOf ?? []).flatMap((id) => {
      const service = ctx.graph.services.get(id);
      return service ? [service] : [];
    });
    found = eligibleApprovers(approval, ctx.people, named);
    ctx.approvers.set(key, found);
  }
  return found;
}

async function loadOf(options: DashboardRoutesOptions, ctx: Context, pending: ApprovalRow[]): Promise<Load> {
  const load: Load = {
    pending: openReviewLoad(pending, ctx.now, (approval) => approversOf(approval, ctx)),
    recent: new Map(),
  };
  const since = new Date(ctx.now.getTime() - 30 * DAY_MS).toISOString();
  for (const signoff of await options.reader.signoffs(since))
    load.recent.set(signoff.personId, (load.recent.get(signoff.personId) ?? 0) + 1);
  return load;
}

/** Everyone who could sign off an approval now, least loaded first. */
function eligibleFor(approval: ApprovalRow | undefined, ctx: Context, load: Load): EligibleReviewer[] {
  if (!approval || !isOpen(approval, ctx.now)) return [];
  return approversOf(approval, ctx)
    .map((person) => ({
      personId: person.id,
      level: person.level,
      pending: load.pending.get(person.id) ?? 0,
      reviewsLast30Days: load.recent.get(person.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        a.pending - b.pending ||
        a.reviewsLast30Days - b.reviewsLast30Days ||
        a.personId.localeCompare(b.personId),
    );
}

function summaryOf(record: ChangeSummaryRecord): ChangeSummary {
  return {
    changeId: record.changeId,
    repo: record.repo,
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
function latestBySubject(approvals: readonly ApprovalRow[]): Map<string, ApprovalRow> {
  const bySubject = new Map<string, ApprovalRow>();
  for (const approval of approvals) {
    const seen = bySubject.get(approval.subjectId);
    if (!seen || approval.createdAt > seen.createdAt) bySubject.set(approval.subjectId, approval);
  }
  return bySubject;
}

function actionItem(row: ActionDecisionRow, approval: ApprovalRow | undefined, ctx: Context): ActionItem {
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
 * Suspects of many incidents without scanning every deployment for each: an incident only looks at what
 * deployed in its window, what later reverted something, and its named root cause. The attribution itself
 * filters exactly; this only keeps the input small.
 */
function suspectsOfAll(
  incidents: readonly Incident[],
  deployments: readonly Deployment[],
  graph: ServiceGraph,
  verdicts: Awaited<ReturnType<DeliveryStore['listVerdicts']>>,
  windowHours: number,
): Map<string, Suspect[]> {
  const at = (d: Deployment) => Date.parse(d.finishedAt ?? d.startedAt);
  const sorted = [...deployments].sort((a, b) => at(a) - at(b));
  const times = sorted.map(at);
  const reverting = deployments.filter((d) => (d.reverts?.length ?? 0) > 0);
  const slack = 3_600_000;
  const firstAtOrAfter = (time: number): number => {
    let low = 0;
    let high = times.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (times[mid]! < time) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  const result = new Map<string, Suspect[]>();
  for (const incident of incidents) {
    const start = Date.parse(incident.startedAt);
    const from = firstAtOrAfter(start - windowHours * 3_600_000 - slack);
    const to = firstAtOrAfter(start + slack);
    const cause = incident.rootCause;
    const candidates = new Set(sorted.slice(from, to));
    for (const deployment of reverting) candidates.add(deployment);
    if (cause)
      for (const deployment of deployments)
        if (
          deployment.id === cause.deployment ||
          (cause.commit !== undefined && deployment.commits.includes(cause.commit))
        )
          candidates.add(deployment);
    result.set(
      incident.id,
      attributeIncident(incident, [...candidates], graph, { verdicts }, { windowHours }),
    );
  }
  return result;
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

/** `GET /me` and `GET /dashboard/*`: what the web dashboard reads (see dashboard-contract.ts); mount under `/v1`. */
export function dashboardRoutes(options: DashboardRoutesOptions): Hono<Env> {
  const { store, reader, deliveries } = options;
  const clock = options.now ?? (() => new Date());
  const windowHours = options.windowHours ?? 24;
  const routes = new Hono<Env>();
  const verificationTtl = options.auditVerificationTtlMs ?? 30_000;
  let verification: { started: number; verdict: Promise<AuditResponse['verification']> } | undefined;

  /** The chain's verification, shared by the requests of a short while; a failed run is not kept. */
  function verifyChain(): Promise<AuditResponse['verification']> {
    if (verification && performance.now() - verification.started < verificationTtl)
      return verification.verdict;
    const verdict = store.verifyAudit().then((result): AuditResponse['verification'] => ({
      ...(result.ok
        ? { ok: true, count: result.count, headSeq: result.head.seq }
        : { ok: false, count: result.count, brokenAt: result.seq, message: result.message }),
      verifiedAt: clock().toISOString(),
    }));
    const current = { started: performance.now(), verdict };
    verification = current;
    verdict.catch(() => {
      if (verification === current) verification = undefined;
    });
    return verdict;
  }

  async function contextOf(principal: Principal): Promise<Context> {
    const [people, services] = await Promise.all([store.listPeople(), store.listServices()]);
    const person =
      principal.personId !== undefined ? people.find((p) => p.id === principal.personId) : undefined;
    return {
      principal,
      person,
      people,
      services,
      graph: buildServiceGraph(services),
      now: clock(),
      approvers: new Map(),
    };
  }

  routes.get('/me', async (c) => {
    const principal = c.get('principal');
    const person =
      principal.personId !== undefined
        ? (await store.listPeople()).find((p) => p.id === principal.personId)
        : undefined;
    const body: MeResponse = {
      role: principal.role,
      tokenId: principal.tokenId,
      ...(person && { person: { id: person.id, level: person.level, teams: person.teams } }),
      canDecide: (principal.role === 'reviewer' || principal.role === 'admin') && person !== undefined,
    };
    return c.json(body);
  });

  // The dashboard is for people: reviewers and admins read it, agents and ingest tokens do not.
  routes.use('/dashboard/*', requireRole('reviewer', 'admin'));

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

  routes.get('/dashboard/queue', async (c) => {
    const ctx = await contextOf(c.get('principal'));
    const pending = await reader.approvals({ status: 'pending' });
    const load = await loadOf(options, ctx, pending);
    const waiting = latestBySubject(
      pending.filter((approval) => approval.subjectKind === 'change' && isOpen(approval, ctx.now)),
    );
    const changes = await reader.latestChanges({ changeIds: [...waiting.keys()], limit: 1000 });
    // A change checked again since (with sign-offs given elsewhere) may no longer wait for anyone.
    const items: QueueResponse['items'] = changes
      .filter((record) => record.decision === 'needs-approval')
      .map((record) => {
        const approval = waiting.get(record.changeId)!;
        return {
          ...summaryOf(record),
          approval: viewOf(approval, ctx),
          waitingSince: approval.createdAt,
          eligible: eligibleFor(approval, ctx, load),
        };
      });
    // Riskiest first: the risk score, then the most critical tier reached, then the longest wait.
    items.sort(
      (a, b) =>
        (b.risk ?? 0) - (a.risk ?? 0) ||
        a.mostCriticalTier - b.mostCriticalTier ||
        a.waitingSince.localeCompare(b.waitingSince),
    );
    return c.json({ items } satisfies QueueResponse);
  });

  routes.get('/dashboard/changes', async (c) => {
    const { limit } = parseQuery(ListQuery, c.req.query());
    const items = (await reader.latestChanges({ limit })).map(summaryOf);
    return c.json({ items } satisfies ChangesResponse);
  });

  // A change id holds the repository path (`/repo@base..head`): encode it, though a raw one is matched too.
  routes.get('/dashboard/changes/:changeId{.+}', async (c) => {
    const changeId = c.req.param('changeId');
    const [history, ctx, summaries, approvals, pending] = await Promise.all([
      reader.changeHistory(changeId),
      contextOf(c.get('principal')),
      reader.latestChanges({ changeIds: [changeId], limit: 1 }),
      reader.approvals({ subjectKind: 'change', subjectIds: [changeId], limit: 1 }),
      reader.approvals({ status: 'pending' }),
    ]);
    const latest = history.at(-1);
    const summary = summaries[0];
    if (!latest || !summary) throw new HttpError(404, 'not-found', `no change ${changeId}`);
    const detail = latest.detail ?? {};
    const approval = approvals[0];
    const load = await loadOf(options, ctx, pending);
    const provenance = (detail.provenance as Provenance | undefined) ?? {
      aiAssisted: false,
      tools: [],
      aiShare: 0,
      commits: [],
    };
    const authors = Array.isArray(detail.authors)
      ? detail.authors.map((a) => ({
          id: String(a.id),
          name: String(a.name ?? ''),
          level: String(a.level ?? 'junior'),
          known: a.known === true,
          commits: Number(a.commits ?? 0),
        }))
      : [];
    const risk = detail.risk as { reasons?: string[] } | undefined;
    const body: ChangeDetailResponse = {
      ...summaryOf(summary),
      notes: Array.isArray(detail.notes) ? (detail.notes as string[]) : [],
      commits: Number(detail.commits ?? 0),
      files: Number(detail.files ?? 0),
      linesAdded: Number(detail.linesAdded ?? 0),
      linesDeleted: Number(detail.linesDeleted ?? 0),
      authors,
      provenance,
      requirements: Array.isArray(detail.requirements) ? (detail.requirements as Requirement[]) : [],
      blastRadius: withEdges(ctx.graph, detail.blastRadius),
      riskReasons: Array.isArray(risk?.reasons) ? risk.reasons : [],
      ...(approval && { approval: viewOf(approval, ctx) }),
      eligible: eligibleFor(approval, ctx, load),
      history: history.map((h) => ({ decision: h.decision, at: h.createdAt, reasons: h.reasons })),
    };
    return c.json(body);
  });

  routes.get('/dashboard/actions', async (c) => {
    const query = parseQuery(ActionsQuery, c.req.query());
    const [ctx, rows, pending] = await Promise.all([
      contextOf(c.get('principal')),
      reader.actions({
        limit: query.limit,
        ...(query.since !== undefined && { since: new Date(query.since).toISOString() }),
        ...(query.decision !== undefined && { decision: query.decision }),
      }),
      reader.approvals({ subjectKind: 'action', status: 'pending' }),
    ]);
    const open = latestBySubject(pending.filter((approval) => isOpen(approval, ctx.now)));
    const shown = new Set(rows.map((row) => row.id));
    const [heldRows, approvals] = await Promise.all([
      reader.actions({ ids: [...open.keys()].filter((id) => !shown.has(id)), limit: 1000 }),
      reader.approvals({ subjectKind: 'action', subjectIds: [...shown] }),
    ]);
    const bySubject = latestBySubject(approvals);
    for (const [id, approval] of open) bySubject.set(id, approval);
    const all = new Map([...rows, ...heldRows].map((row) => [row.id, row]));
    const held = [...open.keys()]
      .map((id) => all.get(id))
      .filter((row): row is ActionDecisionRow => row !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((row) => actionItem(row, bySubject.get(row.id), ctx));
    const body: ActionsResponse = {
      items: rows.map((row) => actionItem(row, bySubject.get(row.id), ctx)),
      held,
    };
    return c.json(body);
  });

  routes.get('/dashboard/incidents', async (c) => {
    const { limit } = parseQuery(ListQuery, c.req.query());
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
    const suspectsOf = suspectsOfAll(incidents, deployments, ctx.graph, verdicts, windowHours);
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

  routes.get('/dashboard/audit', async (c) => {
    const query = parseQuery(AuditQuery, c.req.query());
    const [page, verdict] = await Promise.all([
      reader.searchAudit({
        limit: query.limit,
        ...(query.q !== undefined && { q: query.q }),
        ...(query.kind !== undefined && { kind: query.kind }),
        ...(query.before !== undefined && { before: query.before }),
      }),
      verifyChain(),
    ]);
    const body: AuditResponse = {
      records: page.records,
      ...(page.nextBefore !== undefined && { nextBefore: page.nextBefore }),
      verification: verdict,
    };
    return c.json(body);
  });

  return routes;
}
