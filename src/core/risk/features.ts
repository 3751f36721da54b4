import type { ChangeMetrics } from './types.js';

/** Model inputs derived from the 14 metrics; Kamei's normalisations make churn relative to file size. */
export const FEATURE_NAMES = [
  'ns', 'nd', 'nf', 'entropy', 'la', 'ld', 'lt', 'fix', 'ndev', 'age', 'nuc', 'exp', 'rexp', 'sexp',
  'laRel', 'ldRel', 'ltPerFile', 'nucPerFile',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Plain words for each feature, used in reasons. */
export const FEATURE_WORDS: Record<FeatureName, string> = {
  ns: 'subsystems touched',
  nd: 'directories touched',
  nf: 'files touched',
  entropy: 'how evenly the change is spread across files',
  la: 'lines added',
  ld: 'lines deleted',
  lt: 'size of the touched files',
  fix: 'is a bug fix',
  ndev: 'developers who touched these files before',
  age: 'time since the files last changed',
  nuc: 'earlier changes to these files',
  exp: "author's experience",
  rexp: "author's recent experience",
  sexp: "author's experience in this subsystem",
  laRel: 'lines added relative to file size',
  ldRel: 'lines deleted relative to file size',
  ltPerFile: 'average size of the touched files',
  nucPerFile: 'earlier changes per file',
};

/** Maps metrics to log1p-transformed features (counts are heavy-tailed; the log tames them). */
export function toFeatures(m: ChangeMetrics): number[] {
  const files = Math.max(m.nf, 1);
  const size = Math.max(m.lt, 1);
  const raw = [
    m.ns, m.nd, m.nf, m.entropy, m.la, m.ld, m.lt, m.fix, m.ndev, m.age, m.nuc, m.exp, m.rexp, m.sexp,
    m.la / size, m.ld / size, m.lt / files, m.nuc / files,
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
  for (const row of rows) row.forEach((v, j) => (sd[j] = (sd[j] ?? 0) + (v - (mean[j] ?? 0)) ** 2 / rows.length));
  return { mean, sd: sd.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}

/** Applies a standardiser to one feature row. */
export function standardise(row: readonly number[], s: Standardiser): number[] {
  return row.map((v, j) => (v - (s.mean[j] ?? 0)) / (s.sd[j] ?? 1));
}
