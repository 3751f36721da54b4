const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday of the epoch: weeks are counted from it. */
const FIRST_MONDAY_MS = 4 * DAY_MS;

/** Start (Monday 00:00 UTC) of the week holding a time, in epoch milliseconds. */
export function weekStartMs(time: number): number {
  return Math.floor((time - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
}

/** The last `count` weeks up to and including the one holding `now` (still running, so partial), Monday to Monday in UTC. */
export interface WeekWindow {
  /** Start of the first week, ISO. */
  since: string;
  /** Each week's Monday as `YYYY-MM-DD`, oldest first. */
  weeks: string[];
  /** The position in the window of the week holding an ISO time, or -1 outside it. */
  indexOf(time: string): number;
}

/** The week window ending with the week of `now`. */
export function weekWindow(now: Date, count: number): WeekWindow {
  const current = weekStartMs(now.getTime());
  const first = current - (count - 1) * WEEK_MS;
  return {
    since: new Date(first).toISOString(),
    weeks: Array.from({ length: count }, (_, i) => new Date(first + i * WEEK_MS).toISOString().slice(0, 10)),
    indexOf(time) {
      const index = (weekStartMs(Date.parse(time)) - first) / WEEK_MS;
      return index >= 0 && index < count ? index : -1;
    },
  };
}
