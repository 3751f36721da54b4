import { DEFAULT_CAPACITY, reviewHours } from '../../core/capacity/simulate.js';

const HOUR = 3_600_000;

/**
 * Hours a week each senior of the example organisation gives to the sign-offs blastwall asks for. Few on
 * purpose: 40 people open only a handful of pull requests a week, and the story the demo tells is that the
 * queue grows as the AI-assisted share does.
 */
export const DEMO_REVIEW_HOURS_PER_WEEK = 0.45;

/** A change waiting for a senior: when it was asked for and how many lines it changes. */
export interface QueuedChange {
  openedAt: Date;
  lines: number;
}

/**
 * When each change gets its senior sign-off, first come first served among `seniors` people who each give
 * `hoursPerWeek` to review: a review of D hours keeps a senior busy for D × 168 / hoursPerWeek calendar
 * hours, as the capacity simulation models it, so its calibration can reproduce the demo's waits.
 */
export function queueSignoffs(
  changes: readonly QueuedChange[],
  seniors: number,
  hoursPerWeek = DEMO_REVIEW_HOURS_PER_WEEK,
): Date[] {
  const freeAt = new Array<number>(Math.max(1, seniors)).fill(0);
  return changes.map((change) => {
    let senior = 0;
    for (let s = 1; s < freeAt.length; s++) if (freeAt[s]! < freeAt[senior]!) senior = s;
    const start = Math.max(change.openedAt.getTime(), freeAt[senior]!);
    // A typical risk (30 of 100): the demo's changes are not scored before they are checked.
    const hold =
      (reviewHours({ lines: change.lines, risk: 30 }, DEFAULT_CAPACITY) * 168 * HOUR) / hoursPerWeek;
    freeAt[senior] = start + hold;
    return new Date(start + hold);
  });
}
