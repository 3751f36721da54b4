import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { describe, expect, it } from 'vitest';
import { mergeReads, policyReads } from './reads.js';

function readsOf(text: string) {
  const json = cedar.policyToJson(text);
  if (json.type !== 'success') throw new Error('bad policy');
  return policyReads(json.json);
}

describe('policyReads', () => {
  it.each([
    ['permit (principal, action, resource);', { context: [], principal: false, resource: false }],
    [
      'forbid (principal is Agent, action, resource) when { context.destructive && !context.reversible };',
      { context: ['destructive', 'reversible'], principal: true, resource: false },
    ],
    [
      'forbid (principal, action, resource == Target::"x") when { context has command };',
      { context: ['command'], principal: false, resource: true },
    ],
    [
      'forbid (principal, action, resource) when { context == {} };',
      { context: 'all', principal: false, resource: false },
    ],
    [
      'forbid (principal, action, resource) when { principal.level < 3 };',
      { context: [], principal: true, resource: false },
    ],
    [
      'forbid (principal, action, resource) unless { context.tools.contains("claude") };',
      { context: ['tools'], principal: false, resource: false },
    ],
  ])('%s reads %j', (text, expected) => {
    expect(readsOf(text)).toEqual(expected);
  });

  it('merges a set, where one whole-context reader makes the whole context matter', () => {
    expect(
      mergeReads([
        { context: ['b', 'a'], principal: false, resource: false },
        { context: ['a'], principal: true, resource: false },
      ]),
    ).toEqual({ context: ['a', 'b'], principal: true, resource: false });
    expect(
      mergeReads([
        { context: ['a'], principal: false, resource: false },
        { context: 'all', principal: false, resource: false },
      ]).context,
    ).toBe('all');
  });
});
