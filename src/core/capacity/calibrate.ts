import { quantile, simulatePolicy, WEEK_HOURS, type CapacityParams } from './simulate.js';

/** Calendar hours per simulated hour: the simulation runs on 40-hour weeks, history on 168-hour ones. */
export const CALENDAR_PER_WORKING_HOUR = 168 / WEEK_HOURS;

/** How close the simulation must come to the observed p50 and p95 before a what-if is shown. */
export const CALIBRATION_TOLERANCE = 0.25;

/** Fewer senior sign-offs than this in the period, and the observed quantiles say too little to compare. */
export const MIN_SIGNOFFS = 10;

/** Review hours per senior a week the calibration tries: 6 minutes to full time, each step 15% more. */
const HOURS_GRID = Array.from({ length: 44 }, (_, i) => Math.round(0.1 * 1.15 ** i * 100) / 100).filter(
  (hours) => hours <= 40,
);

/** A senior's sign-off of a change, with when it was asked for (ISO-8601). */
export interface ObservedSignoff {
  personId: string;
  requestedAt: string;
  givenAt: string;
}

/** What the stored history says about senior review over a period (calendar hours). */
export interface ObservedCapacity {
  from: string;
  to: string;
  weeks: number;
  /** Changes signed off by a senior in the period (the first senior sign-off of each). */
  signoffs: number;
  /** From the sign-off being asked for to the senior's sign-off; null without sign-offs. */
  waitHoursP50: number | null;
  waitHoursP95: number | null;
  /** Changes still waiting at the end of the period, and the longest wait so far. */
  stillWaiting: number;
  oldestWaitingHours: number | null;
  seniors: number;
  /** Senior sign-offs per configured senior per week. */
  signoffsPerSeniorWeek: number;
}

/** The review hours at which the simulation comes closest to history, and what it then gives. */
export interface CalibrationFit {
  reviewHoursPerWeek: number;
  waitHoursP50: number;
  waitHoursP95: number;
  signoffsPerSeniorWeek: number;
  /** The larger relative miss of p50 and p95. */
  error: number;
}

/** Observed figures beside the best reproduction, and whether what-ifs can be believed. */
export interface Calibration {
  observed: ObservedCapacity;
  fit?: CalibrationFit;
  reproduces: boolean;
  /** Why no what-if is shown, in plain words (empty when it reproduces). */
  missing: string[];
}

const HOUR_MS = 3_600_000;

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Observed senior sign-off waits and load over [from, to): each change counts once, at its first
 * senior sign-off given in the period.
 */
export function observeCapacity(
  signoffs: readonly ObservedSignoff[],
  waitingSince: readonly string[],
  seniors: number,
  from: string,
  to: string,
): ObservedCapacity {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const inPeriod = signoffs.filter((s) => Date.parse(s.givenAt) >= start && Date.parse(s.givenAt) < end);
  const waits = inPeriod
    .map((s) => Math.max(0, (Date.parse(s.givenAt) - Date.parse(s.requestedAt)) / HOUR_MS))
    .sort((a, b) => a - b);
  const waiting = waitingSince.map((at) => (end - Date.parse(at)) / HOUR_MS).filter((h) => h >= 0);
  const weeks = Math.max(1 / 7, (end - start) / (7 * 24 * HOUR_MS));
  return {
    from,
    to,
    weeks: round(weeks),
    signoffs: waits.length,
    waitHoursP50: waits.length === 0 ? null : round(quantile(waits, 0.5)),
    waitHoursP95: waits.length === 0 ? null : round(quantile(waits, 0.95)),
    stillWaiting: waiting.length,
    oldestWaitingHours: waiting.length === 0 ? null : round(Math.max(...waiting)),
    seniors,
    signoffsPerSeniorWeek: seniors === 0 ? 0 : round(waits.length / seniors / weeks, 2),
  };
}

/** Relative miss of a simulated figure, with an hour of slack so near-instant waits still compare. */
function miss(simulated: number, observed: number): number {
  return Math.abs(simulated - observed) / Math.max(observed, 1);
}

/**
 * Calibrates before forecasting: tries each plausible number of review hours per senior a week (the one
 * figure history does not record), simulates the period with the rest of `params` taken from history,
 * and keeps the closest. It reproduces history when both the p50 and the p95 of the time to a senior's
 * sign-off land within 25% of what was observed; only then are what-ifs on the fitted value believable.
 */
export function calibrate(params: CapacityParams, observed: ObservedCapacity): Calibration {
  const missing: string[] = [];
  if (params.seniors === 0) missing.push('no one at senior level or above is configured in blastwall.yaml');
  if (observed.signoffs < MIN_SIGNOFFS)
    missing.push(
      `only ${observed.signoffs} senior sign-off${observed.signoffs === 1 ? '' : 's'} in the period; at least ${MIN_SIGNOFFS} are needed to compare waits`,
    );
  if (missing.length > 0 || observed.waitHoursP50 === null || observed.waitHoursP95 === null)
    return { observed, reproduces: false, missing };
  const p50 = observed.waitHoursP50;
  const p95 = observed.waitHoursP95;
  let best: CalibrationFit | undefined;
  for (const hours of HOURS_GRID) {
    const result = simulatePolicy({ ...params, seniorReviewHoursPerWeek: hours }, 'ai-needs-senior');
    const simP50 = result.signoffHoursP50 * CALENDAR_PER_WORKING_HOUR;
    const simP95 = result.signoffHoursP95 * CALENDAR_PER_WORKING_HOUR;
    if (!Number.isFinite(simP95)) continue;
    const fit: CalibrationFit = {
      reviewHoursPerWeek: hours,
      waitHoursP50: round(simP50),
      waitHoursP95: round(simP95),
      signoffsPerSeniorWeek: round(result.seniorReviews / params.seniors / params.weeks, 2),
      error: round(Math.max(miss(simP50, p50), miss(simP95, p95)), 3),
    };
    if (!best || fit.error < best.error) best = fit;
  }
  if (!best) return { observed, reproduces: false, missing: ['the simulation found no senior to review'] };
  if (best.error <= CALIBRATION_TOLERANCE) return { observed, fit: best, reproduces: true, missing: [] };
  return {
    observed,
    fit: best,
    reproduces: false,
    missing: [
      `at best (${best.reviewHoursPerWeek} review hours per senior a week) the simulation gives ${best.waitHoursP50} h and ${best.waitHoursP95} h for the median and 95th-percentile wait, against ${p50} h and ${p95} h observed`,
      'the waits here depend on something the simulation does not know: when reviewers are around, changes needing two people, changes checked again after new commits',
    ],
  };
}
