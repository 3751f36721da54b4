import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.js';
import { openStore } from './open-store.js';

describe('background WAL checkpoints (SQLite)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-ckpt-'));
    dirs.push(dir);
    return join(dir, 'db.sqlite');
  };

  it('takes checkpoints off the writing connection and copies the WAL into the file from a worker', async () => {
    const path = fresh();
    const connection = new BetterSqlite3(path);
    connection.pragma('journal_mode = WAL');
    connection.exec('CREATE TABLE t (n INTEGER, pad TEXT)');
    const insert = connection.prepare('INSERT INTO t VALUES (?, ?)');
    const checkpointer = startCheckpointer(connection, path, { intervalMs: 20 });
    try {
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = statSync(path).size;
      // Each commit appends to the WAL; with checkpoints off this connection, only the worker moves it over.
      for (let n = 0; n < 2000; n++) insert.run(n, 'x'.repeat(200));
      const deadline = Date.now() + 5000;
      while (statSync(path).size < before + 200 * 1000 && Date.now() < deadline)
        await new Promise((done) => setTimeout(done, 25));

      expect(statSync(path).size).toBeGreaterThan(before + 200 * 1000);
    } finally {
      await checkpointer.stop();
    }
    // Stopped: the connection checkpoints itself again.
    expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(connection.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 2000 });
    connection.close();
  });

  it('gives checkpoints back to the connection when the worker keeps failing', async () => {
    const path = fresh();
    const connection = new BetterSqlite3(path);
    connection.pragma('journal_mode = WAL');
    const notADatabase = `${path}.garbage`;
    const logged: string[] = [];
    writeFileSync(notADatabase, 'not a database'.repeat(512));
    const checkpointer = startCheckpointer(connection, notADatabase, {
      intervalMs: 20,
      log: (line) => logged.push(line),
    });
    try {
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const deadline = Date.now() + 15_000;
      while (connection.pragma('wal_autocheckpoint', { simple: true }) === 0 && Date.now() < deadline)
        await new Promise((done) => setTimeout(done, 100));

      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(logged).toEqual([expect.stringMatching(/checkpoint worker stopped .*inside commits again/)]);
    } finally {
      await checkpointer.stop();
      connection.close();
    }
  });

  it('keeps every acknowledged write of a store that checkpoints in the background, and closes cleanly', async () => {
    const path = fresh();
    const store = await openStore(path, { checkpointInBackground: true });
    for (let n = 0; n < 300; n++)
      await store.appendAudit({ kind: 'test', actor: 'sam', subject: `s:${n}`, data: { n } });
    await store.close();

    const reopened = await openStore(path);
    expect(await reopened.verifyAudit()).toMatchObject({ ok: true, count: 300 });
    await reopened.close();
  });
});
