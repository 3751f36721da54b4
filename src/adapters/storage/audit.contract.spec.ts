import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../../test-support/services.js';
import { openStore } from './open-store.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';
import type { Store } from './types.js';

const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];

// Each tamper is raw SQL run behind the Store's back; the verdict must name the first bad record.
const TAMPERS = [
  ['an edited record', [`UPDATE audit_records SET data = '{"n":99}' WHERE seq = 3`], 3, 'edited'],
  ['an edited actor', [`UPDATE audit_records SET actor = 'mallory' WHERE seq = 2`], 2, 'edited'],
  ['a deleted record', ['DELETE FROM audit_records WHERE seq = 2'], 2, 'missing'],
  ['a deleted newest record', ['DELETE FROM audit_records WHERE seq = 5'], 5, 'truncated'],
  [
    'two swapped records',
    [
      'UPDATE audit_records SET seq = 100 WHERE seq = 2',
      'UPDATE audit_records SET seq = 2 WHERE seq = 3',
      'UPDATE audit_records SET seq = 3 WHERE seq = 100',
    ],
    2,
    'broken-link',
  ],
] as const;

describe.each(BACKENDS)('audit chain on $name', (backend) => {
  let database: TestDatabase;
  let store: Store | undefined;

  async function withFiveRecords(): Promise<Store> {
    database = await backend.create();
    store = await openStore(database.spec);
    for (let n = 1; n <= 5; n += 1)
      await store.appendAudit({ kind: 'test', actor: 'sam', subject: `s:${n}`, data: { n } });
    return store;
  }

  afterEach(async () => {
    await store?.close();
    store = undefined;
    await database.drop();
  });

  it('appends linked records and verifies them', async () => {
    const opened = await withFiveRecords();

    const records = await opened.listAudit();
    const verdict = await opened.verifyAudit();

    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(records[1]!.prevHash).toBe(records[0]!.hash);
    expect(verdict).toEqual({
      ok: true,
      count: 5,
      head: { seq: 5, hash: records[4]!.hash },
      rows: 0,
      checkpoints: 0,
      signaturesChecked: false,
    });
  });

  it('pages through records after a seq', async () => {
    const opened = await withFiveRecords();

    const page = await opened.listAudit({ afterSeq: 2, limit: 2 });

    expect(page.map((r) => r.data)).toEqual([{ n: 3 }, { n: 4 }]);
  });

  it.each(TAMPERS)('names the first bad record after %s', async (_name, statements, seq, problem) => {
    const opened = await withFiveRecords();

    for (const statement of statements) await database.raw(statement);
    const verdict = await opened.verifyAudit();

    expect(verdict).toMatchObject({ ok: false, seq, problem });
  });

  it('never forks when many appends race on one store', async () => {
    database = await backend.create();
    store = await openStore(database.spec);
    const opened = store;

    await Promise.all(
      Array.from({ length: 30 }, (_, n) =>
        opened.appendAudit({ kind: 'test', actor: 'sam', subject: `s:${n}`, data: { n } }),
      ),
    );

    expect(await opened.verifyAudit()).toMatchObject({ ok: true, count: 30 });
  });

  it('rolls back only the failing change of a group commit', async () => {
    database = await backend.create();
    store = await openStore(database.spec);
    const opened = store;
    await opened.createToken({ role: 'admin', hash: 'h-taken' }, 'test');

    // Issued together so they share one transaction; the duplicate hash violates a unique index.
    const results = await Promise.allSettled([
      opened.appendAudit({ kind: 'test', actor: 'sam', subject: 's:1', data: {} }),
      opened.createToken({ role: 'admin', hash: 'h-taken' }, 'test'),
      opened.appendAudit({ kind: 'test', actor: 'sam', subject: 's:2', data: {} }),
      opened.recordDelivery({ deliveryId: 'd-1', event: 'ping', status: 'ok' }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((await opened.listAudit()).map((r) => r.subject)).toEqual([
      expect.stringMatching(/^token:/),
      's:1',
      's:2',
      'delivery:d-1',
    ]);
    expect(await opened.listTokens()).toHaveLength(1);
    expect(await opened.verifyAudit()).toMatchObject({ ok: true, count: 4 });
  });
});
