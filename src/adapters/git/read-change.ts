import type { Change, Commit, FileChange } from '../../core/model.js';
import { BlastwallError } from '../../core/errors.js';
import { runGit } from './run-git.js';

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
    runGit(repo, ['diff', '-z', '--raw', '--numstat', '-M', '--no-abbrev', mergeBase, head]),
    readAiNotes(repo),
  ]);
  const commits = parseLog(log);
  for (const commit of commits) {
    const note = notes.get(commit.sha);
    if (note !== undefined) commit.aiNote = note;
  }
  return { base, head, commits, files: parseRawNumstat(diff), labels: [] };
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

const STATUS: Record<string, FileChange['status']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/** Parses `git diff -z --raw --numstat -M`: raw records first, then numstat records, all NUL-separated. */
export function parseRawNumstat(output: string): FileChange[] {
  const parts = output.split('\0');
  const files: FileChange[] = [];
  const byPath = new Map<string, FileChange>();
  let i = 0;
  while (i < parts.length) {
    const part = parts[i] ?? '';
    if (part.startsWith(':')) {
      const letter = part.split(' ')[4]?.[0] ?? 'M';
      const status = STATUS[letter] ?? 'modified';
      if (letter === 'R' || letter === 'C') {
        const file: FileChange = {
          path: parts[i + 2] ?? '',
          oldPath: parts[i + 1] ?? '',
          added: 0,
          deleted: 0,
          binary: false,
          status,
        };
        files.push(file);
        byPath.set(file.path, file);
        i += 3;
      } else {
        const file: FileChange = { path: parts[i + 1] ?? '', added: 0, deleted: 0, binary: false, status };
        files.push(file);
        byPath.set(file.path, file);
        i += 2;
      }
      continue;
    }
    if (part === '') {
      i++;
      continue;
    }
    // numstat: "added\tdeleted\tpath" or, for renames, "added\tdeleted\t" followed by old and new paths.
    const [added = '0', deleted = '0', path = ''] = part.replace(/^\n/, '').split('\t');
    let target = path;
    if (path === '') {
      target = parts[i + 2] ?? '';
      i += 3;
    } else {
      i += 1;
    }
    const file = byPath.get(target);
    if (!file) continue;
    if (added === '-' && deleted === '-') file.binary = true;
    else {
      file.added = Number(added);
      file.deleted = Number(deleted);
    }
  }
  return files;
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
