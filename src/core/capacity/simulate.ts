import { seededRandom } from '../risk/random.js';

/** Which changes a senior must review. */
export const REVIEW_POLICIES = ['ai-needs-senior', 'risk-based'] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];

/** Words for each policy in reports. */
export const POLICY_WORDS: Record<ReviewPolicy, string> = {
  'ai-needs-senior': 'every AI-assisted change by a junior/mid needs a senior',
  'risk-based': 'senior review by risk',
};

/** The organisation and its flow of changes. Time is in working hours (a week is 40). */
export interface CapacityParams {
  changesPerWeek: number;
  /** Share of changes that are AI-assisted, 0…1. */
  aiShare: number;
  /** Share of changes whose author is junior or mid (the AI policy applies to them), 0…1. */
  juniorMidShare: number;
  seniors: number;
  /** Hours each senior gives to reviews per 40-hour week. */
  seniorReviewHoursPerWeek: number;
  /** Changed lines follow a log-normal distribution with this median and log-space spread. */
  size: { medianLines: number; sigma: number };
  /** Review time in minutes: base + perHundredLines × lines / 100 (capped at maxMinutes), × (1 + riskFactor × risk/100). */
  reviewMinutes: { base: number; perHundredLines: number; maxMinutes: number; riskFactor: number };
  /** Under "risk-based", changes scoring at least this (0…100) go to a senior. */
  riskThreshold: number;
  /** Riskiest share of changes whose senior coverage is reported. */
  riskiestShare: number;
  weeks: number;
  seed: number;
}

/** Defaults that describe a mid-sized team; every value can be overridden. */
export const DEFAULT_CAPACITY: CapacityParams = {
  changesPerWeek: 250,
  aiShare: 0.3,
  juniorMidShare: 0.6,
  seniors: 10,
  seniorReviewHoursPerWeek: 6,
  size: { medianLines: 40, sigma: 1.3 },
  reviewMinutes: { base: 10, perHundredLines: 12, maxMinutes: 120, riskFactor: 0.5 },
  riskThreshold: 50,
  riskiestShare: 0.1,
  weeks: 12,
  seed: 1,
};

/** What one policy does to the queue. */
export interface CapacityResult {
  policy: ReviewPolicy;
  changes: number;
  seniorReviews: number;
  /** Hours from a change being ready to a senior starting its review. */
  waitHoursP50: number;
  waitHoursP95: number;
  /** Working hours from a change being ready to its senior sign-off (the wait plus the review, spread over the week). */
  signoffHoursP50: number;
  signoffHoursP95: number;
  /** Busy share of the seniors' review hours, 0…1 (may exceed the horizon's capacity when overloaded). */
  seniorUtilisation: number;
  /** Share of the riskiest changes that a senior reviewed, 0…1. */
  riskiestReviewedBySenior: number;
  /** Offered senior review hours exceed the hours available. */
  overloaded: boolean;
}

interface SimChange {
  arrival: number;
  lines: number;
  ai: boolean;
  juniorMid: boolean;
  /** 0…100. */
  risk: number;
}

/** Working hours in a week: the simulation's clock runs in them. */
export const WEEK_HOURS = 40;

/** The same seeded stream of changes for every policy, so the comparison is paired. */
export function generateChanges(p: CapacityParams): SimChange[] {
  const random = seededRandom(p.seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rate = p.changesPerWeek / WEEK_HOURS;
  const horizon = p.weeks * WEEK_HOURS;
  const out: SimChange[] = [];
  for (let t = -Math.log(1 - random()) / rate; t < horizon; t += -Math.log(1 - random()) / rate) {
    const lines = Math.max(1, Math.round(p.size.medianLines * Math.exp(p.size.sigma * normal())));
    const ai = random() < p.aiShare;
    const juniorMid = random() < p.juniorMidShare;
    // Bigger changes are riskier (the strongest single predictor in the JIT data); AI and junior authorship add a little.
    const logit =
      -1.6 +
      0.6 * Math.log(lines / p.size.medianLines) +
      (ai ? 0.4 : 0) +
      (juniorMid ? 0.3 : 0) +
      0.9 * normal();
    out.push({ arrival: t, lines, ai, juniorMid, risk: 100 / (1 + Math.exp(-logit)) });
  }
  return out;
}

function needsSenior(change: SimChange, policy: ReviewPolicy, p: CapacityParams): boolean {
  return policy === 'ai-needs-senior' ? change.ai && change.juniorMid : change.risk >= p.riskThreshold;
}

/** Hours of a senior's attention one change takes. */
export function reviewHours(change: Pick<SimChange, 'lines' | 'risk'>, p: CapacityParams): number {
  const r = p.reviewMinutes;
  const minutes =
    Math.min(r.base + (r.perHundredLines * change.lines) / 100, r.maxMinutes) *
    (1 + (r.riskFactor * change.risk) / 100);
  return minutes / 60;
}

/** Value at quantile q of an ascending array (nearest rank); 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/**
 * Discrete-event simulation of the senior review queue: changes arrive (Poisson), those the policy sends to a senior
 * wait FIFO for the first free senior. A senior reviews only part of the week, so a review of D hours occupies them
 * for D × 40 / reviewHoursPerWeek working hours.
 */
export function simulatePolicy(
  p: CapacityParams,
  policy: ReviewPolicy,
  changes: readonly SimChange[] = generateChanges(p),
): CapacityResult {
  const slowdown = WEEK_HOURS / Math.max(p.seniorReviewHoursPerWeek, 1e-9);
  const freeAt = new Array<number>(Math.max(p.seniors, 0)).fill(0);
  const waits: number[] = [];
  const signoffs: number[] = [];
  let busy = 0;
  const reviewed = new Set<SimChange>();
  for (const change of changes) {
    if (!needsSenior(change, policy, p)) continue;
    if (freeAt.length === 0) {
      waits.push(Number.POSITIVE_INFINITY);
      signoffs.push(Number.POSITIVE_INFINITY);
      continue;
    }
    let senior = 0;
    for (let s = 1; s < freeAt.length; s++) if ((freeAt[s] ?? 0) < (freeAt[senior] ?? 0)) senior = s;
    const start = Math.max(change.arrival, freeAt[senior] ?? 0);
    const hours = reviewHours(change, p);
    freeAt[senior] = start + hours * slowdown;
    waits.push(start - change.arrival);
    signoffs.push(freeAt[senior]! - change.arrival);
    busy += hours;
    reviewed.add(change);
  }
  const horizon = p.weeks * WEEK_HOURS;
  const capacityHours = p.seniors * p.seniorReviewHoursPerWeek * p.weeks;
  const riskiest = [...changes]
    .sort((a, b) => b.risk - a.risk)
    .slice(0, Math.max(1, Math.round(changes.length * p.riskiestShare)));
  const sortedWaits = [...waits].sort((a, b) => a - b);
  const sortedSignoffs = [...signoffs].sort((a, b) => a - b);
  return {
    policy,
    changes: changes.length,
    seniorReviews: waits.length,
    waitHoursP50: quantile(sortedWaits, 0.5),
    waitHoursP95: quantile(sortedWaits, 0.95),
    signoffHoursP50: quantile(sortedSignoffs, 0.5),
    signoffHoursP95: quantile(sortedSignoffs, 0.95),
    seniorUtilisation: capacityHours > 0 ? busy / capacityHours : Number.POSITIVE_INFINITY,
    riskiestReviewedBySenior: riskiest.filter((c) => reviewed.has(c)).length / riskiest.length,
    overloaded: capacityHours === 0 || busy > capacityHours || Math.max(0, ...freeAt) > horizon * 1.05,
  };
}

/** Both policies on the same stream of changes, side by side. */
export function comparePolicies(p: CapacityParams): CapacityResult[] {
  const changes = generateChanges(p);
  return REVIEW_POLICIES.map((policy) => simulatePolicy(p, policy, changes));
}
