import type { AddedRun } from '../../core/provenance/attestation-match.js';
import { runGit } from '../git/run-git.js';

/** The lines a change adds: for the whole change (against the merge-base) and per commit. */
export interface AddedLines {
  change: AddedRun[];
  commits: Map<string, AddedRun[]>;
}

const DIFF_FLAGS = ['-U0', '--no-color', '--no-ext-diff', '-M'];

/**
 * Reads the added lines of base...head and of each commit in base..head, with as few git runs as it can.
 * `changePatch`: the change's diff (-U0) when the caller read it already, with the change's files.
 */
export async function readAddedLines(
  repo: string,
  base: string,
  head: string,
  commitShas: readonly string[],
  changePatch?: string,
): Promise<AddedLines> {
  const changeDiff = changePatch ?? runGit(repo, ['diff', ...DIFF_FLAGS, `${base}...${head}`]);
  // One commit is the whole change: its diff is not read twice.
  const log =
    commitShas.length > 1
      ? runGit(repo, ['log', '-p', ...DIFF_FLAGS, '--format=%x01%H', `${base}..${head}`])
      : Promise.resolve('');
  const change = parseAddedRuns(await changeDiff);
  const commits = new Map<string, AddedRun[]>();
  if (commitShas.length === 1) commits.set(commitShas[0]!, change);
  else for (const [sha, text] of splitLog(await log)) commits.set(sha, parseAddedRuns(text));
  return { change, commits };
}

function splitLog(output: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of output.split('\x01')) {
    if (part === '') continue;
    const newline = part.indexOf('\n');
    out.push([part.slice(0, newline === -1 ? part.length : newline).trim(), part.slice(newline + 1)]);
  }
  return out;
}

/**
 * The added lines of a unified diff (-U0), one run per hunk. Walked line by line without splitting: only the
 * added lines and the headers become strings (a change's patch is mostly removed lines and headers).
 */
export function parseAddedRuns(diff: string): AddedRun[] {
  const runs: AddedRun[] = [];
  let file = '';
  let run: AddedRun | undefined;
  let inHunk = false;
  let start = 0;
  for (let at = 0; at < diff.length;) {
    let end = diff.indexOf('\n', at);
    if (end === -1) end = diff.length;
    const first = diff.charCodeAt(at);
    if (first === 0x64 /* d */ && diff.startsWith('diff --git ', at)) {
      inHunk = false;
      run = undefined;
    } else if (first === 0x2b /* + */) {
      if (inHunk) {
        if (!run) {
          run = { file, start, lines: [] };
          runs.push(run);
        }
        run.lines.push(diff.slice(at + 1, end));
      } else if (diff.startsWith('+++ ', at)) file = diff.slice(at + 4, end).replace(/^b\//, '');
    } else if (first === 0x40 /* @ */ && diff.startsWith('@@', at)) {
      inHunk = true;
      run = undefined;
      start = Number(/\+(\d+)/.exec(diff.slice(at, end))?.[1] ?? 0);
    }
    at = end + 1;
  }
  return runs;
}
