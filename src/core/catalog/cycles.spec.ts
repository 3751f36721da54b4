import { describe, expect, it } from 'vitest';
import type { Service } from '../model.js';
import { findDependencyCycles } from './cycles.js';

function services(edges: Record<string, string[]>): Service[] {
  return Object.entries(edges).map(([id, dependsOn]) => ({ id, tier: 2, paths: [], dependsOn }));
}

describe('findDependencyCycles', () => {
  it.each([
    ['a chain', { a: ['b'], b: ['c'], c: [] }, []],
    ['a diamond', { a: ['b', 'c'], b: ['d'], c: ['d'], d: [] }, []],
    ['edges to unknown services', { a: ['ghost'], ghost2: ['a'] }, []],
    ['a self-dependency', { a: ['a'] }, [['a', 'a']]],
    ['a two-service loop, once', { a: ['b'], b: ['a'] }, [['a', 'b', 'a']]],
    ['a loop entered from outside', { x: ['b'], a: ['b'], b: ['c'], c: ['a'] }, [['b', 'c', 'a', 'b']]],
    [
      'two separate loops',
      { a: ['b'], b: ['a'], c: ['d'], d: ['c'] },
      [
        ['a', 'b', 'a'],
        ['c', 'd', 'c'],
      ],
    ],
  ])('%s', (_name, edges, expected) => {
    expect(findDependencyCycles(services(edges))).toEqual(expected);
  });
});
