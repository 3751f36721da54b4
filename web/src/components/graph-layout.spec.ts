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
    const layout = layoutGraph(services, edges, 'horizontal', 1000);
    const x = Object.fromEntries(layout.nodes.map((node) => [node.id, node.x]));
    expect(x.payments).toBeLessThan(x.checkout!);
    expect(x.checkout).toBeLessThan(x.storefront!);
    expect(layout.width).toBeGreaterThan(x.storefront!);
  });

  it('stacks bands as rows on narrow screens and stays within the width it was given', () => {
    const layout = layoutGraph(services, edges, 'vertical', 320);
    const y = Object.fromEntries(layout.nodes.map((node) => [node.id, node.y]));
    expect(y.payments).toBeLessThan(y.checkout!);
    expect(y.checkout).toBeLessThan(y.storefront!);
    expect(layout.width).toBeLessThanOrEqual(320);
    for (const node of layout.nodes) expect(node.x + node.w).toBeLessThanOrEqual(layout.width);
  });

  it('draws at most 14 services a band and counts the rest as hidden', () => {
    const many = [
      service('core', 1, true),
      ...Array.from({ length: 20 }, (_, i) => service(`dep-${i}`, 3, false, ['core'])),
    ];
    const layout = layoutGraph(
      many,
      many.slice(1).map((s) => ({ from: 'core', to: s.id })),
      'horizontal',
      1000,
    );
    expect(layout.nodes).toHaveLength(15);
    expect(layout.hidden).toBe(6);
  });

  it('places a dependent the edges do not reach by the length of its path', () => {
    const layout = layoutGraph(
      [service('a', 2, true), service('b', 3, false, ['a', 'x'])],
      [],
      'horizontal',
      800,
    );
    const [a, b] = layout.nodes;
    expect(b!.x).toBeGreaterThan(a!.x);
  });
});
