import { BlastwallError } from '../errors.js';
import { METRIC_NAMES, type ChangeMetrics, type LabelledChange } from './types.js';

/** Column names in the JIT data files that differ from our metric names. */
const COLUMN_ALIASES: Record<string, string> = { entrophy: 'entropy' };

/** Parses a CSV with the columns of the JIT data (`_id`, `date`, `bug`, the 14 metrics); a bad row names its line. */
export function parseJitCsv(text: string, source = 'data'): LabelledChange[] {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((name) => COLUMN_ALIASES[name.trim()] ?? name.trim());
  const index = (name: string): number => header.indexOf(name);
  const missing = ['_id', 'date', 'bug', ...METRIC_NAMES].filter((name) => index(name) < 0);
  if (missing.length > 0)
    throw new BlastwallError('usage', `${source}:1: missing column(s) ${missing.join(', ')}`);
  const shaAt = index('_id');
  const dateAt = index('date');
  const bugAt = index('bug');
  const metricAt = METRIC_NAMES.map((name) => index(name));
  const rows: LabelledChange[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const fail = (problem: string): never => {
      throw new BlastwallError('usage', `${source}:${i + 1}: ${problem}`);
    };
    if (cells.length !== header.length) fail(`expected ${header.length} columns, found ${cells.length}`);
    const numberAt = (at: number, name: string): number => {
      const value = Number(cells[at]);
      if (cells[at] === '' || !Number.isFinite(value)) fail(`${name} is not a number: "${cells[at] ?? ''}"`);
      return value;
    };
    const bug = numberAt(bugAt, 'bug');
    if (bug !== 0 && bug !== 1) fail(`bug must be 0 or 1, found "${cells[bugAt]}"`);
    const metrics = {} as ChangeMetrics;
    METRIC_NAMES.forEach((name, k) => {
      metrics[name] = numberAt(metricAt[k] ?? -1, name);
    });
    rows.push({ sha: cells[shaAt] ?? '', date: numberAt(dateAt, 'date'), metrics, bug: bug as 0 | 1 });
  }
  if (rows.length === 0) throw new BlastwallError('usage', `${source}: no data rows`);
  return rows;
}

/** Sorts by date (stably) and splits into the first `trainShare` for training and the rest for testing. */
export function chronologicalSplit<T extends { date: number }>(
  rows: T[],
  trainShare = 0.8,
): { train: T[]; test: T[] } {
  const sorted = rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => a.row.date - b.row.date || a.i - b.i)
    .map((x) => x.row);
  const cut = Math.floor(sorted.length * trainShare);
  return { train: sorted.slice(0, cut), test: sorted.slice(cut) };
}
