// Test support for the storage suites: a fresh database per test on every backend.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES_URL } from './services.js';

/** A fresh, empty database and a raw SQL handle to tamper with it behind the Store's back. */
export interface TestDatabase {
  spec: string;
  /** Runs raw SQL (positional parameters as `$1` on PostgreSQL, `?` on SQLite). */
  raw(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Removes the database. */
  drop(): Promise<void>;
}

/** A backend the contract suite runs against. */
export interface TestBackend {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

/** SQLite in a temporary directory. */
export const sqliteBackend: TestBackend = {
  name: 'sqlite',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'bw-store-'));
    const spec = join(dir, 'blastwall.db');
    return {
      spec,
      async raw(sql, params = []) {
        const db = new BetterSqlite3(spec);
        try {
          const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
          return statement.reader
            ? (statement.all(...params) as Record<string, unknown>[])
            : (statement.run(...params), []);
        } finally {
          db.close();
        }
      },
      async drop() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** A new database on the machine's PostgreSQL, dropped afterwards, so runs never collide. */
export const postgresBackend: TestBackend = {
  name: 'postgres',
  async create() {
    const name = `bw_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const spec = withDatabase(POSTGRES_URL, name);
    return {
      spec,
      async raw(sql, params = []) {
        const client = new pg.Client({ connectionString: spec });
        await client.connect();
        try {
          return (await client.query(sql, params)).rows as Record<string, unknown>[];
        } finally {
          await client.end();
        }
      },
      async drop() {
        const client = new pg.Client({ connectionString: POSTGRES_URL });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  },
};
