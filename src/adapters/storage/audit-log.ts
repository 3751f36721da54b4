import type { Kysely, Transaction } from 'kysely';
import { canonicalJson } from '../../core/audit/canonical-json.js';
import { nextRecord, type AuditRecord, type ChainHead } from '../../core/audit/chain.js';
import type { Database } from './schema.js';

/** A transaction that holds the audit chain's head: the only way to append. */
export interface ChainTx {
  trx: Transaction<Database>;
  head: ChainHead;
  now: () => Date;
}

/** What one audit append says; seq, time and hashes are filled in. */
export interface AuditEntry {
  kind: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
}

/**
 * Runs `work` in a transaction that first locks the chain-head row. Updating that row is the
 * first statement on purpose: on PostgreSQL it takes a row lock that makes every other server's
 * append wait, so the chain never forks; on SQLite a first statement that writes takes the
 * database write lock under the busy timeout instead of failing on a stale read snapshot.
 */
export async function withChain<T>(db: Kysely<Database>, now: () => Date, work: (tx: ChainTx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable('audit_head')
      .set((eb) => ({ id: eb.ref('id') }))
      .where('id', '=', 1)
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    const tx: ChainTx = { trx, head: { seq: Number(locked.seq), hash: locked.hash }, now };
    return work(tx);
  });
}

/** Appends one record inside a chain transaction and moves the head. */
export async function appendInTx(tx: ChainTx, entry: AuditEntry): Promise<AuditRecord> {
  const record = nextRecord(tx.head, { at: tx.now().toISOString(), ...entry });
  await tx.trx
    .insertInto('audit_records')
    .values({
      seq: record.seq,
      at: record.at,
      kind: record.kind,
      actor: record.actor,
      subject: record.subject,
      data: canonicalJson(record.data),
      prev_hash: record.prevHash,
      hash: record.hash,
    })
    .execute();
  await tx.trx.updateTable('audit_head').set({ seq: record.seq, hash: record.hash }).where('id', '=', 1).execute();
  tx.head = { seq: record.seq, hash: record.hash };
  return record;
}

/** Reads audit records in chain order. */
export async function readAudit(db: Kysely<Database>, afterSeq = 0, limit?: number): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_records').selectAll().where('seq', '>', afterSeq).orderBy('seq');
  if (limit !== undefined) query = query.limit(limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: Number(row.seq),
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    subject: row.subject,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  }));
}

/** Reads the stored chain head. */
export async function readHead(db: Kysely<Database>): Promise<ChainHead> {
  const row = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}
