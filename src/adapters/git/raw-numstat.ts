import type { FileChange } from '../../core/model.js';

const STATUS: Record<string, FileChange['status']> = {
  A: 'added',
  M: 'modified',
  D: 'deleted',
  R: 'renamed',
  C: 'copied',
  T: 'type-changed',
};

/**
 * Parses `git diff -z --raw --numstat -M`: raw records first, then numstat records, all NUL-separated. Fields are
 * found with indexOf rather than split into arrays: a 2,000-file change is read in a process too short-lived for
 * V8 to optimise this loop, and every array and string it makes is work for the garbage collector.
 */
export function parseRawNumstat(output: string): FileChange[] {
  const parts = output.split('\0');
  const files: FileChange[] = [];
  const byPath = new Map<string, FileChange>();
  let i = 0;
  while (i < parts.length) {
    const part = parts[i]!;
    if (part.charCodeAt(0) === COLON) {
      const letter = statusLetter(part);
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
    // numstat: "added\tdeleted\tpath" or, for renames, "added\tdeleted\t" followed by old and new paths. One
    // leading newline is not part of the record; a missing field reads as "0" (counts) or "" (path).
    const start = part.charCodeAt(0) === NEWLINE ? 1 : 0;
    const firstTab = part.indexOf('\t', start);
    const secondTab = firstTab === -1 ? -1 : part.indexOf('\t', firstTab + 1);
    const added = part.slice(start, firstTab === -1 ? undefined : firstTab);
    const deleted =
      firstTab === -1 ? '0' : part.slice(firstTab + 1, secondTab === -1 ? undefined : secondTab);
    let path = '';
    if (secondTab !== -1) {
      const thirdTab = part.indexOf('\t', secondTab + 1);
      path = part.slice(secondTab + 1, thirdTab === -1 ? undefined : thirdTab);
    }
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

const COLON = 58;
const NEWLINE = 10;
const SPACE = 32;

/** The first letter of a raw record's fifth space-separated field (the status), or M when it has none. */
function statusLetter(record: string): string {
  let at = -1;
  for (let field = 0; field < 4; field++) {
    at = record.indexOf(' ', at + 1);
    if (at === -1) return 'M';
  }
  const first = record.charCodeAt(at + 1);
  return Number.isNaN(first) || first === SPACE ? 'M' : record[at + 1]!;
}
