import { describe, expect, it } from 'vitest';
import type { Person, Requirement, Service } from '../model.js';
import { checkEligibility, foldRequirements, ineligibility, type EligibilityRule } from './eligibility.js';

const SAM: Person = { id: 'sam', level: 'senior', emails: [], logins: [], teams: ['payments'] };
const MIA: Person = { id: 'mia', level: 'mid', emails: [], logins: [], teams: ['payments'] };
const KIM: Person = { id: 'kim', level: 'senior', emails: [], logins: [], teams: ['shop'] };
const SERVICES: Service[] = [
  { id: 'payments', tier: 1, owner: 'payments', paths: [], dependsOn: [] },
  { id: 'checkout', tier: 1, owner: 'shop', paths: [], dependsOn: [] },
];
const BASE: EligibilityRule = { notAuthor: true, authors: [] };

describe('ineligibility', () => {
  it.each<[string, Person, EligibilityRule, string | undefined]>([
    ['an eligible senior', SAM, { ...BASE, minLevel: 'senior' }, undefined],
    ['an author', SAM, { ...BASE, authors: ['sam'] }, 'sam is an author of this change'],
    ['an author when authors do not matter', SAM, { ...BASE, notAuthor: false, authors: ['sam'] }, undefined],
    ['below the level', MIA, { ...BASE, minLevel: 'senior' }, 'mia is mid; this needs senior or above'],
    ['an owner', SAM, { ...BASE, ownerOf: ['payments'] }, undefined],
    ['a non-owner', KIM, { ...BASE, ownerOf: ['payments'] }, 'kim is not in a team owning payments'],
    // The copies disagreed here: an empty owner list used to admit anyone in the approvals API.
    [
      'anyone, when no service is owned',
      SAM,
      { ...BASE, ownerOf: [] },
      'sam is not in a team owning an impacted service',
    ],
    [
      'the requester under the two-person rule',
      SAM,
      { ...BASE, notRequester: true, requester: 'sam' },
      'sam asked for this action; another person must approve it (two-person rule)',
    ],
    ['the requester when a layer relaxed the rule', SAM, { ...BASE, requester: 'sam' }, undefined],
  ])('%s', (_name, person, rule, expected) => {
    expect(ineligibility(person, rule, SERVICES)).toBe(expected);
    expect(ineligibility(person, rule, new Map(SERVICES.map((s) => [s.id, s])))).toBe(expected);
    expect(checkEligibility(person, rule, SERVICES).ok).toBe(expected === undefined);
  });
});

describe('foldRequirements', () => {
  const unmet = (policy: string, satisfier: Requirement['satisfier']): Requirement => ({
    policy,
    reason: policy,
    kind: 'approval',
    satisfied: false,
    approvedBy: [],
    ...(satisfier && { satisfier }),
  });

  it('keeps the strictest of each part and the people it excludes', () => {
    const folded = foldRequirements(
      [
        unmet('a', { approvals: 1, minLevel: 'senior', notAuthor: true }),
        unmet('b', { approvals: 2, minLevel: 'mid', notAuthor: false, notRequester: true }),
        { ...unmet('met', { approvals: 3, notAuthor: false }), satisfied: true },
      ],
      { authors: ['jo'], requester: 'pat' },
    );
    expect(folded).toEqual({
      approvals: 2,
      minLevel: 'senior',
      notAuthor: true,
      notRequester: true,
      authors: ['jo'],
      requester: 'pat',
      policies: ['a', 'b'],
      parts: [
        { policy: 'a', approvals: 1, minLevel: 'senior' },
        { policy: 'b', approvals: 2, minLevel: 'mid' },
      ],
    });
  });

  it('keeps an owner rule that resolved to no service, so no one (rather than anyone) qualifies', () => {
    const folded = foldRequirements([unmet('wide', { approvals: 1, notAuthor: true, ownerOf: [] })], {
      authors: [],
    });
    expect(folded.ownerOf).toEqual([]);
    expect(ineligibility(SAM, folded, SERVICES)).toMatch(/not in a team owning/);
  });
});
