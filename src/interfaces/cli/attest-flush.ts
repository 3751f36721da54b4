import { spawn } from 'node:child_process';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { dataDir } from '../../adapters/attest/key.js';
import { outboxFile } from '../../adapters/attest/outbox.js';

// How a hook has its queued attestations sent without waiting for the network itself: a one-shot hook process
// starts a detached `blastwall attest flush`; the warm hook daemon sends them itself after answering. Either at
// most once per FLUSH_EVERY_MS, so a burst of writes costs one flush, and the median hook none.

/** Least time between two flushes started by hooks. */
export const FLUSH_EVERY_MS = 30_000;

/** Starts a flush after a hook queued records; how it runs depends on the process (see below). */
export type AttestFlush = (env: Record<string, string | undefined>, cwd: string) => void;

/**
 * Claims the flush slot: true (and the stamp moved to now) when the last flush started long enough ago.
 * `BLASTWALL_ATTEST_AUTOFLUSH=off` leaves the queue to `blastwall attest flush`/`push`.
 */
function due(env: Record<string, string | undefined>, now: number): boolean {
  if (env.BLASTWALL_ATTEST_AUTOFLUSH === 'off') return false;
  const stamp = `${outboxFile(dataDir(env))}.flushed`;
  try {
    if (now - statSync(stamp).mtimeMs < FLUSH_EVERY_MS) return false;
    utimesSync(stamp, now / 1000, now / 1000);
  } catch {
    try {
      writeFileSync(stamp, '', { mode: 0o600 });
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * A one-shot hook process: a detached `blastwall attest flush` with the hook's environment, when this process was
 * started from blastwall's bin (a test harness or an embedding is not: its records wait for the next flush).
 */
export function spawnedFlush(bin: string | undefined = process.argv[1]): AttestFlush {
  return (env, cwd) => {
    if (bin === undefined || basename(bin) !== 'blastwall.js' || !due(env, Date.now())) return;
    const child = spawn(process.execPath, [bin, 'attest', 'flush', '--quiet'], {
      cwd,
      env: env as NodeJS.ProcessEnv,
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    child.unref();
  };
}

/** A long-running process (the hook daemon): the send runs in it, after the answer, one at a time. */
export function inProcessFlush(
  send: (env: Record<string, string | undefined>) => Promise<unknown>,
): AttestFlush {
  let running: Promise<unknown> | undefined;
  return (env) => {
    if (running || !due(env, Date.now())) return;
    running = send(env)
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
      });
  };
}
