import { chronologicalSplit } from './dataset.js';
import { evaluate, type EvaluationReport } from './evaluation.js';
import { riskMargin, trainRiskModel } from './model.js';
import type { LabelledChange } from './types.js';

/** Result of the published protocol on one data set. */
export interface ProtocolResult extends EvaluationReport {
  trainChanges: number;
  testChanges: number;
  testBuggyShare: number;
}

/** The published protocol: sort by date, train on the first 80%, score the last 20%. */
export function evaluateChronologically(rows: readonly LabelledChange[]): ProtocolResult {
  const { train, test } = chronologicalSplit([...rows]);
  const model = trainRiskModel(train);
  const scored = test.map((r) => ({ score: riskMargin(model, r.metrics), bug: r.bug, effort: r.metrics.la + r.metrics.ld }));
  return {
    ...evaluate(scored),
    trainChanges: train.length,
    testChanges: test.length,
    testBuggyShare: test.length ? test.reduce((s, r) => s + r.bug, 0) / test.length : 0,
  };
}
