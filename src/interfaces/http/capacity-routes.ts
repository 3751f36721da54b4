import { Hono } from 'hono';
import { z } from 'zod';
import type { DashboardReader } from '../../adapters/storage/dashboard-reader.js';
import type { Store } from '../../adapters/storage/types.js';
import { planCapacity } from '../../app/capacity-plan.js';
import { isOpen } from '../../core/policy/eligibility.js';
import { CALENDAR_PER_WORKING_HOUR } from '../../core/capacity/calibrate.js';
import type { CapacityResult } from '../../core/capacity/simulate.js';
import type { AuthVariables } from './auth.js';
import type { CapacityPolicyResult, CapacityResponse } from './dashboard-contract.js';
import { parseQuery } from './request-body.js';

type Env = { Variables: AuthVariables };

const DAY_MS = 86_400_000;

/** The figures history cannot tell, as the page names them. */
const ASSUMED_WORDS: Record<string, string> = {
  changesPerWeek: 'how many changes a week',
  aiShare: 'the AI-assisted share',
  juniorMidShare: 'the share by junior or mid-level authors',
  size: 'how big changes are',
  seniorReviewHoursPerWeek: 'how many hours a week each senior gives to review',
  reviewMinutes: 'how long a review takes for a change of a given size (10 min plus 12 min per 100 lines)',
  riskThreshold: 'the risk score from which risk-based review sends a change to a senior (50 of 100)',
};

/** A comma-separated list of numbers in a range, at most four (one scenario each). */
const numberList = (min: number, max: number, integer: boolean) =>
  z
    .string()
    .max(100)
    .transform((text) => text.split(',').map((part) => Number(part.trim())))
    .refine(
      (values) =>
        values.length <= 4 &&
        values.every((v) => Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))),
      `expected up to 4 comma-separated ${integer ? 'whole numbers' : 'numbers'} from ${min} to ${max}`,
    );

const CapacityQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(104).default(26),
  aiShare: numberList(0, 1, false).optional(),
  seniors: numberList(0, 10_000, true).optional(),
  reviewHours: z.coerce.number().min(0.5).max(40).optional(),
});

/** `GET /dashboard/capacity`: the review queue simulated from stored history, as it is and what-if. */
export function capacityRoutes(options: {
  store: Store;
  reader: DashboardReader;
  now?: () => Date;
}): Hono<Env> {
  const routes = new Hono<Env>();
  const clock = options.now ?? (() => new Date());

  routes.get('/dashboard/capacity', async (c) => {
    const query = parseQuery(c, CapacityQuery);
    const now = clock();
    const from = new Date(now.getTime() - query.weeks * 7 * DAY_MS).toISOString();
    const [decisions, people, signoffs, pending] = await Promise.all([
      options.reader.firstDecisions(from),
      options.store.listPeople(),
      options.reader.changeSignoffs(from),
      options.reader.approvals({ subjectKind: 'change', status: 'pending' }),
    ]);
    const plan = planCapacity(
      {
        decisions,
        people,
        signoffs,
        waitingSince: pending.filter((a) => isOpen(a, now)).map((a) => a.createdAt),
        from,
        to: now.toISOString(),
      },
      {
        ...(query.aiShare !== undefined && { aiShares: query.aiShare }),
        ...(query.seniors !== undefined && { seniors: query.seniors }),
        ...(query.reviewHours !== undefined && { reviewHours: query.reviewHours }),
      },
    );
    const { params } = plan.estimate;
    const body: CapacityResponse = {
      basis: plan.estimate.basis,
      params: {
        changesPerWeek: params.changesPerWeek,
        aiShare: params.aiShare,
        juniorMidShare: params.juniorMidShare,
        seniors: params.seniors,
        seniorReviewHoursPerWeek: params.seniorReviewHoursPerWeek,
        medianLines: params.size.medianLines,
      },
      assumed: plan.estimate.defaulted.map((name) => ASSUMED_WORDS[name] ?? name),
      calibration: plan.calibration,
      scenarios: plan.scenarios.map((scenario) => ({
        ...scenario,
        policies: scenario.policies.map(toJson),
      })),
    };
    return c.json(body);
  });

  return routes;
}

/** Infinity does not survive JSON: "never" and "no capacity" become null. */
function toJson(result: CapacityResult & { words: string }): CapacityPolicyResult {
  const finite = (value: number): number | null => (Number.isFinite(value) ? value : null);
  const calendar = (value: number): number | null =>
    Number.isFinite(value) ? Math.round(value * CALENDAR_PER_WORKING_HOUR * 10) / 10 : null;
  return {
    policy: result.policy,
    words: result.words,
    changes: result.changes,
    seniorReviews: result.seniorReviews,
    waitHoursP50: finite(result.waitHoursP50),
    waitHoursP95: finite(result.waitHoursP95),
    signoffHoursP50: calendar(result.signoffHoursP50),
    signoffHoursP95: calendar(result.signoffHoursP95),
    seniorUtilisation: finite(result.seniorUtilisation),
    riskiestReviewedBySenior: result.riskiestReviewedBySenior,
    overloaded: result.overloaded,
  };
}
