import type { ExpertiseHistory, FileTouch, RankingOptions } from './types.js';

/** Defaults of the ranking, documented in docs/reviewers.md. */
export const RANKING_DEFAULTS = { halfLifeDays: 30, loadPenalty: 0.5 } as const;

const DAY = 86_400;

/** A person's recent work in the touched files, summed and decayed. */
export interface ExpertiseSummary {
  /** Σ over touches of 0.5^(age / half-life) × (1 + ln(1 + lines changed)). */
  expertise: number;
  commits: number;
  lines: number;
  files: number;
  /** Unix seconds of the newest touch, if any. */
  lastAt?: number;
}

/** The weight of one commit's edit of one file: lines count logarithmically so one generated blob cannot dominate. */
export function touchWeight(touch: FileTouch, asOf: number, halfLifeDays: number): number {
  const ageDays = Math.max(0, asOf - touch.at) / DAY;
  return Math.pow(0.5, ageDays / halfLifeDays) * (1 + Math.log(1 + touch.added + touch.deleted));
}

/** Sums a person's decayed expertise over the files present in the history. */
export function expertiseOf(
  personId: string,
  history: ExpertiseHistory,
  options: RankingOptions = {},
): ExpertiseSummary {
  const halfLife = options.halfLifeDays ?? RANKING_DEFAULTS.halfLifeDays;
  const files = history.byPerson.get(personId);
  const summary: ExpertiseSummary = { expertise: 0, commits: 0, lines: 0, files: 0 };
  if (!files) return summary;
  const shas = new Set<string>();
  for (const touches of files.values()) {
    if (touches.length > 0) summary.files++;
    for (const touch of touches) {
      summary.expertise += touchWeight(touch, history.asOf, halfLife);
      summary.lines += touch.added + touch.deleted;
      shas.add(touch.sha);
      if (summary.lastAt === undefined || touch.at > summary.lastAt) summary.lastAt = touch.at;
    }
  }
  summary.commits = shas.size;
  return summary;
}

/**
 * The rank of a candidate: log2(1 + expertise) − loadPenalty × openReviews. Doubling one's expertise
 * gains about one point; each open review costs loadPenalty points, so a busy expert yields to an idle one.
 */
export function candidateScore(expertise: number, openReviews: number, options: RankingOptions = {}): number {
  const penalty = options.loadPenalty ?? RANKING_DEFAULTS.loadPenalty;
  return Math.log2(1 + expertise) - penalty * openReviews;
}

/** Plain words for an expertise summary and a load, for the `why` of a candidate. */
export function describeExpertise(summary: ExpertiseSummary, openReviews: number, asOf: number): string {
  const load = `${openReviews} open review${openReviews === 1 ? '' : 's'}`;
  if (summary.commits === 0) return `no recent commits to the touched files; ${load}`;
  const days = summary.lastAt === undefined ? 0 : Math.max(0, Math.floor((asOf - summary.lastAt) / DAY));
  // Ages count back from the reviewed change's last commit, not from today (an old branch has old experts).
  const last =
    days === 0 ? 'the same day as the change' : `${days} day${days === 1 ? '' : 's'} before the change`;
  return (
    `${summary.commits} recent commit${summary.commits === 1 ? '' : 's'} (${summary.lines} lines) to ` +
    `${summary.files} touched file${summary.files === 1 ? '' : 's'}, last ${last}; ${load}`
  );
}

/** Rounds for display so JSON and text agree. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
