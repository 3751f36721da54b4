import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeliveryStore, type DeliveryStore } from '../../adapters/storage/delivery-store.js';
import type { ChangeStatus } from '../../core/delivery/deploy-gate.js';
import type { Service } from '../../core/model.js';
import type { AuthVariables, Principal } from './auth.js';
import { deliveryRoutes, type DeliveryRouteDeps } from './delivery-routes.js';
import { handleError } from './http-error.js';
import { createChangeEventSender } from '../../adapters/pagerduty/change-events.js';
import { startFakeEventsApi } from '../../test-support/fake-pagerduty-events.js';

const SERVICES: Service[] = [
  { id: 'payments', tier: 1, paths: [], dependsOn: [] },
  { id: 'checkout', tier: 1, paths: [], dependsOn: ['payments'] },
];
const NOW = new Date('2026-02-01T12:00:00.000Z');
const SHA = 'a1b2c3d4';
/** The gate's reasons are for callers with a token; these tests read them. */
const OPERATOR: Principal = { tokenId: 't-op', role: 'reviewer', personId: 'sam' };

let dir: string;
let store: DeliveryStore;
let changes: Map<string, ChangeStatus>;
let freeze: ReturnType<DeliveryRouteDeps['freeze']>;

function app(
  principal?: Principal,
  secret?: string,
  extra: Partial<DeliveryRouteDeps> = {},
): Hono<{ Variables: Partial<AuthVariables> }> {
  const root = new Hono<{ Variables: Partial<AuthVariables> }>();
  root.onError(handleError);
  if (principal) root.use('*', async (c, next) => (c.set('principal', principal), next()));
  root.route(
    '/v1',
    deliveryRoutes({
      store,
      services: () => SERVICES,
      changeStatus: async (_repository, sha) => changes.get(sha),
      repository: 'acme/shop',
      provenanceOf: (sha) =>
        sha.startsWith('a1') ? { aiAssisted: true, tools: ['claude-code'] } : undefined,
      freeze: () => freeze,
      now: () => NOW,
      ...(secret !== undefined && { pagerDutySecret: secret }),
      ...extra,
    }),
  );
  return root;
}

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  principal?: Principal,
): Promise<Response> | Response {
  return app(principal).request(path, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-delivery-http-'));
  store = await openDeliveryStore(join(dir, 'd.db'), { now: () => NOW });
  changes = new Map([[SHA, { signedOff: true, missing: [] }]]);
  freeze = { active: false };
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const DEPLOYMENT = {
  id: 'd1',
  service: 'checkout',
  environment: 'prod',
  commits: [SHA],
  startedAt: '2026-02-01T10:00:00Z',
  finishedAt: '2026-02-01T10:05:00Z',
  status: 'succeeded',
  wave: 'box',
};

describe('POST /v1/deployments and /v1/incidents', () => {
  it('stores a deployment with aiAssisted from provenance', async () => {
    const response = await post('/v1/deployments', DEPLOYMENT);

    expect(response.status).toBe(201);
    expect((await store.listDeployments())[0]).toMatchObject({
      id: 'd1',
      aiAssisted: true,
      tools: ['claude-code'],
    });
  });

  it('keeps the good records of a batch and names the bad one', async () => {
    const response = await post('/v1/deployments', [DEPLOYMENT, { ...DEPLOYMENT, id: 'd2', status: 'meh' }]);

    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      recorded: ['d1'],
      skipped: [{ where: 'record 2, field status' }],
    });
  });

  it.each([
    ['/v1/deployments', '{"id":'],
    [
      '/v1/incidents',
      { id: 'i1', severity: 'sev0', services: ['checkout'], startedAt: '2026-02-01T11:00:00Z' },
    ],
  ])('refuses a body with nothing good at %s with 400', async (path, body) => {
    const response = await post(path, body);

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid-request' } });
  });

  it('verifies PagerDuty signatures when a secret is set', async () => {
    const body = JSON.stringify({
      event: {
        event_type: 'incident.triggered',
        occurred_at: '2026-02-01T11:00:00Z',
        data: {
          id: 'P1',
          created_at: '2026-02-01T11:00:00Z',
          service: { summary: 'checkout' },
          urgency: 'high',
        },
      },
    });
    const signature = `v1=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;

    const bad = await app(undefined, 's3cret').request('/v1/incidents/pagerduty', {
      method: 'POST',
      body,
      headers: { 'x-pagerduty-signature': 'v1=00' },
    });
    const good = await app(undefined, 's3cret').request('/v1/incidents/pagerduty', {
      method: 'POST',
      body,
      headers: { 'x-pagerduty-signature': `v1=abc, ${signature}` },
    });

    expect(bad.status).toBe(401);
    expect(good.status).toBe(201);
    expect(await store.getIncident('pagerduty:P1')).toMatchObject({
      severity: 'sev2',
      services: ['checkout'],
    });
  });
});

describe('outbound PagerDuty change events', () => {
  it('announces a deployment when it is first recorded, not when it is updated', async () => {
    const api = await startFakeEventsApi();
    const changeEvents = createChangeEventSender({ routingKey: 'R0UT1NG', baseUrl: api.url, now: () => NOW });
    const routes = app(undefined, undefined, { changeEvents });
    const send = (body: unknown): Promise<Response> | Response =>
      routes.request('/v1/deployments', { method: 'POST', body: JSON.stringify(body) });
    try {
      expect((await send(DEPLOYMENT)).status).toBe(201);
      expect((await send({ ...DEPLOYMENT, status: 'rolled-back' })).status).toBe(201);
      await changeEvents.flush();

      expect(api.received.map((event) => event.body)).toEqual([
        expect.objectContaining({
          routing_key: 'R0UT1NG',
          payload: expect.objectContaining({
            summary: 'Deploy checkout to prod (wave box): 1 commit(s), AI-assisted (claude-code)',
            timestamp: DEPLOYMENT.startedAt,
            custom_details: expect.objectContaining({ deployment: 'd1' }),
          }),
        }),
      ]);
    } finally {
      await api.close();
    }
  });

  it('records the deployment without waiting when PagerDuty hangs or is down', async () => {
    const api = await startFakeEventsApi();
    api.script('hang');
    const hanging = createChangeEventSender({ routingKey: 'R', baseUrl: api.url, now: () => NOW });
    const down = createChangeEventSender({
      routingKey: 'R',
      baseUrl: 'http://127.0.0.1:9',
      now: () => NOW,
      maxAttempts: 1,
    });
    try {
      const started = performance.now();
      const first = await app(undefined, undefined, { changeEvents: hanging }).request('/v1/deployments', {
        method: 'POST',
        body: JSON.stringify(DEPLOYMENT),
      });
      const second = await app(undefined, undefined, { changeEvents: down }).request('/v1/deployments', {
        method: 'POST',
        body: JSON.stringify({ ...DEPLOYMENT, id: 'd2' }),
      });

      expect([first.status, second.status]).toEqual([201, 201]);
      expect(performance.now() - started).toBeLessThan(2000);
      expect((await store.listDeployments()).map((d) => d.id)).toEqual(['d1', 'd2']);
      expect(hanging.stats().pending).toBe(1);
      await down.flush();
      expect(down.stats()).toMatchObject({ sent: 0, failed: 1 });
    } finally {
      await api.close();
    }
  });
});

describe('suspects', () => {
  it('lists suspects and lets a reviewer reject one', async () => {
    await post('/v1/deployments', DEPLOYMENT);
    await post('/v1/incidents', {
      id: 'i1',
      severity: 'sev2',
      services: ['checkout'],
      startedAt: '2026-02-01T11:00:00Z',
    });
    const reviewer: Principal = { tokenId: 't1', role: 'reviewer', personId: 'sam' };

    const before = await (await app().request('/v1/incidents/i1/suspects')).json();
    const rejected = await post('/v1/incidents/i1/suspects/d1/reject', { reason: 'unrelated' }, {}, reviewer);
    const after = await (await app().request('/v1/incidents/i1/suspects')).json();
    const byAgent = await post(
      '/v1/incidents/i1/suspects/d1/confirm',
      {},
      {},
      { tokenId: 't2', role: 'agent', agentId: 'claude-code' },
    );

    expect(before).toMatchObject({ suspects: [{ deploymentId: 'd1', state: 'suspected' }] });
    expect(rejected.status).toBe(200);
    expect(after).toMatchObject({ suspects: [{ deploymentId: 'd1', state: 'rejected' }] });
    expect(byAgent.status).toBe(403);
  });
});

describe('deploy gate: Argo Rollouts web metric (GET, 200 with a JSON body for successCondition)', () => {
  // AnalysisTemplate: provider.web.url …/v1/gates/deploy?service=…&sha=…, jsonPath "{$.allowed}", successCondition "result == true".
  it.each([
    ['a signed-off change', () => undefined, true, 'all deploy checks passed'],
    [
      'missing sign-offs',
      () => changes.set(SHA, { signedOff: false, missing: ['1 approval from a senior'] }),
      false,
      'sign-offs missing: 1 approval from a senior',
    ],
    ['an unknown change', () => changes.clear(), false, 'unknown to blastwall'],
    [
      'a freeze',
      () => (freeze = { active: true, reason: 'peak sales' }),
      false,
      'freeze is active: peak sales',
    ],
  ])('%s → allowed %s', async (_name, arrange, allowed, reason) => {
    arrange();

    const response = await app(OPERATOR).request(
      `/v1/gates/deploy?service=checkout&sha=${SHA}&environment=prod`,
    );

    expect(response.status).toBe(200);
    const body = (await response.json()) as { allowed: boolean; reasons: string[] };
    expect(body.allowed).toBe(allowed);
    expect(body.reasons.join('\n')).toContain(reason);
  });

  it('holds while a sev1 is open on a dependency and allows once it is resolved', async () => {
    await post('/v1/incidents', {
      id: 'i9',
      severity: 'sev1',
      services: ['payments'],
      startedAt: '2026-02-01T11:00:00Z',
    });
    const held = await (await app(OPERATOR).request(`/v1/gates/deploy?service=checkout&sha=${SHA}`)).json();
    await post('/v1/incidents', {
      id: 'i9',
      severity: 'sev1',
      services: ['payments'],
      startedAt: '2026-02-01T11:00:00Z',
      resolvedAt: '2026-02-01T11:30:00Z',
    });
    const open = await (await app().request(`/v1/gates/deploy?service=checkout&sha=${SHA}`)).json();

    expect(held).toMatchObject({
      allowed: false,
      reasons: [expect.stringContaining('open sev1 incident i9 on payments')],
    });
    expect(open).toMatchObject({ allowed: true });
  });

  it('holds the next wave until the previous one has baked', async () => {
    await post('/v1/deployments', { ...DEPLOYMENT, finishedAt: '2026-02-01T11:50:00Z' });

    const body = await (
      await app(OPERATOR).request(`/v1/gates/deploy?service=checkout&sha=${SHA}&wave=zone`)
    ).json();

    expect(body).toMatchObject({
      allowed: false,
      reasons: [expect.stringMatching(/wave box is still baking/)],
    });
  });

  it.each(['service=checkout', 'sha=a1b2c3d4', 'service=checkout&sha=zz'])(
    'a malformed query (%s) is a 400, not a hold',
    async (query) => {
      expect((await app().request(`/v1/gates/deploy?${query}`)).status).toBe(400);
    },
  );
});

describe('deploy gate: Flagger webhook (POST, 2xx opens, anything else holds)', () => {
  // Flagger's documented webhook body: name, namespace, phase, checksum, type, metadata (the Canary's webhook metadata).
  const body = {
    name: 'checkout',
    namespace: 'prod',
    phase: 'Progressing',
    checksum: '85d557f47b',
    type: 'confirm-rollout',
    metadata: { sha: SHA },
  };

  it('opens the gate with 200 for a signed-off change', async () => {
    const response = await post('/v1/gates/deploy', body);

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ allowed: true });
  });

  it('holds with 403 when sign-offs are missing, naming them only to a caller with a token', async () => {
    changes.set(SHA, { signedOff: false, missing: ['1 approval from a senior'] });

    const anonymous = await post('/v1/gates/deploy', body);
    const operator = await post('/v1/gates/deploy', body, {}, OPERATOR);

    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toEqual({ allowed: false, status: 'held' });
    expect(operator.status).toBe(403);
    expect(await operator.json()).toMatchObject({
      allowed: false,
      status: 'held',
      reasons: ['sign-offs missing: 1 approval from a senior'],
    });
  });

  it('reads the sha from the query when the metadata has none', async () => {
    expect((await post(`/v1/gates/deploy?sha=${SHA}`, { ...body, metadata: {} })).status).toBe(200);
  });

  it.each([
    ['{"name":', 400],
    [{ ...body, metadata: {} }, 400],
  ])('a malformed request is a 400', async (request, status) => {
    expect((await post('/v1/gates/deploy', request)).status).toBe(status);
  });
});

describe('GET /v1/reports/delivery', () => {
  it('returns ai and human objects', async () => {
    await post('/v1/deployments', DEPLOYMENT);

    const report = (await (
      await app().request('/v1/reports/delivery?since=2026-01-25&until=2026-02-02')
    ).json()) as Record<string, { deployments: number }>;

    expect(report.ai?.deployments).toBe(1);
    expect(report.human?.deployments).toBe(0);
  });
});
