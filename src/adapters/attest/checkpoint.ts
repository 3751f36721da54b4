import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync, type BigIntStats } from 'node:fs';

// Verifying every record's signature at every check costs ~0.1 ms a record. A checkpoint, signed with the same
// key, says "the first N bytes of the store, with this SHA-256, were verified and these lines were ignored": a
// check verifies one signature and one hash, then only the records appended since.
//
// Hashing a large store is itself a share of every check. So a checkpoint also records the store's file identity
// (`StoreStat`: device, inode, size, modification and change times in nanoseconds) when it was taken, and a
// store whose identity is unchanged is not hashed again. That is exact, not a guess: every write to a file sets
// its change time (ctime) to the kernel's clock, and no unprivileged process can set a ctime back (utimes sets
// mtime, and moves ctime to now). The one gap is a write landing in the same clock tick as an earlier one, so
// an identity is recorded only for a store last changed `RACY_MS` or more before the checkpoint (git's "racily
// clean" rule); a store written later than that is hashed, as before.
//
// The checkpoint also names the SHA-256 of the line index written with it (line-index.ts), so a check trusts that
// index only as far as it trusts the checkpoint.

/** What an earlier check verified. */
export interface Checkpoint {
  bytes: number;
  sha256: string;
  /** Line numbers (1-based) within the first `bytes` that were ignored, with why. */
  ignored: string[];
  /** The store's identity when the checkpoint was taken (see `storeStat`); absent in older checkpoints. */
  stat?: string;
  /** SHA-256 of the line index of the verified bytes (line-index.ts); absent in older checkpoints. */
  index?: string;
}

/** How long after its last change a store's identity can be trusted to change on the next write (see above). */
export const RACY_MS = 2000;

/** The identity of the store file as read: device, inode, size, mtime and ctime (ns). */
export interface StoreStat {
  key: string;
  /** Whether it was last changed long enough ago to be recorded in a checkpoint (see `RACY_MS`). */
  settled: boolean;
}

/** The identity of an open file; `now` is the wall clock in ms. */
export function storeStat(stat: BigIntStats, now: number): StoreStat {
  return {
    key: [stat.dev, stat.ino, stat.size, stat.mtimeNs, stat.ctimeNs].join(':'),
    settled: now - Number(stat.ctimeMs) >= RACY_MS,
  };
}

function payload(checkpoint: Checkpoint): Buffer {
  const fields: unknown[] = [checkpoint.bytes, checkpoint.sha256, checkpoint.ignored];
  // Checkpoints written before the identity (or the index) was recorded are signed without it; with an index, the
  // identity's place is always filled, so neither can be read as the other.
  if (checkpoint.stat !== undefined || checkpoint.index !== undefined) fields.push(checkpoint.stat ?? null);
  if (checkpoint.index !== undefined) fields.push(checkpoint.index);
  return Buffer.from(JSON.stringify(fields));
}

// The last checkpoint whose signature verified, with its text and key (kept apart from what callers are handed).
let lastVerified: { text: string; key: KeyObject; checkpoint: Checkpoint } | undefined;

/** The checkpoint at `file` when it is well-formed and signed by `key`, whatever store it describes. */
export function readSignedCheckpoint(file: string, key: KeyObject): Checkpoint | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    // The same bytes under the same key verify the same way: a process that checks again verifies once.
    if (lastVerified?.text === text && lastVerified.key === key)
      return { ...lastVerified.checkpoint, ignored: [...lastVerified.checkpoint.ignored] };
    const value = JSON.parse(text) as Checkpoint & { sig: string };
    const checkpoint: Checkpoint = {
      bytes: value.bytes,
      sha256: value.sha256,
      ignored: value.ignored,
      ...(value.stat !== undefined && { stat: value.stat }),
      ...(value.index !== undefined && { index: value.index }),
    };
    if (!Number.isInteger(checkpoint.bytes)) return undefined;
    if (!Array.isArray(checkpoint.ignored) || !checkpoint.ignored.every((i) => typeof i === 'string'))
      return undefined;
    if (checkpoint.stat !== undefined && typeof checkpoint.stat !== 'string') return undefined;
    if (checkpoint.index !== undefined && typeof checkpoint.index !== 'string') return undefined;
    if (!verify(null, payload(checkpoint), key, Buffer.from(String(value.sig), 'base64'))) return undefined;
    lastVerified = { text, key, checkpoint: { ...checkpoint, ignored: [...checkpoint.ignored] } };
    return checkpoint;
  } catch {
    return undefined;
  }
}

/**
 * The checkpoint when it is signed by `key` and still describes the store's beginning. A validly signed one that
 * no longer does means records were removed or rewritten after a check verified them: that is `problem`, said to
 * the person, since a removed record would otherwise leave no trace. Neither when there is no usable checkpoint.
 * `stat`: the store's identity as it was read (undefined when it changed while being read); when the checkpoint
 * recorded the same identity, the store is the one it verified and is not hashed again.
 */
export function readCheckpoint(
  file: string,
  store: Buffer,
  key: KeyObject,
  stat?: StoreStat,
): { checkpoint?: Checkpoint; problem?: string } {
  const checkpoint = readSignedCheckpoint(file, key);
  if (!checkpoint) return {};
  if (checkpoint.stat !== undefined && checkpoint.stat === stat?.key && checkpoint.bytes <= store.length)
    return { checkpoint };
  if (checkpoint.bytes > store.length)
    return {
      problem: `${file}: the store holds ${store.length} bytes, fewer than the ${checkpoint.bytes} a signed checkpoint verified: records were removed`,
    };
  const hash = createHash('sha256').update(store.subarray(0, checkpoint.bytes)).digest('hex');
  if (hash !== checkpoint.sha256)
    return {
      problem: `${file}: the first ${checkpoint.bytes} bytes of the store changed after a signed checkpoint verified them: records were rewritten or removed`,
    };
  return { checkpoint };
}

/**
 * Writes a signed checkpoint; a failure only costs the next check time, so it is ignored. `stat` is recorded when
 * it describes exactly the `store` read and that store had settled (see `RACY_MS`); `index` is the SHA-256 of the
 * line index written for the same bytes.
 */
export function writeCheckpoint(
  file: string,
  store: Buffer,
  bytes: number,
  ignored: string[],
  key: KeyObject,
  stat?: StoreStat,
  index?: string,
): void {
  const checkpoint: Checkpoint = {
    bytes,
    sha256: createHash('sha256').update(store.subarray(0, bytes)).digest('hex'),
    ignored,
    ...(stat?.settled && { stat: stat.key }),
    ...(index !== undefined && { index }),
  };
  const sig = sign(null, payload(checkpoint), key).toString('base64');
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ ...checkpoint, sig }), { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    // the next check verifies from the start again
  }
}
