import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJitCsv } from './dataset.js';
import { evaluateChronologically } from './eval-protocol.js';
import { riskModelProblem, scoreChange, serialiseRiskModel, trainRiskModel } from './model.js';
import { seededRandom } from './random.js';
import { METRIC_NAMES, type ChangeMetrics, type LabelledChange } from './types.js';
import { jitDataDir } from '../../test-support/jit-data.js';

/** The labelled data of the project (outside the repository); undefined skips the specs that need it. */
const DATA = jitDataDir('risk model on the JIT data');
const SMALL = {
  trees: 20,
  learningRate: 0.1,
  maxDepth: 2,
  minChildWeight: 5,
  l2: 1,
  maxBins: 16,
  subsample: 0.8,
  seed: 3,
};

function metrics(overrides: Partial<ChangeMetrics>): ChangeMetrics {
  const base = Object.fromEntries(METRIC_NAMES.map((n) => [n, 1])) as ChangeMetrics;
  return { ...base, lt: 200, exp: 50, rexp: 10, sexp: 20, ...overrides };
}

/** Synthetic history where big changes by newcomers are the buggy ones. */
function synthetic(n: number, seed: number): LabelledChange[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const la = Math.floor(random() ** 3 * 2000);
    const exp = Math.floor(random() * 500);
    const risk = Math.log1p(la) / 8 - Math.log1p(exp) / 12 + (random() - 0.5) * 0.6;
    return {
      sha: String(i),
      date: i,
      metrics: metrics({ la, ld: Math.floor(la / 3), exp }),
      bug: risk > 0.25 ? 1 : 0,
    };
  });
}

describe('trainRiskModel and scoreChange', () => {
  const model = trainRiskModel(synthetic(600, 1), ['synthetic'], SMALL);

  it('is deterministic: same data and seed, same model', () => {
    expect(serialiseRiskModel(trainRiskModel(synthetic(600, 1), ['synthetic'], SMALL))).toBe(
      serialiseRiskModel(model),
    );
  });

  it('scores a big change by a newcomer above a small one by a veteran, with reasons', () => {
    const risky = scoreChange(model, metrics({ la: 1500, ld: 400, exp: 1 }));
    const safe = scoreChange(model, metrics({ la: 2, ld: 1, exp: 400 }));

    expect(risky.score).toBeGreaterThan(safe.score);
    expect(risky.score).toBeLessThanOrEqual(100);
    expect(safe.score).toBeGreaterThanOrEqual(0);
    expect(risky.reasons.join('; ')).toContain('lines added (1500)');
  });

  it.each([
    [{ aiAssisted: true }, 'AI-assisted change (assumed adjustment, not learned)'],
    [{ blastRadiusScore: 80 }, 'blast radius score 80 (assumed adjustment, not learned)'],
    [{ mostCriticalTier: 1 }, 'reaches a tier-1 service (assumed adjustment, not learned)'],
  ])('raises the score for extras %j and says so', (extras, reason) => {
    const m = metrics({ la: 40, ld: 10 });
    const plain = scoreChange(model, m);

    const adjusted = scoreChange(model, m, extras);

    expect(adjusted.score).toBeGreaterThan(plain.score);
    expect(adjusted.probability).toBe(plain.probability);
    expect(adjusted.reasons).toContain(reason);
  });

  it.each([
    [{}, 'not a blastwall risk model (format field)'],
    [{ format: 'blastwall-risk-model', version: 2 }, 'unsupported model version 2'],
  ])('rejects %j as a model', (value, problem) => {
    expect(riskModelProblem(value)).toBe(problem);
  });

  it('accepts its own serialised form', () => {
    expect(riskModelProblem(JSON.parse(serialiseRiskModel(model)))).toBeUndefined();
  });
});

describe('evaluateChronologically', () => {
  it.skipIf(!DATA)('beats the best published AUC on jdt (0.676) with the shipped configuration', () => {
    const rows = parseJitCsv(readFileSync(`${DATA}/jdt.csv`, 'utf8'));

    const result = evaluateChronologically(rows);

    expect(result.testChanges).toBe(656);
    expect(result.auc).toBeGreaterThan(0.676);
  });
});
