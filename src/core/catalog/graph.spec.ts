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

  // The index keys each glob by its literal folder; these globs share folders, start with a glob character or
  // have one in the middle, and a path can belong to several services: listed each once, shortest folder first,
  // catalog order within a folder.
  const shared = buildServiceGraph([
    service('api', 1, ['services/api/**']),
    service('protos', 2, ['services/**/*.proto', 'services/api/**']),
    service('configs', 3, ['services/{api,web}/config/*.yaml']),
    service('sql', 3, ['**/migrations/**']),
    service('root', 4, ['./Makefile', '/docs/**']),
  ]);

  it.each([
    ['services/api/v1/pay.proto', ['protos', 'api']],
    ['services/api/config/db.yaml', ['configs', 'api', 'protos']],
    ['services/web/config/db.yaml', ['configs']],
    ['services/web/config/deep/db.yaml', []],
    ['services/web/deep/a.proto', ['protos']],
    ['services/web/a.proto', ['protos']],
    ['db/migrations/001.sql', ['sql']],
    ['services/api/migrations/001.sql', ['api', 'protos', 'sql']],
    ['Makefile', ['root']],
    ['docs/a/b.md', ['root']],
    ['services/api', []],
  ])('shared folders: %s belongs to %j', (path, expected) => {
    expect(shared.servicesForPath(path).map((s) => s.id)).toEqual(expected);
    // asked twice: the lazily compiled globs and the found list answer the same
    expect(shared.servicesForPath(path).map((s) => s.id)).toEqual(expected);
  });
});

describe('dependentsOf', () => {
  it('lists every dependent in catalog order, however many there are, on every call', () => {
    const hub = buildServiceGraph([
      service('core', 1, ['core/**']),
      service('one', 2, ['one/**'], ['core', 'two']),
      service('two', 2, ['two/**'], ['core']),
      service('three', 3, ['three/**'], ['core', 'one']),
    ]);

    for (let call = 0; call < 2; call++) {
      expect(hub.dependentsOf('core')).toEqual(['one', 'two', 'three']);
      expect(hub.dependentsOf('two')).toEqual(['one']);
      expect(hub.dependentsOf('one')).toEqual(['three']);
      expect(hub.dependentsOf('three')).toEqual([]);
      expect(hub.dependentsOf('unknown')).toEqual([]);
    }
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

  it('orders by tier, then direct before dependent, then id by code unit (not locale, not numeric)', () => {
    const ids = ['b', 'B', 'a10', 'Z', 'a2', 'é', '_x', 'a'];
    const many = buildServiceGraph([
      service('root', 2, ['root/**']),
      ...ids.map((id, i) => ({ ...service(id, 1 + (i % 2), [`${id}/**`], ['root']), owner: '' })),
      service('top', 1, ['top/**']),
    ]);

    const radius = blastRadiusOf(many, ['root', 'top', 'b']);

    expect(radius.services.map((s) => [s.tier, s.direct, s.id])).toEqual([
      [1, true, 'b'],
      [1, true, 'top'],
      [1, false, '_x'],
      [1, false, 'a10'],
      [1, false, 'a2'],
      [2, true, 'root'],
      [2, false, 'B'],
      [2, false, 'Z'],
      [2, false, 'a'],
      [2, false, 'é'],
    ]);
    // no owner key for a service without one; the owner last for one with
    expect(Object.keys(radius.services.find((s) => s.id === 'Z')!)).toEqual(['id', 'tier', 'direct', 'via']);
    expect(Object.keys(radius.services.find((s) => s.id === 'top')!)).toEqual([
      'id',
      'tier',
      'direct',
      'via',
      'owner',
    ]);
  });

  it('survives dependency cycles', () => {
    const cyclic = buildServiceGraph([service('a', 2, ['a/**'], ['b']), service('b', 3, ['b/**'], ['a'])]);

    expect(blastRadiusOf(cyclic, ['a']).services.map((s) => [s.id, s.direct])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
