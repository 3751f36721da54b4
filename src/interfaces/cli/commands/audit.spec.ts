import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../adapters/storage/index.js';
import { postgresBackend } from '../../../adapters/storage/test-backends.js';
import { postgresAvailable } from '../../../test-support/services.js';
import { runCli, type CliRun } from '../cli-testing.js';

function run(argv: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(argv, { cwd, env });
}

const PG = await postgresAvailable();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function seed(path: string, count: number): Promise<void> {
  const store = await openStore(path);
  for (let n = 1; n <= count; n += 1)
    await store.appendAudit({ kind: 'test', actor: 'sam', subject: `s:${n}`, data: { n } });
  await store.close();
}

describe('blastwall migrate', () => {
  it('creates the default database under .blastwall and is idempotent', async () => {
    const first = await run(['migrate'], dir);
    const second = await run(['migrate', '--json'], dir);

    expect(first).toMatchObject({
      code: 0,
      stdout: `${join(dir, '.blastwall/blastwall.db')}: applied 0001-initial, 0002-delivery, 0003-approval-subject, 0004-action-key, 0005-commit-provenance, 0006-decision-seq-and-authority\n`,
    });
    expect(JSON.parse(second.stdout)).toMatchObject({ applied: [] });
  });

  it('reads the database from BLASTWALL_DB', async () => {
    const result = await run(['migrate'], dir, { BLASTWALL_DB: 'elsewhere.db' });

    expect(result.stdout).toContain(join(dir, 'elsewhere.db'));
  });

  it.runIf(PG)('migrates a PostgreSQL URL', async () => {
    const database = await postgresBackend.create();
    try {
      const result = await run(['migrate', '--db', database.spec, '--json'], dir);

      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).applied).toEqual([
        '0001-initial',
        '0002-delivery',
        '0003-approval-subject',
        '0004-action-key',
        '0005-commit-provenance',
        '0006-decision-seq-and-authority',
      ]);
    } finally {
      await database.drop();
    }
  });

  it('fails with one line when the database cannot be reached', async () => {
    const result = await run(['migrate', '--db', 'postgres://nobody@127.0.0.1:1/none'], dir);

    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(
      /^blastwall migrate: cannot reach database postgres:\/\/nobody@127\.0\.0\.1:1\/none: .+\n$/,
    );
  });
});

describe('blastwall audit', () => {
  it('verifies an intact chain with exit 0', async () => {
    const db = join(dir, 'a.db');
    await seed(db, 3);

    const result = await run(['audit', 'verify', '--db', db, '--json'], dir);

    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, count: 3 });
  });

  it.each([
    [
      'edited',
      'UPDATE audit_records SET data = \'{"n":7}\' WHERE seq = 2',
      'audit chain broken at record 2: record 2 was edited',
    ],
    [
      'deleted',
      'DELETE FROM audit_records WHERE seq = 2',
      'audit chain broken at record 2: record 2 is missing',
    ],
  ])('exits 1 naming the first bad record when one was %s', async (_name, tamper, message) => {
    const db = join(dir, 'a.db');
    await seed(db, 3);
    const raw = new BetterSqlite3(db);
    raw.prepare(tamper).run();
    raw.close();

    const result = await run(['audit', 'verify', '--db', db], dir);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(message);
  });

  it.each([['verify'], ['export']])('refuses to %s a database that does not exist', async (verb) => {
    const result = await run(['audit', verb, '--db', 'typo.db'], dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `blastwall audit ${verb}: no database at ${join(dir, 'typo.db')} (run blastwall migrate, or pass --db)\n`,
    );
  });

  it('exports every record as a JSON line in chain order', async () => {
    const db = join(dir, 'a.db');
    await seed(db, 3);

    const result = await run(['audit', 'export', '--db', db], dir);

    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; data: unknown; hash: string });
    expect(result.code).toBe(0);
    expect(lines.map((l) => [l.seq, l.data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [3, { n: 3 }],
    ]);
    expect(lines[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
