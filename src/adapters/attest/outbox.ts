import { readdirSync, readFileSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appendLine } from './append.js';

// Records waiting to reach a blastwall server. A hook only appends here (no network on its path); a flush claims
// the file by renaming it, hands its lines to the sender, queues again what was not delivered, and only then
// removes the claimed file. A flush that dies leaves its claimed file, which a later flush adopts: a record is sent
// at least once, never lost (the server ignores one it already holds).

const SENDING = '.sending';

/** The user's outbox, in the blastwall data folder. */
export function outboxFile(dataDirectory: string): string {
  return join(dataDirectory, 'attest-outbox.jsonl');
}

/** One queued record: the signed line as stored, with the workspace whose configuration names its server. */
export interface QueuedLine {
  workspace: string;
  /** The `--config` the hook ran with, when not the workspace's blastwall.yaml. */
  config?: string;
  /** The server and token the hook had from its environment (they name the agent's own token, not the flusher's). */
  server?: string;
  token?: string;
  line: string;
}

/** Queues one signed record line for the server of its workspace. */
export function queueLine(outbox: string, queued: QueuedLine): void {
  appendLine(outbox, JSON.stringify(queued));
}

/** What a flush did: lines handed over and delivered, and lines queued again. */
export interface FlushResult {
  delivered: number;
  requeued: number;
}

/**
 * Hands what waits in the outbox to `deliver`, which resolves to the entries it could not deliver (queued again);
 * when it rejects, every entry is queued again and the rejection is passed on. A claimed file of a process that
 * died is adopted; one of a live process is adopted after `staleMs`.
 */
export async function flushOutbox(
  outbox: string,
  deliver: (queued: QueuedLine[]) => Promise<QueuedLine[]>,
  options: { staleMs?: number; now?: () => number } = {},
): Promise<FlushResult> {
  const now = options.now ?? Date.now;
  const claimed = [...adoptStale(outbox, options.staleMs ?? 120_000, now()), ...claimFresh(outbox, now())];
  if (claimed.length === 0) return { delivered: 0, requeued: 0 };
  const entries: QueuedLine[] = [];
  for (const file of claimed)
    for (const text of readFileSync(file, 'utf8').split('\n')) {
      const entry = text === '' ? undefined : parseQueued(text);
      if (entry) entries.push(entry);
    }
  let left: QueuedLine[];
  let failure: unknown;
  try {
    left = await deliver(entries);
  } catch (error) {
    left = entries;
    failure = error;
  }
  for (const entry of left) queueLine(outbox, entry);
  for (const file of claimed) unlinkSync(file);
  if (failure !== undefined) throw failure;
  return { delivered: entries.length - left.length, requeued: left.length };
}

function parseQueued(text: string): QueuedLine | undefined {
  try {
    const value = JSON.parse(text) as Partial<QueuedLine>;
    if (typeof value.workspace !== 'string' || typeof value.line !== 'string') return undefined;
    return {
      workspace: value.workspace,
      line: value.line,
      ...(typeof value.config === 'string' && { config: value.config }),
      ...(typeof value.server === 'string' && { server: value.server }),
      ...(typeof value.token === 'string' && { token: value.token }),
    };
  } catch {
    // A torn line (a crash mid-append) carries nothing to send; the record itself is in the local store.
    return undefined;
  }
}

/** Whether anything waits to be sent (queued or claimed by a flush that has not finished). */
export function outboxWaiting(outbox: string): boolean {
  return hasLines(outbox) || claimedFiles(outbox).length > 0;
}

function claimFresh(outbox: string, at: number): string[] {
  const claim = `${outbox}.${process.pid}.${at}${SENDING}`;
  try {
    renameSync(outbox, claim);
    return [claim];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function adoptStale(outbox: string, staleMs: number, at: number): string[] {
  const adopted: string[] = [];
  for (const file of claimedFiles(outbox)) {
    const pid = Number(basename(file).split('.').at(-3));
    let age: number;
    try {
      age = at - statSync(file).mtimeMs;
    } catch {
      continue;
    }
    if (alive(pid) && age < staleMs) continue;
    // Renamed to this flush's own name first: of two flushes adopting one file, one wins the rename.
    const mine = `${outbox}.${process.pid}.${at}-${adopted.length}${SENDING}`;
    try {
      renameSync(file, mine);
      adopted.push(mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return adopted;
}

function claimedFiles(outbox: string): string[] {
  const prefix = `${basename(outbox)}.`;
  try {
    return readdirSync(dirname(outbox))
      .filter((name) => name.startsWith(prefix) && name.endsWith(SENDING))
      .map((name) => join(dirname(outbox), name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function hasLines(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch {
    return false;
  }
}
