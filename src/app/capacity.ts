import type { FirstDecision } from '../adapters/storage/dashboard-reader.js';
import { paramsFromHistory, type HistoryEstimate } from '../core/capacity/from-history.js';
import {
  comparePolicies,
  POLICY_WORDS,
  type CapacityParams,
  type CapacityResult,
} from '../core/capacity/simulate.js';
import { LEVELS, levelRank, type Level, type Person } from '../core/model.js';

/** A what-if on top of history: another AI-assisted share and/or number of seniors. */
export interface Scenario {
  label: string;
  aiShare?: number;
  seniors?: number;
}

/** The simulation of one scenario, both policies on the same stream of changes. */
export interface ScenarioResult {
  label: string;
  aiShare: number;
  seniors: number;
  policies: Array<CapacityResult & { words: string }>;
}

/** Seniors are people at senior level or above: those the policies send reviews to. */
export function countSeniors(people: ReadonlyArray<Pick<Person, 'level'>>): number {
  return people.filter((p) => levelRank(p.level) >= levelRank('senior')).length;
}

/** Turns stored first decisions into the history the estimate reads (unknown levels count as junior). */
export function estimateFromDecisions(
  decisions: readonly FirstDecision[],
  people: readonly Person[],
  overrides: Partial<CapacityParams> = {},
): HistoryEstimate {
  const estimate = paramsFromHistory(
    decisions.map((d) => ({
      at: d.at,
      aiAssisted: d.aiAssisted,
      authorLevel: (LEVELS as readonly string[]).includes(d.authorLevel ?? '')
        ? (d.authorLevel as Level)
        : 'junior',
      lines: d.lines,
    })),
    countSeniors(people),
  );
  return { ...estimate, params: { ...estimate.params, ...overrides } };
}

/**
 * The default what-ifs for a history: as it is, and the question leadership asks — the AI-assisted share
 * rising to 80 % while a fifth of the seniors leave — beside the same rise with two more seniors.
 */
export function defaultScenarios(params: CapacityParams): Scenario[] {
  const share = Math.max(0.8, params.aiShare);
  return [
    { label: 'today' },
    whatIf(share, Math.max(1, Math.round(params.seniors * 0.8))),
    whatIf(share, params.seniors + 2),
  ];
}

/**
 * Today plus one what-if per pair of an AI-assisted share and a number of seniors; the shorter list
 * repeats its last value. With neither list given, the default what-if (defaultScenarios).
 */
export function whatIfScenarios(
  params: CapacityParams,
  shares: readonly number[],
  seniors: readonly number[],
): Scenario[] {
  if (shares.length === 0 && seniors.length === 0) return defaultScenarios(params);
  const aiShares = shares.length > 0 ? shares : [params.aiShare];
  const counts = seniors.length > 0 ? seniors : [params.seniors];
  const pairs = Math.max(aiShares.length, counts.length);
  return [
    { label: 'today' },
    ...Array.from({ length: pairs }, (_, i) =>
      whatIf(aiShares[Math.min(i, aiShares.length - 1)]!, counts[Math.min(i, counts.length - 1)]!),
    ),
  ];
}

function whatIf(aiShare: number, seniors: number): Scenario {
  return {
    label: `AI ${Math.round(aiShare * 100)}%, ${seniors} ${seniors === 1 ? 'senior' : 'seniors'}`,
    aiShare,
    seniors,
  };
}

/** Simulates each scenario on the estimated parameters. */
export function simulateScenarios(params: CapacityParams, scenarios: readonly Scenario[]): ScenarioResult[] {
  return scenarios.map((scenario) => {
    const p = {
      ...params,
      ...(scenario.aiShare !== undefined && { aiShare: scenario.aiShare }),
      ...(scenario.seniors !== undefined && { seniors: scenario.seniors }),
    };
    return {
      label: scenario.label,
      aiShare: p.aiShare,
      seniors: p.seniors,
      policies: comparePolicies(p).map((result) => ({ ...result, words: POLICY_WORDS[result.policy] })),
    };
  });
}
