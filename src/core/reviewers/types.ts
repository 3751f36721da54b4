import type { Level } from '../model.js';

/** One commit's edit of one file, as read from history. */
export interface FileTouch {
  sha: string;
  /** Unix seconds (author date). */
  at: number;
  added: number;
  deleted: number;
}

/** Recent history of the touched files: per person, per file, the commits that edited it. */
export interface ExpertiseHistory {
  /** The moment ages are measured from (unix seconds). */
  asOf: number;
  /** personId → file path → touches. Only files of the change under review should be present. */
  byPerson: ReadonlyMap<string, ReadonlyMap<string, readonly FileTouch[]>>;
}

/** Open reviews per person; a missing person has none. */
export type ReviewLoad = ReadonlyMap<string, number>;

/** Knobs of the ranking; every field has a documented default. */
export interface RankingOptions {
  /** Age at which a commit's weight halves, in days (default 30). */
  halfLifeDays?: number;
  /** Score points one open review costs (default 0.5: two open reviews offset a doubling of expertise). */
  loadPenalty?: number;
}

/** A person who could satisfy a requirement, with the facts behind their rank. */
export interface Candidate {
  personId: string;
  level: Level;
  /** Decayed expertise in the touched files (see docs/reviewers.md). */
  expertise: number;
  openReviews: number;
  score: number;
  /** The facts behind the rank, in plain words. */
  why: string;
}

/** The ranked candidates for one unmet requirement. */
export interface RequirementCandidates {
  policy: string;
  reason: string;
  /** Approvals still missing. */
  needed: number;
  candidates: Candidate[];
  /** People who were left out, and why (author, level, team). */
  ineligible: { personId: string; why: string }[];
}

/** One proposed reviewer and the requirements their approval would count for. */
export interface AssignedReviewer {
  personId: string;
  level: Level;
  covers: string[];
  /** Why this person is proposed, in words (notably when someone more senior or higher ranked is not). */
  why?: string;
}

/** The smallest set of reviewers that meets every unmet requirement, load spread among equals. */
export interface Assignment {
  reviewers: AssignedReviewer[];
  /** True when the proposed reviewers meet every approval requirement. */
  complete: boolean;
  /** Requirements no available person can meet, with what is short. */
  unmet: { policy: string; why: string }[];
}

/** What `suggestReviewers` returns for one change. */
export interface ReviewerSuggestion {
  requirements: RequirementCandidates[];
  assignment: Assignment;
  /** Unmet requirements that approvals cannot satisfy (hard denials). */
  denials: string[];
}
