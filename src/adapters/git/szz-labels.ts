import { isFixCommit } from '../../core/risk/fix-commit.js';
import type { LabelledChange } from '../../core/risk/types.js';
import { historyMetrics, runGit, type CommitMetrics } from './history.js';

/** Lines of one file, in the parent of a fix, that the fix deleted or changed. */
export interface TouchedLines {
  path: string;
  /** [first line, count] ranges in the parent's version. */
  ranges: Array<[number, number]>;
}

/** Reads `git diff -U0` output: for every file that existed before, the old-side line ranges its hunks remove or change. */
export function parseZeroContextDiff(diff: string): TouchedLines[] {
  const out: TouchedLines[] = [];
  let current: TouchedLines | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('--- ')) {
      const path = line.slice(4);
      current = path === '/dev/null' ? undefined : { path: path.replace(/^a\//, ''), ranges: [] };
      if (current) out.push(current);
      continue;
    }
    const hunk = /^@@ -(\d+)(?:,(\d+))? \+/.exec(line);
    if (hunk && current) {
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.ranges.push([Number(hunk[1]), count]);
    }
  }
  return out.filter((file) => file.ranges.length > 0);
}

/** Commits that last touched the given lines in `revision` (the commits a fix repairs), from `git blame --porcelain`. */
export async function blameLines(
  repo: string,
  revision: string,
  touched: TouchedLines,
): Promise<Set<string>> {
  const args = [
    'blame',
    '--porcelain',
    ...touched.ranges.flatMap(([start, count]) => ['-L', `${start},+${count}`]),
    revision,
    '--',
    touched.path,
  ];
  const out = await runGit(repo, args).catch(() => '');
  const shas = new Set<string>();
  for (const line of out.split('\n')) {
    const header = /^([0-9a-f]{40}) \d+ \d+/.exec(line);
    if (header?.[1]) shas.add(header[1]);
  }
  return shas;
}

/** What SZZ found: every commit with its label, and how many fixes were traced. */
export interface SzzResult {
  changes: LabelledChange[];
  fixes: number;
}

/**
 * Labels a repository's commits with SZZ: fix commits are found by message (keywords, issue links); the lines each fix
 * deleted or changed are blamed in its parent, and the commits blame names are bug-inducing.
 */
export async function szzLabels(
  repo: string,
  onProgress?: (done: number, total: number) => void,
): Promise<SzzResult> {
  const history: CommitMetrics[] = await historyMetrics({ repo });
  const known = new Set(history.map((c) => c.commit.sha));
  const fixes = history.filter(
    (c) => isFixCommit(c.commit.message) && c.commit.files.some((f) => f.deleted > 0),
  );
  const inducing = new Set<string>();
  let done = 0;
  for (const fix of fixes) {
    const sha = fix.commit.sha;
    const diff = await runGit(repo, [
      'diff',
      '-U0',
      '--no-color',
      '--no-ext-diff',
      '-M',
      `${sha}^`,
      sha,
    ]).catch(() => '');
    for (const touched of parseZeroContextDiff(diff)) {
      for (const culprit of await blameLines(repo, `${sha}^`, touched))
        if (culprit !== sha && known.has(culprit)) inducing.add(culprit);
    }
    onProgress?.(++done, fixes.length);
  }
  const changes = history.map((c) => ({
    sha: c.commit.sha,
    date: c.commit.time,
    metrics: c.metrics,
    bug: inducing.has(c.commit.sha) ? (1 as const) : (0 as const),
  }));
  return { changes, fixes: fixes.length };
}
