import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * A cache of derived JSON (parsed config, policy metadata). Keys are content hashes of the inputs, or the value
 * carries a stamp of what it was derived from that the reader checks (the catalog file list: the git index).
 */
export interface JsonCache {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** The cache folder: $BLASTWALL_CACHE_DIR, else $XDG_CACHE_HOME/blastwall, else ~/.cache/blastwall. */
export function cacheDir(env: Record<string, string | undefined>): string {
  return (
    env.BLASTWALL_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(env.HOME ?? homedir(), '.cache'), 'blastwall')
  );
}

/** sha256 of the given parts, hex. A buffer counts as its bytes, a string as its UTF-8 encoding. */
export function contentKey(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * A cache on disk. It is only an optimisation: every failure to read or write is ignored, and because keys
 * are hashes of the inputs, a stale entry can never be returned for changed input.
 */
export function fileCache(dir: string | undefined): JsonCache {
  if (!dir || dir === 'off') return { get: () => undefined, set: () => undefined };
  return {
    get<T>(key: string): T | undefined {
      try {
        return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as T;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      try {
        mkdirSync(dir, { recursive: true });
        const temp = join(dir, `${key}.${process.pid}.tmp`);
        writeFileSync(temp, JSON.stringify(value));
        renameSync(temp, join(dir, `${key}.json`));
      } catch {
        // A cache that cannot be written only costs speed.
      }
    },
  };
}
