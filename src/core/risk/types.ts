/** The 14 change metrics of Kamei et al. (TSE 2013), in their usual order. */
export const METRIC_NAMES = [
  'ns',
  'nd',
  'nf',
  'entropy',
  'la',
  'ld',
  'lt',
  'fix',
  'ndev',
  'age',
  'nuc',
  'exp',
  'rexp',
  'sexp',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** The 14 metrics of one commit (or of a change summed over its commits). */
export type ChangeMetrics = Record<MetricName, number>;

/** A commit's metrics with its identity and, when known, its bug label. */
export interface LabelledChange {
  sha: string;
  /** Unix seconds. */
  date: number;
  metrics: ChangeMetrics;
  /** 1 when the change later induced a fix (SZZ), 0 otherwise. */
  bug: 0 | 1;
}

/** Features the labelled data lacks; they adjust the score additively and are documented as such. */
export interface RiskExtras {
  /** The change is AI-assisted (provenance). */
  aiAssisted?: boolean;
  /** Blast-radius score of the change, 0…100. */
  blastRadiusScore?: number;
  /** Most critical tier reached (1 = most critical … 5 = nothing known). */
  mostCriticalTier?: number;
}

/** A risk score with the reasons behind it. */
export interface RiskScore {
  /** 0…100, higher is riskier. */
  score: number;
  /** Model probability that the change induces a bug, before the extras adjustment. */
  probability: number;
  /** Top contributing features, in plain words. */
  reasons: string[];
}
