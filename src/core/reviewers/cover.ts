import { levelRank, type Level } from '../model.js';
import { explainReviewer } from './explain.js';
import type { Assignment, AssignedReviewer } from './types.js';

/** One unmet requirement as a covering problem: how many approvals, from whom. */
export interface CoverNeed {
  policy: string;
  needed: number;
  /** Eligible people, best first. */
  eligible: readonly CoverPerson[];
}

/** A person as the cover sees them. */
export interface CoverPerson {
  personId: string;
  level: Level;
  score: number;
  /** Decayed expertise, when known (the naive baseline ranks by it). */
  expertise?: number;
}

interface Group {
  /** Indexes of the needs every member is eligible for. */
  needs: number[];
  senior: boolean;
  members: CoverPerson[];
}

interface Choice {
  people: CoverPerson[];
  seniors: number;
  score: number;
}

/** Above this many kinds of person the exact search is skipped for a greedy cover (never reached by the shipped policies). */
const MAX_GROUPS = 12;

/**
 * The fewest people whose approvals meet every need (one approval counts for every requirement the person is
 * eligible for, as `resolveRequirements` counts it); among those, the fewest senior-or-above people, since
 * senior attention is the scarce resource; among those, the highest total score.
 */
export function coverNeeds(needs: readonly CoverNeed[]): Assignment {
  const unmet: Assignment['unmet'] = [];
  const target = needs.map((need) => {
    if (need.eligible.length >= need.needed) return need.needed;
    unmet.push({
      policy: need.policy,
      why: `needs ${need.needed} approval${need.needed === 1 ? '' : 's'} but only ${need.eligible.length} eligible ${need.eligible.length === 1 ? 'person is' : 'people are'} available`,
    });
    return need.eligible.length;
  });
  const groups = groupPeople(needs);
  const chosen = groups.length > MAX_GROUPS ? greedyCover(groups, target) : exactCover(groups, target);
  const reviewers: AssignedReviewer[] = chosen.map((person) => ({
    personId: person.personId,
    level: person.level,
    covers: needs
      .filter((need) => need.eligible.some((p) => p.personId === person.personId))
      .map((need) => need.policy),
  }));
  reviewers.sort(
    (a, b) =>
      b.covers.length - a.covers.length ||
      scoreOf(chosen, b) - scoreOf(chosen, a) ||
      a.personId.localeCompare(b.personId),
  );
  const chosenIds = new Set(chosen.map((p) => p.personId));
  for (const reviewer of reviewers) reviewer.why = explainReviewer(reviewer, chosenIds, needs);
  return { reviewers, complete: unmet.length === 0, unmet };
}

function scoreOf(people: CoverPerson[], reviewer: AssignedReviewer): number {
  return people.find((p) => p.personId === reviewer.personId)?.score ?? 0;
}

/** People eligible for the same needs at the same seniority are interchangeable, so the search runs over groups. */
function groupPeople(needs: readonly CoverNeed[]): Group[] {
  const byKey = new Map<string, Group>();
  const seen = new Map<string, CoverPerson>();
  const signature = new Map<string, number[]>();
  needs.forEach((need, index) => {
    for (const person of need.eligible) {
      seen.set(person.personId, person);
      signature.set(person.personId, [...(signature.get(person.personId) ?? []), index]);
    }
  });
  for (const [personId, person] of seen) {
    const needIndexes = signature.get(personId) ?? [];
    const senior = levelRank(person.level) >= levelRank('senior');
    const key = `${needIndexes.join(',')}|${senior}`;
    let group = byKey.get(key);
    if (!group) {
      group = { needs: needIndexes, senior, members: [] };
      byKey.set(key, group);
    }
    group.members.push(person);
  }
  const groups = [...byKey.values()];
  for (const group of groups) group.members.sort(byScore);
  // Groups covering more needs first: the search then finds small covers early and prunes more.
  groups.sort((a, b) => b.needs.length - a.needs.length || Number(a.senior) - Number(b.senior));
  return groups;
}

function byScore(a: CoverPerson, b: CoverPerson): number {
  return b.score - a.score || a.personId.localeCompare(b.personId);
}

function exactCover(groups: Group[], target: number[]): CoverPerson[] {
  const maxTake = Math.max(0, ...target);
  let best: Choice | undefined;
  const counts = new Array<number>(groups.length).fill(0);
  function visit(index: number, size: number, remaining: number[]): void {
    // Every open approval needs someone, so the largest open count is a lower bound on who is still to come.
    const stillNeeded = Math.max(0, ...remaining);
    if (best && size + stillNeeded > best.people.length) return;
    if (stillNeeded === 0) {
      const choice = materialise(groups, counts);
      if (!best || better(choice, best)) best = choice;
      return;
    }
    if (index >= groups.length) return;
    const group = groups[index] as Group;
    const useful = Math.max(0, ...group.needs.map((n) => remaining[n] ?? 0));
    const limit = Math.min(group.members.length, maxTake, useful);
    for (let take = limit; take >= 0; take--) {
      counts[index] = take;
      const next = remaining.map((r, n) => (group.needs.includes(n) ? r - take : r));
      visit(index + 1, size + take, next);
    }
    counts[index] = 0;
  }
  visit(0, 0, target);
  return best?.people ?? [];
}

function materialise(groups: Group[], counts: number[]): Choice {
  const people: CoverPerson[] = [];
  groups.forEach((group, index) => people.push(...group.members.slice(0, counts[index] ?? 0)));
  let seniors = 0;
  let score = 0;
  for (const person of people) {
    if (levelRank(person.level) >= levelRank('senior')) seniors++;
    score += person.score;
  }
  return { people, seniors, score };
}

function better(a: Choice, b: Choice): boolean {
  if (a.people.length !== b.people.length) return a.people.length < b.people.length;
  if (a.seniors !== b.seniors) return a.seniors < b.seniors;
  return a.score > b.score + 1e-9;
}

/** Repeatedly takes the person who meets the most still-open approvals, best score first. */
function greedyCover(groups: Group[], target: number[]): CoverPerson[] {
  const remaining = [...target];
  const taken = new Set<string>();
  const chosen: CoverPerson[] = [];
  while (remaining.some((r) => r > 0)) {
    let pick: { person: CoverPerson; gain: number } | undefined;
    for (const group of groups) {
      const gain = group.needs.filter((n) => (remaining[n] ?? 0) > 0).length;
      const person = group.members.find((p) => !taken.has(p.personId));
      if (!person || gain === 0) continue;
      if (!pick || gain > pick.gain || (gain === pick.gain && person.score > pick.person.score))
        pick = { person, gain };
    }
    if (!pick) break;
    const person = pick.person;
    taken.add(person.personId);
    chosen.push(person);
    for (const group of groups) {
      if (group.members.includes(person)) for (const n of group.needs) remaining[n] = (remaining[n] ?? 0) - 1;
    }
  }
  return chosen;
}
