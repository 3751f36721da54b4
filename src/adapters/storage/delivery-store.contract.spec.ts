import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment, Incident } from '../../core/delivery/types.js';
import { postgresAvailable } from '../../test-support/services.js';
import { openDeliveryStore, type DeliveryStore } from './delivery-store.js';
import { openStore } from './open-store.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';

const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];
const DEPLOYMENT: Deployment = {
  id: 'd1',
  service: 'checkout',
  environment: 'prod',
  commits: ['a1b2c3d4'],
  aiAssisted: true,
  tools: ['claude-code'],
  startedAt: '2026-02-01T10:00:00.000Z',
  finishedAt: '2026-02-01T10:05:00.000Z',
  status: 'succeeded',
  wave: 'box',
};
const INCIDENT: Incident = {
  id: 'i1',
  severity: 'sev1',
  services: ['checkout'],
  startedAt: '2026-02-01T11:00:00.000Z',
};

describe.each(BACKENDS)('DeliveryStore on $name', (backend) => {
  let database: TestDatabase | undefined;
  let store: DeliveryStore | undefined;

  async function fresh(): Promise<DeliveryStore> {
    database = await backend.create();
    store = await openDeliveryStore(database.spec, { now: () => new Date('2026-02-02T00:00:00Z') });
    return store;
  }

  afterEach(async () => {
    await store?.close();
    await database?.drop();
    store = undefined;
    database = undefined;
  });

  it('records a deployment once and finds it by service, sha and time', async () => {
    const deliveries = await fresh();

    expect(await deliveries.recordDeployment(DEPLOYMENT, 'ci')).toBe(true);
    expect(
      await deliveries.recordDeployment(
        { ...DEPLOYMENT, startedAt: '2026-02-01T10:01:00.000Z', status: 'rolled-back' },
        'ci',
      ),
    ).toBe(false);

    const [stored] = await deliveries.listDeployments({ sha: 'a1b2c3d4' });
    expect(stored).toEqual({ ...DEPLOYMENT, status: 'rolled-back' });
    expect(await deliveries.listDeployments({ service: 'payments' })).toEqual([]);
    expect(await deliveries.listDeployments({ since: '2026-02-01T10:06:00Z' })).toEqual([]);
    expect(await deliveries.listDeployments({ sha: 'ffffffff' })).toEqual([]);
  });

  it('merges incident updates: services join, a resolution is kept', async () => {
    const deliveries = await fresh();

    await deliveries.recordIncident(INCIDENT, 'pagerduty');
    await deliveries.recordIncident(
      { ...INCIDENT, services: ['payments'], resolvedAt: '2026-02-01T13:00:00.000Z' },
      'pagerduty',
    );
    await deliveries.recordIncident({ ...INCIDENT, severity: 'sev2' }, 'pagerduty');

    expect(await deliveries.getIncident('i1')).toEqual({
      ...INCIDENT,
      severity: 'sev2',
      services: ['checkout', 'payments'],
      resolvedAt: '2026-02-01T13:00:00.000Z',
    });
    expect(await deliveries.listIncidents({ open: true })).toEqual([]);
  });

  it('keeps the latest verdict per suspect', async () => {
    const deliveries = await fresh();

    await deliveries.setVerdict({
      incidentId: 'i1',
      deploymentId: 'd1',
      verdict: 'confirmed',
      personId: 'sam',
    });
    await deliveries.setVerdict({
      incidentId: 'i1',
      deploymentId: 'd1',
      verdict: 'rejected',
      personId: 'sam',
      reason: 'unrelated',
    });

    expect(await deliveries.listVerdicts()).toEqual(new Map([['i1/d1', 'rejected']]));
  });

  it('appends an audit record per write to the same chain as the Store, which still verifies', async () => {
    const deliveries = await fresh();
    await deliveries.recordDeployment(DEPLOYMENT, 'ci');
    await deliveries.recordIncident(INCIDENT, 'pagerduty');
    const main = await openStore(database!.spec);

    const records = await main.listAudit();
    const verdict = await main.verifyAudit();
    await main.close();

    expect(records.map((record) => record.kind)).toEqual(['deployment.recorded', 'incident.recorded']);
    expect(verdict.ok).toBe(true);
  });

  it('reads sign-offs with the reviewer level for review load', async () => {
    const deliveries = await fresh();
    const main = await openStore(database!.spec, { now: () => new Date('2026-02-01T10:00:00Z') });
    await main.upsertPeople(
      [
        { id: 'sam', level: 'senior', emails: [], teams: [], logins: [] },
        { id: 'mo', level: 'mid', emails: [], teams: [], logins: [] },
      ],
      'config',
    );
    const first = await main.createApproval(
      {
        subjectKind: 'change',
        subjectId: 'c1',
        requirement: { approvals: 1, notAuthor: true, authors: ['jo'], policies: [] },
      },
      'ci',
    );
    const second = await main.createApproval(
      {
        subjectKind: 'change',
        subjectId: 'c2',
        requirement: { approvals: 1, notAuthor: true, authors: ['jo'], policies: [] },
      },
      'ci',
    );
    await main.decideApproval({
      id: first.id,
      personId: 'sam',
      decision: 'approve',
      at: '2026-02-01T14:00:00.000Z',
    });
    await main.decideApproval({
      id: second.id,
      personId: 'mo',
      decision: 'approve',
      at: '2026-02-01T15:00:00.000Z',
    });
    await main.close();

    expect(await deliveries.listReviews()).toEqual([
      {
        reviewer: 'sam',
        senior: true,
        requestedAt: '2026-02-01T10:00:00.000Z',
        givenAt: '2026-02-01T14:00:00.000Z',
      },
      {
        reviewer: 'mo',
        senior: false,
        requestedAt: '2026-02-01T10:00:00.000Z',
        givenAt: '2026-02-01T15:00:00.000Z',
      },
    ]);
  });
});
