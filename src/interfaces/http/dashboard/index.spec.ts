import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { generateToken, hashToken } from '../../../adapters/storage/index.js';
import type { TokenRole } from '../../../adapters/storage/types.js';
import { createServerApp, type ServerApp } from '../../../serve.js';
import type {
  ActionsResponse,
  AuditResponse,
  ChangeDetailResponse,
  ChangesResponse,
  IncidentsResponse,
  MeResponse,
  CapacityResponse,
  OverviewResponse,
  QueueResponse,
} from '../dashboard-contract.js';
import { dashboardStatic } from '../dashboard-static.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
  - { id: pat, level: senior, emails: [pat@example.com], teams: [payments] }
  - { id: kim, level: principal, emails: [kim@example.com], teams: [shop] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*"] } }
`;
const JO = { name: 'Jo Junior', email: 'jo@example.com' };
const SAM = { name: 'Sam Senior', email: 'sam@example.com' };
const CLAUDE = '\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n';
const HELD = 'kubectl --context prod-eu scale deployment payments --replicas=0';

let repo: ScratchRepo;
let dbDir: string;
let server: ServerApp;
let now = new Date('2026-03-04T10:00:00.000Z');
let featureHead: string;
const tokens: Record<string, string> = {};

async function call<T = Record<string, unknown>>(
  who: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await server.fetch(
    new Request(`http://dashboard.test${path}`, {
      method,
      headers: {
        ...(who !== undefined && { authorization: `Bearer ${tokens[who]}` }),
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
  return { status: response.status, body: (await response.json()) as T };
}

const get = <T>(who: string | undefined, path: string) => call<T>(who, 'GET', path);

async function token(name: string, role: TokenRole, who: { personId?: string; agentId?: string }) {
  tokens[name] = generateToken();
  await server.store.createToken({ role, ...who, hash: hashToken(tokens[name]!) }, 'test');
}

beforeAll(async () => {
  repo = createScratchRepo('bw-dashboard-');
  repo.commit(
    'initial',
    {
      'blastwall.yaml': CONFIG,
      'services/payments/pay.ts': 'export const pay = 1;\n',
      'docs/index.md': '# docs\n',
    },
    SAM,
  );
  repo.git('checkout', '-q', '-b', 'feature');
  featureHead = repo.commit(
    `Speed up payment retries${CLAUDE}`,
    { 'services/payments/pay.ts': 'export const pay = 2;\n' },
    JO,
  );
  repo.git('checkout', '-q', '-b', 'docs', 'main');
  repo.commit('Explain retries', { 'docs/index.md': '# docs\n\nRetries.\n' }, SAM);
  dbDir = mkdtempSync(join(tmpdir(), 'bw-dashboard-db-'));
  server = await createServerApp({
    repo: repo.dir,
    db: join(dbDir, 'blastwall.db'),
    env: { BLASTWALL_CACHE: 'off' },
    log: () => undefined,
    now: () => now,
  });
  await token('sam', 'reviewer', { personId: 'sam' });
  await token('jo', 'reviewer', { personId: 'jo' });
  await token('pat', 'reviewer', { personId: 'pat' });
  await token('kim', 'admin', { personId: 'kim' });
  await token('agent', 'agent', { agentId: 'claude-code', personId: 'pat' });
  await token('ingest', 'ingest', {});
}, 60_000);

afterAll(async () => {
  await server?.close();
  repo?.remove();
  rmSync(dbDir, { recursive: true, force: true });
});

describe('GET /v1/me', () => {
  it('says who a person is and that they may decide', async () => {
    expect(await get<MeResponse>('sam', '/v1/me')).toMatchObject({
      status: 200,
      body: {
        role: 'reviewer',
        person: { id: 'sam', level: 'senior', teams: ['payments'] },
        canDecide: true,
      },
    });
  });

  it('tells an agent it may not decide, and refuses no token', async () => {
    expect((await get<MeResponse>('agent', '/v1/me')).body).toMatchObject({
      role: 'agent',
      canDecide: false,
    });
    expect((await get(undefined, '/v1/me')).status).toBe(401);
  });
});

describe('changes through the real check', () => {
  let changeId: string;
  let approvalId: string;

  it('opens an approval for a held change and records the whole report', async () => {
    const checked = await call<{ decision: string; changeId: string; approvalId: string }>(
      'sam',
      'POST',
      '/v1/changes/check',
      { range: 'main..feature', title: 'Speed up payment retries' },
    );
    const docs = await call<{ decision: string; approvalId?: string }>('sam', 'POST', '/v1/changes/check', {
      range: 'main..docs',
    });

    expect(checked.status).toBe(200);
    expect(checked.body.decision).toBe('needs-approval');
    expect(checked.body.approvalId).toMatch(/^apr_/);
    expect(docs.body.decision).toBe('allow');
    expect(docs.body.approvalId).toBeUndefined();
    changeId = checked.body.changeId;
    approvalId = checked.body.approvalId;
    const approval = await server.store.getApproval(approvalId);
    expect(approval).toMatchObject({
      subjectKind: 'change',
      subjectId: changeId,
      status: 'pending',
      requirement: { approvals: 2, minLevel: 'senior', notAuthor: true, authors: ['jo'] },
    });
  });

  it('lists changes newest first with title, provenance and the services touched', async () => {
    now = new Date(now.getTime() + 60_000);
    const { status, body } = await get<ChangesResponse>('sam', '/v1/dashboard/changes?limit=10');

    expect(status).toBe(200);
    const feature = body.items.find((item) => item.changeId === changeId);
    expect(feature).toMatchObject({
      title: 'Speed up payment retries',
      head: featureHead,
      decision: 'needs-approval',
      author: { id: 'jo', level: 'junior', known: true },
      aiAssisted: true,
      services: ['payments'],
      mostCriticalTier: 1,
    });
    expect(feature?.tools).toContain('claude');
    expect(body.items.map((item) => item.decision)).toContain('allow');
  });

  it('queues the held change with who may approve it and their load', async () => {
    const asSam = await get<QueueResponse>('sam', '/v1/dashboard/queue');
    const asJo = await get<QueueResponse>('jo', '/v1/dashboard/queue');

    expect(asSam.body.items).toHaveLength(1);
    const [item] = asSam.body.items;
    expect(item).toMatchObject({
      changeId,
      approval: { id: approvalId, status: 'pending', canApprove: true, canDeny: true },
    });
    expect(item!.eligible.map((e) => e.personId).sort()).toEqual(['kim', 'pat', 'sam']);
    expect(item!.eligible.every((e) => e.pending === 1)).toBe(true);
    // Two reviewers of any level, and a senior: not "2 approvals from senior or above".
    expect(item!.approval.requirement.description).toContain('critical-two-reviewers: 2 approvals;');
    expect(item!.approval.requirement.description).toContain('1 approval from senior or above');
    expect(item!.approval.requirement.description).not.toContain('2 approvals from senior');
    // Their load is what the check assigned them: the proposed reviewers carry it, the others do not.
    const detail = await get<ChangeDetailResponse>(
      'sam',
      `/v1/dashboard/changes/${encodeURIComponent(changeId)}`,
    );
    const assigned = item!.eligible.filter((e) => e.assigned === 1).map((e) => e.personId);
    expect(assigned.length).toBeGreaterThan(0);
    expect(assigned.length).toBeLessThan(item!.eligible.length);
    expect(item!.eligible.map((e) => e.assigned).slice(-assigned.length)).toEqual(assigned.map(() => 1));
    expect(detail.body.eligible.filter((e) => e.assigned === 1).map((e) => e.personId)).toEqual(assigned);
    expect(asJo.body.items[0]!.approval).toMatchObject({ canApprove: false, canDeny: true });
    expect(asJo.body.items[0]!.approval.whyNot).toMatch(/jo is an author|junior/);
  });

  it('shows a change with its requirements and blast-radius graph', async () => {
    const { status, body } = await get<ChangeDetailResponse>(
      'sam',
      `/v1/dashboard/changes/${encodeURIComponent(changeId)}`,
    );

    expect(status).toBe(200);
    expect(body.provenance.aiAssisted).toBe(true);
    expect(body.commits).toBe(1);
    expect(body.authors).toMatchObject([{ id: 'jo', commits: 1 }]);
    expect(body.blastRadius.services.map((s) => s.id).sort()).toEqual(['checkout', 'payments']);
    expect(body.blastRadius.edges).toEqual([{ from: 'payments', to: 'checkout' }]);
    expect(body.requirements.some((r) => r.kind === 'approval' && !r.satisfied)).toBe(true);
    expect(body.approval).toMatchObject({ id: approvalId, canApprove: true });
    expect(body.history).toHaveLength(1);
  });

  it('answers 404 for an unknown change', async () => {
    expect(await get('sam', '/v1/dashboard/changes/chg_nothing')).toMatchObject({
      status: 404,
      body: { error: { code: 'not-found' } },
    });
  });

  it('refuses an agent and a junior as approvers, then rechecks and records the change once two seniors approve', async () => {
    const byAgent = await call('agent', 'POST', `/v1/approvals/${approvalId}/approve`, {});
    const byJo = await call('jo', 'POST', `/v1/approvals/${approvalId}/approve`, {});
    now = new Date(now.getTime() + 60_000);
    const bySam = await call<{ approval: { status: string }; change?: unknown }>(
      'sam',
      'POST',
      `/v1/approvals/${approvalId}/approve`,
      {},
    );
    const halfway = await get<ChangeDetailResponse>(
      'pat',
      `/v1/dashboard/changes/${encodeURIComponent(changeId)}`,
    );
    const bySamAgain = await get<ChangeDetailResponse>(
      'sam',
      `/v1/dashboard/changes/${encodeURIComponent(changeId)}`,
    );
    now = new Date(now.getTime() + 60_000);
    const byPat = await call<{ approval: { status: string }; change: { decision: string } }>(
      'pat',
      'POST',
      `/v1/approvals/${approvalId}/approve`,
      {},
    );

    expect(byAgent).toMatchObject({ status: 403, body: { error: { code: 'agents-cannot-approve' } } });
    expect(byJo).toMatchObject({ status: 403, body: { error: { code: 'not-eligible' } } });
    expect(bySam).toMatchObject({ status: 200, body: { approval: { status: 'pending' } } });
    expect(bySam.body.change).toBeUndefined();
    expect(halfway.body.approval).toMatchObject({ approvedBy: ['sam'], canApprove: true });
    expect(halfway.body.eligible.map((e) => e.personId).sort()).toEqual(['kim', 'pat']);
    expect(bySamAgain.body.approval).toMatchObject({ canApprove: false });
    expect(bySamAgain.body.approval?.whyNot).toMatch(/already signed/);
    expect(byPat).toMatchObject({
      status: 200,
      body: { approval: { status: 'approved' }, change: { decision: 'allow' } },
    });
    const detail = await get<ChangeDetailResponse>(
      'sam',
      `/v1/dashboard/changes/${encodeURIComponent(changeId)}`,
    );
    expect(detail.body).toMatchObject({
      decision: 'allow',
      title: 'Speed up payment retries',
      approval: { status: 'approved', approvedBy: ['sam', 'pat'], canApprove: false },
    });
    expect(detail.body.history.map((h) => h.decision)).toEqual(['needs-approval', 'allow']);
    expect(detail.body.approval?.whyNot).toMatch(/approved/);
    expect((await get<QueueResponse>('sam', '/v1/dashboard/queue')).body.items).toEqual([]);
  });
});

describe('agent actions', () => {
  it('feeds decisions and holds a prod action until a senior approves it', async () => {
    const allowed = await call('agent', 'POST', '/v1/actions/evaluate', { command: 'ls -la' });
    now = new Date(now.getTime() + 1000);
    const held = await call<{ decision: string; approvalId: string; actionId: string }>(
      'agent',
      'POST',
      '/v1/actions/evaluate',
      { command: HELD, sessionId: 's1' },
    );
    expect(allowed.body.decision).toBe('allow');
    expect(held.body.decision).toBe('needs-approval');

    const before = await get<ActionsResponse>('sam', '/v1/dashboard/actions');
    expect(before.body.items.map((i) => i.command)).toEqual([HELD, 'ls -la']);
    expect(before.body.held).toHaveLength(1);
    const [item] = before.body.held;
    expect(item).toMatchObject({
      id: held.body.actionId,
      agent: 'claude-code',
      onBehalfOf: 'pat',
      environments: ['prod'],
      approval: { id: held.body.approvalId, canApprove: true },
    });
    expect(item!.operations.length).toBeGreaterThan(0);
    expect(item!.blastRadius).toBeDefined();
    const onlyHeld = await get<ActionsResponse>('sam', '/v1/dashboard/actions?decision=needs-approval');
    expect(onlyHeld.body.items.map((i) => i.command)).toEqual([HELD]);
    const asJo = await get<ActionsResponse>('jo', '/v1/dashboard/actions');
    expect(asJo.body.held[0]!.approval).toMatchObject({ canApprove: false });

    now = new Date(now.getTime() + 60_000);
    await call('sam', 'POST', `/v1/approvals/${held.body.approvalId}/approve`, { reason: 'planned' });
    const after = await get<ActionsResponse>('sam', '/v1/dashboard/actions');
    expect(after.body.held).toEqual([]);
    expect(after.body.items[0]!.approval).toMatchObject({ status: 'approved', approvedBy: ['sam'] });
    const since = await get<ActionsResponse>(
      'sam',
      `/v1/dashboard/actions?since=${encodeURIComponent(before.body.items[0]!.at)}`,
    );
    expect(since.body.items).toEqual([]);
  });

  it('refuses a bad filter', async () => {
    expect((await get('sam', '/v1/dashboard/actions?decision=maybe')).status).toBe(400);
  });
});

describe('deployments, incidents and the overview', () => {
  it('counts changes, deployments, failures, incidents and review load per week', async () => {
    const deployed = await call('kim', 'POST', '/v1/deployments', [
      {
        id: 'd-ai',
        service: 'payments',
        environment: 'prod',
        commits: [featureHead],
        aiAssisted: true,
        tools: ['claude'],
        startedAt: '2026-03-04T08:00:00Z',
        finishedAt: '2026-03-04T08:10:00Z',
        status: 'succeeded',
      },
      {
        id: 'd-human',
        service: 'docs',
        environment: 'prod',
        commits: ['abcdef12'],
        aiAssisted: false,
        startedAt: '2026-03-04T08:00:00Z',
        finishedAt: '2026-03-04T08:05:00Z',
        status: 'rolled-back',
      },
    ]);
    const incident = await call('kim', 'POST', '/v1/incidents', {
      id: 'inc-1',
      severity: 'sev2',
      services: ['payments'],
      startedAt: '2026-03-04T09:00:00Z',
    });
    const confirmed = await call('sam', 'POST', '/v1/incidents/inc-1/suspects/d-ai/confirm', {});
    expect([deployed.status, incident.status, confirmed.status]).toEqual([201, 201, 200]);

    const { status, body } = await get<OverviewResponse>('sam', '/v1/dashboard/overview?weeks=4');

    expect(status).toBe(200);
    expect(body.weeks.map((w) => w.week)).toEqual(['2026-02-09', '2026-02-16', '2026-02-23', '2026-03-02']);
    expect(body.weeks[3]).toMatchObject({
      changes: 2,
      aiAssisted: 1,
      aiShare: 0.5,
      deploymentsAi: 1,
      failedAi: 1,
      deploymentsHuman: 1,
      failedHuman: 1,
      incidents: { sev1: 0, sev2: 1, sev3: 0, sev4: 0 },
    });
    expect(body.weeks[3]!.byTool.claude).toBe(1);
    expect(body.changeFailureRate.aiAssisted).toEqual({ deployments: 1, failed: 1, rate: 1 });
    expect(body.pendingApprovals).toEqual({ changes: 0, actions: 0 });
    expect(body.reviewLoad.map((r) => r.personId)).toEqual(['sam', 'pat', 'kim']);
    expect(body.reviewLoad[0]).toMatchObject({ assigned: 0, reviewsLast30Days: 2, perWeek: [0, 0, 0, 2] });
    expect(body.reviewLoad[1]).toMatchObject({ reviewsLast30Days: 1, perWeek: [0, 0, 0, 1] });
  });

  it('lists incidents with their suspects and the changes they shipped', async () => {
    const { body } = await get<IncidentsResponse>('sam', '/v1/dashboard/incidents');
    const asIngest = await get('ingest', '/v1/dashboard/incidents');

    expect(body.canJudge).toBe(true);
    expect(body.items).toHaveLength(1);
    const suspect = body.items[0]!.suspects.find((s) => s.deploymentId === 'd-ai');
    expect(suspect).toMatchObject({ state: 'confirmed', confirmedBy: 'person', aiAssisted: true });
    expect(suspect!.changeIds).toHaveLength(1);
    expect(asIngest.status).toBe(403);
  });
});

describe('the change-failure rate', () => {
  it('is the number GET /v1/reports/delivery gives for the same window, unconfirmed suspects included', async () => {
    const deployed = await call('kim', 'POST', '/v1/deployments', {
      id: 'd-ai-2',
      service: 'checkout',
      environment: 'prod',
      commits: ['feedbeef'],
      aiAssisted: true,
      tools: ['claude'],
      startedAt: '2026-03-04T09:20:00Z',
      finishedAt: '2026-03-04T09:30:00Z',
      status: 'succeeded',
    });
    const incident = await call('kim', 'POST', '/v1/incidents', {
      id: 'inc-2',
      severity: 'sev3',
      services: ['checkout'],
      startedAt: '2026-03-04T09:45:00Z',
    });
    expect([deployed.status, incident.status]).toEqual([201, 201]);
    const rates = async () => {
      const overview = (await get<OverviewResponse>('sam', '/v1/dashboard/overview?weeks=4')).body;
      const { since, until } = overview.changeFailureRate;
      const report = (
        await get<{ ai: { deployments: number; failedDeployments: number } }>(
          'kim',
          `/v1/reports/delivery?since=${since}&until=${until}`,
        )
      ).body;
      return {
        overview: overview.changeFailureRate.aiAssisted,
        report: report.ai,
        partial: overview.weeks.at(-1),
      };
    };

    const suspected = await rates();
    // Nobody confirmed d-ai-2, but nobody rejected it either: it is inc-2's cause until someone does.
    expect(suspected.overview).toMatchObject({ deployments: 2, failed: 2 });
    expect(suspected.report).toMatchObject({ deployments: 2, failedDeployments: 2 });
    expect(suspected.partial).toMatchObject({ week: '2026-03-02', partial: true });

    await call('sam', 'POST', '/v1/incidents/inc-2/suspects/d-ai-2/reject', {});
    const rejected = await rates();
    expect(rejected.overview).toMatchObject({ deployments: 2, failed: 1 });
    expect(rejected.report).toMatchObject({ deployments: 2, failedDeployments: 1 });
  });
});

describe('deployments that do not say whether they are AI-assisted', () => {
  it('take it from the provenance blastwall recorded when it checked their commits', async () => {
    const recorded = await call('kim', 'POST', '/v1/deployments', [
      {
        id: 'd-derived',
        service: 'payments',
        environment: 'staging',
        commits: [featureHead.slice(0, 10)],
        startedAt: '2026-01-10T08:00:00Z',
        status: 'succeeded',
      },
      {
        id: 'd-unknown',
        service: 'payments',
        environment: 'staging',
        commits: ['0123456789abcdef0123456789abcdef01234567'],
        startedAt: '2026-01-10T09:00:00Z',
        status: 'succeeded',
      },
    ]);
    expect(recorded.status).toBe(201);

    const stored = await server.deliveries.listDeployments({ until: '2026-01-11T00:00:00Z' });
    expect(stored.find((d) => d.id === 'd-derived')).toMatchObject({ aiAssisted: true, tools: ['claude'] });
    expect(stored.find((d) => d.id === 'd-unknown')).toMatchObject({ aiAssisted: false });
  });
});

describe('audit', () => {
  it('searches, pages and verifies the chain', async () => {
    const first = await get<AuditResponse>('sam', '/v1/dashboard/audit?limit=3');
    const next = await get<AuditResponse>(
      'sam',
      `/v1/dashboard/audit?limit=3&before=${first.body.nextBefore}`,
    );
    const approvals = await get<AuditResponse>('sam', '/v1/dashboard/audit?q=APPROVAL');
    const incidents = await get<AuditResponse>('sam', '/v1/dashboard/audit?q=inc-1&kind=incident.recorded');
    const nothing = await get<AuditResponse>('sam', '/v1/dashboard/audit?q=100%25_sure');

    expect(first.body.records).toHaveLength(3);
    expect(first.body.verification).toMatchObject({ ok: true, headSeq: first.body.records[0]!.seq });
    expect(next.body.records[0]!.seq).toBe(first.body.records[2]!.seq - 1);
    expect(approvals.body.records.length).toBeGreaterThan(0);
    expect(approvals.body.records.every((r) => JSON.stringify(r).toLowerCase().includes('approval'))).toBe(
      true,
    );
    expect(incidents.body.records.map((r) => r.subject)).toEqual(['inc-1']);
    expect(nothing.body.records).toEqual([]);
  });

  it('names each actor as the person or agent behind its token, not the token id', async () => {
    const all = (await get<AuditResponse>('sam', '/v1/dashboard/audit?limit=1000')).body.records;
    const views = new Map(all.map((r) => [r.actor, r.actorView]));
    const tokenActors = [...views.keys()].filter((actor) => actor.includes('tok_'));

    expect(tokenActors.length).toBeGreaterThan(0);
    for (const actor of tokenActors) expect(views.get(actor)!.label, actor).not.toMatch(/tok_/);
    const labels = [...views.values()].map((v) => `${v.kind}:${v.label}`);
    // The agent token acts for pat; sam signed off as himself; a recheck after a sign-off is blastwall's.
    expect(labels).toEqual(expect.arrayContaining(['agent:claude-code for pat', 'person:sam', 'person:kim']));
    for (const label of labels.filter((l) => l.startsWith('person:')))
      expect(['person:sam', 'person:pat', 'person:kim', 'person:jo']).toContain(label);
    expect(labels.some((label) => label.startsWith('system:blastwall, after apr_'))).toBe(true);
  });
});

describe('suggested reviewers', () => {
  it('are ranked with their open load: the pending sign-offs each could give now', async () => {
    // A server of its own, so the extra decision and approval do not touch the other tests' counts.
    const db = mkdtempSync(join(tmpdir(), 'bw-load-db-'));
    const own = await createServerApp({
      repo: repo.dir,
      db: join(db, 'blastwall.db'),
      env: { BLASTWALL_CACHE: 'off' },
      log: () => undefined,
      now: () => now,
    });
    try {
      const secret = generateToken();
      await own.store.createToken({ role: 'reviewer', personId: 'sam', hash: hashToken(secret) }, 'test');
      const check = async () => {
        const response = await own.fetch(
          new Request('http://load.test/v1/changes/check', {
            method: 'POST',
            headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
            body: JSON.stringify({ range: 'main..feature' }),
          }),
        );
        return (await response.json()) as {
          approvalId: string;
          reviewers: {
            requirements: Array<{ candidates: Array<{ personId: string; openReviews: number }> }>;
            assignment: { reviewers: Array<{ personId: string }> };
          };
        };
      };
      const first = await check();
      const again = await check();

      // Before the first check nothing waited; then the seniors could each give the one pending sign-off.
      expect(
        first.reviewers.requirements.flatMap((r) => r.candidates.map((c) => c.openReviews)),
      ).not.toContain(1);
      expect(again.approvalId).toBe(first.approvalId);
      const candidates = again.reviewers.requirements.flatMap((r) => r.candidates);
      expect(candidates.length).toBeGreaterThan(0);
      for (const candidate of candidates) expect(candidate.openReviews, candidate.personId).toBe(1);

      // The overview's load is what the check assigned, not what everyone eligible could give.
      const assigned = (
        (await (
          await own.fetch(
            new Request('http://load.test/v1/dashboard/overview?weeks=2', {
              headers: { authorization: `Bearer ${secret}` },
            }),
          )
        ).json()) as OverviewResponse
      ).reviewLoad;
      const proposed = again.reviewers.assignment.reviewers.map((r) => r.personId);
      expect(proposed.length).toBeGreaterThan(0);
      expect(proposed.length).toBeLessThan(candidates.length);
      for (const person of assigned)
        expect(person.assigned, person.personId).toBe(proposed.includes(person.personId) ? 1 : 0);
    } finally {
      await own.close();
      rmSync(db, { recursive: true, force: true });
    }
  });
});

describe('review capacity', () => {
  it('shows the observed sign-off waits and no what-if while history is too thin to calibrate against', async () => {
    const { status, body } = await get<CapacityResponse>('sam', '/v1/dashboard/capacity?weeks=4&aiShare=0.9');

    expect(status).toBe(200);
    // Two changes decided: jo's Claude-assisted payments change and sam's human docs change.
    expect(body.basis.changes).toBe(2);
    expect(body.params).toMatchObject({ aiShare: 0.5, juniorMidShare: 0.5, seniors: 3 });
    // jo's change was signed by sam and pat: one change reached by a senior (its first senior sign-off counts).
    expect(body.calibration.observed).toMatchObject({ signoffs: 1, seniors: 3, stillWaiting: 0 });
    expect(body.calibration.reproduces).toBe(false);
    expect(body.calibration.missing).toEqual([
      'only 1 senior sign-off in the period; at least 10 are needed to compare waits',
    ]);
    expect(body.scenarios).toEqual([]);
    expect(body.assumed).toContain('how many hours a week each senior gives to review');
    expect(JSON.stringify(body.assumed)).not.toMatch(/seniorReviewHoursPerWeek|reviewMinutes/);
  });

  it('refuses a bad what-if and an agent', async () => {
    expect((await get('sam', '/v1/dashboard/capacity?aiShare=2')).status).toBe(400);
    expect((await get('agent', '/v1/dashboard/capacity')).status).toBe(403);
  });
});

describe('dashboard files', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'bw-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>blastwall</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the page, its hashed assets with a long cache, and the page for app routes', async () => {
    const app = dashboardStatic({ root });
    const page = await app.request('/');
    const script = await app.request('/assets/index-abc123.js');
    const route = await app.request('/changes/chg_1');
    const missing = await app.request('/assets/gone.js');
    const api = await app.request('/v1/anything');

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('id="root"');
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await route.text()).toContain('id="root"');
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(missing.status).toBe(404);
    expect(api.status).toBe(404);
  });

  it('says the dashboard was not built when there is no build', async () => {
    const page = await dashboardStatic({ root: join(root, 'nothing') }).request('/');

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('npm run build');
  });

  it('leaves API paths to the API behind the server', async () => {
    const unknown = await get('sam', '/v1/nothing-here');

    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
  });
});
