import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../catalog/graph.js';
import { decideDeploy, type DeployGateInput } from './deploy-gate.js';
import { wavePlan } from './wave-plan.js';

const graph = buildServiceGraph([
  { id: 'payments', tier: 1, paths: [], dependsOn: [] },
  { id: 'checkout', tier: 1, paths: [], dependsOn: ['payments'] },
  { id: 'docs', tier: 4, paths: [], dependsOn: [] },
]);
const plan = wavePlan({ risk: 0, blastScore: 0, mostCriticalTier: 5 });
const BASE: DeployGateInput = {
  service: 'checkout',
  sha: 'abc',
  environment: 'prod',
  now: '2026-02-01T12:00:00Z',
  change: { signedOff: true, missing: [] },
  openIncidents: [],
  graph,
  deployments: [],
  plan,
};
const BOX_DONE = {
  id: 'd1',
  service: 'checkout',
  environment: 'prod',
  commits: ['abc'],
  aiAssisted: false,
  startedAt: '2026-02-01T11:40:00Z',
  finishedAt: '2026-02-01T11:50:00Z',
  status: 'succeeded' as const,
  wave: 'box',
};

describe('decideDeploy', () => {
  it('allows a signed-off change with nothing in the way', () => {
    expect(decideDeploy(BASE)).toEqual({ allowed: true, reasons: ['all deploy checks passed'] });
  });

  it.each([
    ['an unknown change', { change: undefined }, /unknown to blastwall/],
    [
      'missing sign-offs',
      { change: { signedOff: false, missing: ['1 senior approval'] } },
      /sign-offs missing: 1 senior approval/,
    ],
    [
      'an open sev1 on the service',
      {
        openIncidents: [
          { id: 'i1', severity: 'sev1' as const, services: ['checkout'], startedAt: '2026-02-01T10:00:00Z' },
        ],
      },
      /open sev1 incident i1 on checkout/,
    ],
    [
      'an open sev2 on a dependency',
      {
        openIncidents: [
          { id: 'i2', severity: 'sev2' as const, services: ['payments'], startedAt: '2026-02-01T10:00:00Z' },
        ],
      },
      /i2 on payments, which checkout depends on/,
    ],
    ['an active freeze', { freezeActive: true, freezeReason: 'holiday' }, /freeze is active: holiday/],
    [
      'a freeze window',
      { freezeWindows: [{ from: '2026-02-01T00:00:00Z', to: '2026-02-02T00:00:00Z' }] },
      /freeze window until/,
    ],
    ['a previous wave never deployed', { wave: 'zone' }, /previous wave box has not succeeded/],
    [
      'a previous wave still baking',
      { wave: 'zone', deployments: [BOX_DONE] },
      /wave box is still baking \(15 min\) until 2026-02-01T12:05:00.000Z/,
    ],
  ])('holds for %s', (_name, overrides, reason) => {
    const decision = decideDeploy({ ...BASE, ...overrides });

    expect(decision.allowed).toBe(false);
    expect(decision.reasons.join('\n')).toMatch(reason);
  });

  it.each([
    [
      'a sev3 incident',
      {
        openIncidents: [
          { id: 'i3', severity: 'sev3' as const, services: ['checkout'], startedAt: '2026-02-01T10:00:00Z' },
        ],
      },
    ],
    [
      'a resolved sev1',
      {
        openIncidents: [
          {
            id: 'i4',
            severity: 'sev1' as const,
            services: ['checkout'],
            startedAt: '2026-02-01T10:00:00Z',
            resolvedAt: '2026-02-01T11:00:00Z',
          },
        ],
      },
    ],
    [
      'a sev1 on an unrelated service',
      {
        openIncidents: [
          { id: 'i5', severity: 'sev1' as const, services: ['docs'], startedAt: '2026-02-01T10:00:00Z' },
        ],
      },
    ],
    [
      'a freeze window in another environment',
      {
        freezeWindows: [
          { from: '2026-02-01T00:00:00Z', to: '2026-02-02T00:00:00Z', environments: ['staging'] },
        ],
      },
    ],
    [
      'a previous wave that has baked',
      { wave: 'zone', now: '2026-02-01T12:06:00Z', deployments: [BOX_DONE] },
    ],
  ])('does not hold for %s', (_name, overrides) => {
    expect(decideDeploy({ ...BASE, ...overrides }).allowed).toBe(true);
  });
});

describe('wavePlan', () => {
  it.each([
    [{ risk: 0, blastScore: 0, mostCriticalTier: 5 }, 1, [15, 30, 60, 0]],
    [{ risk: 0.5, blastScore: 20, mostCriticalTier: 2 }, 2.5, [38, 75, 150, 0]],
    [{ risk: 1, blastScore: 100, mostCriticalTier: 1 }, 4.5, [68, 135, 270, 0]],
  ])('scales bake times: %o → ×%d', (input, factor, minutes) => {
    const plan = wavePlan(input);

    expect(plan.factor).toBe(factor);
    expect(plan.waves.map((step) => step.wave)).toEqual(['box', 'zone', 'region', 'rest']);
    expect(plan.waves.map((step) => step.bakeMinutes)).toEqual(minutes);
  });
});
