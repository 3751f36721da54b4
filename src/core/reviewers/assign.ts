import { levelRank, type Person, type Service } from '../model.js';
import { coverNeeds, type CoverNeed, type CoverPerson } from './cover.js';
import { suggestReviewers, type ReviewSubject } from './suggest.js';
import type { Assignment, ExpertiseHistory, RankingOptions } from './types.js';

/** One change arriving in the stream, with the history of its touched files. */
export interface StreamChange {
  id: string;
  /** Unix seconds when review is requested. */
  at: number;
  report: ReviewSubject;
  expertise: ExpertiseHistory;
  /** How long the review stays open, in seconds (default one day). */
  reviewSeconds?: number;
}

/** How reviewers are picked over the stream. */
export interface AssignOptions extends RankingOptions {
  /**
   * `balanced` (default): rank by expertise and open reviews, and skip anyone whose reviews this period would
   * exceed `maxLoadRatio` × the mean of their band (seniors, or everyone else) unless no one else qualifies.
   * `top-expert`: the naive baseline, the most expert eligible people regardless of load.
   */
  strategy?: 'balanced' | 'top-expert';
  /** The ceiling on a person's share relative to their band's mean (default 1.2, under the 1.3 target). */
  maxLoadRatio?: number;
  /** Below this many reviews nobody counts as over the ceiling, so the first changes of a period can be placed (default 2). */
  minCeiling?: number;
}

/** The reviewers proposed for one change of the stream. */
export interface StreamAssignment extends Assignment {
  changeId: string;
}

/** Every change's reviewers and the reviews each person was given over the period. */
export interface AssignResult {
  assignments: StreamAssignment[];
  /** personId → reviews assigned in the period. */
  load: Map<string, number>;
}

const DAY = 86_400;

/** Assigns reviewers to a stream of changes, oldest first, spreading the period's load within each band. */
export function assign(
  changes: Iterable<StreamChange>,
  people: readonly Person[],
  services: ReadonlyMap<string, Service>,
  options: AssignOptions = {},
): AssignResult {
  const period = new Map<string, number>(people.map((p) => [p.id, 0]));
  let open: { personId: string; until: number }[] = [];
  const assignments: StreamAssignment[] = [];
  const bands = bandsOf(people);
  for (const change of changes) {
    open = open.filter((review) => review.until > change.at);
    const openLoad = new Map<string, number>();
    for (const review of open) openLoad.set(review.personId, (openLoad.get(review.personId) ?? 0) + 1);
    const naive = options.strategy === 'top-expert';
    const suggestion = suggestReviewers(
      change.report,
      people,
      services,
      change.expertise,
      naive ? new Map() : openLoad,
      options,
    );
    const needs: CoverNeed[] = suggestion.requirements.map((r) => ({
      policy: r.policy,
      needed: r.needed,
      eligible: r.candidates,
    }));
    const assignment = naive ? topExperts(needs) : coverNeeds(withinCeiling(needs, period, bands, options));
    for (const reviewer of assignment.reviewers) {
      period.set(reviewer.personId, (period.get(reviewer.personId) ?? 0) + 1);
      open.push({ personId: reviewer.personId, until: change.at + (change.reviewSeconds ?? DAY) });
    }
    assignments.push({ changeId: change.id, ...assignment });
  }
  return { assignments, load: period };
}

interface Bands {
  bandOf: Map<string, string[]>;
}

/** Seniors are compared with seniors and everyone else with everyone else: their loads are different resources. */
function bandsOf(people: readonly Person[]): Bands {
  const seniors = people.filter((p) => isSenior(p.level)).map((p) => p.id);
  const others = people.filter((p) => !isSenior(p.level)).map((p) => p.id);
  const bandOf = new Map<string, string[]>();
  for (const id of seniors) bandOf.set(id, seniors);
  for (const id of others) bandOf.set(id, others);
  return { bandOf };
}

function isSenior(level: Person['level']): boolean {
  return levelRank(level) >= levelRank('senior');
}

/**
 * Drops candidates who would pass the ceiling (max(minCeiling, ratio × band mean, ⌈band mean⌉), the mean counting one more review).
 * When that leaves a requirement short, the least-loaded of the dropped are put back: meeting the
 * requirement beats spreading the load.
 */
function withinCeiling(
  needs: CoverNeed[],
  period: Map<string, number>,
  bands: Bands,
  options: AssignOptions,
): CoverNeed[] {
  const ratio = options.maxLoadRatio ?? 1.2;
  const floor = options.minCeiling ?? 2;
  const ceilings = new Map<string[], number>();
  const over = (personId: string): boolean => {
    const band = bands.bandOf.get(personId) ?? [personId];
    let ceiling = ceilings.get(band);
    if (ceiling === undefined) {
      let total = 1;
      for (const id of band) total += period.get(id) ?? 0;
      const meanAfter = total / band.length;
      // ceil(mean) keeps a band of equals moving: without it, when everyone holds the mean, nobody may take the next one.
      ceiling = Math.max(floor, ratio * meanAfter, Math.ceil(meanAfter));
      ceilings.set(band, ceiling);
    }
    return (period.get(personId) ?? 0) + 1 > ceiling;
  };
  return needs.map((need) => {
    const under = need.eligible.filter((c) => !over(c.personId));
    if (under.length >= need.needed) return { ...need, eligible: under };
    const spare = need.eligible
      .filter((c) => over(c.personId))
      .sort((a, b) => (period.get(a.personId) ?? 0) - (period.get(b.personId) ?? 0) || b.score - a.score);
    return { ...need, eligible: [...under, ...spare.slice(0, need.needed - under.length)] };
  });
}

/** The naive baseline: for each requirement, its most expert eligible people, reusing anyone already picked. */
function topExperts(needs: CoverNeed[]): Assignment {
  const picked = new Map<string, { candidate: CoverPerson; covers: string[] }>();
  const unmet: Assignment['unmet'] = [];
  for (const need of needs) {
    const byExpertise = [...need.eligible].sort(
      (a, b) => (b.expertise ?? 0) - (a.expertise ?? 0) || a.personId.localeCompare(b.personId),
    );
    let have = 0;
    for (const c of byExpertise) {
      const already = picked.get(c.personId);
      if (!already) continue;
      already.covers.push(need.policy);
      have++;
    }
    for (const c of byExpertise) {
      if (have >= need.needed) break;
      if (picked.has(c.personId)) continue;
      picked.set(c.personId, { candidate: c, covers: [need.policy] });
      have++;
    }
    if (have < need.needed) unmet.push({ policy: need.policy, why: `only ${have} eligible` });
  }
  const reviewers = [...picked.values()].map(({ candidate, covers }) => ({
    personId: candidate.personId,
    level: candidate.level,
    covers,
  }));
  return { reviewers, complete: unmet.length === 0, unmet };
}

/** The busiest person's load, the mean, and their ratio, over a set of people (for example the seniors). */
export function loadSpread(
  load: ReadonlyMap<string, number>,
  personIds: readonly string[],
): { max: number; mean: number; ratio: number } {
  if (personIds.length === 0) return { max: 0, mean: 0, ratio: 0 };
  let max = 0;
  let total = 0;
  for (const id of personIds) {
    const value = load.get(id) ?? 0;
    max = Math.max(max, value);
    total += value;
  }
  const mean = total / personIds.length;
  return { max, mean, ratio: mean === 0 ? 0 : max / mean };
}
