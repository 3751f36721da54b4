const HOUR_MS = 3_600_000;

/** Milliseconds since the epoch of an ISO-8601 time. */
export function ms(iso: string): number {
  return Date.parse(iso);
}

/** Hours from `from` to `to` (negative when `to` is earlier). */
export function hoursBetween(from: string, to: string): number {
  return (ms(to) - ms(from)) / HOUR_MS;
}

/** The median, or null for no values (null rather than 0: "no data" is not "instant"). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return round(value);
}

/** Rounds to three decimals so reports and tests compare stable numbers. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** The ISO week of a time, as `YYYY-Www` (weeks start on Monday, UTC). */
export function isoWeek(iso: string): string {
  const date = new Date(ms(iso));
  const day = (date.getUTCDay() + 6) % 7;
  // The Thursday of this week decides the ISO year.
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day + 3));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 24 * HOUR_MS));
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** When a deployment reached its environment: its finish, else its start. */
export function deployedAt(deployment: { startedAt: string; finishedAt?: string }): string {
  return deployment.finishedAt ?? deployment.startedAt;
}
