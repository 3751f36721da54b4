import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
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

/** Most state changes committed in one transaction when many arrive together. */
const MAX_BATCH = 64;

interface Pending {
  work: (tx: ChainTx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs state changes that append to the audit chain; see `createChainWriter`. */
export type ChainWriter = <T>(work: (tx: ChainTx) => Promise<T>) => Promise<T>;

/**
 * Runs each state change in a transaction that first locks the chain-head row, with group commit.
 *
 * Locking the head first is what keeps the chain from forking: on PostgreSQL the row lock makes
 * every other server's append wait; on SQLite a first statement that writes takes the database
 * write lock under the busy timeout instead of failing later on a stale read snapshot.
 *
 * Group commit: changes that arrive while a transaction is running are queued and then run
 * together in the next one, each inside its own savepoint, so one failure rolls back only its
 * own change. The lock and the commit (an fsync on PostgreSQL) are paid once per batch, and no
 * caller is answered before the commit that holds its change has returned.
 */
export function createChainWriter(db: Kysely<Database>, now: () => Date): ChainWriter {
  const queue: Pending[] = [];
  let draining = false;

  async function runBatch(batch: Pending[]): Promise<void> {
    const settled: Array<() => void> = [];
    let trx: ControlledTransaction<Database> | undefined;
    try {
      trx = await db.startTransaction().execute();
      const locked = await trx
        .updateTable('audit_head')
        .set((eb) => ({ id: eb.ref('id') }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const tx: ChainTx = { trx, head: { seq: Number(locked.seq), hash: locked.hash }, now };
      // A lone change needs no savepoint: if it fails, the whole transaction is rolled back.
      if (batch.length === 1) {
        const value = await batch[0]!.work(tx);
        settled.push(() => batch[0]!.resolve(value));
      }
      for (const item of batch.length === 1 ? [] : batch) {
        const before = tx.head;
        await trx.savepoint('change').execute();
        try {
          const value = await item.work(tx);
          await trx.releaseSavepoint('change' as never).execute();
          settled.push(() => item.resolve(value));
        } catch (error) {
          await trx.rollbackToSavepoint('change' as never).execute();
          await trx.releaseSavepoint('change' as never).execute();
          tx.head = before;
          settled.push(() => item.reject(error));
        }
      }
      await trx.commit().execute();
    } catch (error) {
      await trx
        ?.rollback()
        .execute()
        .catch(() => undefined);
      for (const item of batch) item.reject(error);
      return;
    }
    for (const settle of settled) settle();
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, MAX_BATCH));
    } finally {
      draining = false;
    }
  }

  return function runInChain<T>(work: (tx: ChainTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
  };
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
  await tx.trx
    .updateTable('audit_head')
    .set({ seq: record.seq, hash: record.hash })
    .where('id', '=', 1)
    .execute();
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
  const row = await db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { seq: Number(row.seq), hash: row.hash };
}
