import { METRIC_NAMES, type ChangeMetrics } from './types.js';

/** Model inputs derived from the 14 metrics; Kamei's normalisations make churn relative to file size. */
export const FEATURE_NAMES = [...METRIC_NAMES, 'laRel', 'ldRel', 'ltPerFile', 'nucPerFile'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Plain words for each feature when it is above / below a typical change, used in reasons. */
export const FEATURE_WORDS: Record<FeatureName, readonly [string, string]> = {
  ns: ['many subsystems touched', 'few subsystems touched'],
  nd: ['many directories touched', 'few directories touched'],
  nf: ['many files touched', 'few files touched'],
  entropy: ['change spread across many files', 'change concentrated in few files'],
  la: ['many lines added', 'few lines added'],
  ld: ['many lines deleted', 'few lines deleted'],
  lt: ['large files touched', 'small or new files touched'],
  fix: ['a bug fix', 'not a bug fix'],
  ndev: ['many earlier developers on these files', 'few earlier developers on these files'],
  age: ['files untouched for a long time', 'files changed recently'],
  nuc: ['files changed often before', 'files rarely changed before'],
  exp: ['experienced author', 'author new to the project'],
  rexp: ['author active recently', 'author not active recently'],
  sexp: ['author experienced in this subsystem', 'author new to this subsystem'],
  laRel: ['many lines added for the file size', 'few lines added for the file size'],
  ldRel: ['many lines deleted for the file size', 'few lines deleted for the file size'],
  ltPerFile: ['large files on average', 'small files on average'],
  nucPerFile: ['many earlier changes per file', 'few earlier changes per file'],
};

/** Maps metrics to log1p-transformed features (counts are heavy-tailed; the log tames them). */
export function toFeatures(m: ChangeMetrics): number[] {
  const files = Math.max(m.nf, 1);
  const size = Math.max(m.lt, 1);
  const raw = [
    m.ns,
    m.nd,
    m.nf,
    m.entropy,
    m.la,
    m.ld,
    m.lt,
    m.fix,
    m.ndev,
    m.age,
    m.nuc,
    m.exp,
    m.rexp,
    m.sexp,
    m.la / size,
    m.ld / size,
    m.lt / files,
    m.nuc / files,
  ];
  return raw.map((value) => Math.log1p(Math.max(0, Number.isFinite(value) ? value : 0)));
}

/** Mean and standard deviation of each feature column, for standardisation. */
export interface Standardiser {
  mean: number[];
  sd: number[];
}

/** Learns the column means and standard deviations of a training matrix. */
export function fitStandardiser(rows: readonly number[][]): Standardiser {
  const width = rows[0]?.length ?? 0;
  const mean = new Array<number>(width).fill(0);
  const sd = new Array<number>(width).fill(0);
  for (const row of rows) row.forEach((v, j) => (mean[j] = (mean[j] ?? 0) + v / rows.length));
  for (const row of rows)
    row.forEach((v, j) => (sd[j] = (sd[j] ?? 0) + (v - (mean[j] ?? 0)) ** 2 / rows.length));
  return { mean, sd: sd.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Applies a standardiser to one feature row. */
export function standardise(row: readonly number[], s: Standardiser): number[] {
  return row.map((v, j) => (v - (s.mean[j] ?? 0)) / (s.sd[j] ?? 1));
}
