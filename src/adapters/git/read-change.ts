import type { Change, Commit } from '../../core/model.js';
import { BlastwallError } from '../../core/errors.js';
import { readDiff } from './read-diff.js';
import { runGit } from './run-git.js';

export { parseRawNumstat } from './raw-numstat.js';

const FIELD = '\x1f';
const RECORD = '\x1e';
const LOG_FORMAT = ['%H', '%P', '%an', '%ae', '%cn', '%ce', '%at', '%B'].join('%x1f') + '%x1e';

/** A range to read: BASE..HEAD, or HEAD alone to compare with the merge-base of the default branch. */
export interface RangeSpec {
  base?: string;
  head: string;
}

/** Splits `A..B` / `A...B` / `B` into a range spec. */
export function parseRange(range: string | undefined): RangeSpec {
  if (!range) return { head: 'HEAD' };
  const match = /^(.*?)\.{2,3}(.*)$/.exec(range);
  if (!match) return { head: range };
  return { base: match[1] || undefined, head: match[2] || 'HEAD' } as RangeSpec;
}

/** The default branch: origin's HEAD when known, else main or master. */
export async function defaultBranch(repo: string): Promise<string | undefined> {
  const remoteHead = (
    await runGit(repo, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD'], { allowFailure: true })
  ).trim();
  if (remoteHead) return remoteHead;
  for (const candidate of ['main', 'master']) {
    const found = await runGit(repo, ['rev-parse', '-q', '--verify', `refs/heads/${candidate}`], {
      allowFailure: true,
    });
    if (found.trim()) return candidate;
  }
  return undefined;
}

/** Reads the commits and net file changes of a range with two git calls (plus notes when present). */
export async function readChange(repo: string, spec: RangeSpec): Promise<Change> {
  const head = await resolveCommit(repo, spec.head);
  let base: string;
  if (spec.base) {
    base = await resolveCommit(repo, spec.base);
  } else {
    const branch = await defaultBranch(repo);
    if (!branch)
      throw new BlastwallError(
        'usage',
        'no default branch (main or master) to compare with; give a range like BASE..HEAD',
      );
    base = (await runGit(repo, ['merge-base', branch, head])).trim();
  }
  const mergeBase = (await runGit(repo, ['merge-base', base, head], { allowFailure: true })).trim() || base;
  const [log, diff, notes] = await Promise.all([
    runGit(repo, ['log', '-z', `--format=${LOG_FORMAT}`, `${base}..${head}`]),
    readDiff(repo, mergeBase, head),
    readAiNotes(repo),
  ]);
  const commits = parseLog(log);
  for (const commit of commits) {
    const note = notes.get(commit.sha);
    if (note !== undefined) commit.aiNote = note;
  }
  const change: Change = { base, head, commits, files: diff.files, labels: [] };
  if (diff.notes.length > 0) change.notes = diff.notes;
  return change;
}

async function resolveCommit(repo: string, rev: string): Promise<string> {
  const sha = (
    await runGit(repo, ['rev-parse', '-q', '--verify', `${rev}^{commit}`], { allowFailure: true })
  ).trim();
  if (!sha) throw new BlastwallError('usage', `"${rev}" is not a commit in ${repo}`);
  return sha;
}

/** Parses `git log -z` output in LOG_FORMAT. */
export function parseLog(output: string): Commit[] {
  const commits: Commit[] = [];
  for (let record of output.split(RECORD)) {
    record = record.replace(/^[\0\n]+/, '');
    if (!record) continue;
    const [
      sha = '',
      parents = '',
      authorName = '',
      authorEmail = '',
      committerName = '',
      committerEmail = '',
      at = '0',
      ...rest
    ] = record.split(FIELD);
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      authorName,
      authorEmail,
      committerName,
      committerEmail,
      authoredAt: Number(at),
      message: rest.join(FIELD).replace(/\0$/, ''),
      files: [],
    });
  }
  return commits;
}

async function readAiNotes(repo: string): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  const exists = (
    await runGit(repo, ['rev-parse', '-q', '--verify', 'refs/notes/ai'], { allowFailure: true })
  ).trim();
  if (!exists) return notes;
  const list = await runGit(repo, ['notes', '--ref=ai', 'list']);
  const pairs = list
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ') as [string, string]);
  if (pairs.length === 0) return notes;
  const blobs = await runGit(repo, ['show', ...pairs.map(([blob]) => blob)]);
  // `git show` of several blobs concatenates them; read each separately only when there are few.
  if (pairs.length === 1) {
    notes.set(pairs[0]![1], blobs);
    return notes;
  }
  for (const [blob, commit] of pairs) notes.set(commit, await runGit(repo, ['cat-file', 'blob', blob]));
  return notes;
}
