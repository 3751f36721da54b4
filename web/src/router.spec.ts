import { describe, expect, it } from 'vitest';
import { href, parseHash } from './router.js';

describe('parseHash', () => {
  it.each([
    ['', { page: 'overview' }],
    ['#/', { page: 'overview' }],
    ['#/queue', { page: 'queue' }],
    ['#/audit?x=1', { page: 'audit' }],
    ['#/changes', { page: 'changes' }],
    ['#/nope', { page: 'not-found', path: '/nope' }],
  ])('%s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  it('round-trips a change id with slashes, @ and dots', () => {
    const changeId = '/tmp/demo@44363bb..43672bc';
    expect(parseHash(href({ page: 'change', changeId }))).toEqual({ page: 'change', changeId });
  });
});
