import type { StoredChangeDetail } from '../../core/change/stored-detail.js';

type Key<T> = keyof T & string;
type Detail = StoredChangeDetail;

/**
 * A path of one or two keys into the stored change detail. Paths are checked against `StoredChangeDetail`,
 * so renaming a report field fails to compile here instead of blanking the dashboard's lists.
 */
export type DetailPath = {
  [K in Key<Detail>]-?:
    | readonly [K]
    | (NonNullable<Detail[K]> extends readonly unknown[]
        ? never
        : NonNullable<Detail[K]> extends object
          ? readonly [K, Key<NonNullable<Detail[K]>>]
          : never);
}[Key<Detail>];

/** What lists need of a decision's detail, picked out inside the database (the detail can be large). */
const SUMMARY = {
  title: ['title'],
  author: ['author'],
  aiAssisted: ['provenance', 'aiAssisted'],
  tools: ['provenance', 'tools'],
  riskScore: ['risk', 'score'],
  tier: ['blastRadius', 'mostCriticalTier'],
  services: ['blastRadius', 'services'],
  linesAdded: ['linesAdded'],
  linesDeleted: ['linesDeleted'],
  assignedReviewers: ['assignedReviewers'],
} as const satisfies Record<string, DetailPath>;

type SummaryName = keyof typeof SUMMARY;
const SUMMARY_NAMES: readonly SummaryName[] = [
  'title',
  'author',
  'aiAssisted',
  'tools',
  'riskScore',
  'tier',
  'services',
  'linesAdded',
  'linesDeleted',
  'assignedReviewers',
];

/** The paths the database picks, in the order `namedPicks` reads them back. */
export const SUMMARY_DETAIL_PATHS: readonly DetailPath[] = SUMMARY_NAMES.map((name) => SUMMARY[name]);

/** The picked values by name, as stored JSON: checked where they are read, never cast. */
export type Picked = Partial<Record<SummaryName, unknown>>;

/** The facts of one decision that lists show. */
export interface ChangeFacts {
  title?: string;
  author?: { id: string; name: string; level: string; known: boolean };
  aiAssisted: boolean;
  tools: string[];
  riskScore?: number;
  mostCriticalTier?: number;
  directServices: string[];
  /** Lines added plus deleted (0 when not recorded). */
  lines: number;
  /** Who the check proposed for the missing sign-offs. */
  assignedReviewers: string[];
}

/** Picked values (a JSON array in SUMMARY_DETAIL_PATHS order), named. */
export function namedPicks(values: unknown): Picked {
  const picked: Picked = {};
  if (!Array.isArray(values)) return picked;
  SUMMARY_NAMES.forEach((name, index) => {
    picked[name] = values[index] as unknown;
  });
  return picked;
}

/** The facts lists show, from what was picked; anything missing or of another shape is left out. */
export function changeFacts(picked: Picked): ChangeFacts {
  const author = authorOf(picked.author);
  return {
    ...(typeof picked.title === 'string' && { title: picked.title }),
    ...(author && { author }),
    // SQLite's json_extract answers a JSON true as 1.
    aiAssisted: picked.aiAssisted === true || picked.aiAssisted === 1,
    tools: Array.isArray(picked.tools) ? picked.tools.filter((t): t is string => typeof t === 'string') : [],
    ...(typeof picked.riskScore === 'number' && { riskScore: picked.riskScore }),
    ...(typeof picked.tier === 'number' && { mostCriticalTier: picked.tier }),
    directServices: Array.isArray(picked.services)
      ? picked.services.filter((s) => field(s, 'direct') === true).flatMap((s) => stringField(s, 'id') ?? [])
      : [],
    lines: numberField(picked, 'linesAdded') + numberField(picked, 'linesDeleted'),
    assignedReviewers: Array.isArray(picked.assignedReviewers)
      ? picked.assignedReviewers.filter((id): id is string => typeof id === 'string')
      : [],
  };
}

function authorOf(value: unknown): ChangeFacts['author'] | undefined {
  const id = stringField(value, 'id');
  const level = stringField(value, 'level');
  if (id === undefined || level === undefined) return undefined;
  return { id, name: stringField(value, 'name') ?? id, level, known: field(value, 'known') === true };
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (Reflect.get(value, key) as unknown) : undefined;
}

function stringField(value: unknown, key: string): string | undefined {
  const found = field(value, key);
  return typeof found === 'string' ? found : undefined;
}

function numberField(value: unknown, key: string): number {
  const found = field(value, key);
  return typeof found === 'number' ? found : 0;
}
