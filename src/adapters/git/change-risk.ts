import { readFile } from 'node:fs/promises';
import { BlastwallError } from '../../core/errors.js';
import { commitProvenance } from '../../core/provenance/index.js';
import { riskModelProblem, scoreChange, type RiskModel } from '../../core/risk/model.js';
import type { ChangeMetrics, RiskExtras, RiskScore } from '../../core/risk/types.js';
import type { MetricsCommit } from '../../core/risk/metrics.js';
import { rangeMetrics } from './history.js';
import { rangeChangeMetrics } from './range-metrics.js';

/** The default weights shipped with blastwall (trained on the four projects of the JIT data). */
export const DEFAULT_MODEL_URL = new URL('../../../models/default-risk-model.json', import.meta.url);

/** Reads and checks a model file; a bad file is a usage error naming it. */
export async function loadRiskModel(path?: string): Promise<RiskModel> {
  const where = path ?? DEFAULT_MODEL_URL;
  const name = path ?? 'the default risk model';
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(where, 'utf8'));
  } catch (error) {
    throw new BlastwallError(
      'usage',
      `${name}: cannot read model (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
      { cause: error },
    );
  }
  const problem = riskModelProblem(parsed);
  if (problem) throw new BlastwallError('usage', `${name}: ${problem}`);
  return parsed as RiskModel;
}

/** One scored commit. */
export interface ScoredCommit extends RiskScore {
  sha: string;
  author: string;
  subject: string;
  aiAssisted: boolean;
  metrics: ChangeMetrics;
}

/** True when the commit's message or author carries AI provenance evidence. */
function isAiAssisted(c: MetricsCommit): boolean {
  const commit = {
    sha: c.sha,
    parents: [],
    authorName: '',
    authorEmail: c.author,
    committerName: '',
    committerEmail: c.author,
    authoredAt: c.time,
    message: c.message,
    files: [],
  };
  return commitProvenance(commit, []).aiAssisted;
}

/** Scores every commit of a range against its full history; AI provenance is added as an extra. */
export async function scoreRange(
  repo: string,
  range: string,
  model: RiskModel,
  extras: RiskExtras = {},
): Promise<ScoredCommit[]> {
  const commits = await rangeMetrics(repo, range);
  return commits.map((entry) => {
    const aiAssisted = extras.aiAssisted ?? isAiAssisted(entry.commit);
    return {
      sha: entry.commit.sha,
      author: entry.commit.author,
      subject: entry.commit.message.split('\n', 1)[0] ?? '',
      aiAssisted,
      metrics: entry.metrics,
      ...scoreChange(model, entry.metrics, { ...extras, aiAssisted }),
    };
  });
}

/**
 * A change's risk for `check` and the server: the range scored as the one change that lands, so the figures in
 * its reasons are the range's own (the lines it adds, the files it touches), not one of its commits'.
 * Undefined for an empty range.
 */
export async function changeRisk(
  repo: string,
  base: string,
  head: string,
  model?: RiskModel,
  extras: RiskExtras = {},
): Promise<{ score: number; reasons: string[] } | undefined> {
  const range = await rangeChangeMetrics(repo, base, head);
  if (!range) return undefined;
  const aiAssisted = extras.aiAssisted ?? range.commits.some(isAiAssisted);
  const scored = scoreChange(model ?? (await loadRiskModel()), range.metrics, { ...extras, aiAssisted });
  return { score: scored.score, reasons: scored.reasons };
}
