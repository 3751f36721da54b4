import { describe, expect, it } from 'vitest';
import { labelEvery, niceScale, tickValues } from './scale.js';

describe('chart scales', () => {
  it.each([
    [0, 1, 1],
    [7, 8, 2],
    [32, 40, 10],
    [0.37, 0.4, 0.1],
    [1234, 1500, 500],
  ])('niceScale(%s) tops out at %s in steps of %s', (max, top, step) => {
    const scale = niceScale(max);
    expect(scale.top).toBeCloseTo(top);
    expect(scale.step).toBeCloseTo(step);
    expect(scale.top).toBeGreaterThanOrEqual(max);
  });

  it.each([
    [2, 2, 1],
    [3, 3, 1],
    [1, 1, 1],
    [7, 8, 2],
  ])('counts up to %s top out at %s in whole steps of %s', (max, top, step) => {
    expect(niceScale(max, 4, true)).toEqual({ top, step });
    expect(tickValues(top, step).every(Number.isInteger)).toBe(true);
  });

  it('lists ticks from zero to the top', () => {
    expect(tickValues(40, 10)).toEqual([0, 10, 20, 30, 40]);
  });

  it('labels fewer categories when they would collide', () => {
    expect(labelEvery(26, 1000)).toBe(2);
    expect(labelEvery(26, 300)).toBe(5);
    expect(labelEvery(4, 300)).toBe(1);
  });
});
