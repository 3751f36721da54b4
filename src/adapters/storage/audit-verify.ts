import type { Insertable, Kysely, Selectable } from 'kysely';
import { verifyBindings, type BoundRow } from '../../core/audit/binding.js';
import { verifyChain } from '../../core/audit/chain.js';
import { verifyCheckpoints, type Checkpoint } from '../../core/audit/checkpoint.js';
import { readAudit, readHead } from './audit-log.js';
import { readBoundRows } from './row-binding.js';
import type { AuditCheckpointTable, Database } from './schema.js';
import type { AuditVerdict, AuditVerifyOptions } from './types.js';

/** A stored checkpoint row as the core's Checkpoint (PostgreSQL returns bigints as strings). */
export function toCheckpoint(row: Selectable<AuditCheckpointTable>): Checkpoint {
  return {
    seq: Number(row.seq),
    hash: row.hash,
    at: row.at,
    prevSeq: Number(row.prev_seq),
    prevHash: row.prev_hash,
    keyId: row.key_id,
    signature: row.signature,
  };
}

/** The row of a checkpoint. */
export function fromCheckpoint(checkpoint: Checkpoint): Insertable<AuditCheckpointTable> {
  return {
    seq: checkpoint.seq,
    hash: checkpoint.hash,
    at: checkpoint.at,
    prev_seq: checkpoint.prevSeq,
    prev_hash: checkpoint.prevHash,
    key_id: checkpoint.keyId,
    signature: checkpoint.signature,
  };
}

/** Stored checkpoints, oldest first. */
export async function readCheckpoints(db: Kysely<Database>): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map(toCheckpoint);
}

/**
 * One reading of the whole audit: the chain against its head, then (with a public key) the signed
 * checkpoints — the only check a chain rewritten with recomputed hashes fails — then every bound row.
 */
export async function verifyAuditOnce(
  db: Kysely<Database>,
  options: AuditVerifyOptions,
): Promise<AuditVerdict> {
  // Head first: records appended after it are simply not judged, so a live server never looks truncated.
  const head = await readHead(db);
  const records = (await readAudit(db)).filter((record) => record.seq <= head.seq);
  const chain = verifyChain(records, head);
  if (!chain.ok) return chain;
  const stored = await readCheckpoints(db);
  const checkpoints = stored.filter((checkpoint) => checkpoint.seq <= head.seq);
  let latestCheckpoint: Checkpoint | undefined;
  if (options.publicKey) {
    // A checkpoint past the head read above is either signed since (a live server) or signed a chain that
    // was cut short afterwards: the head read again tells them apart.
    const beyond = stored.at(-1);
    if (beyond && beyond.seq > head.seq) {
      const now = await readHead(db);
      if (beyond.seq > now.seq)
        return {
          ok: false,
          count: chain.count,
          seq: beyond.seq,
          problem: 'chain-rewritten',
          message: `checkpoint ${beyond.seq} was signed, but the chain now ends at ${now.seq}: records were deleted`,
        };
    }
    const bySeq = new Map(records.map((record) => [record.seq, record]));
    const signed = verifyCheckpoints(bySeq, checkpoints, options.publicKey, options.anchor);
    if (!signed.ok) return signed;
    latestCheckpoint = signed.latest;
  }
  const rows: BoundRow[] = [];
  for await (const row of readBoundRows(db)) rows.push(row);
  const bound = verifyBindings(records, rows);
  if (!bound.ok)
    return { ok: false, count: chain.count, seq: bound.seq, problem: 'row-edited', message: bound.message };
  return {
    ...chain,
    rows: bound.rows,
    checkpoints: checkpoints.length,
    signaturesChecked: options.publicKey !== undefined,
    ...(latestCheckpoint && { latestCheckpoint }),
  };
}
