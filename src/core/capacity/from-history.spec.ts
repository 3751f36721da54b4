import { describe, expect, it } from 'vitest';
import { paramsFromHistory, type HistoricalChange } from './from-history.js';
import { comparePolicies, DEFAULT_CAPACITY } from './simulate.js';

const day = (n: number): string => new Date(Date.UTC(2026, 0, 5) + n * 86_400_000).toISOString();

describe('paramsFromHistory', () => {
  it('reads changes per week, AI share, junior/mid share and sizes from decided changes', () => {
    // 4 weeks (day 0 … day 28), 20 changes: 15 AI-assisted, 10 by juniors or mids, sizes 10 or 1000 lines.
    const changes: HistoricalChange[] = Array.from({ length: 20 }, (_, i) => ({
      at: day(i === 19 ? 28 : i),
      aiAssisted: i < 15,
      authorLevel: i % 2 === 0 ? 'junior' : 'senior',
      lines: i < 10 ? 10 : 1000,
    }));
    const estimate = paramsFromHistory(changes, 7);

    expect(estimate.params.changesPerWeek).toBe(5);
    expect(estimate.params.aiShare).toBe(0.75);
    expect(estimate.params.juniorMidShare).toBe(0.5);
    expect(estimate.params.seniors).toBe(7);
    // Median of ten 10s and ten 1000s in log space: exp((ln 10 + ln 1000) / 2) = 100.
    expect(estimate.params.size.medianLines).toBe(100);
    expect(estimate.params.size.sigma).toBeCloseTo(Math.log(10) * Math.sqrt(20 / 19), 2);
    expect(estimate.basis).toMatchObject({ changes: 20, weeks: 4, from: day(0), to: day(28) });
    expect(estimate.defaulted).toContain('seniorReviewHoursPerWeek');
  });

  it('keeps the defaults and says so when history is too thin', () => {
    const estimate = paramsFromHistory([{ at: day(0), aiAssisted: true, authorLevel: 'mid', lines: 5 }], 3);
    expect(estimate.params).toEqual({ ...DEFAULT_CAPACITY, seniors: 3 });
    expect(estimate.defaulted).toEqual(['changesPerWeek', 'aiShare', 'juniorMidShare', 'size']);
  });

  it('counts a burst within one day as one week, not thousands of changes a week', () => {
    const burst = Array.from({ length: 30 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 5, 9, i)).toISOString(),
      aiAssisted: false,
      authorLevel: 'senior' as const,
      lines: 20,
    }));
    expect(paramsFromHistory(burst, 2).params.changesPerWeek).toBe(30);
  });

  it('feeds the simulation: more AI-assisted history sends more changes to seniors under the AI policy', () => {
    const history = (ai: number): HistoricalChange[] =>
      Array.from({ length: 100 }, (_, i) => ({
        at: day(i % 28),
        aiAssisted: i < ai,
        authorLevel: 'junior',
        lines: 40,
      }));
    const low = comparePolicies({ ...paramsFromHistory(history(20), 4).params, weeks: 4 });
    const high = comparePolicies({ ...paramsFromHistory(history(80), 4).params, weeks: 4 });
    expect(high[0]!.seniorReviews).toBeGreaterThan(low[0]!.seniorReviews * 2);
  });
});
