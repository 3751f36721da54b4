/** A fitted logistic regression: bias plus one weight per (standardised) feature. */
export interface LogisticModel {
  bias: number;
  weights: number[];
}

/** The logistic function, guarded against overflow. */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Linear predictor (log-odds) of one row. */
export function logisticMargin(model: LogisticModel, row: readonly number[]): number {
  let z = model.bias;
  row.forEach((v, j) => (z += (model.weights[j] ?? 0) * v));
  return z;
}

/** Fits L2-regularised logistic regression by Newton's method (IRLS); deterministic, no learning rate to tune. */
export function fitLogistic(
  rows: readonly number[][],
  labels: readonly number[],
  l2 = 1,
  iterations = 25,
): LogisticModel {
  const p = (rows[0]?.length ?? 0) + 1;
  let beta = new Array<number>(p).fill(0);
  for (let it = 0; it < iterations; it++) {
    const gradient = new Array<number>(p).fill(0);
    const hessian = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    rows.forEach((row, i) => {
      const x = [1, ...row];
      const mu = sigmoid(x.reduce((z, v, j) => z + v * (beta[j] ?? 0), 0));
      const w = Math.max(mu * (1 - mu), 1e-9);
      const residual = (labels[i] ?? 0) - mu;
      for (let a = 0; a < p; a++) {
        const xa = x[a] ?? 0;
        gradient[a] = (gradient[a] ?? 0) + xa * residual;
        const hRow = hessian[a] as number[];
        for (let b = a; b < p; b++) hRow[b] = (hRow[b] ?? 0) + w * xa * (x[b] ?? 0);
      }
    });
    for (let a = 1; a < p; a++) {
      gradient[a] = (gradient[a] ?? 0) - l2 * (beta[a] ?? 0);
      (hessian[a] as number[])[a] = ((hessian[a] as number[])[a] ?? 0) + l2;
    }
    for (let a = 0; a < p; a++)
      for (let b = 0; b < a; b++) (hessian[a] as number[])[b] = (hessian[b] as number[])[a] ?? 0;
    const step = solve(hessian, gradient);
    beta = beta.map((v, j) => v + (step[j] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { bias: beta[0] ?? 0, weights: beta.slice(1) };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const top = a[col] as number[];
    const div = top[col] ?? 1;
    if (Math.abs(div) < 1e-15) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] ?? 0) / div;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] ?? 0) - factor * (top[c] ?? 0);
    }
  }
  return a.map((row, i) => (row[n] ?? 0) / (row[i] || 1));
}
