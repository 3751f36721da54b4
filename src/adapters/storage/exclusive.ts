import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Runs `task` while holding the lock named `key`; tasks for the same key run one after another. */
export type Exclusive = <T>(key: string, task: () => Promise<T>) => Promise<T>;

/** Lock holders per process on PostgreSQL: each holds a pooled connection, and the tasks need others (pool of 10). */
const MAX_HOLDERS = 4;

/** Tasks with the same key, one after another, in this process. */
function keyedChain(): Exclusive {
  const tails = new Map<string, Promise<unknown>>();
  return async function inTurn<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

/** At most `limit` tasks at once, the others waiting in order. */
function semaphore(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function bounded<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * Mutual exclusion by name across every server on one database. On PostgreSQL a session advisory lock
 * (`pg_advisory_lock(hashtextextended(key, 0))`) on a connection of its own is held for the task, so two servers
 * handling events of one pull request never both create its comment; SQLite serves one process, where the
 * in-process chain is enough. The lock is released when the task ends, or with its connection if the server dies.
 */
export function createExclusive(db: Kysely<Database>, kind: 'sqlite' | 'postgres'): Exclusive {
  const inProcess = keyedChain();
  if (kind !== 'postgres') return inProcess;
  const bounded = semaphore(MAX_HOLDERS);
  return (key, task) =>
    inProcess(key, () =>
      bounded(() =>
        db.connection().execute(async (connection) => {
          await sql`select pg_advisory_lock(hashtextextended(${key}, 0))`.execute(connection);
          try {
            return await task();
          } finally {
            await sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`.execute(connection);
          }
        }),
      ),
    );
}

/** What became of a webhook delivery, as recorded (`received`, `processed`, `failed`, `retrying`). */
export async function readDeliveryStatus(
  db: Kysely<Database>,
  deliveryId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('webhook_deliveries')
    .select('status')
    .where('delivery_id', '=', deliveryId)
    .executeTakeFirst();
  return row?.status;
}
