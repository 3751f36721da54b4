import type { Service } from '../model.js';

/** A dependency cycle: the services in order, the first repeated at the end (`a → b → a`). */
export type DependencyCycle = string[];

/**
 * Every distinct dependency cycle among services (edges to unknown services are ignored).
 * A cycle makes "who depends on this" unbounded in a reader's mind and hides which service is upstream,
 * so the configuration reports it instead of walking it silently.
 */
export function findDependencyCycles(services: readonly Service[]): DependencyCycle[] {
  const byId = new Map(services.map((s) => [s.id, s]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: DependencyCycle[] = [];
  const seen = new Set<string>();

  // Iterative would be kinder to stacks, but configs hold at most thousands of services and depth is small.
  function visit(id: string): void {
    state.set(id, 'open');
    stack.push(id);
    for (const next of byId.get(id)?.dependsOn ?? []) {
      if (!byId.has(next)) continue;
      const mark = state.get(next);
      if (mark === 'open') {
        const cycle = [...stack.slice(stack.indexOf(next)), next];
        const key = canonical(cycle);
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (mark === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  }
  for (const service of services) if (!state.has(service.id)) visit(service.id);
  return cycles;
}

/** The same cycle entered at another service is the same cycle. */
function canonical(cycle: DependencyCycle): string {
  const ring = cycle.slice(0, -1);
  const start = ring.indexOf([...ring].sort()[0] ?? '');
  return [...ring.slice(start), ...ring.slice(0, start)].join('\u0000');
}
