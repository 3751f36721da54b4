import { describe, expect, it } from 'vitest';
import {
  comparePolicies,
  DEFAULT_CAPACITY,
  generateChanges,
  simulatePolicy,
  type CapacityParams,
} from './simulate.js';

const base: CapacityParams = { ...DEFAULT_CAPACITY, weeks: 8 };

describe('simulatePolicy', () => {
  it('is deterministic for a seed and differs for another', () => {
    expect(comparePolicies(base)).toEqual(comparePolicies(base));
    expect(generateChanges({ ...base, seed: 2 })[0]).not.toEqual(generateChanges(base)[0]);
  });

  it('has nobody wait when seniors are plentiful and everyone wait longer when they are scarce', () => {
    const plenty = simulatePolicy({ ...base, seniors: 50 }, 'ai-needs-senior');
    const scarce = simulatePolicy({ ...base, aiShare: 0.8, seniors: 6 }, 'ai-needs-senior');

    expect(plenty.waitHoursP95).toBe(0);
    expect(plenty.overloaded).toBe(false);
    expect(scarce.overloaded).toBe(true);
    expect(scarce.waitHoursP50).toBeGreaterThan(plenty.waitHoursP50);
    expect(scarce.waitHoursP95).toBeGreaterThan(scarce.waitHoursP50);
  });

  it('sends exactly the AI-assisted changes of junior/mid authors to seniors under the AI policy', () => {
    const changes = generateChanges(base);

    const result = simulatePolicy(base, 'ai-needs-senior', changes);

    expect(result.seniorReviews).toBe(changes.filter((c) => c.ai && c.juniorMid).length);
  });

  it('reviews every one of the riskiest changes under the risk policy when they all clear the threshold', () => {
    const result = simulatePolicy({ ...base, riskThreshold: 0 }, 'risk-based');

    expect(result.riskiestReviewedBySenior).toBe(1);
    expect(result.seniorReviews).toBe(result.changes);
  });

  it("reports utilisation as busy review hours over the seniors' review hours", () => {
    // One senior, review time fixed at 60 minutes, 10 changes a week, 10 review hours a week → utilisation ≈ 1.
    const p: CapacityParams = {
      ...base,
      seniors: 1,
      seniorReviewHoursPerWeek: 10,
      changesPerWeek: 10,
      aiShare: 1,
      juniorMidShare: 1,
      reviewMinutes: { base: 60, perHundredLines: 0, maxMinutes: 60, riskFactor: 0 },
      weeks: 200,
    };

    const result = simulatePolicy(p, 'ai-needs-senior');

    expect(result.seniorUtilisation).toBeGreaterThan(0.9);
    expect(result.seniorUtilisation).toBeLessThan(1.1);
  });

  it('answers the headline question: AI share 30% → 80% with a fifth fewer seniors', () => {
    const [aiBefore, riskBefore] = comparePolicies({ ...base, aiShare: 0.3, seniors: 10 });
    const [aiAfter, riskAfter] = comparePolicies({ ...base, aiShare: 0.8, seniors: 8 });

    expect(aiAfter?.waitHoursP95).toBeGreaterThan(aiBefore?.waitHoursP95 ?? 0);
    expect(aiAfter?.seniorUtilisation).toBeGreaterThan(riskAfter?.seniorUtilisation ?? 0);
    expect(riskAfter?.riskiestReviewedBySenior).toBeGreaterThan(aiAfter?.riskiestReviewedBySenior ?? 1);
    expect(riskBefore?.overloaded).toBe(false);
  });
});
