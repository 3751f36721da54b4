import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../adapters/storage/index.js';
import { hashRecord } from '../../../core/audit/chain.js';
import { postgresBackend } from '../../../test-support/test-backends.js';
import { postgresAvailable } from '../../../test-support/services.js';
import { runCli, type CliRun } from '../../../test-support/cli-testing.js';

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
      stdout: `${join(dir, '.blastwall/blastwall.db')}: applied 0001-initial, 0002-delivery, 0003-approval-subject, 0004-action-key, 0005-commit-provenance, 0006-decision-seq-and-authority, 0007-audit-binding, 0008-credential-grants, 0008-credential-grants-bound, 0009-attestations, 0010-change-identity\n`,
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
        '0007-audit-binding',
        '0008-credential-grants',
        '0008-credential-grants-bound',
        '0009-attestations',
        '0010-change-identity',
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

describe('blastwall audit with the signing key', () => {
  async function signedDb(): Promise<{ db: string; key: string }> {
    const db = join(dir, 'a.db');
    const key = join(dir, 'keys', 'audit.key');
    await run(['migrate', '--db', db], dir);
    mkdirSync(join(dir, 'keys'));
    const made = await run(['audit', 'keygen', '--out', key], dir);
    expect(made).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^audit key [0-9a-f]{16}: private /),
    });
    await seed(db, 3);
    expect((await run(['audit', 'checkpoint', '--db', db, '--key', key], dir)).code).toBe(0);
    await seed(db, 3);
    return { db, key };
  }

  it('signs, anchors and verifies; the public key alone is enough to verify', async () => {
    const { db, key } = await signedDb();

    const anchored = await run(['audit', 'anchor', '--db', db, '--out', 'anchor.json'], dir, {
      BLASTWALL_AUDIT_KEY_FILE: key,
    });
    const verified = await run(
      ['audit', 'verify', '--db', db, '--public-key', `${key}.pub`, '--anchor', 'anchor.json'],
      dir,
    );

    expect(anchored.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'anchor.json'), 'utf8'))).toMatchObject({ seq: 6, prevSeq: 3 });
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      /audit chain intact: 6 records, .*2 signed checkpoints verified \(newest 6\)/,
    );
  });

  it('exits 1 naming the forged checkpoint after the chain was rewritten with recomputed hashes', async () => {
    const { db, key } = await signedDb();
    const raw = new BetterSqlite3(db);
    // Rewrite record 2 and every hash after it, as someone with the database but not the key could.
    const rows = raw.prepare('SELECT * FROM audit_records ORDER BY seq').all() as Array<
      Record<string, string | number>
    >;
    let prev = String(rows[1]!.prev_hash);
    for (const row of rows.slice(1)) {
      const data = row.seq === 2 ? '{"n":42}' : String(row.data);
      const hash = hashRecord(prev, {
        seq: Number(row.seq),
        at: String(row.at),
        kind: String(row.kind),
        actor: String(row.actor),
        subject: String(row.subject),
        data: JSON.parse(data) as Record<string, unknown>,
      });
      raw
        .prepare('UPDATE audit_records SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?')
        .run(data, prev, hash, row.seq);
      prev = hash;
    }
    raw.prepare('UPDATE audit_head SET hash = ? WHERE id = 1').run(prev);
    raw.close();

    const unsigned = await run(['audit', 'verify', '--db', db], dir);
    const signed = await run(['audit', 'verify', '--db', db], dir, { BLASTWALL_AUDIT_KEY_FILE: key });

    expect(unsigned.code).toBe(0);
    expect(unsigned.stdout).toMatch(/checkpoints not checked \(no audit key given\)/);
    expect(signed.code).toBe(1);
    expect(signed.stdout).toMatch(
      /^audit chain broken at checkpoint 3: checkpoint 3 is forged or the chain was rewritten/,
    );
  });

  it('refuses a private key that other users can read', async () => {
    const { db, key } = await signedDb();
    chmodSync(key, 0o644);

    const result = await run(['audit', 'checkpoint', '--db', db, '--key', key], dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is readable by other users: chmod 600/);
  });
});
