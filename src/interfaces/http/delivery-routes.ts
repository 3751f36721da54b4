import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  INGEST_SOURCES,
  type CommitProvenanceFacts,
  type IngestResult,
} from '../../adapters/ingest/index.js';
import type { DeliveryStore } from '../../adapters/storage/delivery-store.js';
import { blastRadiusOf, buildServiceGraph } from '../../core/catalog/graph.js';
import { attributeIncident } from '../../core/delivery/attribution.js';
import {
  decideDeploy,
  type ChangeStatus,
  type DeployGateDecision,
  type FreezeWindow,
} from '../../core/delivery/deploy-gate.js';
import { reportFromHistory } from '../../core/delivery/report.js';
import { wavePlan } from '../../core/delivery/wave-plan.js';
import type { Deployment } from '../../core/delivery/types.js';
import type { Service } from '../../core/model.js';
import { repositoryFullName } from '../../core/change/identity.js';
import type { AuthVariables } from './auth.js';
import { HttpError } from './http-error.js';
import { parseBody, readJsonBody } from './request-body.js';

type Env = { Variables: Partial<AuthVariables> };

/** What the delivery routes need; the wiring passes real implementations, tests pass fakes. */
export interface DeliveryRouteDeps {
  store: DeliveryStore;
  services(): Promise<Service[]> | Service[];
  /**
   * Where a change's sign-offs stand, by its identity: the repository's full name and its head sha (full or
   * abbreviated); undefined when blastwall never judged it.
   */
  changeStatus(repository: string, sha: string): Promise<ChangeStatus | undefined>;
  /** The repository a gate question that names none is about: the server's own (`owner/name`). */
  repository?: string;
  provenanceOf(sha: string): CommitProvenanceFacts | undefined;
  /**
   * Stored provenance of commits named in a body (full or abbreviated shas), read before parsing; it
   * derives `aiAssisted` of a deployment that does not say. Falls back to `provenanceOf`.
   */
  lookupProvenance?(shas: readonly string[]): Promise<ReadonlyMap<string, CommitProvenanceFacts>>;
  freeze(): { active: boolean; reason?: string; windows?: FreezeWindow[] };
  now?: () => Date;
  /** PagerDuty webhook signing secret; when set, unsigned or wrongly signed deliveries are refused. */
  pagerDutySecret?: string;
  /** Attribution window in hours (default 24). */
  windowHours?: number;
  /** Outbound change events (PagerDuty): told of each newly recorded deployment, never awaited. */
  changeEvents?: { deploymentStarted(deployment: Deployment): void };
}

const GateQuery = z.object({
  service: z.string().min(1),
  sha: z.string().regex(/^[0-9a-f]{4,64}$/i, 'expected a commit sha'),
  environment: z.string().min(1).default('prod'),
  wave: z.string().min(1).optional(),
  /**
   * The repository's full name (`owner/name`, any case, or its clone URL); without it, the server's own. With
   * the sha it is the change's identity (core/change/identity.ts).
   */
  repo: z
    .string()
    .max(512)
    .transform((value, ctx) => {
      const name = repositoryFullName(value);
      if (name === undefined) ctx.addIssue({ code: 'custom', message: 'expected owner/name' });
      return name ?? value;
    })
    .optional(),
});

/** The gate's question as a deploy tool spells it: `repository` and `revision` stand for `repo` and `sha`. */
function gateQuestion(fields: Record<string, string | undefined>): Record<string, string | undefined> {
  const { repository, revision, ...rest } = fields;
  return { ...rest, repo: rest.repo ?? repository, sha: rest.sha ?? revision };
}

const VerdictBody = z.object({ reason: z.string().max(2000).optional() });

/** Flagger's webhook body; the gate reads service, sha, environment and wave from the Canary's metadata. */
const FlaggerGateBody = z.object({
  name: z.string(),
  namespace: z.string(),
  phase: z.string().optional(),
  type: z.string().optional(),
  metadata: z.record(z.string(), z.string()).default({}),
});

/** PagerDuty signs the raw body: `X-PagerDuty-Signature: v1=<hex hmac-sha256>` (several, comma-separated, while a secret rotates). */
export function pagerDutySignatureValid(body: string, header: string | undefined, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(body).digest();
  for (const part of (header ?? '').split(',')) {
    const match = /^\s*v1=([0-9a-f]{64})\s*$/i.exec(part);
    if (match && timingSafeEqual(Buffer.from(match[1]!, 'hex'), expected)) return true;
  }
  return false;
}

/** What the deploy gate tells a caller: anyone learns allowed or held; the reasons need a bearer token. */
export type GateAnswer =
  DeployGateDecision | { allowed: boolean; status: 'allowed' | 'held'; retryAfter?: string };

/**
 * The gate is open to callers without a token (Flagger cannot send one), so to them it says only whether
 * the deployment may proceed: which sign-offs are missing and which incidents are open is for people
 * with a token, not for anyone who can reach the port.
 */
function gateAnswer(decision: DeployGateDecision, authenticated: boolean): GateAnswer {
  const status = decision.allowed ? 'allowed' : 'held';
  if (authenticated) return { ...decision, status };
  return {
    allowed: decision.allowed,
    status,
    ...(decision.retryAfter && { retryAfter: decision.retryAfter }),
  };
}

/** `/deployments`, `/incidents`, suspects and verdicts, `/gates/deploy` (Argo Rollouts and Flagger), `/reports/delivery`; mount under `/v1`. */
export function deliveryRoutes(deps: DeliveryRouteDeps): Hono<Env> {
  const routes = new Hono<Env>();
  const now = deps.now ?? (() => new Date());

  /** The ingest deps for one body: its commits' stored provenance looked up first (one query), then the fallback. */
  async function ingestDepsFor(text: string, kind: 'deployment' | 'incident') {
    if (kind !== 'deployment' || !deps.lookupProvenance) return { provenanceOf: deps.provenanceOf, now };
    const shas = [...new Set(text.match(/\b[0-9a-f]{7,64}\b/gi) ?? [])].slice(0, 1000);
    const known = await deps.lookupProvenance(shas.map((sha) => sha.toLowerCase()));
    return {
      provenanceOf: (sha: string) => known.get(sha.toLowerCase()) ?? deps.provenanceOf(sha),
      now,
    };
  }

  async function ingest(c: Context<Env>, source: string, kind: 'deployment' | 'incident'): Promise<Response> {
    const text = await c.req.text();
    if (
      source === 'pagerduty' &&
      deps.pagerDutySecret !== undefined &&
      !pagerDutySignatureValid(text, c.req.header('x-pagerduty-signature'), deps.pagerDutySecret)
    ) {
      throw new HttpError(401, 'bad-signature', 'X-PagerDuty-Signature does not match the body');
    }
    const result: IngestResult = INGEST_SOURCES[source]!.parse(text, await ingestDepsFor(text, kind));
    const wrong = result.records.find((record) => record.kind !== kind);
    if (wrong) throw new HttpError(400, 'invalid-request', `expected ${kind} records, got ${wrong.kind}`);
    // Nothing good in the body is a bad request; some good records are stored and the bad ones named.
    if (result.records.length === 0 && result.issues.length > 0)
      throw new HttpError(
        400,
        'invalid-request',
        result.issues.map((issue) => `${issue.where}: ${issue.message}`).join('; '),
      );
    const actor = c.get('principal')?.tokenId ?? source;
    // Issued together, the writes share group-committed transactions of the audit chain.
    const fresh = await Promise.all(
      result.records.map((record) =>
        record.kind === 'deployment'
          ? deps.store.recordDeployment(record.deployment, actor)
          : deps.store.recordIncident(record.incident, actor),
      ),
    );
    // A deployment seen for the first time has started; later events of the same rollout only update it.
    result.records.forEach((record, index) => {
      if (record.kind === 'deployment' && fresh[index])
        deps.changeEvents?.deploymentStarted(record.deployment);
    });
    const ids = result.records.map((record) =>
      record.kind === 'deployment' ? record.deployment.id : record.incident.id,
    );
    return c.json(
      { recorded: ids, skipped: result.issues, ignored: result.ignored },
      ids.length > 0 ? 201 : 200,
    );
  }

  routes.post('/deployments', (c) => ingest(c, 'generic', 'deployment'));
  routes.post('/deployments/argo-rollouts', (c) => ingest(c, 'argo-rollouts', 'deployment'));
  routes.post('/deployments/flagger', (c) => ingest(c, 'flagger', 'deployment'));
  routes.post('/incidents', (c) => ingest(c, 'generic', 'incident'));
  routes.post('/incidents/pagerduty', (c) => ingest(c, 'pagerduty', 'incident'));

  routes.get('/incidents/:id/suspects', async (c) => {
    const incident = await deps.store.getIncident(c.req.param('id'));
    if (!incident) throw new HttpError(404, 'not-found', `no incident ${c.req.param('id')}`);
    const windowHours = deps.windowHours ?? 24;
    const from = new Date(Date.parse(incident.startedAt) - windowHours * 3_600_000).toISOString();
    const [deployments, verdicts, services] = await Promise.all([
      deps.store.listDeployments({ since: from, until: incident.startedAt }),
      deps.store.listVerdicts(),
      deps.services(),
    ]);
    // An explicit root cause may lie outside the window: fetch it too.
    const cause = incident.rootCause?.deployment;
    const extra =
      cause && !deployments.some((d) => d.id === cause)
        ? (await deps.store.listDeployments({})).filter((d) => d.id === cause)
        : [];
    const suspects = attributeIncident(
      incident,
      [...deployments, ...extra],
      buildServiceGraph(services),
      { verdicts },
      { windowHours },
    );
    return c.json({ incident, suspects });
  });

  for (const verdict of ['confirm', 'reject'] as const) {
    routes.post(`/incidents/:id/suspects/:deployment/${verdict}`, async (c) => {
      const principal = c.get('principal');
      if (principal && principal.role !== 'reviewer' && principal.role !== 'admin')
        throw new HttpError(
          403,
          'forbidden',
          `a ${principal.role} token cannot judge suspects (needs reviewer or admin)`,
        );
      const personId = principal?.personId;
      if (!personId) throw new HttpError(403, 'forbidden', 'only a person can confirm or reject a suspect');
      if (!(await deps.store.getIncident(c.req.param('id'))))
        throw new HttpError(404, 'not-found', `no incident ${c.req.param('id')}`);
      const body = parseBody(VerdictBody, await readJsonBody(c));
      await deps.store.setVerdict({
        incidentId: c.req.param('id'),
        deploymentId: c.req.param('deployment'),
        verdict: verdict === 'confirm' ? 'confirmed' : 'rejected',
        personId,
        ...(body.reason !== undefined && { reason: body.reason }),
      });
      return c.json({
        incident: c.req.param('id'),
        deployment: c.req.param('deployment'),
        state: verdict === 'confirm' ? 'confirmed' : 'rejected',
        by: personId,
      });
    });
  }

  async function gate(question: z.infer<typeof GateQuery>): Promise<DeployGateDecision> {
    // A question that names no repository, on a server that knows none, finds no change: it is held.
    const repository = question.repo ?? deps.repository;
    const [services, change, openIncidents, deployments] = await Promise.all([
      deps.services(),
      repository !== undefined ? deps.changeStatus(repository, question.sha) : undefined,
      deps.store.listIncidents({ open: true }),
      deps.store.listDeployments({ service: question.service, sha: question.sha }),
    ]);
    const graph = buildServiceGraph(services);
    const radius = blastRadiusOf(graph, [question.service]);
    const plan = wavePlan({
      risk: change?.risk ?? 0.5,
      blastScore: radius.score,
      mostCriticalTier: radius.mostCriticalTier,
    });
    const freeze = deps.freeze();
    return decideDeploy({
      ...question,
      now: now().toISOString(),
      change,
      openIncidents,
      graph,
      freezeActive: freeze.active,
      ...(freeze.reason !== undefined && { freezeReason: freeze.reason }),
      ...(freeze.windows !== undefined && { freezeWindows: freeze.windows }),
      deployments,
      plan,
    });
  }

  // Argo Rollouts web metric: always 200 with {allowed, status}; `successCondition: result.allowed == true`.
  routes.get('/gates/deploy', async (c) => {
    const question = parseBody(GateQuery, gateQuestion(c.req.query()), 'query');
    return c.json(gateAnswer(await gate(question), c.get('principal') !== undefined));
  });

  // Flagger webhook: 200 opens the gate, 403 holds it (Flagger retries on its next interval).
  routes.post('/gates/deploy', async (c) => {
    const { metadata, name, namespace } = parseBody(FlaggerGateBody, await readJsonBody(c));
    const question = parseBody(
      GateQuery,
      gateQuestion({
        ...c.req.query(),
        ...metadata,
        service: metadata.service ?? name,
        environment: metadata.environment ?? c.req.query('environment') ?? namespace,
      }),
      'metadata',
    );
    const decision = await gate(question);
    return c.json(gateAnswer(decision, c.get('principal') !== undefined), decision.allowed ? 200 : 403);
  });

  routes.get('/reports/delivery', async (c) => {
    const until = c.req.query('until') ?? now().toISOString();
    const since = c.req.query('since') ?? new Date(Date.parse(until) - 28 * 86_400_000).toISOString();
    if (
      Number.isNaN(Date.parse(since)) ||
      Number.isNaN(Date.parse(until)) ||
      Date.parse(since) >= Date.parse(until)
    )
      throw new HttpError(400, 'invalid-request', 'since and until must be ISO dates, since before until');
    const previousFrom = new Date(2 * Date.parse(since) - Date.parse(until)).toISOString();
    const [deployments, incidents, verdicts, reviews, services] = await Promise.all([
      deps.store.listDeployments({
        since: new Date(Date.parse(previousFrom) - 86_400_000).toISOString(),
        until,
      }),
      deps.store.listIncidents({ since: previousFrom, until }),
      deps.store.listVerdicts(),
      deps.store.listReviews(),
      deps.services(),
    ]);
    return c.json(
      reportFromHistory({
        deployments,
        incidents,
        services,
        reviews,
        verdicts,
        since: new Date(since).toISOString(),
        until: new Date(until).toISOString(),
        ...(deps.windowHours !== undefined && { windowHours: deps.windowHours }),
      }),
    );
  });

  return routes;
}
