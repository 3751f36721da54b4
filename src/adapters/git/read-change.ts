import type { Change, Commit } from '../../core/model.js';
import { BlastwallError } from '../../core/errors.js';
import { branchCommit, refExists } from '../host/git-refs.js';
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

/**
 * Splits `A..B` / `A...B` into a range spec. A single revision means that commit (`REV^..REV`), as
 * `risk score` reads it; no range at all means the current branch against the default branch.
 */
export function parseRange(range: string | undefined): RangeSpec {
  if (!range) return { head: 'HEAD' };
  const match = /^(.*?)\.{2,3}(.*)$/.exec(range);
  if (!match) return { base: `${range}^`, head: range };
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

/** Reads the commits and net file changes of a range with one round of git calls (plus notes when present). */
export async function readChange(repo: string, spec: RangeSpec): Promise<Change> {
  return (await readChangeAndPatch(repo, spec, false)).change;
}

/**
 * A change, and with `patch` its diff with no context (`-U0`, what attestation matching reads), from the same git
 * run as its files; `patch` is absent when it could not be read with them.
 */
export async function readChangeAndPatch(
  repo: string,
  spec: RangeSpec,
  patch: boolean,
): Promise<{ change: Change; patch?: string }> {
  if (spec.base !== undefined && !spec.base.startsWith('-') && !spec.head.startsWith('-'))
    return readNamedRange(repo, spec.base, spec.head, patch);
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
  return readRange(repo, base, head, `${base}...${head}`, patch);
}

/**
 * BASE..HEAD as written: the names are resolved, the commits listed and the files diffed from the merge base
 * (`BASE...HEAD`) by git processes that run at once, instead of four in a row (a push check waits on this).
 */
async function readNamedRange(
  repo: string,
  baseName: string,
  headName: string,
  patch: boolean,
): Promise<{ change: Change; patch?: string }> {
  // Branch names are read from the ref files; only other names (tags, `HEAD~2`) cost a git process.
  const local = [branchCommit(repo, baseName), branchCommit(repo, headName)];
  const [resolved, change] = await Promise.allSettled([
    local[0] !== undefined && local[1] !== undefined
      ? Promise.resolve(local.join('\n'))
      : runGit(repo, ['rev-parse', `${baseName}^{commit}`, `${headName}^{commit}`, '--']),
    readRange(repo, baseName, headName, `${baseName}...${headName}`, patch),
  ]);
  const [base, head] = resolved.status === 'fulfilled' ? resolved.value.trim().split('\n') : [];
  if (base === undefined || head === undefined) {
    // Name the one that is not a commit.
    await resolveCommit(repo, headName);
    await resolveCommit(repo, baseName);
    throw resolved.status === 'rejected' ? resolved.reason : new Error('git rev-parse printed no commits');
  }
  if (change.status === 'rejected') {
    // A full sha or a branch read from the ref files that git does not know: say which, as a usage error.
    await resolveCommit(repo, head);
    await resolveCommit(repo, base);
  }
  // Unrelated histories have no merge base: then the diff is taken from BASE itself.
  const read = change.status === 'fulfilled' ? change.value : await readRange(repo, base, head, base, patch);
  return { ...read, change: { ...read.change, base, head } };
}

async function readRange(
  repo: string,
  base: string,
  head: string,
  diffFrom: string,
  patch: boolean,
): Promise<{ change: Change; patch?: string }> {
  const diffArgs = diffFrom.includes('...') ? [diffFrom] : [diffFrom, head];
  // The diff first: it is the longest of the git processes, and each start blocks this process for a few ms.
  const diffing = readDiff(repo, diffArgs, { patch });
  const [log, diff, notes] = await Promise.all([
    runGit(repo, ['log', '-z', `--format=${LOG_FORMAT}`, '--end-of-options', `${base}..${head}`]),
    diffing,
    readAiNotes(repo),
  ]);
  const commits = parseLog(log);
  for (const commit of commits) {
    const note = notes.get(commit.sha);
    if (note !== undefined) commit.aiNote = note;
  }
  const change: Change = { base, head, commits, files: diff.files, labels: [] };
  if (diff.notes.length > 0) change.notes = diff.notes;
  return diff.patch === undefined ? { change } : { change, patch: diff.patch };
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
  // Most repositories have no AI notes: the ref files say so without starting git.
  const local = refExists(repo, 'refs/notes/ai');
  const exists =
    local ??
    (await runGit(repo, ['rev-parse', '-q', '--verify', 'refs/notes/ai'], { allowFailure: true })).trim() !==
      '';
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
