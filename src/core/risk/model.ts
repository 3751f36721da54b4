import {
  boostedMargin,
  DEFAULT_BOOSTING,
  fitBoosted,
  type BoostedModel,
  type BoostingOptions,
} from './boosting.js';
import {
  FEATURE_NAMES,
  FEATURE_WORDS,
  fitStandardiser,
  standardise,
  toFeatures,
  type Standardiser,
} from './features.js';
import { fitLogistic, logisticMargin, sigmoid, type LogisticModel } from './logistic.js';
import type { HoldoutQuality } from './holdout.js';
import type { ChangeMetrics, LabelledChange, RiskExtras, RiskScore } from './types.js';

/** A trained risk model as stored in JSON: logistic regression and boosted trees on the same standardised features, log-odds averaged. */
export interface RiskModel {
  format: 'blastwall-risk-model';
  version: 1;
  features: string[];
  standardiser: Standardiser;
  logistic: LogisticModel;
  boosted: BoostedModel;
  /** Training summary, for people reading the file. */
  trainedOn: { changes: number; buggyShare: number; sources: string[] };
  /** Quality on data the model did not see (`risk train` measures it before training on everything). */
  heldOut?: HoldoutQuality;
}

/** Additive log-odds adjustments for features without labels in the data: assumptions, not learned, and documented as such. */
export const EXTRAS_ADJUSTMENT = {
  /** AI-assisted changes: a modest prior bump (about ×1.5 odds). */
  aiAssisted: 0.4,
  /** Per blast-radius point (0…100), so a maximal radius adds about ×2.7 odds. */
  perBlastRadiusPoint: 0.01,
  /** Reaching a tier-1 service. */
  tier1: 0.3,
} as const;

/** Trains the one model configuration used for every project (no per-project tuning). */
export function trainRiskModel(
  rows: readonly LabelledChange[],
  sources: string[] = [],
  boosting: BoostingOptions = DEFAULT_BOOSTING,
): RiskModel {
  const raw = rows.map((r) => toFeatures(r.metrics));
  const standardiser = fitStandardiser(raw);
  const x = raw.map((r) => standardise(r, standardiser));
  const y = rows.map((r) => r.bug);
  const buggy = y.reduce<number>((s, v) => s + v, 0);
  return {
    format: 'blastwall-risk-model',
    version: 1,
    features: [...FEATURE_NAMES],
    standardiser,
    logistic: fitLogistic(x, y, 1),
    boosted: fitBoosted(x, y, boosting),
    trainedOn: { changes: rows.length, buggyShare: rows.length ? buggy / rows.length : 0, sources },
  };
}

/** Log-odds that a change induces a bug (mean of the two members' log-odds). */
export function riskMargin(model: RiskModel, metrics: ChangeMetrics): number {
  return marginOf(model, standardise(toFeatures(metrics), model.standardiser));
}

/** Scores one change: probability from the model, score 0…100 after the documented extras adjustment, and the top reasons. */
export function scoreChange(model: RiskModel, metrics: ChangeMetrics, extras: RiskExtras = {}): RiskScore {
  const margin = riskMargin(model, metrics);
  const probability = sigmoid(margin);
  const reasons = topFeatureReasons(model, metrics);
  let adjustment = 0;
  if (extras.aiAssisted) {
    adjustment += EXTRAS_ADJUSTMENT.aiAssisted;
    reasons.push('AI-assisted change (assumed adjustment, not learned)');
  }
  if (extras.blastRadiusScore !== undefined && extras.blastRadiusScore > 0) {
    adjustment += EXTRAS_ADJUSTMENT.perBlastRadiusPoint * Math.min(extras.blastRadiusScore, 100);
    reasons.push(
      `blast radius score ${Math.round(extras.blastRadiusScore)} (assumed adjustment, not learned)`,
    );
  }
  if (extras.mostCriticalTier === 1) {
    adjustment += EXTRAS_ADJUSTMENT.tier1;
    reasons.push('reaches a tier-1 service (assumed adjustment, not learned)');
  }
  return { score: Math.round(100 * sigmoid(margin + adjustment)), probability, reasons };
}

/** Log-odds of one standardised feature row (mean of the two members). */
function marginOf(model: RiskModel, x: readonly number[]): number {
  return (logisticMargin(model.logistic, x) + boostedMargin(model.boosted, x)) / 2;
}

/**
 * The three features that raise the log-odds most against a typical change: each feature in turn is set to the
 * training mean and the drop in log-odds is its contribution (both members, so the trees are explained too).
 */
function topFeatureReasons(model: RiskModel, metrics: ChangeMetrics): string[] {
  const x = standardise(toFeatures(metrics), model.standardiser);
  const full = marginOf(model, x);
  const contributions = FEATURE_NAMES.map((name, j) => {
    const typical = [...x];
    typical[j] = 0;
    return { name, j, value: full - marginOf(model, typical) };
  });
  return contributions
    .filter((c) => c.value > 0.05)
    .sort((a, b) => b.value - a.value)
    .slice(0, 3)
    .map((c) => describeFeature(c.name, metrics, (x[c.j] ?? 0) > 0));
}

/** "many lines added (420)" / "author new to the project (3)". */
function describeFeature(
  name: (typeof FEATURE_NAMES)[number],
  m: ChangeMetrics,
  aboveTypical: boolean,
): string {
  const direct = name in m ? (m as Record<string, number>)[name] : undefined;
  const shown =
    direct !== undefined && name !== 'fix'
      ? ` (${Number.isInteger(direct) ? direct : direct.toFixed(1)})`
      : '';
  return `${FEATURE_WORDS[name][aboveTypical ? 0 : 1]}${shown}`;
}

/** Checks that a parsed JSON value is a risk model this version can use; returns a problem or undefined. */
export function riskModelProblem(value: unknown): string | undefined {
  const m = value as Partial<RiskModel> | null;
  if (typeof m !== 'object' || m === null || m.format !== 'blastwall-risk-model')
    return 'not a blastwall risk model (format field)';
  if (m.version !== 1) return `unsupported model version ${String(m.version)}`;
  if (!Array.isArray(m.features) || m.features.join() !== FEATURE_NAMES.join())
    return 'model features differ from this version';
  if (!m.standardiser || !m.logistic || !m.boosted || !Array.isArray(m.boosted.trees))
    return 'model is missing its weights';
  return undefined;
}

/** The model as compact JSON: numbers rounded to 6 significant digits, which changes no score visibly. */
export function serialiseRiskModel(model: RiskModel): string {
  return JSON.stringify(model, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Number(value.toPrecision(6)) : value,
  );
}
