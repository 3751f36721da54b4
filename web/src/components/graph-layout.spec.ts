import { describe, expect, it } from 'vitest';
import type { BlastRadius } from '../contract.js';
import { layoutGraph } from './graph-layout.js';

type Service = BlastRadius['services'][number];

function service(id: string, tier: number, direct: boolean, via: string[] = []): Service {
  return { id, tier, direct, via };
}

describe('layoutGraph', () => {
  const services = [
    service('payments', 1, true),
    service('checkout', 1, false, ['payments']),
    service('storefront', 2, false, ['payments', 'checkout']),
  ];
  const edges = [
    { from: 'payments', to: 'checkout' },
    { from: 'checkout', to: 'storefront' },
  ];

  it('puts direct services in the first column and dependents by hops after them', () => {
    const layout = layoutGraph(services, edges, false);
    const x = Object.fromEntries(layout.nodes.map((node) => [node.id, node.x]));
    expect(x.payments).toBeLessThan(x.checkout!);
    expect(x.checkout).toBeLessThan(x.storefront!);
    expect(layout.width).toBeGreaterThan(x.storefront!);
  });

  it('fits three ranks into a phone’s width with narrow boxes', () => {
    const layout = layoutGraph(services, edges, true);

    // A 390 px phone leaves about 360 px inside the card.
    expect(layout.width).toBeLessThanOrEqual(360);
  });

  it.each([false, true])('keeps every box and every edge route inside the canvas (narrow: %s)', (narrow) => {
    const many = [
      service('core', 1, true),
      service('auth', 1, true),
      ...Array.from({ length: 9 }, (_, i) => service(`dep-${i}`, 2 + (i % 3), false, ['core'])),
    ];
    const links = [
      ...many.slice(2).map((s, i) => ({ from: i % 2 ? 'core' : 'auth', to: s.id })),
      { from: 'dep-0', to: 'dep-1' },
      { from: 'dep-1', to: 'dep-2' },
    ];

    const layout = layoutGraph(many, links, narrow);

    for (const node of layout.nodes) {
      expect(node.x, node.id).toBeGreaterThanOrEqual(0);
      expect(node.y, node.id).toBeGreaterThanOrEqual(0);
      expect(node.x + node.w, node.id).toBeLessThanOrEqual(layout.width);
      expect(node.y + node.h, node.id).toBeLessThanOrEqual(layout.height);
    }
    expect(layout.edges).toHaveLength(links.length);
    for (const edge of layout.edges)
      for (const point of edge.points) {
        expect(point.x).toBeGreaterThanOrEqual(0);
        expect(point.x).toBeLessThanOrEqual(layout.width);
        expect(point.y).toBeGreaterThanOrEqual(0);
        expect(point.y).toBeLessThanOrEqual(layout.height);
      }
  });

  it('draws at most 14 services a band and counts the rest as hidden', () => {
    const many = [
      service('core', 1, true),
      ...Array.from({ length: 20 }, (_, i) => service(`dep-${i}`, 3, false, ['core'])),
    ];
    const layout = layoutGraph(
      many,
      many.slice(1).map((s) => ({ from: 'core', to: s.id })),
      false,
    );
    expect(layout.nodes).toHaveLength(15);
    expect(layout.hidden).toBe(6);
  });

  it('places a dependent the edges do not reach by the length of its path', () => {
    const layout = layoutGraph([service('a', 2, true), service('b', 3, false, ['a', 'x'])], [], false);
    const [a, b] = layout.nodes;
    expect(b!.x).toBeGreaterThan(a!.x);
  });
});
