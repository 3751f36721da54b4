import { seededRandom } from './random.js';

/** One regression tree stored flat: node i splits on feature[i] at threshold[i] (left when x ≤ threshold), or is a leaf when feature[i] = -1. */
export interface Tree {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  value: number[];
}

/** A gradient-boosted ensemble of trees on the log-odds scale. */
export interface BoostedModel {
  base: number;
  trees: Tree[];
}

/** Training settings; the defaults are the one setting used for every project. */
export interface BoostingOptions {
  trees: number;
  learningRate: number;
  maxDepth: number;
  /** Minimum hessian (≈ weighted examples) in a child. */
  minChildWeight: number;
  l2: number;
  maxBins: number;
  /** Share of rows drawn (seeded) for each tree. */
  subsample: number;
  seed: number;
}

/** The single configuration used for all projects (no per-project tuning). */
export const DEFAULT_BOOSTING: BoostingOptions = {
  trees: 200,
  learningRate: 0.05,
  maxDepth: 3,
  minChildWeight: 20,
  l2: 1,
  maxBins: 32,
  subsample: 0.8,
  seed: 7,
};

/** Log-odds of one row. */
export function boostedMargin(model: BoostedModel, row: readonly number[]): number {
  let z = model.base;
  for (const tree of model.trees) {
    let node = 0;
    while ((tree.feature[node] ?? -1) >= 0) {
      node =
        (row[tree.feature[node] ?? 0] ?? 0) <= (tree.threshold[node] ?? 0)
          ? (tree.left[node] ?? 0)
          : (tree.right[node] ?? 0);
    }
    z += tree.value[node] ?? 0;
  }
  return z;
}

/** Quantile cut points of one column (at most maxBins − 1). */
function cutPoints(values: number[], maxBins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let k = 1; k < maxBins; k++) {
    const v = sorted[Math.floor((k * sorted.length) / maxBins)] ?? 0;
    if (cuts.length === 0 || v > (cuts[cuts.length - 1] ?? 0)) cuts.push(v);
  }
  return cuts;
}

/** Fits gradient-boosted trees with logistic loss on histogram bins (second-order leaf values). */
export function fitBoosted(
  rows: readonly number[][],
  labels: readonly number[],
  options: BoostingOptions = DEFAULT_BOOSTING,
): BoostedModel {
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  const cuts = Array.from({ length: width }, (_, j) =>
    cutPoints(
      rows.map((r) => r[j] ?? 0),
      options.maxBins,
    ),
  );
  const bins = Array.from({ length: width }, (_, j) => {
    const column = new Uint8Array(n);
    const c = cuts[j] as number[];
    rows.forEach((r, i) => {
      const v = r[j] ?? 0;
      let b = 0;
      while (b < c.length && v > (c[b] ?? 0)) b++;
      column[i] = b;
    });
    return column;
  });
  const positives = labels.reduce((s, y) => s + y, 0);
  const prior = Math.min(Math.max(positives / Math.max(n, 1), 1e-6), 1 - 1e-6);
  const base = Math.log(prior / (1 - prior));
  const margin = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const random = seededRandom(options.seed);
  const trees: Tree[] = [];
  for (let t = 0; t < options.trees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(margin[i] ?? 0)));
      grad[i] = p - (labels[i] ?? 0);
      hess[i] = Math.max(p * (1 - p), 1e-12);
    }
    const sample: number[] = [];
    for (let i = 0; i < n; i++) if (random() < options.subsample) sample.push(i);
    const tree: Tree = { feature: [], threshold: [], left: [], right: [], value: [] };
    grow(tree, sample, 0, { bins, cuts, grad, hess, options });
    trees.push(tree);
    for (let i = 0; i < n; i++)
      margin[i] = (margin[i] ?? 0) + boostedMargin({ base: 0, trees: [tree] }, rows[i] ?? []);
  }
  return { base, trees };
}

interface GrowContext {
  bins: Uint8Array[];
  cuts: number[][];
  grad: Float64Array;
  hess: Float64Array;
  options: BoostingOptions;
}

/** Grows one node (recursively) and returns its index. */
function grow(tree: Tree, rows: number[], depth: number, ctx: GrowContext): number {
  const { grad, hess, options } = ctx;
  const node = tree.feature.length;
  let g = 0;
  let h = 0;
  for (const i of rows) {
    g += grad[i] ?? 0;
    h += hess[i] ?? 0;
  }
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.value.push((-g / (h + options.l2)) * options.learningRate);
  if (depth >= options.maxDepth || h < 2 * options.minChildWeight) return node;
  const parentScore = (g * g) / (h + options.l2);
  let best = { gain: 1e-9, feature: -1, bin: -1 };
  ctx.bins.forEach((column, j) => {
    const binCount = (ctx.cuts[j]?.length ?? 0) + 1;
    const gs = new Float64Array(binCount);
    const hs = new Float64Array(binCount);
    for (const i of rows) {
      const b = column[i] ?? 0;
      gs[b] = (gs[b] ?? 0) + (grad[i] ?? 0);
      hs[b] = (hs[b] ?? 0) + (hess[i] ?? 0);
    }
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < binCount - 1; b++) {
      gl += gs[b] ?? 0;
      hl += hs[b] ?? 0;
      const hr = h - hl;
      if (hl < options.minChildWeight || hr < options.minChildWeight) continue;
      const gr = g - gl;
      const gain = (gl * gl) / (hl + options.l2) + (gr * gr) / (hr + options.l2) - parentScore;
      if (gain > best.gain) best = { gain, feature: j, bin: b };
    }
  });
  if (best.feature < 0) return node;
  const column = ctx.bins[best.feature] as Uint8Array;
  const leftRows = rows.filter((i) => (column[i] ?? 0) <= best.bin);
  const rightRows = rows.filter((i) => (column[i] ?? 0) > best.bin);
  tree.feature[node] = best.feature;
  tree.threshold[node] = ctx.cuts[best.feature]?.[best.bin] ?? 0;
  tree.left[node] = grow(tree, leftRows, depth + 1, ctx);
  tree.right[node] = grow(tree, rightRows, depth + 1, ctx);
  return node;
}
