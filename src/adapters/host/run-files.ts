import { readdirSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { RunFile } from '../../core/actions/classifiers/deps.js';

/** The largest run file the gate reads before a command runs; a larger one holds the command. */
export const MAX_RUN_FILE_BYTES = 256 * 1024;

/** Reads a file a command would run, following symlinks, bounded in size; never throws. */
export function readRunFile(path: string): RunFile {
  try {
    const stat = statSync(path);
    if (!stat.isFile())
      return stat.isDirectory() ? { kind: 'missing' } : { kind: 'unreadable', reason: 'not a regular file' };
    if (stat.size > MAX_RUN_FILE_BYTES) return { kind: 'too-large', bytes: stat.size };
    return { kind: 'text', text: readFileSync(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unreadable', reason: code ?? (error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Where a path leads with symlinks followed; for a file not there yet, its nearest existing folder's real place
 * with the rest appended (`cfg -> .claude`, so `cfg/new/x.json` leads into .claude); never throws.
 */
export function realPathOf(path: string): string | undefined {
  let existing = path;
  const rest: string[] = [];
  // a bounded walk up: past a few missing levels nothing a link could redirect is left to find
  for (let depth = 0; depth < 64; depth++) {
    try {
      const real = realpathSync(existing);
      return rest.length === 0 ? real : join(real, ...rest.reverse());
    } catch {
      // a link to a file not there yet (`ln -s .claude/settings.json notes.txt` before it exists) leads there
      const link = linkOf(existing);
      if (link !== undefined) {
        existing = resolve(dirname(existing), link);
        continue;
      }
      const parent = dirname(existing);
      if (parent === existing) return undefined;
      rest.push(basename(existing));
      existing = parent;
    }
  }
  return undefined;
}

function linkOf(path: string): string | undefined {
  try {
    return readlinkSync(path);
  } catch {
    return undefined;
  }
}

/** The most entries of one folder the gate lists before a command runs. */
export const MAX_LISTED = 512;

/**
 * The entries of a folder (folders end in `/`), sorted; 'too-many' past MAX_LISTED, so a caller holds rather than
 * judge on part of it; undefined when it cannot be listed. Never throws.
 */
export function listRunFolder(path: string): string[] | 'too-many' | undefined {
  try {
    const entries = readdirSync(path, { withFileTypes: true });
    if (entries.length > MAX_LISTED) return 'too-many';
    return entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name)).sort();
  } catch {
    return undefined;
  }
}
