import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../catalog/graph.js';
import type { Service } from '../model.js';
import { attributeAll } from './attribute-all.js';
import { attributeIncident, verdictKey } from './attribution.js';
import { causingDeployments, isFailedDeployment } from './failure.js';
import { groupMetrics } from './metrics.js';
import type { Deployment, Incident } from './types.js';
import { weekStartMs, weekWindow } from './weeks.js';

const SERVICES: Service[] = [
  { id: 'payments', tier: 1, paths: [], dependsOn: [] },
  { id: 'checkout', tier: 1, paths: [], dependsOn: ['payments'] },
];
const graph = buildServiceGraph(SERVICES);

function deployment(id: string, service: string, at: string, extra: Partial<Deployment> = {}): Deployment {
  return {
    id,
    service,
    environment: 'prod',
    commits: [`${id}-sha`],
    aiAssisted: false,
    startedAt: at,
    finishedAt: at,
    status: 'succeeded',
    ...extra,
  };
}

describe('isFailedDeployment', () => {
  it.each([
    ['a succeeded deployment that caused nothing', 'succeeded', false, false],
    ['a failed deployment', 'failed', false, true],
    ['a rolled-back deployment', 'rolled-back', false, true],
    ['a succeeded deployment that caused an incident', 'succeeded', true, true],
  ] as const)('%s', (_name, status, caused, failed) => {
    const d = deployment('d1', 'payments', '2026-02-01T10:00:00Z', { status });

    expect(isFailedDeployment(d, new Set(caused ? ['d1'] : []))).toBe(failed);
  });
});

describe('the change-failure count', () => {
  const deployments = [
    deployment('confirmed', 'payments', '2026-02-01T10:00:00Z'),
    deployment('suspected', 'checkout', '2026-02-03T10:00:00Z'),
    deployment('quiet', 'checkout', '2026-02-05T10:00:00Z'),
  ];
  const incidents: Incident[] = [
    { id: 'inc-1', severity: 'sev2', services: ['payments'], startedAt: '2026-02-01T11:00:00Z' },
    { id: 'inc-2', severity: 'sev3', services: ['checkout'], startedAt: '2026-02-03T11:00:00Z' },
  ];
  const verdicts = new Map([[verdictKey('inc-1', 'confirmed'), 'confirmed' as const]]);

  it('counts the cause of each incident, confirmed or the best unrejected suspect, as the report does', () => {
    const { causes } = attributeAll(incidents, deployments, graph, { verdicts });
    const causing = causingDeployments(incidents, causes);
    const metrics = groupMetrics(deployments, incidents, { causes, weeks: 1 });

    // Confirmed-only would count 1 of 3; the unconfirmed suspect of inc-2 counts until someone rejects it.
    expect(deployments.filter((d) => isFailedDeployment(d, causing)).map((d) => d.id)).toEqual([
      'confirmed',
      'suspected',
    ]);
    expect(metrics).toMatchObject({ deployments: 3, failedDeployments: 2, changeFailureRate: 0.667 });
  });

  it('stops counting a suspect once a person rejects it', () => {
    const rejected = new Map([...verdicts, [verdictKey('inc-2', 'suspected'), 'rejected' as const]]);
    const { causes } = attributeAll(incidents, deployments, graph, { verdicts: rejected });

    expect([...causingDeployments(incidents, causes)]).toEqual(['confirmed']);
  });
});

describe('attributeAll', () => {
  it('picks the same suspects from the incident window as from every deployment', () => {
    const deployments: Deployment[] = [];
    for (let day = 1; day <= 20; day++)
      for (const service of ['payments', 'checkout'])
        deployments.push(
          deployment(`${service}-${day}`, service, `2026-02-${String(day).padStart(2, '0')}T09:00:00Z`),
        );
    // A revert long after the window confirms its target; a root cause far before the window still counts.
    deployments.push(
      deployment('revert', 'payments', '2026-02-25T09:00:00Z', { reverts: ['payments-9-sha'] }),
    );
    const incidents: Incident[] = [
      { id: 'a', severity: 'sev1', services: ['payments'], startedAt: '2026-02-10T08:00:00Z' },
      {
        id: 'b',
        severity: 'sev2',
        services: ['checkout'],
        startedAt: '2026-02-15T12:00:00Z',
        rootCause: { deployment: 'checkout-2' },
      },
    ];

    const { suspects } = attributeAll(incidents, deployments, graph);

    for (const incident of incidents)
      expect(suspects.get(incident.id)).toEqual(attributeIncident(incident, deployments, graph));
    expect(suspects.get('a')![0]).toMatchObject({ deploymentId: 'payments-9', confirmedBy: 'revert' });
    expect(suspects.get('b')![0]).toMatchObject({ deploymentId: 'checkout-2', confirmedBy: 'root-cause' });
  });
});

describe('weekWindow', () => {
  it('ends with the running week and places times in their Monday-to-Monday week', () => {
    const window = weekWindow(new Date('2026-03-04T10:00:00Z'), 3);

    expect(window.since).toBe('2026-02-16T00:00:00.000Z');
    expect(window.weeks).toEqual(['2026-02-16', '2026-02-23', '2026-03-02']);
    expect(window.indexOf('2026-03-01T23:59:59Z')).toBe(1);
    expect(window.indexOf('2026-03-02T00:00:00Z')).toBe(2);
    expect(window.indexOf('2026-02-15T23:59:59Z')).toBe(-1);
    expect(new Date(weekStartMs(Date.parse('2026-03-08T23:00:00Z'))).toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
  });
});
