import { Hono } from 'hono';
import { z } from 'zod';
import type { DashboardReader } from '../../adapters/storage/dashboard-reader.js';
import type { Store } from '../../adapters/storage/types.js';
import { estimateFromDecisions, simulateScenarios, whatIfScenarios } from '../../app/capacity.js';
import type { CapacityResult } from '../../core/capacity/simulate.js';
import type { AuthVariables } from './auth.js';
import type { CapacityPolicyResult, CapacityResponse } from './dashboard-contract.js';
import { parseQuery } from './request-body.js';

type Env = { Variables: AuthVariables };

const DAY_MS = 86_400_000;

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
    const since = new Date(clock().getTime() - query.weeks * 7 * DAY_MS).toISOString();
    const [decisions, people] = await Promise.all([
      options.reader.firstDecisions(since),
      options.store.listPeople(),
    ]);
    const estimate = estimateFromDecisions(decisions, people, {
      // Simulate as many weeks as history covers (at least four), so the queue reaches its steady state.
      weeks: Math.max(4, Math.min(query.weeks, 52)),
      ...(query.reviewHours !== undefined && { seniorReviewHoursPerWeek: query.reviewHours }),
    });
    const { params } = estimate;
    const scenarios = whatIfScenarios(params, query.aiShare ?? [], query.seniors ?? []);
    const body: CapacityResponse = {
      basis: estimate.basis,
      params: {
        changesPerWeek: params.changesPerWeek,
        aiShare: params.aiShare,
        juniorMidShare: params.juniorMidShare,
        seniors: params.seniors,
        seniorReviewHoursPerWeek: params.seniorReviewHoursPerWeek,
        medianLines: params.size.medianLines,
      },
      defaulted: estimate.defaulted,
      scenarios: simulateScenarios(params, scenarios).map((scenario) => ({
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
  return {
    policy: result.policy,
    words: result.words,
    changes: result.changes,
    seniorReviews: result.seniorReviews,
    waitHoursP50: finite(result.waitHoursP50),
    waitHoursP95: finite(result.waitHoursP95),
    seniorUtilisation: finite(result.seniorUtilisation),
    riskiestReviewedBySenior: result.riskiestReviewedBySenior,
    overloaded: result.overloaded,
  };
}
