import type { FirstDecision } from '../adapters/storage/dashboard-reader.js';
import {
  calibrate,
  observeCapacity,
  type Calibration,
  type ObservedSignoff,
} from '../core/capacity/calibrate.js';
import type { HistoryEstimate } from '../core/capacity/from-history.js';
import { levelRank, type Person } from '../core/model.js';
import {
  countSeniors,
  estimateFromDecisions,
  simulateScenarios,
  whatIfScenarios,
  type ScenarioResult,
} from './capacity.js';

/** What the capacity page and `capacity --from-store` read from the store, over [from, to). */
export interface CapacityHistory {
  decisions: readonly FirstDecision[];
  people: readonly Person[];
  /** Sign-offs of changes in the period, with when each was asked for. */
  signoffs: ReadonlyArray<{ approvalId: string; personId: string; requestedAt: string; at: string }>;
  /** When each change still waiting for a sign-off was put in the queue. */
  waitingSince: readonly string[];
  from: string;
  to: string;
}

/** History, how well the simulation reproduces it, and the what-ifs (only when it does). */
export interface CapacityPlan {
  estimate: HistoryEstimate;
  calibration: Calibration;
  /** Empty unless the calibration reproduces the observed waits. */
  scenarios: ScenarioResult[];
}

/** The first senior sign-off of each change: when a senior's attention reached it. */
export function firstSeniorSignoffs(
  signoffs: CapacityHistory['signoffs'],
  people: readonly Person[],
): ObservedSignoff[] {
  const seniors = new Set(people.filter((p) => levelRank(p.level) >= levelRank('senior')).map((p) => p.id));
  const first = new Map<string, ObservedSignoff>();
  for (const signoff of signoffs) {
    if (!seniors.has(signoff.personId)) continue;
    const seen = first.get(signoff.approvalId);
    if (!seen || signoff.at < seen.givenAt)
      first.set(signoff.approvalId, {
        personId: signoff.personId,
        requestedAt: signoff.requestedAt,
        givenAt: signoff.at,
      });
  }
  return [...first.values()];
}

/**
 * Calibrates before forecasting: estimates the flow of changes from history, fits the one figure history
 * does not record (review hours per senior a week) to the observed sign-off waits, and simulates what-ifs
 * on the fitted figure only when the simulation reproduces the observed p50 and p95 within 25%.
 */
export function planCapacity(
  history: CapacityHistory,
  whatIf: {
    aiShares?: readonly number[];
    seniors?: readonly number[];
    /** Review hours per senior a week for the what-ifs, instead of the calibrated figure. */
    reviewHours?: number;
    seed?: number;
    /** Add the default what-ifs when none are asked for (the dashboard does; the CLI shows only what was asked). */
    defaults?: boolean;
  } = {},
): CapacityPlan {
  const weeks = (Date.parse(history.to) - Date.parse(history.from)) / (7 * 86_400_000);
  const estimate = estimateFromDecisions(history.decisions, history.people, {
    // Simulate as many weeks as history covers (at least four), so the queue reaches its steady state.
    weeks: Math.max(4, Math.min(Math.round(weeks), 52)),
    ...(whatIf.seed !== undefined && { seed: whatIf.seed }),
  });
  const observed = observeCapacity(
    firstSeniorSignoffs(history.signoffs, history.people),
    history.waitingSince,
    countSeniors(history.people),
    history.from,
    history.to,
  );
  const calibration = calibrate(estimate.params, observed);
  if (!calibration.reproduces || !calibration.fit) return { estimate, calibration, scenarios: [] };
  const params = {
    ...estimate.params,
    seniorReviewHoursPerWeek: whatIf.reviewHours ?? calibration.fit.reviewHoursPerWeek,
  };
  const asked = (whatIf.aiShares?.length ?? 0) + (whatIf.seniors?.length ?? 0) > 0;
  const scenarios =
    asked || whatIf.defaults !== false
      ? whatIfScenarios(params, whatIf.aiShares ?? [], whatIf.seniors ?? [])
      : [{ label: 'today' }];
  return {
    estimate: {
      ...estimate,
      params,
      defaulted: estimate.defaulted.filter((d) => d !== 'seniorReviewHoursPerWeek'),
    },
    calibration,
    scenarios: simulateScenarios(params, scenarios),
  };
}
