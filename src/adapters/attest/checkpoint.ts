import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

// Verifying every record's signature at every check costs ~0.1 ms a record. A checkpoint, signed with the same
// key, says "the first N bytes of the store, with this SHA-256, were verified and these lines were ignored": a
// check verifies one signature and one hash, then only the records appended since.

/** What an earlier check verified. */
export interface Checkpoint {
  bytes: number;
  sha256: string;
  /** Line numbers (1-based) within the first `bytes` that were ignored, with why. */
  ignored: string[];
}

function payload(checkpoint: Checkpoint): Buffer {
  return Buffer.from(JSON.stringify([checkpoint.bytes, checkpoint.sha256, checkpoint.ignored]));
}

/**
 * The checkpoint when it is signed by `key` and still describes the store's beginning. A validly signed one that
 * no longer does means records were removed or rewritten after a check verified them: that is `problem`, said to
 * the person, since a removed record would otherwise leave no trace. Neither when there is no usable checkpoint.
 */
export function readCheckpoint(
  file: string,
  store: Buffer,
  key: KeyObject,
): { checkpoint?: Checkpoint; problem?: string } {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Checkpoint & { sig: string };
    const checkpoint = { bytes: value.bytes, sha256: value.sha256, ignored: value.ignored };
    if (!Number.isInteger(checkpoint.bytes)) return {};
    if (!Array.isArray(checkpoint.ignored) || !checkpoint.ignored.every((i) => typeof i === 'string'))
      return {};
    if (!verify(null, payload(checkpoint), key, Buffer.from(String(value.sig), 'base64'))) return {};
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
  } catch {
    return {};
  }
}

/** Writes a signed checkpoint; a failure only costs the next check time, so it is ignored. */
export function writeCheckpoint(
  file: string,
  store: Buffer,
  bytes: number,
  ignored: string[],
  key: KeyObject,
): void {
  const checkpoint: Checkpoint = {
    bytes,
    sha256: createHash('sha256').update(store.subarray(0, bytes)).digest('hex'),
    ignored,
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
