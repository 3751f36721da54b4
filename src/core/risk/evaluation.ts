/** One test change as the evaluation sees it: the model's score, the label and the review effort (lines). */
export interface Scored {
  score: number;
  bug: 0 | 1;
  /** Review effort, la + ld. */
  effort: number;
}

/** Evaluation figures of a risk model on a test set. */
export interface EvaluationReport {
  auc: number;
  popt: number;
  recallAt20Effort: number;
  caughtAt5: number;
  caughtAt10: number;
  caughtAt20: number;
}

/** ROC AUC by the Mann–Whitney statistic; tied scores get their average rank. */
export function rocAuc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1] ?? 0] === scores[order[start] ?? 0]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k] ?? 0] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Riskiest first; among equal scores the smaller change first (cheaper to review). */
function byRisk(a: Scored, b: Scored): number {
  return b.score - a.score || a.effort - b.effort;
}

/** Area under the cumulative (effort share → bug share) curve for one inspection order. */
function effortCurveArea(ordered: readonly Scored[]): number {
  const totalEffort = ordered.reduce((sum, c) => sum + c.effort, 0) || 1;
  const totalBugs = ordered.reduce((sum, c) => sum + c.bug, 0) || 1;
  let area = 0;
  let x = 0;
  let y = 0;
  for (const change of ordered) {
    const nx = x + change.effort / totalEffort;
    const ny = y + change.bug / totalBugs;
    area += ((nx - x) * (y + ny)) / 2;
    x = nx;
    y = ny;
  }
  return area;
}

/** Popt (Mende & Koschke): 1 − (optimal − model) / (optimal − worst) on the effort/bug curve. */
export function popt(changes: readonly Scored[]): number {
  const model = effortCurveArea([...changes].sort(byRisk));
  const optimal = effortCurveArea([...changes].sort((a, b) => b.bug - a.bug || a.effort - b.effort));
  const worst = effortCurveArea([...changes].sort((a, b) => a.bug - b.bug || b.effort - a.effort));
  return optimal === worst ? Number.NaN : 1 - (optimal - model) / (optimal - worst);
}

/** Share of buggy changes found when reviewing in risk order until `effortShare` of all changed lines is spent. */
export function recallAtEffort(changes: readonly Scored[], effortShare: number): number {
  const totalEffort = changes.reduce((sum, c) => sum + c.effort, 0);
  const totalBugs = changes.reduce((sum, c) => sum + c.bug, 0);
  if (totalBugs === 0) return Number.NaN;
  let spent = 0;
  let found = 0;
  for (const change of [...changes].sort(byRisk)) {
    if (spent + change.effort > effortShare * totalEffort) break;
    spent += change.effort;
    found += change.bug;
  }
  return found / totalBugs;
}

/** Share of buggy changes among the riskiest `share` of changes (by count). */
export function caughtAtShare(changes: readonly Scored[], share: number): number {
  const totalBugs = changes.reduce((sum, c) => sum + c.bug, 0);
  if (totalBugs === 0) return Number.NaN;
  const gated = [...changes].sort(byRisk).slice(0, Math.round(changes.length * share));
  return gated.reduce((sum, c) => sum + c.bug, 0) / totalBugs;
}

/** Every figure `risk eval` reports. */
export function evaluate(changes: readonly Scored[]): EvaluationReport {
  return {
    auc: rocAuc(
      changes.map((c) => c.score),
      changes.map((c) => c.bug),
    ),
    popt: popt(changes),
    recallAt20Effort: recallAtEffort(changes, 0.2),
    caughtAt5: caughtAtShare(changes, 0.05),
    caughtAt10: caughtAtShare(changes, 0.1),
    caughtAt20: caughtAtShare(changes, 0.2),
  };
}
