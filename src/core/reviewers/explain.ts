import { levelRank } from '../model.js';
import type { Level } from '../model.js';
import type { AssignedReviewer } from './types.js';

/** What the explanation reads of a cover need (declared here so cover.ts and this file do not import each other). */
interface RankedNeed {
  policy: string;
  /** Eligible people, best first. */
  eligible: readonly RankedPerson[];
}

interface RankedPerson {
  personId: string;
  level: Level;
}

function isSenior(person: { level: Level }): boolean {
  return levelRank(person.level) >= levelRank('senior');
}

/**
 * Why the cover proposed this reviewer, in words: a person expects the top of each ranking, so a proposal
 * below it (a less senior person, or one who covers more requirements) says what it trades.
 */
export function explainReviewer(
  reviewer: AssignedReviewer,
  chosen: ReadonlySet<string>,
  needs: readonly RankedNeed[],
): string {
  const covered = needs.filter((need) => reviewer.covers.includes(need.policy));
  const others = new Map<string, RankedPerson>();
  const rankedAbove = new Map<string, { person: RankedPerson; policy: string }>();
  for (const need of covered) {
    const position = need.eligible.findIndex((p) => p.personId === reviewer.personId);
    need.eligible.forEach((person, index) => {
      if (chosen.has(person.personId)) return;
      others.set(person.personId, person);
      if (index < position && !rankedAbove.has(person.personId))
        rankedAbove.set(person.personId, { person, policy: need.policy });
    });
  }
  const seniorsSpared = [...others.values()].filter(isSenior);
  if (!isSenior(reviewer) && seniorsSpared.length > 0) {
    const names = seniorsSpared.map((p) => `${p.personId} (${p.level})`).join(', ');
    return (
      `a ${reviewer.level} may give ${reviewer.covers.join(', ')}, so ${names} ${seniorsSpared.length === 1 ? 'is' : 'are'} not asked: ` +
      'senior review time is the scarce resource, and the proposal asks the fewest seniors'
    );
  }
  const [first] = rankedAbove.values();
  if (first) {
    return (
      `covers ${reviewer.covers.join(', ')} with one approval; ${first.person.personId} ranks higher for ` +
      `${first.policy} but would not cover as much, so fewer people are asked this way`
    );
  }
  return `ranked first among the eligible people not already proposed for ${reviewer.covers.join(', ')}`;
}
