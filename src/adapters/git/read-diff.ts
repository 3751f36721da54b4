import type { FileChange } from '../../core/model.js';
import { BlastwallError } from '../../core/errors.js';
import { parseRawNumstat } from './raw-numstat.js';
import { runGit } from './run-git.js';

/** The net file changes of a range, and what could not be read (objects missing from a partial snapshot). */
export interface DiffResult {
  files: FileChange[];
  notes: string[];
  /** The range's patch with no context (`-U0`), when asked for and read with the files. */
  patch?: string;
}

/** How many missing objects are worked around before line counts are given up on as a whole. */
const MAX_MISSING = 25;
const MISSING_OBJECT = /unable to read ([0-9a-f]{40,64})|missing (?:blob|object) ([0-9a-f]{40,64})/i;

/** The object a git failure says is missing, if that is what it says. */
export function missingObjectOf(error: unknown): string | undefined {
  if (!(error instanceof BlastwallError)) return undefined;
  const match = MISSING_OBJECT.exec(error.message);
  return match ? (match[1] ?? match[2]) : undefined;
}

function rawRecords(output: string): { path: string; objects: string[] }[] {
  const parts = output.split('\0');
  const out: { path: string; objects: string[] }[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (!part.startsWith(':')) continue;
    const [, , oldObject = '', newObject = ''] = part.split(' ');
    out.push({ path: parts[i + 1] ?? '', objects: [oldObject, newObject] });
    i++;
  }
  return out;
}

/**
 * `git diff --raw --numstat -M` of a range, with `patch` its added lines too (`-p -U0`, as attestation matching
 * reads them) in the same git run: one diff of the trees instead of two. Snapshots and partial clones may lack some
 * blobs: then the files are listed from the trees alone (which need no blob), line counts are read for every
 * file whose blobs are present, and each missing object is named in the notes instead of failing (with no patch).
 */
export async function readDiff(
  repo: string,
  revs: readonly string[],
  options: { patch?: boolean } = {},
): Promise<DiffResult> {
  let missing: string | undefined;
  try {
    const output = await runGit(
      repo,
      [
        'diff',
        '-z',
        '--raw',
        '--numstat',
        '-M',
        '--no-abbrev',
        ...(options.patch ? ['-p', '-U0', '--no-color', '--no-ext-diff'] : []),
        '--end-of-options',
        ...revs,
      ],
      // Through a file, not a pipe, whatever its size: the 2,000-file change's 300 KB list cost this process 4–5 ms
      // more CPU read through a pipe (measured cold, as a check process reads it), a small one costs the same.
      { viaFile: true },
    );
    if (!options.patch) return { files: parseRawNumstat(output), notes: [] };
    // -z ends each raw and numstat field with a NUL, and the patch follows an empty field: the first two NULs in
    // a row (no field is empty before it).
    const split = output.indexOf('\0\0');
    if (split === -1) return { files: parseRawNumstat(output), notes: [], patch: '' };
    return { files: parseRawNumstat(output.slice(0, split + 1)), notes: [], patch: output.slice(split + 2) };
  } catch (error) {
    missing = missingObjectOf(error);
    if (!missing) throw error;
  }
  // Rename detection compares blob contents, so without some blobs the diff is read without it.
  const raw = await runGit(repo, [
    'diff',
    '-z',
    '--raw',
    '--no-renames',
    '--no-abbrev',
    '--end-of-options',
    ...revs,
  ]);
  const files = parseRawNumstat(raw);
  const records = rawRecords(raw);
  const absent = new Set<string>([missing]);
  const unknownPaths = new Set<string>();
  for (let attempt = 0; attempt <= MAX_MISSING; attempt++) {
    for (const record of records)
      if (record.objects.some((o) => absent.has(o))) unknownPaths.add(record.path);
    const excluded = [...unknownPaths].map((path) => `:(exclude,literal)${path}`);
    try {
      const numstat = await runGit(repo, [
        'diff',
        '-z',
        '--numstat',
        '--no-renames',
        '--end-of-options',
        ...revs,
        '--',
        '.',
        ...excluded,
      ]);
      const counted = new Map(parseRawNumstatLines(numstat).map((line) => [line.path, line]));
      for (const file of files) {
        const line = counted.get(file.path);
        if (!line) continue;
        file.added = line.added;
        file.deleted = line.deleted;
        file.binary = line.binary;
      }
      break;
    } catch (error) {
      const next = missingObjectOf(error);
      if (!next || absent.has(next)) throw error;
      absent.add(next);
      if (attempt === MAX_MISSING) {
        for (const file of files) unknownPaths.add(file.path);
      }
    }
  }
  const notes = [...absent].map(
    (object) =>
      `git object ${object} is missing from the repository (a partial clone or snapshot); the change was read without it`,
  );
  if (unknownPaths.size > 0) {
    const listed = [...unknownPaths].slice(0, 10).join(', ');
    const more = unknownPaths.size > 10 ? ` and ${unknownPaths.size - 10} more` : '';
    notes.push(`line counts unknown for ${listed}${more}`);
  }
  return { files, notes };
}

/** `git diff -z --numstat --no-renames`: "added\tdeleted\tpath" records. */
function parseRawNumstatLines(
  output: string,
): { path: string; added: number; deleted: number; binary: boolean }[] {
  const out: { path: string; added: number; deleted: number; binary: boolean }[] = [];
  for (const record of output.split('\0')) {
    const [added = '', deleted = '', path = ''] = record.replace(/^\n/, '').split('\t');
    if (!path) continue;
    const binary = added === '-' && deleted === '-';
    out.push({ path, added: binary ? 0 : Number(added), deleted: binary ? 0 : Number(deleted), binary });
  }
  return out;
}
