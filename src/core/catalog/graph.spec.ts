import { describe, expect, it } from 'vitest';
import type { Service } from '../model.js';
import { blastRadiusOf, buildServiceGraph, emptyBlastRadius } from './graph.js';

function service(id: string, tier: number, paths: string[], dependsOn: string[] = []): Service {
  return { id, tier, paths, dependsOn, owner: `${id}-team` };
}

const graph = buildServiceGraph([
  service('payments', 1, ['services/payments/**']),
  service('checkout', 1, ['services/checkout/**'], ['payments']),
  service('web', 2, ['web/**', '**/*.css'], ['checkout']),
  service('reports', 3, ['services/reports/*.sql'], ['payments']),
  service('readme', 4, ['README.md']),
]);

describe('servicesForPath', () => {
  it.each([
    ['services/payments/api/pay.ts', ['payments']],
    ['services/paymentsx/a.ts', []],
    ['services/reports/daily.sql', ['reports']],
    ['services/reports/nested/daily.sql', []],
    ['styles/site.css', ['web']],
    ['README.md', ['readme']],
    ['docs/README.md', []],
  ])('%s belongs to %j', (path, expected) => {
    expect(graph.servicesForPath(path).map((s) => s.id)).toEqual(expected);
  });
});

describe('blastRadiusOf', () => {
  it('walks dependents transitively, marking them not direct, with the path they were reached by', () => {
    const radius = blastRadiusOf(graph, ['payments']);

    expect(radius.services).toEqual([
      { id: 'payments', tier: 1, owner: 'payments-team', direct: true, via: [] },
      { id: 'checkout', tier: 1, owner: 'checkout-team', direct: false, via: ['payments'] },
      { id: 'web', tier: 2, owner: 'web-team', direct: false, via: ['payments', 'checkout'] },
      { id: 'reports', tier: 3, owner: 'reports-team', direct: false, via: ['payments'] },
    ]);
    expect(radius.mostCriticalTier).toBe(1);
    expect(radius.dependentMostCriticalTier).toBe(1);
    expect(radius.score).toBe(10 + 5 + 2.5 + 1);
  });

  it('reports tier 5 and score 0 when nothing known is touched', () => {
    expect(blastRadiusOf(graph, [])).toMatchObject({ services: [], mostCriticalTier: 5, score: 0 });
  });

  it('leaves the dependent tier out when no dependent is reached (tiers run 1–4)', () => {
    expect(blastRadiusOf(graph, [])).not.toHaveProperty('dependentMostCriticalTier');
    expect(emptyBlastRadius()).not.toHaveProperty('dependentMostCriticalTier');
  });

  it('survives dependency cycles', () => {
    const cyclic = buildServiceGraph([service('a', 2, ['a/**'], ['b']), service('b', 3, ['b/**'], ['a'])]);

    expect(blastRadiusOf(cyclic, ['a']).services.map((s) => [s.id, s.direct])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
