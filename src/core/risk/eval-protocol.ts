import { chronologicalSplit } from './dataset.js';
import { evaluate, popt, recallAtEffort, type EvaluationReport } from './evaluation.js';
import { sigmoid } from './logistic.js';
import { riskMargin, trainRiskModel } from './model.js';
import type { LabelledChange } from './types.js';

/** Result of the published protocol on one data set. */
export interface ProtocolResult extends EvaluationReport {
  trainChanges: number;
  testChanges: number;
  testBuggyShare: number;
  /** The effort figures again when reviewers go by risk per changed line (probability ÷ lines), the order to use when review time is the limit. */
  effortAware: { popt: number; recallAt20Effort: number };
}

/** The published protocol: sort by date, train on the first 80%, score the last 20%. */
export function evaluateChronologically(rows: readonly LabelledChange[]): ProtocolResult {
  const { train, test } = chronologicalSplit([...rows]);
  const model = trainRiskModel(train);
  const scored = test.map((r) => ({
    score: riskMargin(model, r.metrics),
    bug: r.bug,
    effort: r.metrics.la + r.metrics.ld,
  }));
  const perLine = scored.map((c) => ({ ...c, score: sigmoid(c.score) / (c.effort + 1) }));
  return {
    ...evaluate(scored),
    effortAware: { popt: popt(perLine), recallAt20Effort: recallAtEffort(perLine, 0.2) },
    trainChanges: train.length,
    testChanges: test.length,
    testBuggyShare: test.length ? test.reduce((s, r) => s + r.bug, 0) / test.length : 0,
  };
}
