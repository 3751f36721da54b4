import { describe, expect, it } from 'vitest';
import type { Level } from '../model.js';
import { coverNeeds, type CoverNeed, type CoverPerson } from './cover.js';

function p(personId: string, level: Level, score = 0): CoverPerson {
  return { personId, level, score };
}

const ANN = p('ann', 'senior', 3);
const BOB = p('bob', 'senior', 1);
const CAT = p('cat', 'mid', 2);
const DAN = p('dan', 'junior', 0);

describe('coverNeeds', () => {
  it.each<{ name: string; needs: CoverNeed[]; expected: string[] }>([
    {
      name: 'one need, best score',
      needs: [{ policy: 'a', needed: 1, eligible: [ANN, BOB] }],
      expected: ['ann'],
    },
    {
      name: 'a person in both needs beats two people',
      needs: [
        { policy: 'a', needed: 1, eligible: [ANN, CAT] },
        { policy: 'b', needed: 1, eligible: [BOB, CAT] },
      ],
      expected: ['cat'],
    },
    {
      name: 'fewer seniors before a higher score',
      needs: [{ policy: 'a', needed: 2, eligible: [ANN, BOB, CAT, DAN] }],
      expected: ['cat', 'dan'],
    },
    {
      name: 'among equals, the higher score',
      needs: [
        { policy: 'a', needed: 1, eligible: [ANN, BOB] },
        { policy: 'b', needed: 2, eligible: [ANN, BOB, CAT] },
      ],
      expected: ['ann', 'cat'],
    },
  ])('$name', ({ needs, expected }) => {
    const assignment = coverNeeds(needs);

    expect(assignment.reviewers.map((r) => r.personId).sort()).toEqual([...expected].sort());
    expect(assignment.complete).toBe(true);
  });

  it('falls back to a greedy cover when there are many kinds of person, and still meets every need', () => {
    // Seven needs over fourteen people in 13 distinct (needs, seniority) groups: more than the exact search takes (12).
    const people = Array.from({ length: 14 }, (_, i) => p(`p${i}`, i % 2 ? 'senior' : 'mid', i));
    const needs: CoverNeed[] = Array.from({ length: 7 }, (_, n) => ({
      policy: `n${n}`,
      needed: 1 + (n % 2),
      eligible: people.filter((_, i) => ((i >> (n % 4)) & 1) === 1 || i === n),
    }));

    const assignment = coverNeeds(needs);

    expect(assignment.complete).toBe(true);
    for (const need of needs) {
      const met = assignment.reviewers.filter((r) =>
        need.eligible.some((e) => e.personId === r.personId),
      ).length;
      expect(met).toBeGreaterThanOrEqual(need.needed);
    }
  });
});
