/** Axis arithmetic for the dashboard's small SVG charts. */

/**
 * A "nice" upper bound and tick step for values up to `max` (1, 2 or 5 times a power of ten). Counts
 * (`integer`) never get a fractional step: "0.5 incidents" is not a thing.
 */
export function niceScale(max: number, ticks = 4, integer = false): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const rough = max / ticks;
  const power = 10 ** Math.floor(Math.log10(rough));
  const nice = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? 10 * power;
  const step = integer ? Math.max(1, Math.round(nice)) : nice;
  return { top: Math.ceil(max / step) * step, step };
}

/** Whether every value is a whole number (then the axis counts in whole steps). */
export function allIntegers(values: ReadonlyArray<number | null>): boolean {
  return values.every((value) => value === null || Number.isInteger(value));
}

/** The tick values from 0 to `top`. */
export function tickValues(top: number, step: number): number[] {
  const values: number[] = [];
  for (let value = 0; value <= top + step / 1000; value += step) values.push(Math.round(value * 1000) / 1000);
  return values;
}

/** Every how many categories to label the x axis so labels (about `labelWidth` px each) do not collide. */
export function labelEvery(count: number, plotWidth: number, labelWidth = 52): number {
  return Math.max(1, Math.ceil((count * labelWidth) / Math.max(plotWidth, 1)));
}
