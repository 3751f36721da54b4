import { levelRank, type Level } from '../model.js';
import { DEFAULT_CAPACITY, type CapacityParams } from './simulate.js';

/** One change as blastwall decided it: what the capacity simulation learns from. */
export interface HistoricalChange {
  /** When blastwall first decided it (ISO-8601). */
  at: string;
  aiAssisted: boolean;
  authorLevel: Level;
  /** Lines added plus deleted. */
  lines: number;
}

/** One sign-off a person gave, for the hours seniors actually spend on review. */
export interface HistoricalSignoff {
  personId: string;
  senior: boolean;
  at: string;
}

/** The parameters read from history, and what they rest on (for the report). */
export interface HistoryEstimate {
  params: CapacityParams;
  /** How many changes and weeks the estimate rests on. */
  basis: { changes: number; weeks: number; from?: string; to?: string; seniorSignoffs: number };
  /** Parameters history could not tell, kept at their defaults (named for the report). */
  defaulted: string[];
}

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * Estimates the review-queue parameters from decided changes: changes per week, AI-assisted share,
 * share by junior/mid authors, and the size distribution (log-normal: median lines and log-space
 * spread). Seniors come from the configuration. With fewer than two changes nothing is learned.
 */
export function paramsFromHistory(
  changes: readonly HistoricalChange[],
  seniors: number,
  signoffs: readonly HistoricalSignoff[] = [],
  base: CapacityParams = DEFAULT_CAPACITY,
): HistoryEstimate {
  const times = changes.map((c) => Date.parse(c.at)).filter(Number.isFinite);
  const defaulted: string[] = [];
  if (changes.length < 2 || times.length < 2) {
    return {
      params: { ...base, seniors },
      basis: { changes: changes.length, weeks: 0, seniorSignoffs: 0 },
      defaulted: ['changesPerWeek', 'aiShare', 'juniorMidShare', 'size'],
    };
  }
  const first = Math.min(...times);
  const last = Math.max(...times);
  // At least one week, so a burst on one day does not read as thousands of changes a week.
  const weeks = Math.max(1, (last - first) / WEEK_MS);
  const share = (predicate: (c: HistoricalChange) => boolean): number =>
    changes.filter(predicate).length / changes.length;
  const logs = changes.map((c) => Math.log(Math.max(1, c.lines))).sort((a, b) => a - b);
  const mean = logs.reduce((sum, x) => sum + x, 0) / logs.length;
  const variance = logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  const middle = logs.length / 2;
  const medianLog = logs.length % 2 ? logs[Math.floor(middle)]! : (logs[middle - 1]! + logs[middle]!) / 2;
  const seniorSignoffs = signoffs.filter((s) => {
    const at = Date.parse(s.at);
    return s.senior && at >= first && at <= last + WEEK_MS;
  }).length;
  defaulted.push('seniorReviewHoursPerWeek', 'reviewMinutes', 'riskThreshold');
  return {
    params: {
      ...base,
      seniors,
      changesPerWeek: round(changes.length / weeks, 1),
      aiShare: round(
        share((c) => c.aiAssisted),
        3,
      ),
      juniorMidShare: round(
        share((c) => levelRank(c.authorLevel) <= levelRank('mid')),
        3,
      ),
      size: {
        medianLines: Math.max(1, Math.round(Math.exp(medianLog))),
        sigma: round(Math.max(0.1, Math.sqrt(variance)), 2),
      },
    },
    basis: {
      changes: changes.length,
      weeks: round(weeks, 1),
      from: new Date(first).toISOString(),
      to: new Date(last).toISOString(),
      seniorSignoffs,
    },
    defaulted,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
