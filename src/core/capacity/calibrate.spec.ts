import { describe, expect, it } from 'vitest';
import { calibrate, observeCapacity, type ObservedSignoff } from './calibrate.js';
import { paramsFromHistory, type HistoricalChange } from './from-history.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 5);
const WEEKS = 26;

/**
 * A history whose waits are known: changes (all AI-assisted, by juniors, 40 lines) arrive at random, and
 * `seniors` seniors each give `hoursPerWeek` of their week to review, first come first served. A review
 * takes 17 minutes of attention, so it holds a senior for 17 min × 168 / hoursPerWeek of calendar time.
 */
function queuedHistory(perWeek: number, seniors: number, hoursPerWeek: number) {
  let state = 7;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const changes: HistoricalChange[] = [];
  const signoffs: ObservedSignoff[] = [];
  const freeAt = new Array<number>(seniors).fill(START);
  const holdMs = ((17 / 60) * 168 * HOUR) / hoursPerWeek;
  for (let t = START; t < START + WEEKS * 168 * HOUR; t += (-Math.log(1 - random()) * 168 * HOUR) / perWeek) {
    changes.push({ at: new Date(t).toISOString(), aiAssisted: true, authorLevel: 'junior', lines: 40 });
    const senior = freeAt.indexOf(Math.min(...freeAt));
    const done = Math.max(t, freeAt[senior]!) + holdMs;
    freeAt[senior] = done;
    signoffs.push({
      personId: `s${senior}`,
      requestedAt: new Date(t).toISOString(),
      givenAt: new Date(done).toISOString(),
    });
  }
  return { changes, signoffs };
}

function calibrated(history: { changes: HistoricalChange[]; signoffs: ObservedSignoff[] }, seniors: number) {
  const estimate = paramsFromHistory(history.changes, seniors);
  const to = new Date(START + WEEKS * 168 * HOUR).toISOString();
  const observed = observeCapacity(history.signoffs, [], seniors, new Date(START).toISOString(), to);
  return calibrate({ ...estimate.params, weeks: WEEKS }, observed);
}

describe('calibrate', () => {
  it('reproduces a queue with known waits and finds the review hours behind them', () => {
    const history = queuedHistory(10, 3, 2);

    const result = calibrated(history, 3);

    expect(result.observed.signoffs).toBeGreaterThan(200);
    // 17 min held for 168/2 hours: a sign-off can come no sooner than 24 h after it is asked for.
    expect(result.observed.waitHoursP50).toBeGreaterThanOrEqual(23.8);
    expect(result.reproduces).toBe(true);
    expect(result.fit!.reviewHoursPerWeek).toBeGreaterThanOrEqual(1.5);
    expect(result.fit!.reviewHoursPerWeek).toBeLessThanOrEqual(3);
    expect(result.fit!.error).toBeLessThanOrEqual(0.25);
    expect(result.missing).toEqual([]);
  });

  it('shows observed figures and what is missing when no review rate explains the waits', () => {
    const history = queuedHistory(10, 3, 2);
    // Sign-offs come only at a fortnightly meeting: the wait no longer follows from review hours.
    const fortnight = 14 * 24 * HOUR;
    const meetings = history.signoffs.map((s) => ({
      ...s,
      givenAt: new Date(Math.ceil((Date.parse(s.requestedAt) + HOUR) / fortnight) * fortnight).toISOString(),
    }));

    const result = calibrated({ changes: history.changes, signoffs: meetings }, 3);

    expect(result.reproduces).toBe(false);
    expect(result.observed.waitHoursP95).toBeGreaterThan(250);
    expect(result.missing.join(' ')).toMatch(/at best .* against .* observed/);
  });

  it('says too few sign-offs and no seniors are what is missing', () => {
    const history = queuedHistory(10, 3, 2);

    const result = calibrated({ changes: history.changes, signoffs: history.signoffs.slice(0, 4) }, 0);

    expect(result.reproduces).toBe(false);
    expect(result.fit).toBeUndefined();
    expect(result.missing).toEqual([
      'no one at senior level or above is configured in blastwall.yaml',
      'only 4 senior sign-offs in the period; at least 10 are needed to compare waits',
    ]);
  });
});
