import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import type { ArchiveEntries } from '../../core/actions/classifiers/deps.js';

/** How long the gate waits for an archive's listing, and the largest archive it lists, before it holds. */
export const ARCHIVE_LIST_MS = 1500;
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
const MAX_OUTPUT = 8 * 1024 * 1024;

/**
 * The member names of a local archive, listed by the system's `tar -t` or `unzip -Z1` (by the name's ending, else
 * tar), bounded in size and time; never throws.
 */
export function archiveEntriesOf(path: string, timeoutMs = ARCHIVE_LIST_MS): ArchiveEntries {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { kind: 'unknown', reason: `${path} is not a regular file` };
    if (stat.size > MAX_ARCHIVE_BYTES)
      return { kind: 'unknown', reason: `${path} (${stat.size} bytes) is larger than blastwall lists` };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'unknown', reason: `${path} could not be read (${code ?? String(error)})` };
  }
  const zip = /\.(zip|jar|war|whl|apk|nupkg|vsix)$/i.test(path);
  const run = spawnSync(zip ? 'unzip' : 'tar', zip ? ['-Z1', path] : ['-tf', path], {
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: MAX_OUTPUT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (run.error !== undefined || run.status !== 0)
    return {
      kind: 'unknown',
      reason: `${zip ? 'unzip' : 'tar'} could not list ${path}${run.error ? ` (${run.error.message})` : ''}`,
    };
  return { kind: 'entries', entries: run.stdout.split('\n').filter((e) => e !== '') };
}
