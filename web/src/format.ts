/** Formatting shared by the pages: dates, durations, percentages, names. */

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "22 Nov 2026, 14:03". */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** "22 Nov", for chart axes. */
export function formatDay(iso: string): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

/** "3 hours ago", rounded to the largest sensible unit. */
export function formatAgo(iso: string | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Number.isNaN(seconds)) return iso;
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.round(seconds), 'second');
}

/** "2 h 15 min" between two instants, or since the start when still open. */
export function formatDuration(fromIso: string, toIso?: string): string {
  const ms = (toIso ? new Date(toIso).getTime() : Date.now()) - new Date(fromIso).getTime();
  if (Number.isNaN(ms) || ms < 0) return '—';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.round(hours / 24)} days`;
}

/** "42 %" from a 0…1 share. */
export function percent(share: number | undefined, digits = 0): string {
  if (share === undefined || Number.isNaN(share)) return '—';
  return `${(share * 100).toFixed(digits)} %`;
}

/** The name to show for a person: their name, else their id. */
export function personLabel(person: { id?: string; personId?: string; name?: string }): string {
  return person.name ?? person.personId ?? person.id ?? 'unknown';
}

/** "1 approval" / "2 approvals". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The first seven characters of a commit id. */
export function shortSha(sha: string): string {
  return /^[0-9a-f]{12,}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

/** A change's title, else its commit range `base7..head7`. */
export function changeTitle(change: { title?: string; base: string; head: string }): string {
  return change.title ?? `${change.base.slice(0, 7)}..${change.head.slice(0, 7)}`;
}

/** A change id (`repo@base..head`) short enough for a link: `base7..head7`, else the id shortened. */
export function changeLabel(changeId: string): string {
  const range = /@([0-9a-f]{7,})\.\.([0-9a-f]{7,})$/i.exec(changeId);
  if (range) return `${range[1]!.slice(0, 7)}..${range[2]!.slice(0, 7)}`;
  return changeId.length > 24 ? `${changeId.slice(0, 22)}…` : changeId;
}
