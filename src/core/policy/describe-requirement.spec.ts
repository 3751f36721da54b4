import { describe, expect, it } from 'vitest';
import type { Requirement } from '../model.js';
import { describeApprovalRequirement } from './describe-requirement.js';
import { foldRequirements } from './eligibility.js';

const unmet = (policy: string, satisfier: Requirement['satisfier']): Requirement => ({
  policy,
  reason: policy,
  kind: 'approval',
  satisfied: false,
  approvedBy: [],
  ...(satisfier && { satisfier }),
});

describe('what a folded approval asks for, in words', () => {
  it('says what each policy requires instead of two senior owners for critical-two-reviewers', () => {
    const folded = foldRequirements(
      [
        unmet('critical-two-reviewers', { approvals: 2, notAuthor: true }),
        unmet('ai-change-senior-signoff', { approvals: 1, minLevel: 'senior', notAuthor: true }),
        unmet('wide-blast-radius', {
          approvals: 1,
          minLevel: 'senior',
          notAuthor: true,
          ownerOf: ['payments'],
        }),
      ],
      { authors: ['jo'] },
    );

    const text = describeApprovalRequirement(folded);

    expect(text).toBe(
      'critical-two-reviewers: 2 approvals; ai-change-senior-signoff: 1 approval from senior or above; ' +
        'wide-blast-radius: 1 approval from senior or above by an owner of payments, not by jo',
    );
    expect(text).not.toMatch(/2 approvals from senior/);
  });

  it.each([
    [{ approvals: 1, minLevel: 'senior' as const }, '1 approval from senior or above'],
    [{ approvals: 2 }, '2 approvals'],
    [{ approvals: 1, ownerOf: [] }, '1 approval by an owner of an impacted service'],
  ])('words one policy’s requirement %j as "%s"', (part, words) => {
    const folded = foldRequirements([unmet('p', { notAuthor: false, ...part })], { authors: [] });

    expect(describeApprovalRequirement(folded)).toBe(words);
  });

  it('words an approval stored before parts were recorded by its folded fields', () => {
    expect(
      describeApprovalRequirement({
        approvals: 2,
        minLevel: 'senior',
        notAuthor: true,
        authors: ['jo', 'kim'],
        policies: ['x', 'y'],
      }),
    ).toBe('2 approvals from senior or above, not by jo or kim');
  });
});
