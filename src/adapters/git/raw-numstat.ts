import type { FileChange } from '../../core/model.js';

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
