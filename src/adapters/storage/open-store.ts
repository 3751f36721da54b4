import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';
import pg from 'pg';
import { BlastwallError } from '../../core/errors.js';
import { startCheckpointer } from './checkpointer.js';
import { createKyselyStore, type StoreOptions } from './kysely-store.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import type { Store } from './types.js';

/** Where the SQLite database lives by default, relative to the repository root. */
export const DEFAULT_SQLITE_PATH = join('.blastwall', 'blastwall.db');

/** Whether a database spec names PostgreSQL rather than a SQLite file. */
export function isPostgresSpec(spec: string): boolean {
  return /^postgres(ql)?:\/\//i.test(spec);
}

/** The database to use: `--db`, else `BLASTWALL_DB`, else `.blastwall/blastwall.db` under the repository root (or cwd). */
export function resolveDbSpec(
  flag: string | undefined,
  env: Record<string, string | undefined>,
  cwd: string,
): string {
  const chosen = flag ?? env.BLASTWALL_DB;
  if (chosen !== undefined && chosen !== '') return isPostgresSpec(chosen) ? chosen : resolve(cwd, chosen);
  return join(repositoryRoot(cwd), DEFAULT_SQLITE_PATH);
}

function repositoryRoot(cwd: string): string {
  let dir = resolve(cwd);
  for (;;) {
    if (existsSync(join(dir, '.git')) || existsSync(join(dir, '.blastwall'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/** A database handle before it is wrapped as a Store (for migrations and tests). */
export interface OpenedDatabase {
  db: Kysely<Database>;
  kind: Store['kind'];
  /** SQLite only: the connection under `db`, for the Store's prepared-statement fast path. */
  sqlite?: BetterSqlite3.Database;
}

/**
 * Opens a SQLite file in WAL mode. With WAL, a commit has been written to the WAL file (into the
 * OS page cache) before it returns, so `synchronous=NORMAL` already keeps every acknowledged write
 * when the process is killed (`kill -9`): only an OS crash or power loss can drop the last commits.
 * `synchronous=FULL` fsyncs the WAL on every commit to survive those too, but costs about 6 ms per
 * commit on this class of disk against 0.15 ms, which caps a server at ~150 audited writes/s.
 */
function openSqlite(path: string, synchronous: 'normal' | 'full'): OpenedDatabase {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const database = new BetterSqlite3(path);
    database.pragma('journal_mode = WAL');
    database.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // Several processes may share the file; wait for the write lock rather than fail.
    database.pragma('busy_timeout = 10000');
    database.pragma('foreign_keys = ON');
    return {
      db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) }),
      kind: 'sqlite',
      sqlite: database,
    };
  } catch (error) {
    throw new BlastwallError(
      'config',
      `cannot open SQLite database ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query afresh, which was a fifth of the CPU of an audited write; the
 * Store issues a handful of distinct SQL texts, so keeping their prepared statements pays.
 * Safe because Kysely runs one query at a time on the single SQLite connection.
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) return cached;
      const statement = database.prepare(sql) as unknown as SqliteStatement;
      // Queries with inlined lists (IN (…)) vary in text; forget the oldest rather than grow.
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
      return statement;
    },
  };
}

function openPostgres(url: string): OpenedDatabase {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
}

/** Opens the database named by a spec (a SQLite path or a postgres:// URL) without migrating. */
export function openDatabase(
  spec: string,
  options: Pick<StoreOptions, 'sqliteSynchronous'> = {},
): OpenedDatabase {
  return isPostgresSpec(spec) ? openPostgres(spec) : openSqlite(spec, options.sqliteSynchronous ?? 'normal');
}

/** Hides the password of a postgres URL for messages. */
export function describeSpec(spec: string): string {
  return isPostgresSpec(spec) ? spec.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : spec;
}

/**
 * Kysely takes no migration lock on SQLite, so two processes opening a fresh file at once can
 * collide; the loser retries and then finds the schema already there. PostgreSQL migrations are
 * serialised by Kysely's advisory lock.
 */
async function migrateWithRetry(db: OpenedDatabase['db'], kind: Store['kind']): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await migrateToLatest(db);
      return;
    } catch (error) {
      if (kind !== 'sqlite' || attempt >= 3) throw error;
      await new Promise((done) => setTimeout(done, 50 * attempt));
    }
  }
}

/**
 * Opens the database named by a spec and applies pending migrations; a database that cannot be reached
 * or migrated is closed again and reported as an external error naming it (password hidden).
 */
export async function openMigrated(
  spec: string,
  options: Pick<StoreOptions, 'sqliteSynchronous'> = {},
): Promise<OpenedDatabase> {
  const opened = openDatabase(spec, options);
  try {
    await migrateWithRetry(opened.db, opened.kind);
  } catch (error) {
    await opened.db.destroy().catch(() => undefined);
    if (error instanceof BlastwallError) throw error;
    throw new BlastwallError(
      'external',
      `cannot reach database ${describeSpec(spec)}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return opened;
}

/** Opens a Store on a SQLite path or postgres:// URL, applying any pending migrations first. */
export async function openStore(spec: string, options: StoreOptions = {}): Promise<Store> {
  const { db, kind, sqlite } = await openMigrated(spec, options);
  const store = createKyselyStore(db, kind, options, sqlite);
  if (!sqlite || !options.checkpointInBackground) return store;
  const checkpointer = startCheckpointer(sqlite, spec, options.log ? { log: options.log } : {});
  return {
    ...store,
    async close() {
      await checkpointer.stop();
      await store.close();
    },
  };
}
