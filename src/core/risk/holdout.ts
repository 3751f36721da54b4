import { chronologicalSplit } from './dataset.js';
import { rocAuc } from './evaluation.js';
import { sigmoid } from './logistic.js';
import { riskMargin, trainRiskModel } from './model.js';
import type { LabelledChange } from './types.js';

/** How a model trained on the older part of the data did on the newer part it never saw. */
export interface HoldoutQuality {
  /** The split in words, e.g. "trained on the oldest 80% by date, tested on the newest 20%". */
  split: string;
  trainChanges: number;
  testChanges: number;
  /** Bug-inducing changes among the test changes. */
  testBuggy: number;
  /** A test change is flagged when the model's probability is at least this. */
  threshold: number;
  /** Test changes flagged at the threshold. */
  flagged: number;
  /** Undefined when the test part lacks bug-inducing or clean changes (nothing to rank). */
  auc?: number;
  /** Flagged changes that were bug-inducing; undefined when nothing was flagged. */
  precision?: number;
  /** Bug-inducing changes that were flagged; undefined when there were none. */
  recall?: number;
  /** Why a figure is missing, in words. */
  missing?: string;
}

/**
 * Trains on the oldest `trainShare` of the rows by date and measures the newest rest, as the model will be used:
 * on changes made after its training data. A random split would leak the future into training.
 */
export function holdoutQuality(
  rows: readonly LabelledChange[],
  options: { trainShare?: number; threshold?: number } = {},
): HoldoutQuality {
  const trainShare = options.trainShare ?? 0.8;
  const threshold = options.threshold ?? 0.5;
  const { train, test } = chronologicalSplit([...rows], trainShare);
  const percent = Math.round(trainShare * 100);
  const base = {
    split: `trained on the oldest ${percent}% by date, tested on the newest ${100 - percent}%`,
    trainChanges: train.length,
    testChanges: test.length,
    testBuggy: test.filter((r) => r.bug === 1).length,
    threshold,
  };
  const trainBuggy = train.filter((r) => r.bug === 1).length;
  if (trainBuggy === 0 || trainBuggy === train.length)
    return {
      ...base,
      flagged: 0,
      missing: 'the older part has only one kind of change, so nothing was learned',
    };
  const model = trainRiskModel(train);
  const probabilities = test.map((r) => sigmoid(riskMargin(model, r.metrics)));
  const labels = test.map((r) => r.bug);
  let flagged = 0;
  let caught = 0;
  probabilities.forEach((p, i) => {
    if (p < threshold) return;
    flagged++;
    if (labels[i] === 1) caught++;
  });
  const auc = rocAuc(probabilities, labels);
  const quality: HoldoutQuality = { ...base, flagged };
  if (Number.isFinite(auc)) quality.auc = auc;
  if (flagged > 0) quality.precision = caught / flagged;
  if (base.testBuggy > 0) quality.recall = caught / base.testBuggy;
  if (base.testBuggy === 0 || base.testBuggy === test.length)
    quality.missing = `the newest part has ${base.testBuggy === 0 ? 'no bug-inducing' : 'no clean'} changes`;
  return quality;
}

/** One line for a person: "AUC 0.731, precision 0.412, recall 0.305 at probability ≥ 0.5 (…)". */
export function describeHoldout(q: HoldoutQuality): string {
  const figure = (value: number | undefined): string => (value === undefined ? 'n/a' : value.toFixed(3));
  return (
    `held-back quality: AUC ${figure(q.auc)}, precision ${figure(q.precision)}, recall ${figure(q.recall)} ` +
    `at probability ≥ ${q.threshold} (${q.flagged} of ${q.testChanges} flagged, ${q.testBuggy} bug-inducing); ` +
    `${q.split}${q.missing ? `; ${q.missing}` : ''}`
  );
}
