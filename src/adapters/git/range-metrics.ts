import { MetricsCalculator, type MetricsCommit } from '../../core/risk/metrics.js';
import type { ChangeMetrics } from '../../core/risk/types.js';
import { parseNumstat, readHistory, runGit } from './history.js';

/** The metrics of a range taken as one change, and the commits it is made of. */
export interface RangeChange {
  commits: MetricsCommit[];
  metrics: ChangeMetrics;
}

/**
 * Metrics of `base...head` as the one change that lands (as if squashed): sizes from the range's net diff,
 * history from everything before the range, author and time of its last commit. A commit that adds 557 lines
 * which a later commit of the range removes again does not make the change "557 lines added".
 * Undefined when the range holds no commit.
 */
export async function rangeChangeMetrics(
  repo: string,
  base: string,
  head: string,
): Promise<RangeChange | undefined> {
  const [listed, numstat] = await Promise.all([
    runGit(repo, ['rev-list', '--no-merges', `${base}..${head}`, '--']),
    runGit(repo, ['diff', '-M', '--numstat', `${base}...${head}`, '--']),
  ]);
  const wanted = new Set(listed.split('\n').filter(Boolean));
  if (wanted.size === 0) return undefined;
  const calculator = new MetricsCalculator();
  const commits: MetricsCommit[] = [];
  // The range's own commits are left out of the history the change is measured against.
  for await (const commit of readHistory({ repo, tip: head })) {
    if (wanted.has(commit.sha)) commits.push(commit);
    else calculator.remember(commit);
  }
  const last = commits.at(-1);
  if (!last) return undefined;
  const squashed: MetricsCommit = {
    sha: last.sha,
    author: last.author,
    time: last.time,
    message: commits.map((c) => c.message).join('\n\n'),
    files: numstat.split('\n').filter(Boolean).map(parseNumstat),
  };
  return { commits, metrics: calculator.next(squashed) };
}
