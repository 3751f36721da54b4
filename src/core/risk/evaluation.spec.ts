import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chronologicalSplit, parseJitCsv } from './dataset.js';
import { jitDataDir } from '../../test-support/jit-data.js';
import { caughtAtShare, popt, recallAtEffort, rocAuc } from './evaluation.js';

/** The labelled data of the project (outside the repository); undefined skips the specs that need it. */
const DATA = jitDataDir('risk evaluation on the JIT data');

describe('rocAuc', () => {
  it.each([
    [[0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], 0.75],
    [[1, 2, 3, 4], [0, 0, 1, 1], 1],
    [[4, 3, 2, 1], [0, 0, 1, 1], 0],
    // All tied: every pair counts half.
    [[5, 5, 5, 5], [0, 1, 0, 1], 0.5],
    // One positive tied with one negative, above the other negative: (1 + 0.5) / 2.
    [[1, 2, 2], [0, 0, 1], 0.75],
  ])('scores %j with labels %j as %d', (scores, labels, expected) => {
    expect(rocAuc(scores, labels as (0 | 1)[])).toBeCloseTo(expected, 10);
  });

  // The data README: ranking test commits by lines added alone reproduces LApredict to three decimals.
  it.skipIf(!DATA).each([
    ['qt', 0.744],
    ['openstack', 0.749],
    ['jdt', 0.676],
    ['platform', 0.746],
  ])('reproduces the LApredict AUC on %s (%d)', (project, published) => {
    const { test } = chronologicalSplit(parseJitCsv(readFileSync(`${DATA}/${project}.csv`, 'utf8')));

    const auc = rocAuc(
      test.map((r) => r.metrics.la),
      test.map((r) => r.bug),
    );

    expect(auc.toFixed(3)).toBe(published.toFixed(3));
  });
});

describe('effort-aware measures', () => {
  // Four changes: two buggy small ones, two clean big ones; total effort 100, total bugs 2.
  const changes = [
    { score: 0.9, bug: 1 as const, effort: 10 },
    { score: 0.8, bug: 0 as const, effort: 40 },
    { score: 0.7, bug: 1 as const, effort: 10 },
    { score: 0.1, bug: 0 as const, effort: 40 },
  ];

  it('counts only the bugs within 20% of the lines', () => {
    expect(recallAtEffort(changes, 0.2)).toBe(0.5);
  });

  it('catches bugs among the riskiest share of changes', () => {
    expect(caughtAtShare(changes, 0.25)).toBe(0.5);
    expect(caughtAtShare(changes, 0.75)).toBe(1);
  });

  it('gives Popt 1 to the optimal order, 0 to the worst and between for others', () => {
    const optimal = changes.map((c) => ({ ...c, score: c.bug ? 1 / c.effort : -c.effort }));
    const worst = changes.map((c) => ({ ...c, score: c.bug ? -c.effort : c.effort }));

    expect(popt(optimal)).toBeCloseTo(1, 10);
    expect(popt(worst)).toBeCloseTo(0, 10);
    expect(popt(changes)).toBeGreaterThan(0);
    expect(popt(changes)).toBeLessThan(1);
  });
});
