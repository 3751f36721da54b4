import type { CheckReport } from '../change/decide-change.js';
import type { Person, Requirement, Service } from '../model.js';
import { ineligibility, ruleOf } from '../policy/eligibility.js';
import { coverNeeds, type CoverNeed } from './cover.js';
import { candidateScore, describeExpertise, expertiseOf, round2 } from './score.js';
import type {
  Candidate,
  ExpertiseHistory,
  RankingOptions,
  RequirementCandidates,
  ReviewerSuggestion,
  ReviewLoad,
} from './types.js';

/** The parts of a check report reviewer routing reads. */
export type ReviewSubject = Pick<CheckReport, 'requirements' | 'authors'>;

/** Ranking knobs plus who is unavailable. */
export interface SuggestOptions extends RankingOptions {
  /** People who cannot review now (away, or already over their share); they are listed as ineligible. */
  unavailable?: ReadonlyMap<string, string>;
}

/** For each unmet requirement, the eligible people ranked by recent expertise and open load; and the fewest reviewers that meet them all. */
export function suggestReviewers(
  report: ReviewSubject,
  people: readonly Person[],
  services: ReadonlyMap<string, Service>,
  expertise: ExpertiseHistory,
  load: ReviewLoad,
  options: SuggestOptions = {},
): ReviewerSuggestion {
  const authors = report.authors.map((a) => a.id);
  const ranked = rankPeople(people, expertise, load, options);
  const requirements: RequirementCandidates[] = [];
  const denials: string[] = [];
  for (const requirement of report.requirements) {
    if (requirement.satisfied) continue;
    if (requirement.kind === 'deny' || !requirement.satisfier) {
      denials.push(`${requirement.policy}: ${requirement.reason}`);
      continue;
    }
    requirements.push(candidatesFor(requirement, ranked, { authors }, services, options));
  }
  const needs: CoverNeed[] = requirements.map((r) => ({
    policy: r.policy,
    needed: r.needed,
    eligible: r.candidates,
  }));
  return { requirements, assignment: coverNeeds(needs), denials };
}

interface RankedPerson {
  person: Person;
  candidate: Candidate;
}

/** Scores everyone once: a person's score does not depend on the requirement. */
function rankPeople(
  people: readonly Person[],
  expertise: ExpertiseHistory,
  load: ReviewLoad,
  options: RankingOptions,
): RankedPerson[] {
  const ranked: RankedPerson[] = [];
  for (const person of people) {
    const summary = expertiseOf(person.id, expertise, options);
    const openReviews = load.get(person.id) ?? 0;
    ranked.push({
      person,
      candidate: {
        personId: person.id,
        level: person.level,
        expertise: round2(summary.expertise),
        openReviews,
        score: round2(candidateScore(summary.expertise, openReviews, options)),
        why: describeExpertise(summary, openReviews, expertise.asOf),
      },
    });
  }
  ranked.sort((a, b) => compareCandidates(a.candidate, b.candidate));
  return ranked;
}

/** Higher score first; then fewer open reviews, more expertise, and the id so the order is stable. */
export function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    b.score - a.score ||
    a.openReviews - b.openReviews ||
    b.expertise - a.expertise ||
    a.personId.localeCompare(b.personId)
  );
}

function candidatesFor(
  requirement: Requirement,
  ranked: readonly RankedPerson[],
  subject: { authors: string[] },
  services: ReadonlyMap<string, Service>,
  options: SuggestOptions,
): RequirementCandidates {
  const satisfier = requirement.satisfier;
  const needed = Math.max(0, (satisfier?.approvals ?? 0) - requirement.approvedBy.length);
  const candidates: Candidate[] = [];
  const ineligible: RequirementCandidates['ineligible'] = [];
  for (const { person, candidate } of ranked) {
    // Someone who already approved has counted; asking them again adds nothing.
    if (requirement.approvedBy.includes(person.id)) continue;
    const why = satisfier
      ? ineligibility(person, ruleOf(satisfier, subject), services)
      : 'nothing satisfies this requirement';
    if (why !== undefined) {
      ineligible.push({ personId: person.id, why });
      continue;
    }
    const away = options.unavailable?.get(person.id);
    if (away !== undefined) {
      ineligible.push({ personId: person.id, why: away });
      continue;
    }
    candidates.push({ ...candidate, why: `${person.level}, eligible; ${candidate.why}` });
  }
  return { policy: requirement.policy, reason: requirement.reason, needed, candidates, ineligible };
}
