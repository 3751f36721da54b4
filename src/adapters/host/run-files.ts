import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

/** Where a path leads with symlinks followed; for a file not there yet, its folder's real place; never throws. */
export function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(path)), basename(path));
    } catch {
      return undefined;
    }
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
