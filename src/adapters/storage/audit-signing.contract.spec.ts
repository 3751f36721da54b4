import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../core/audit/canonical-json.js';
import { hashRecord } from '../../core/audit/chain.js';
import { postgresAvailable } from '../../test-support/services.js';
import { generateAuditKey, loadAuditKey, type AuditKey } from '../audit-key/audit-key.js';
import { Migrator } from 'kysely';
import { MIGRATIONS } from './migrations.js';
import { openDatabase, openStore } from './open-store.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';
import type { Store } from './types.js';
import type { ApprovalRequirement } from '../../core/model.js';

const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];
const REQUIREMENT: ApprovalRequirement = {
  approvals: 1,
  minLevel: 'senior',
  notAuthor: true,
  authors: ['jo'],
  policies: ['agent-destructive-needs-human'],
};

let keyDir: string;
let key: AuditKey;
beforeEach(() => {
  keyDir = mkdtempSync(join(tmpdir(), 'bw-audit-key-'));
  generateAuditKey(join(keyDir, 'audit.key'));
  key = loadAuditKey({ BLASTWALL_AUDIT_KEY_FILE: join(keyDir, 'audit.key') }, keyDir)!;
});
afterEach(() => rmSync(keyDir, { recursive: true, force: true }));

describe.each(BACKENDS)('signed audit on $name', (backend) => {
  let database: TestDatabase;
  let store: Store;

  afterEach(async () => {
    await store?.close();
    await database.drop();
  });

  /** Twelve records, signed after 4, 8 and 12. */
  async function signedChain(): Promise<void> {
    database = await backend.create();
    store = await openStore(database.spec);
    for (let n = 1; n <= 12; n += 1) {
      await store.appendAudit({ kind: 'test', actor: 'sam', subject: `s:${n}`, data: { n } });
      if (n % 4 === 0) await store.signCheckpoint(key.signer!);
    }
  }

  /** What an attacker with write access to the database can do: change record `from`, recompute every hash after it. */
  async function rewriteFrom(from: number): Promise<void> {
    const rows = await database.raw('SELECT seq, prev_hash, hash FROM audit_records ORDER BY seq');
    const records = await store.listAudit();
    let prev = String(rows.find((row) => Number(row.seq) === from)!.prev_hash);
    for (const record of records.filter((r) => r.seq >= from)) {
      const data = record.seq === from ? { n: 999 } : record.data;
      const hash = hashRecord(prev, { ...record, data });
      await database.raw('UPDATE audit_records SET data = $1, prev_hash = $2, hash = $3 WHERE seq = $4', [
        canonicalJson(data),
        prev,
        hash,
        record.seq,
      ]);
      prev = hash;
    }
    await database.raw('UPDATE audit_head SET hash = $1 WHERE id = 1', [prev]);
  }

  it('signs checkpoints that link to each other and verify', async () => {
    await signedChain();

    const checkpoints = await store.listCheckpoints();
    const again = await store.signCheckpoint(key.signer!);
    const verdict = await store.verifyAudit({ publicKey: key.publicKey });

    expect(checkpoints.map((c) => [c.seq, c.prevSeq])).toEqual([
      [4, 0],
      [8, 4],
      [12, 8],
    ]);
    expect(again).toEqual(checkpoints[2]);
    expect(verdict).toMatchObject({ ok: true, count: 12, checkpoints: 3, signaturesChecked: true });
  });

  it('names the first checkpoint after a rewrite that recomputed every hash', async () => {
    await signedChain();

    await rewriteFrom(6);
    const unsigned = await store.verifyAudit();
    const signed = await store.verifyAudit({ publicKey: key.publicKey });

    // The chain alone cannot tell: every hash is consistent again.
    expect(unsigned).toMatchObject({ ok: true, count: 12 });
    expect(signed).toMatchObject({ ok: false, seq: 8, problem: 'chain-rewritten' });
    expect(!signed.ok && signed.message).toMatch(/^checkpoint 8 is forged or the chain was rewritten/);
  });

  it('names a checkpoint re-written to the new hashes as forged', async () => {
    await signedChain();
    await rewriteFrom(6);
    const rewritten = await store.listAudit();

    for (const seq of [8, 12])
      await database.raw('UPDATE audit_checkpoints SET hash = $1 WHERE seq = $2', [
        rewritten[seq - 1]!.hash,
        seq,
      ]);
    const verdict = await store.verifyAudit({ publicKey: key.publicKey });

    expect(verdict).toMatchObject({ ok: false, seq: 8, problem: 'checkpoint-forged' });
    expect(!verdict.ok && verdict.message).toMatch(/checkpoint 8 is forged: its signature does not verify/);
  });

  it('catches a rewrite past the newest checkpoint, whose row was deleted, with an anchor kept elsewhere', async () => {
    await signedChain();
    const anchor = (await store.listCheckpoints()).at(-1)!;

    await database.raw('DELETE FROM audit_checkpoints WHERE seq = 12');
    await rewriteFrom(10);
    const without = await store.verifyAudit({ publicKey: key.publicKey });
    const withAnchor = await store.verifyAudit({ publicKey: key.publicKey, anchor });

    expect(without).toMatchObject({ ok: true });
    expect(withAnchor).toMatchObject({ ok: false, seq: 12, problem: 'chain-rewritten' });
  });

  it('finds the newest records deleted and the head moved back under a signed checkpoint', async () => {
    await signedChain();

    await database.raw('DELETE FROM audit_records WHERE seq > 9');
    const nine = (await store.listAudit()).at(-1)!;
    await database.raw('UPDATE audit_head SET seq = 9, hash = $1 WHERE id = 1', [nine.hash]);
    const unsigned = await store.verifyAudit();
    const signed = await store.verifyAudit({ publicKey: key.publicKey });

    expect(unsigned).toMatchObject({ ok: true, count: 9 });
    expect(signed).toMatchObject({ ok: false, seq: 12, problem: 'chain-rewritten' });
    expect(!signed.ok && signed.message).toMatch(/checkpoint 12 was signed, but the chain now ends at 9/);
  });

  it('finds a removed checkpoint in the middle', async () => {
    await signedChain();

    await database.raw('DELETE FROM audit_checkpoints WHERE seq = 8');
    const verdict = await store.verifyAudit({ publicKey: key.publicKey });

    expect(verdict).toMatchObject({ ok: false, seq: 12, problem: 'checkpoint-forged' });
    expect(!verdict.ok && verdict.message).toMatch(/checkpoints were removed/);
  });
});

describe.each(BACKENDS)('decision and approval rows bound to their records on $name', (backend) => {
  let database: TestDatabase;
  let store: Store;

  afterEach(async () => {
    await store?.close();
    await database.drop();
  });

  async function withDecisions() {
    database = await backend.create();
    store = await openStore(database.spec);
    const denied = await store.recordActionDecision(
      {
        command: 'kubectl --context prod-eu delete namespace payments',
        agent: 'claude-code',
        operations: [],
        decision: 'deny',
        reasons: ['[agent-no-irreversible-prod] no'],
      },
      'token:t1',
    );
    const held = await store.recordActionDecision(
      {
        command: 'terraform apply',
        agent: 'claude-code',
        operations: [],
        decision: 'needs-approval',
        reasons: ['held'],
      },
      'token:t1',
      { requirement: REQUIREMENT },
    );
    const change = await store.recordChangeDecision(
      { repo: '/r', base: 'a', head: 'b', decision: 'needs-approval', reasons: ['needs a senior'] },
      'token:t2',
    );
    const approval = held.approval!;
    await store.decideApproval({ id: approval.id, personId: 'sam', decision: 'deny', reason: 'not now' });
    return { denied: denied.action, approval, change };
  }

  it('verifies every row as written, through decisions', async () => {
    await withDecisions();

    expect(await store.verifyAudit()).toMatchObject({ ok: true, rows: 4 });
  });

  it.each([
    [
      'an action decision turned from deny to allow',
      (ids: Ids) => [`UPDATE action_decisions SET decision = 'allow' WHERE id = '${ids.denied}'`],
      /action_decisions row act_\S+ was edited after audit record/,
    ],
    [
      'a change decision turned to allow',
      (ids: Ids) => [`UPDATE change_decisions SET decision = 'allow' WHERE id = '${ids.change}'`],
      /change_decisions row chd_\S+ was edited/,
    ],
    [
      'a denied approval turned approved',
      (ids: Ids) => [`UPDATE approvals SET status = 'approved' WHERE id = '${ids.approval}'`],
      /approvals row apr_\S+ was edited/,
    ],
    [
      'a sign-off slipped in',
      (ids: Ids) => [
        `INSERT INTO approval_signoffs (approval_id, person_id, at) VALUES ('${ids.approval}', 'pat', '2026-01-01T00:00:00.000Z')`,
      ],
      /approvals row apr_\S+ was edited/,
    ],
    [
      'an action decision deleted',
      (ids: Ids) => [`DELETE FROM action_decisions WHERE id = '${ids.denied}'`],
      /action_decisions row act_\S+ was deleted/,
    ],
    [
      'a row unbound',
      (ids: Ids) => [`UPDATE action_decisions SET audit_hash = NULL WHERE id = '${ids.denied}'`],
      /carries no audit record hash/,
    ],
  ])('finds %s', async (_name, tamper, message) => {
    const { denied, approval, change } = await withDecisions();

    for (const statement of tamper({ denied: denied.id, approval: approval.id, change: change.id }))
      await database.raw(statement);
    const verdict = await store.verifyAudit();

    expect(verdict).toMatchObject({ ok: false, problem: 'row-edited' });
    expect(!verdict.ok && verdict.message).toMatch(message);
  });

  it('finds an approval rolled back to an older state it really had', async () => {
    const { approval } = await withDecisions();
    const requested = (await store.listAudit()).find((r) => r.kind === 'approval.requested')!;

    await database.raw(
      `UPDATE approvals SET status = 'pending', decided_by = NULL, reason = NULL, decided_at = NULL, audit_hash = $1 WHERE id = $2`,
      [requested.hash, approval.id],
    );
    const verdict = await store.verifyAudit();

    expect(verdict).toMatchObject({ ok: false, problem: 'row-edited' });
    expect(!verdict.ok && verdict.message).toMatch(/was rolled back/);
  });
});

describe.each(BACKENDS)('rows written before migration 0007 on $name', (backend) => {
  it('are bound by one audit record, then checked like the others', async () => {
    const database = await backend.create();
    try {
      const { db } = openDatabase(database.spec);
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('0005-commit-provenance')).error).toBeUndefined();
      const at = '2026-01-01T00:00:00.000Z';
      await db
        .insertInto('changes')
        .values({ id: 'c1', repo: '/r', base: 'a', head: 'b', pr: null, created_at: at })
        .execute();
      await db
        .insertInto('change_decisions')
        .values({
          id: 'chd_old',
          change_id: 'c1',
          decision: 'needs-approval',
          reasons: '[]',
          detail: '{}',
          created_at: at,
        } as never) // a 0005 row: the seq column comes with 0006
        .execute();
      await db
        .insertInto('action_decisions')
        .values({
          id: 'act_old',
          command: 'terraform destroy',
          agent: 'codex',
          on_behalf_of: null,
          session_id: null,
          cwd: null,
          operations: '[]',
          decision: 'deny',
          reasons: '[]',
          detail: '{}',
          created_at: at,
        } as never) // a 0005 row: the seq column comes with 0006
        .execute();
      await db
        .insertInto('approvals')
        .values({
          id: 'apr_old',
          subject_kind: 'change',
          subject_id: 'c1',
          status: 'pending',
          requirement: JSON.stringify(REQUIREMENT),
          decided_by: null,
          reason: null,
          expires_at: null,
          created_at: at,
          decided_at: null,
          action_key: null,
        })
        .execute();
      await db
        .insertInto('approval_signoffs')
        .values({ approval_id: 'apr_old', person_id: 'sam', at } as never) // a 0005 row, before seq
        .execute();
      await db.destroy();

      const store = await openStore(database.spec);
      try {
        const migrated = await store.verifyAudit();
        const records = await store.listAudit();
        await database.raw(`UPDATE action_decisions SET decision = 'allow' WHERE id = 'act_old'`);
        const edited = await store.verifyAudit();

        // Record 2 is migration 0010's: the change and its approval moved to the change's one identity.
        expect(migrated).toMatchObject({ ok: true, count: 2, rows: 3 });
        expect(records.map((record) => [record.seq, record.kind])).toEqual([
          [1, 'audit.rows-bound'],
          [2, 'change.identity-migrated'],
        ]);
        expect(edited).toMatchObject({ ok: false, seq: 1, problem: 'row-edited' });
        expect(!edited.ok && edited.message).toMatch(
          /action_decisions row act_old was edited after audit record 1/,
        );
      } finally {
        await store.close();
      }
    } finally {
      await database.drop();
    }
  });
});

interface Ids {
  denied: string;
  approval: string;
  change: string;
}
