import type { Person, Service } from '../model.js';
import { suggestReviewers, type ReviewSubject, type SuggestOptions } from './suggest.js';
import type { Assignment, Candidate, ExpertiseHistory, ReviewLoad } from './types.js';

export {
  assign,
  loadSpread,
  type AssignOptions,
  type AssignResult,
  type StreamAssignment,
  type StreamChange,
} from './assign.js';
export { coverNeeds, type CoverNeed, type CoverPerson } from './cover.js';
export { candidateScore, expertiseOf, RANKING_DEFAULTS, touchWeight } from './score.js';
export { compareCandidates, suggestReviewers, type ReviewSubject, type SuggestOptions } from './suggest.js';
export type * from './types.js';

/** The compact reviewer section of a check report: top candidates per unmet requirement and the proposal. */
export interface ReviewersSection {
  requirements: { policy: string; needed: number; candidates: Candidate[] }[];
  assignment: Assignment;
}

/** Reviewer suggestions shaped for `check` output: at most `limit` candidates per requirement, no ineligible list. */
export function reviewersFor(
  report: ReviewSubject,
  people: readonly Person[],
  services: ReadonlyMap<string, Service>,
  expertise: ExpertiseHistory,
  load: ReviewLoad = new Map(),
  options: SuggestOptions & { limit?: number } = {},
): ReviewersSection {
  const suggestion = suggestReviewers(report, people, services, expertise, load, options);
  const limit = options.limit ?? 5;
  return {
    requirements: suggestion.requirements.map((r) => ({
      policy: r.policy,
      needed: r.needed,
      candidates: r.candidates.slice(0, limit),
    })),
    assignment: suggestion.assignment,
  };
}
