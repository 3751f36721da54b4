// Signing is computation, not I/O: node:crypto's Ed25519 keeps core pure. Keys are passed in as KeyObjects.
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { AuditRecord, ChainHead } from './chain.js';
import { canonicalJson } from './canonical-json.js';

/**
 * A signed statement "the chain ended at seq with hash, after the previous checkpoint": made with a key
 * that lives outside the store, so whoever can write the database can recompute every hash of a
 * rewritten chain but cannot sign its new head.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** When it was signed (ISO-8601). */
  at: string;
  /** The checkpoint before this one (seq 0 and the genesis hash for the first): removing one breaks the link. */
  prevSeq: number;
  prevHash: string;
  /** Which key signed it: the first 16 hex digits of sha256 over the public key (SPKI DER). */
  keyId: string;
  /** Ed25519 over `checkpointMessage`, base64. */
  signature: string;
}

/** The bytes a checkpoint's signature covers: a domain tag and the canonical JSON of its fields. */
export function checkpointMessage(checkpoint: Omit<Checkpoint, 'signature'>): Buffer {
  const { seq, hash, at, prevSeq, prevHash, keyId } = checkpoint;
  return Buffer.from(
    `blastwall audit checkpoint v1\n${canonicalJson({ seq, hash, at, prevSeq, prevHash, keyId })}`,
  );
}

/** The id of a public key (see Checkpoint.keyId). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

/** Signs the head of the chain as the checkpoint after `previous` (absent: the first). */
export function signCheckpoint(
  head: ChainHead,
  previous: ChainHead | undefined,
  at: string,
  privateKey: KeyObject,
  publicKey: KeyObject,
): Checkpoint {
  const unsigned = {
    seq: head.seq,
    hash: head.hash,
    at,
    prevSeq: previous?.seq ?? 0,
    prevHash: previous?.hash ?? '',
    keyId: keyIdOf(publicKey),
  };
  return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), privateKey).toString('base64') };
}

/** Whether a checkpoint was signed by `publicKey` exactly as it reads. */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey: KeyObject): boolean {
  if (checkpoint.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(
      null,
      checkpointMessage(checkpoint),
      publicKey,
      Buffer.from(checkpoint.signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** The outcome of checking checkpoints against a chain that has already verified on its own. */
export type CheckpointVerdict =
  | { ok: true; count: number; latest?: Checkpoint }
  | {
      ok: false;
      count: number;
      seq: number;
      problem: 'checkpoint-forged' | 'chain-rewritten';
      message: string;
    };

/**
 * Checks, oldest first, that every checkpoint is signed by `publicKey`, links to the one before it, and
 * still matches the record it signed; then that the `anchor` (a checkpoint kept elsewhere) does too and
 * is among them. The first failure is named: a rewritten chain fails at the first checkpoint signed
 * after the rewritten records, a forged checkpoint at itself.
 */
export function verifyCheckpoints(
  records: ReadonlyMap<number, AuditRecord>,
  checkpoints: readonly Checkpoint[],
  publicKey: KeyObject,
  anchor?: Checkpoint,
): CheckpointVerdict {
  let previous: Checkpoint | undefined;
  let count = 0;
  const fail = (seq: number, problem: 'checkpoint-forged' | 'chain-rewritten', message: string) =>
    ({ ok: false, count, seq, problem, message }) as const;
  for (const checkpoint of checkpoints) {
    if (!checkpointSignatureValid(checkpoint, publicKey))
      return fail(
        checkpoint.seq,
        'checkpoint-forged',
        `checkpoint ${checkpoint.seq} is forged: its signature does not verify with the audit key ${keyIdOf(publicKey)}`,
      );
    if (checkpoint.prevSeq !== (previous?.seq ?? 0) || checkpoint.prevHash !== (previous?.hash ?? ''))
      return fail(
        checkpoint.seq,
        'checkpoint-forged',
        `checkpoint ${checkpoint.seq} follows checkpoint ${checkpoint.prevSeq}, which is not the one stored before it (${previous?.seq ?? 'none'}): checkpoints were removed`,
      );
    const record = records.get(checkpoint.seq);
    if (!record || record.hash !== checkpoint.hash)
      return fail(
        checkpoint.seq,
        'chain-rewritten',
        `checkpoint ${checkpoint.seq} is forged or the chain was rewritten: record ${checkpoint.seq} ${record ? 'no longer has the hash that was signed' : 'is gone'}`,
      );
    previous = checkpoint;
    count += 1;
  }
  if (anchor) {
    if (!checkpointSignatureValid(anchor, publicKey))
      return fail(
        anchor.seq,
        'checkpoint-forged',
        `the anchor (checkpoint ${anchor.seq}) does not verify with the audit key`,
      );
    const record = records.get(anchor.seq);
    if (!record || record.hash !== anchor.hash)
      return fail(
        anchor.seq,
        'chain-rewritten',
        `the chain was rewritten: record ${anchor.seq} ${record ? 'does not have the hash of the anchor' : 'is gone'} (anchor signed ${anchor.at})`,
      );
    if (!checkpoints.some((c) => c.seq === anchor.seq && c.signature === anchor.signature))
      return fail(
        anchor.seq,
        'checkpoint-forged',
        `checkpoint ${anchor.seq} of the anchor is missing from the store: checkpoints were removed`,
      );
  }
  return { ok: true, count, ...(previous && { latest: previous }) };
}
