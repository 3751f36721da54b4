import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../catalog/graph.js';
import type { Service } from '../model.js';
import { attributeIncident, suspectScore, verdictKey } from './attribution.js';
import type { Deployment, Incident } from './types.js';

const SERVICES: Service[] = [
  { id: 'payments', tier: 1, paths: [], dependsOn: [] },
  { id: 'checkout', tier: 1, paths: [], dependsOn: ['payments'] },
  { id: 'docs', tier: 4, paths: [], dependsOn: [] },
];
const graph = buildServiceGraph(SERVICES);
const INCIDENT: Incident = {
  id: 'inc-1',
  severity: 'sev2',
  services: ['checkout'],
  startedAt: '2026-02-01T12:00:00Z',
};

function deployment(
  id: string,
  service: string,
  finishedAt: string,
  extra: Partial<Deployment> = {},
): Deployment {
  return {
    id,
    service,
    environment: 'prod',
    commits: [`${id}-sha`],
    aiAssisted: false,
    startedAt: finishedAt,
    finishedAt,
    status: 'succeeded',
    ...extra,
  };
}

describe('attributeIncident', () => {
  it.each([
    ['a deployment to the impacted service', 'checkout', '2026-02-01T11:00:00Z', 0],
    ['a deployment to a service it depends on', 'payments', '2026-02-01T11:00:00Z', 1],
  ])('suspects %s', (_name, service, finishedAt, hops) => {
    const suspects = attributeIncident(INCIDENT, [deployment('d1', service, finishedAt)], graph);

    expect(suspects).toMatchObject([{ deploymentId: 'd1', hops, state: 'suspected' }]);
  });

  it.each([
    ['an unrelated service', deployment('d1', 'docs', '2026-02-01T11:00:00Z')],
    ['a deployment after the incident began', deployment('d1', 'checkout', '2026-02-01T12:30:00Z')],
    ['a deployment outside the window', deployment('d1', 'checkout', '2026-01-31T11:00:00Z')],
    [
      'a staging deployment',
      deployment('d1', 'checkout', '2026-02-01T11:00:00Z', { environment: 'staging' }),
    ],
  ])('ignores %s', (_name, candidate) => {
    expect(attributeIncident(INCIDENT, [candidate], graph)).toEqual([]);
  });

  it('ranks the closer deployment first', () => {
    const suspects = attributeIncident(
      INCIDENT,
      [
        deployment('far', 'checkout', '2026-02-01T02:00:00Z'),
        deployment('near', 'checkout', '2026-02-01T11:30:00Z'),
      ],
      graph,
    );

    expect(suspects.map((suspect) => suspect.deploymentId)).toEqual(['near', 'far']);
  });

  it('a wider window admits older deployments', () => {
    const old = deployment('d1', 'checkout', '2026-01-31T02:00:00Z');

    expect(attributeIncident(INCIDENT, [old], graph, {}, { windowHours: 48 })).toHaveLength(1);
  });

  it.each([
    [
      'an explicit root cause deployment',
      { ...INCIDENT, rootCause: { deployment: 'far' } },
      {},
      [],
      'root-cause',
    ],
    [
      'an explicit root cause commit',
      { ...INCIDENT, rootCause: { commit: 'far-sha' } },
      {},
      [],
      'root-cause',
    ],
    [
      'a later revert of its commit',
      INCIDENT,
      {},
      [deployment('rev', 'docs', '2026-02-01T13:00:00Z', { reverts: ['far-sha'] })],
      'revert',
    ],
    [
      'a fix commit touching the same lines',
      INCIDENT,
      {
        fixes: new Map([
          [
            'inc-1',
            [
              {
                sha: 'fix',
                at: '2026-02-01T13:00:00Z',
                lines: [{ path: 'a.ts', ranges: [[10, 12]] as Array<[number, number]> }],
              },
            ],
          ],
        ]),
        lines: new Map([['far-sha', [{ path: 'a.ts', ranges: [[12, 20]] as Array<[number, number]> }]]]),
      },
      [],
      'fix-lines',
    ],
    [
      'a person',
      INCIDENT,
      { verdicts: new Map([[verdictKey('inc-1', 'far'), 'confirmed' as const]]) },
      [],
      'person',
    ],
  ] as const)('confirms a suspect by %s and ranks it first', (_name, incident, evidence, extra, how) => {
    const deployments = [
      deployment('far', 'checkout', '2026-02-01T02:00:00Z'),
      deployment('near', 'checkout', '2026-02-01T11:30:00Z'),
      ...extra,
    ];

    const suspects = attributeIncident(incident, deployments, graph, evidence);

    expect(suspects[0]).toMatchObject({ deploymentId: 'far', state: 'confirmed', confirmedBy: how });
  });

  it('a fix touching other lines confirms nothing', () => {
    const evidence = {
      fixes: new Map([
        [
          'inc-1',
          [
            {
              sha: 'fix',
              at: '2026-02-01T13:00:00Z',
              lines: [{ path: 'a.ts', ranges: [[1, 5]] as Array<[number, number]> }],
            },
          ],
        ],
      ]),
      lines: new Map([['far-sha', [{ path: 'a.ts', ranges: [[12, 20]] as Array<[number, number]> }]]]),
    };

    const suspects = attributeIncident(
      INCIDENT,
      [deployment('far', 'checkout', '2026-02-01T02:00:00Z')],
      graph,
      evidence,
    );

    expect(suspects[0]?.state).toBe('suspected');
  });

  it('a rejected suspect goes last', () => {
    const verdicts = new Map([[verdictKey('inc-1', 'near'), 'rejected' as const]]);

    const suspects = attributeIncident(
      INCIDENT,
      [
        deployment('far', 'checkout', '2026-02-01T02:00:00Z'),
        deployment('near', 'checkout', '2026-02-01T11:30:00Z'),
      ],
      graph,
      { verdicts },
    );

    expect(suspects.map((suspect) => [suspect.deploymentId, suspect.state])).toEqual([
      ['far', 'suspected'],
      ['near', 'rejected'],
    ]);
  });
});

describe('suspectScore', () => {
  it.each([
    [0, 0, 1, 0, 0.9],
    [24, 0, 0, 0, 0.25],
    [0, 1, 0.5, 50, 0.8],
  ])('gap %i h, %i hops, risk %d, blast %i → %d', (gap, hops, risk, blast, expected) => {
    expect(suspectScore(gap, 24, hops, risk, blast)).toBe(expected);
  });
});
