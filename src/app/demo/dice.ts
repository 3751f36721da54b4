import { seededRandom } from '../../core/risk/random.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A seeded random source with the helpers the planners use. */
export interface Dice {
  next(): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  between(low: number, high: number): number;
  chance(p: number): boolean;
}

/** A deterministic random source. */
export function dice(seed: number): Dice {
  const next = seededRandom(seed);
  return {
    next,
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(items) {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll <= 0) return item;
      }
      return items[items.length - 1]![0];
    },
    between: (low, high) => low + next() * (high - low),
    chance: (p) => next() < p,
  };
}

/** A working-hours moment on a weekday of the week starting at `weekStart`. */
export function workingMoment(roll: Dice, weekStart: number): Date {
  const day = Math.floor(roll.between(0, 5));
  const hour = roll.between(8, 18);
  return new Date(weekStart + day * DAY + hour * HOUR);
}
