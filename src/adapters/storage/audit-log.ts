import type { ControlledTransaction, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { nextRecordWithData, type AuditRecord, type ChainHead } from '../../core/audit/chain.js';
import type { AuditRecordTable, Database } from './schema.js';

/** A transaction that holds the audit chain's head: the only way to append. */
export interface ChainTx {
  trx: Transaction<Database>;
  head: ChainHead;
  now: () => Date;
  /** Rows whose insert waits for the end of the batch (see `insertDeferred`); absent: insert at once. */
  deferred?: DeferredRow[];
}

/** Tables whose rows nothing reads back inside a batch, so their inserts can be gathered. */
export type DeferredTable = 'audit_records' | 'action_decisions';

type DeferredRow = {
  [T in DeferredTable]: { table: T; row: Insertable<Database[T]> };
}[DeferredTable];

/** Rows per multi-row INSERT (well under PostgreSQL's 65,535 parameters). */
const INSERT_CHUNK = 200;

/** What one audit append says; seq, time and hashes are filled in. */
export interface AuditEntry {
  kind: string;
  actor: string;
  subject: string;
  data: Record<string, unknown>;
}

/** Most state changes committed in one transaction when many arrive together. */
const MAX_BATCH = 64;

/** Most synchronous (SQLite fast-path) changes committed in one transaction. */
const MAX_SYNC_BATCH = 256;

/**
 * The chain as a synchronous change on the SQLite connection sees it (see `sqlite-fast.ts`): it
 * appends through the fast path's `append`, which moves `head`; the writer stores the head.
 */
export interface SyncChainTx {
  head: ChainHead;
  now: () => Date;
}

/** The raw SQLite side of a chain writer: runs a batch of synchronous changes in one transaction. */
export interface SyncChainRunner {
  /** True while the connection is inside a transaction (a Kysely one is open). */
  busy(): boolean;
  /**
   * Runs `items` in one write transaction and reports each one's outcome in order; a failing item
   * is rolled back alone. Returns undefined when another connection holds the write lock (the
   * caller retries later).
   */
  run(
    items: ReadonlyArray<(tx: SyncChainTx) => unknown>,
  ): Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> | undefined;
}

interface Pending {
  work?: (tx: ChainTx) => Promise<unknown>;
  sync?: (tx: SyncChainTx) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Runs state changes that append to the audit chain; see `createChainWriter`. */
export interface ChainWriter {
  <T>(work: (tx: ChainTx) => Promise<T>): Promise<T>;
  /** Present on SQLite: runs a synchronous change (prepared statements, no Kysely) in the next group commit. */
  sync?: <T>(work: (tx: SyncChainTx) => T) => Promise<T>;
}

/** How long the writer waits before retrying when another process holds the SQLite write lock. */
const LOCKED_RETRY_MS = 2;
/** After this long waiting for another process's write lock, the batch fails (as busy_timeout would). */
const LOCKED_GIVE_UP_MS = 10_000;

/**
 * Runs each state change in a transaction that first locks the chain-head row, with group commit.
 *
 * Locking the head first is what keeps the chain from forking: on PostgreSQL the row lock makes
 * every other server's append wait; on SQLite a first statement that writes takes the database
 * write lock under the busy timeout instead of failing later on a stale read snapshot.
 *
 * Group commit: changes that arrive while a transaction is running are queued and then run
 * together in the next one, in arrival order, so the chain stays strictly ordered; one failure
 * rolls back only its own change (see `runBatch`). The lock, the head update, the audit inserts
 * (gathered into multi-row statements) and the commit (an fsync on PostgreSQL) are paid once per
 * batch, and no caller is answered before the commit that holds its change has returned.
 *
 * On SQLite, `sync` changes skip Kysely: a batch of them runs as one synchronous transaction on
 * the raw connection, gathered over one turn of the event loop (so concurrent requests share a
 * commit). Both kinds go through the one queue, so they never overlap on the connection.
 */
export function createChainWriter(
  db: Kysely<Database>,
  now: () => Date,
  sqlite?: SyncChainRunner,
): ChainWriter {
  const queue: Pending[] = [];
  let draining = false;
  let scheduled = false;

  /**
   * Runs a batch in one transaction. Changes rarely fail, so the batch first runs without
   * savepoints (two round trips fewer per change on PostgreSQL); if one fails, the transaction is
   * rolled back and the batch runs again with a savepoint per change (`careful`), so that only the
   * failing change is refused.
   */
  async function runBatch(batch: Pending[], careful = false): Promise<void> {
    const settled: Array<() => void> = [];
    let trx: ControlledTransaction<Database> | undefined;
    let failed: { error: unknown } | undefined;
    try {
      trx = await db.startTransaction().execute();
      const locked = await trx
        .updateTable('audit_head')
        .set((eb) => ({ id: eb.ref('id') }))
        .where('id', '=', 1)
        .returning(['seq', 'hash'])
        .executeTakeFirstOrThrow();
      const start: ChainHead = { seq: Number(locked.seq), hash: locked.hash };
      const tx: ChainTx = { trx, head: start, now, ...(!careful && { deferred: [] }) };
      for (const item of batch) {
        if (!careful) {
          try {
            const value = await item.work!(tx);
            settled.push(() => item.resolve(value));
          } catch (error) {
            failed = { error };
            break;
          }
          continue;
        }
        const before = tx.head;
        await trx.savepoint('change').execute();
        try {
          const value = await item.work!(tx);
          await trx.releaseSavepoint('change' as never).execute();
          settled.push(() => item.resolve(value));
        } catch (error) {
          await trx.rollbackToSavepoint('change' as never).execute();
          await trx.releaseSavepoint('change' as never).execute();
          tx.head = before;
          settled.push(() => item.reject(error));
        }
      }
      if (!failed && tx.deferred) {
        try {
          await flushDeferred(trx, tx.deferred);
        } catch (error) {
          failed = { error };
        }
      }
      if (failed) {
        await trx.rollback().execute();
      } else {
        if (tx.head.seq !== start.seq) await writeHead(trx, tx.head);
        await trx.commit().execute();
      }
    } catch (error) {
      await trx
        ?.rollback()
        .execute()
        .catch(() => undefined);
      for (const item of batch) item.reject(error);
      return;
    }
    if (!failed) {
      for (const settle of settled) settle();
    } else if (batch.length === 1) {
      batch[0]!.reject(failed.error);
    } else {
      await runBatch(batch, true);
    }
  }

  async function runSyncBatch(runner: SyncChainRunner, batch: Pending[]): Promise<void> {
    const started = Date.now();
    for (;;) {
      let outcomes: ReturnType<SyncChainRunner['run']>;
      try {
        outcomes = runner.run(batch.map((item) => item.sync!));
      } catch (error) {
        for (const item of batch) item.reject(error);
        return;
      }
      if (outcomes) {
        outcomes.forEach((outcome, index) =>
          outcome.ok ? batch[index]!.resolve(outcome.value) : batch[index]!.reject(outcome.error),
        );
        return;
      }
      // Another process holds the write lock: wait without blocking this process's event loop.
      if (Date.now() - started > LOCKED_GIVE_UP_MS) {
        const error = new Error('database is locked (another process held the write lock for 10 s)');
        for (const item of batch) item.reject(error);
        return;
      }
      await new Promise((done) => setTimeout(done, LOCKED_RETRY_MS));
    }
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        // Consecutive changes of one kind share a transaction; the order of the queue is kept.
        const sync = queue[0]!.sync !== undefined;
        let size = 0;
        const limit = sync ? MAX_SYNC_BATCH : MAX_BATCH;
        while (size < queue.length && size < limit && (queue[size]!.sync !== undefined) === sync) size += 1;
        const batch = queue.splice(0, size);
        if (sync) await runSyncBatch(sqlite!, batch);
        else await runBatch(batch);
      }
    } finally {
      draining = false;
    }
  }

  function schedule(): void {
    if (draining || scheduled) return;
    scheduled = true;
    // One turn of the event loop gathers the requests that arrived together into one commit.
    setImmediate(() => {
      scheduled = false;
      if (!draining) void drain();
    });
  }

  const runInChain = function runInChain<T>(work: (tx: ChainTx) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining && !scheduled) void drain();
    });
  } as ChainWriter;
  if (sqlite) {
    runInChain.sync = <T>(work: (tx: SyncChainTx) => T): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        queue.push({ sync: work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
  }
  return runInChain;
}

/** Inserts the gathered rows, table by table in order of first use, several rows per statement. */
async function flushDeferred(trx: Transaction<Database>, rows: DeferredRow[]): Promise<void> {
  const byTable = new Map<DeferredTable, unknown[]>();
  for (const { table, row } of rows) {
    const list = byTable.get(table) ?? [];
    list.push(row);
    byTable.set(table, list);
  }
  for (const [table, list] of byTable) {
    for (let start = 0; start < list.length; start += INSERT_CHUNK)
      await trx
        .insertInto(table)
        .values(list.slice(start, start + INSERT_CHUNK) as never)
        .execute();
  }
}

/**
 * Inserts a row that nothing in the batch reads back. In a batch that runs without savepoints, it
 * waits for the end of the batch and goes in with the other rows of its table in one statement
 * (on PostgreSQL a round trip per table instead of per row); otherwise it is inserted at once.
 */
export async function insertDeferred<T extends DeferredTable>(
  tx: ChainTx,
  table: T,
  row: Insertable<Database[T]>,
): Promise<void> {
  if (tx.deferred) {
    tx.deferred.push({ table, row } as DeferredRow);
    return;
  }
  await tx.trx
    .insertInto(table)
    .values(row as never)
    .execute();
}

async function writeHead(trx: Transaction<Database>, head: ChainHead): Promise<void> {
  await trx.updateTable('audit_head').set({ seq: head.seq, hash: head.hash }).where('id', '=', 1).execute();
}

/**
 * Appends one record inside a chain transaction and moves the head in memory; the writer stores
 * the head once, when the batch commits.
 */
export async function appendInTx(tx: ChainTx, entry: AuditEntry): Promise<AuditRecord> {
  const { record, data } = nextRecordWithData(tx.head, { at: tx.now().toISOString(), ...entry });
  await insertDeferred(tx, 'audit_records', {
    seq: record.seq,
    at: record.at,
    kind: record.kind,
    actor: record.actor,
    subject: record.subject,
    data,
    prev_hash: record.prevHash,
    hash: record.hash,
  });
  tx.head = { seq: record.seq, hash: record.hash };
  return record;
}

/** Reads audit records in chain order. */
export async function readAudit(db: Kysely<Database>, afterSeq = 0, limit?: number): Promise<AuditRecord[]> {
  let query = db.selectFrom('audit_records').selectAll().where('seq', '>', afterSeq).orderBy('seq');
  if (limit !== undefined) query = query.limit(limit);
  return (await query.execute()).map(toAuditRecord);
}

/** A stored audit row as the chain's record (PostgreSQL returns the bigint seq as a string). */
export function toAuditRecord(row: Selectable<AuditRecordTable>): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    kind: row.kind,
    actor: row.actor,
    subject: row.subject,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
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
