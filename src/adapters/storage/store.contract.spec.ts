import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { postgresAvailable } from '../../test-support/services.js';
import { migrateToLatest, MIGRATION_NAMES, MIGRATIONS } from './migrations.js';
import { openDashboardReader } from './dashboard-reader.js';
import { TOKEN_CACHE_MS } from './kysely-store.js';
import { openDatabase, openStore } from './open-store.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';
import { generateToken, hashToken } from './tokens.js';
import { createScratchRepo } from '../git/scratch-repo.js';
import type { ApprovalRequirement } from '../../core/model.js';
import type { Store } from './types.js';

const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];
const REQUIREMENT: ApprovalRequirement = {
  approvals: 1,
  minLevel: 'senior',
  notAuthor: true,
  authors: ['jo'],
  policies: ['ai-change-senior-signoff'],
};

describe.each(BACKENDS)('Store on $name', (backend) => {
  let database: TestDatabase | undefined;
  const stores: Store[] = [];

  async function fresh(options: Parameters<typeof openStore>[1] = {}): Promise<Store> {
    database ??= await backend.create();
    const store = await openStore(database.spec, options);
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await database?.drop();
    database = undefined;
  });

  it('applies migrations once and is idempotent afterwards', async () => {
    database = await backend.create();
    const first = openDatabase(database.spec);
    const second = openDatabase(database.spec);

    const applied = await migrateToLatest(first.db);
    const again = await migrateToLatest(second.db);
    await first.db.destroy();
    await second.db.destroy();

    expect(applied).toEqual(MIGRATION_NAMES);
    expect(again).toEqual([]);
  });

  it('records an action decision with its held approval and an audit record in one go', async () => {
    const store = await fresh();

    const { action, approval } = await store.recordActionDecision(
      {
        command: 'terraform destroy',
        agent: 'codex',
        onBehalfOf: 'jo',
        sessionId: 's1',
        operations: [{ kind: 'delete' }],
        decision: 'needs-approval',
        reasons: ['held'],
      },
      'agent:codex',
      { requirement: REQUIREMENT },
    );

    expect(await store.getActionDecision(action.id)).toMatchObject({
      command: 'terraform destroy',
      operations: [{ kind: 'delete' }],
      sessionId: 's1',
    });
    expect(approval).toMatchObject({
      subjectKind: 'action',
      subjectId: action.id,
      status: 'pending',
      requirement: REQUIREMENT,
      approvedBy: [],
    });
    expect((await store.listAudit()).map((r) => [r.kind, r.subject])).toEqual([
      ['action.decision', `action:${action.id}`],
      ['approval.requested', `approval:${approval!.id}`],
    ]);
  });

  it('keeps one pending approval per subject', async () => {
    const store = await fresh();

    const first = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      'system',
    );
    const second = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      'system',
    );

    expect(second.id).toBe(first.id);
    expect(await store.listApprovals({ status: 'pending' })).toHaveLength(1);
  });

  it.each([
    ['approve', 'approved', 'approval.approved'],
    ['deny', 'denied', 'approval.denied'],
  ] as const)('closes an approval on %s exactly once', async (decision, status, kind) => {
    const store = await fresh();
    const approval = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      'system',
    );

    const result = await store.decideApproval({
      id: approval.id,
      personId: 'sam',
      decision,
      reason: 'looked at it',
    });
    const again = await store.decideApproval({ id: approval.id, personId: 'kim', decision });

    expect(result).toMatchObject({
      ok: true,
      approval: { status, decidedBy: 'sam', reason: 'looked at it' },
    });
    expect(again).toMatchObject({ ok: false, code: 'already-decided' });
    expect((await store.listAudit()).at(-1)).toMatchObject({ kind, actor: 'sam' });
    expect(await store.listApprovals({ status: 'pending' })).toEqual([]);
  });

  it('shows one approvals queue to two servers on the same database', async () => {
    const first = await fresh();
    const second = await fresh();

    const approval = await first.createApproval(
      { subjectKind: 'action', subjectId: 'a1', requirement: REQUIREMENT },
      'system',
    );
    const seen = await second.listApprovals({ status: 'pending' });
    await second.decideApproval({ id: approval.id, personId: 'sam', decision: 'approve' });
    const after = await first.getApproval(approval.id);

    expect(seen.map((a) => a.id)).toEqual([approval.id]);
    expect(after).toMatchObject({ status: 'approved', decidedBy: 'sam' });
    expect(await first.verifyAudit()).toMatchObject({ ok: true, count: 2 });
  });

  it('needs distinct people when the requirement asks for two approvals', async () => {
    // A frozen clock: both sign-offs share a millisecond, so they are listed in signing order, not by name.
    const store = await fresh({ now: () => new Date('2026-03-01T10:00:00.000Z') });
    const approval = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: { ...REQUIREMENT, approvals: 2 } },
      'system',
    );

    const first = await store.decideApproval({ id: approval.id, personId: 'sam', decision: 'approve' });
    const repeat = await store.decideApproval({ id: approval.id, personId: 'sam', decision: 'approve' });
    const second = await store.decideApproval({ id: approval.id, personId: 'kim', decision: 'approve' });

    expect(first).toMatchObject({ ok: true, approval: { status: 'pending', approvedBy: ['sam'] } });
    expect(repeat).toMatchObject({ ok: false, code: 'already-signed' });
    expect(second).toMatchObject({
      ok: true,
      approval: { status: 'approved', approvedBy: ['sam', 'kim'], decidedBy: 'kim' },
    });
  });

  it('refuses decisions on unknown and expired approvals', async () => {
    let clock = new Date('2026-03-01T10:00:00.000Z');
    const store = await fresh({ now: () => clock });
    const approval = await store.createApproval(
      {
        subjectKind: 'action',
        subjectId: 'a1',
        requirement: REQUIREMENT,
        expiresAt: '2026-03-01T10:05:00.000Z',
      },
      'system',
    );
    clock = new Date('2026-03-01T10:06:00.000Z');

    const missing = await store.decideApproval({ id: 'apr_nope', personId: 'sam', decision: 'approve' });
    const late = await store.decideApproval({ id: approval.id, personId: 'sam', decision: 'approve' });

    expect(missing).toMatchObject({ ok: false, code: 'not-found' });
    expect(late).toMatchObject({ ok: false, code: 'expired', approval: { status: 'expired' } });
    expect((await store.verifyAudit()).ok).toBe(true);
  });

  it('compares expiry times whatever ISO form they were given in', async () => {
    const store = await fresh({ now: () => new Date('2026-03-01T10:00:30.000Z') });
    const approval = await store.createApproval(
      {
        subjectKind: 'action',
        subjectId: 'a1',
        requirement: REQUIREMENT,
        expiresAt: '2026-03-01T11:00:00+01:00',
      },
      'system',
    );

    const late = await store.decideApproval({ id: approval.id, personId: 'sam', decision: 'approve' });

    expect(approval.expiresAt).toBe('2026-03-01T10:00:00.000Z');
    expect(late).toMatchObject({ ok: false, code: 'expired' });
  });

  it('expires due approvals in bulk', async () => {
    const store = await fresh();
    await store.createApproval(
      {
        subjectKind: 'action',
        subjectId: 'a1',
        requirement: REQUIREMENT,
        expiresAt: '2026-01-01T00:00:00.000Z',
      },
      'system',
    );
    await store.createApproval(
      {
        subjectKind: 'action',
        subjectId: 'a2',
        requirement: REQUIREMENT,
        expiresAt: '2027-01-01T00:00:00.000Z',
      },
      'system',
    );

    const expired = await store.expireApprovals('2026-06-01T00:00:00.000Z');

    expect(expired).toBe(1);
    expect((await store.listApprovals({ status: 'pending' })).map((a) => a.subjectId)).toEqual(['a2']);
  });

  it('finds the approval of the same command in the same agent session', async () => {
    const store = await fresh();
    const input = {
      command: 'kubectl delete ns shop',
      agent: 'claude-code',
      sessionId: 's9',
      operations: [],
      decision: 'needs-approval' as const,
      reasons: [],
    };
    const { approval } = await store.recordActionDecision(input, 'agent:claude-code', {
      requirement: REQUIREMENT,
    });
    await store.decideApproval({ id: approval!.id, personId: 'sam', decision: 'approve' });

    const same = await store.findApprovedAction({
      command: input.command,
      agent: 'claude-code',
      sessionId: 's9',
      since: '2000-01-01T00:00:00.000Z',
    });
    const otherSession = await store.findApprovedAction({
      command: input.command,
      agent: 'claude-code',
      sessionId: 's10',
      since: '2000-01-01T00:00:00.000Z',
    });
    const tooOld = await store.findApprovedAction({
      command: input.command,
      agent: 'claude-code',
      sessionId: 's9',
      since: '2999-01-01T00:00:00.000Z',
    });

    expect(same?.id).toBe(approval!.id);
    expect(otherSession).toBeUndefined();
    expect(tooOld).toBeUndefined();
  });

  it('lets a retried held action join its pending approval instead of opening another', async () => {
    let clock = new Date('2026-03-01T10:00:00.000Z');
    const store = await fresh({ now: () => clock });
    const held = (sessionId: string, command = 'terraform destroy') =>
      store.recordActionDecision(
        { command, agent: 'codex', sessionId, operations: [], decision: 'needs-approval', reasons: [] },
        'agent:codex',
        { requirement: REQUIREMENT, expiresAt: '2026-03-01T11:00:00.000Z' },
      );

    const first = await held('s1');
    const retry = await held('s1');
    const otherSession = await held('s2');
    const otherCommand = await held('s1', 'terraform destroy -target=db');
    clock = new Date('2026-03-01T11:00:00.000Z');
    const afterExpiry = await held('s1');

    expect(retry.approval?.id).toBe(first.approval!.id);
    expect(retry.action.id).not.toBe(first.action.id);
    expect(new Set([first, otherSession, otherCommand, afterExpiry].map((r) => r.approval!.id)).size).toBe(4);
    const records = await store.listAudit();
    expect(records.filter((r) => r.kind === 'approval.requested')).toHaveLength(4);
    expect(records.find((r) => r.subject === `action:${retry.action.id}`)?.data).toMatchObject({
      approvalId: first.approval!.id,
    });
    expect((await store.verifyAudit()).ok).toBe(true);
  });

  it('releases a retried held action once its joined approval is approved', async () => {
    const store = await fresh();
    const input = {
      command: 'kubectl delete ns shop',
      agent: 'claude-code',
      operations: [],
      decision: 'needs-approval' as const,
      reasons: [],
    };
    const first = await store.recordActionDecision(input, 'agent:claude-code', { requirement: REQUIREMENT });
    const retry = await store.recordActionDecision(input, 'agent:claude-code', { requirement: REQUIREMENT });
    await store.decideApproval({ id: retry.approval!.id, personId: 'sam', decision: 'approve' });
    const third = await store.recordActionDecision(input, 'agent:claude-code', { requirement: REQUIREMENT });

    const released = await store.findApprovedAction({
      command: input.command,
      agent: 'claude-code',
      since: '2000-01-01T00:00:00.000Z',
    });
    expect(retry.approval!.id).toBe(first.approval!.id);
    expect(released).toMatchObject({ id: first.approval!.id, status: 'approved', approvedBy: ['sam'] });
    // Once decided it is no longer pending: a later hold opens a new request.
    expect(third.approval!.id).not.toBe(first.approval!.id);
    expect(await store.listApprovals({ status: 'pending' })).toHaveLength(1);
  });

  it('holds, joins and releases a command longer than an index entry may be', async () => {
    const store = await fresh();
    // A heredoc-sized command: PostgreSQL refuses B-tree entries over ≈ 2.7 kB, so it must not be indexed.
    const deletes = Array.from(
      { length: 700 },
      (_, i) => `DELETE FROM orders WHERE id = ${(i * 7919) % 100_003};`,
    );
    const command = `psql prod <<'SQL'\n${deletes.join('\n')}\nSQL`;
    const input = {
      command,
      agent: 'codex',
      sessionId: 's9',
      operations: [],
      decision: 'needs-approval' as const,
      reasons: [],
    };
    const first = await store.recordActionDecision(input, 'agent:codex', { requirement: REQUIREMENT });
    const retry = await store.recordActionDecision(input, 'agent:codex', { requirement: REQUIREMENT });
    await store.decideApproval({ id: first.approval!.id, personId: 'sam', decision: 'approve' });
    const since = '2000-01-01T00:00:00.000Z';

    expect(command.length).toBeGreaterThan(20_000); // and not compressible below the limit
    expect(retry.approval!.id).toBe(first.approval!.id);
    expect(await store.findApprovedAction({ command, agent: 'codex', sessionId: 's9', since })).toMatchObject(
      {
        id: first.approval!.id,
        approvedBy: ['sam'],
      },
    );
    // One character more is another command: not released.
    expect(
      await store.findApprovedAction({ command: `${command} `, agent: 'codex', sessionId: 's9', since }),
    ).toBeUndefined();
  });

  it('finds approvals of held actions recorded before the action-key migration', async () => {
    database = await backend.create();
    const { db } = openDatabase(database.spec);
    const { Migrator } = await import('kysely');
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => (await import('./migrations.js')).MIGRATIONS },
    });
    expect((await migrator.migrateTo('0003-approval-subject')).error).toBeUndefined();
    await db
      .insertInto('action_decisions')
      .values({
        id: 'act_old',
        command: 'terraform destroy',
        agent: 'codex',
        on_behalf_of: null,
        session_id: 's1',
        cwd: null,
        operations: '[]',
        decision: 'needs-approval',
        reasons: '[]',
        detail: '{}',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('approvals')
      .values({
        id: 'apr_old',
        subject_kind: 'action',
        subject_id: 'act_old',
        status: 'approved',
        requirement: JSON.stringify(REQUIREMENT),
        decided_by: 'sam',
        reason: null,
        expires_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
        decided_at: '2026-01-01T00:01:00.000Z',
      } as never)
      .execute();
    await db.destroy();

    const store = await fresh();
    const released = await store.findApprovedAction({
      command: 'terraform destroy',
      agent: 'codex',
      sessionId: 's1',
      since: '2025-12-31T00:00:00.000Z',
    });
    expect(released?.id).toBe('apr_old');
  });

  it('indexes the commit provenance of change decisions recorded before the commit-provenance migration', async () => {
    database = await backend.create();
    const { db } = openDatabase(database.spec);
    const { Migrator } = await import('kysely');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    expect((await migrator.migrateTo('0004-action-key')).error).toBeUndefined();
    const sha = '0123456789abcdef0123456789abcdef01234567';
    await db
      .insertInto('changes')
      .values({
        id: 'c1',
        repo: '/r',
        base: 'a',
        head: sha,
        pr: null,
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    // The table as 0004 left it (no seq column yet).
    const oldDetail = JSON.stringify({
      provenance: { commits: [{ sha, aiAssisted: true, tools: ['claude'] }] },
    });
    await sql`INSERT INTO change_decisions (id, change_id, decision, reasons, created_at, detail)
      VALUES ('chd_old', 'c1', 'allow', '[]', '2026-01-01T00:00:00.000Z', ${oldDetail})`.execute(db);
    await db.destroy();

    await fresh();
    const reader = await openDashboardReader(database.spec);
    try {
      expect(await reader.commitProvenance([sha.slice(0, 7)])).toEqual(
        new Map([[sha.slice(0, 7), { aiAssisted: true, tools: ['claude'] }]]),
      );
    } finally {
      await reader.close();
    }
  });

  it('commits concurrent writes together, in chain order, failing only the bad one', async () => {
    const store = await fresh();
    const writes = Array.from({ length: 40 }, (_, n) =>
      n === 17
        ? store.appendAudit({ kind: 'test', actor: 'sam', subject: 'bad', data: { n: Number.NaN } })
        : n % 2 === 0
          ? store.appendAudit({ kind: 'test', actor: 'sam', subject: `s:${n}`, data: { n } })
          : store.recordActionDecision(
              { command: `ls ${n}`, agent: 'codex', operations: [], decision: 'allow', reasons: [] },
              'agent:codex',
            ),
    );

    const settled = await Promise.allSettled(writes);

    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1);
    expect(settled[17]!.status).toBe('rejected');
    const records = await store.listAudit();
    expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    // Calls are recorded in the order they were made.
    expect(records[0]!.subject).toBe('s:0');
    expect(records[1]!.kind).toBe('action.decision');
    expect(records.at(-2)!.subject).toBe('s:38');
    expect(records.at(-1)!.kind).toBe('action.decision');
    expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 39 });
  });

  it('records change decisions under one change: its repository and head, whatever the base', async () => {
    const store = await fresh();
    const head = 'C'.repeat(40);

    await store.recordChangeDecision(
      { repo: 'Acme/Shop', base: 'a', head, pr: 7, decision: 'needs-approval', reasons: ['needs senior'] },
      'system',
    );
    // The base branch moved on: the same head is the same change, now compared against the new base.
    await store.recordChangeDecision(
      { repo: 'acme/shop', base: 'a2', head, decision: 'allow', reasons: [] },
      'system',
    );
    await store.recordChangeDecision(
      { repo: 'acme/other', base: 'a', head, decision: 'deny', reasons: ['no'] },
      'system',
    );

    const decisions = await store.listChangeDecisions({ repo: 'ACME/shop', head });
    const id = `acme/shop@${'c'.repeat(40)}`;
    expect(decisions.map((d) => [d.changeId, d.repo, d.base, d.decision, d.pr])).toEqual([
      [id, 'acme/shop', 'a2', 'needs-approval', 7],
      [id, 'acme/shop', 'a2', 'allow', 7],
    ]);
    expect(await store.listChangeDecisions({ repo: 'acme/other', headPrefix: 'cccccccc' })).toHaveLength(1);
  });

  it('returns decisions recorded in the same millisecond in the order they were recorded', async () => {
    // A frozen clock: every decision has the same created_at, so only the recording order can tell them apart.
    const store = await fresh({ now: () => new Date('2026-03-02T10:00:00.000Z') });
    const outcomes = ['needs-approval', 'allow', 'deny', 'needs-approval', 'allow'] as const;
    for (let round = 0; round < 8; round++)
      for (const decision of outcomes)
        await store.recordChangeDecision(
          { repo: 'shop', base: 'a', head: 'b', decision, reasons: [`${round}`] },
          'system',
        );

    const decisions = await store.listChangeDecisions({ repo: 'shop', head: 'b' });
    expect(decisions.map((d) => `${d.reasons[0]}:${d.decision}`)).toEqual(
      Array.from({ length: 8 }, (_, round) => outcomes.map((o) => `${round}:${o}`)).flat(),
    );
    const reader = await openDashboardReader(database!.spec);
    try {
      const history = await reader.changeHistory(decisions[0]!.changeId);
      expect(history.map((d) => d.id)).toEqual(decisions.map((d) => d.id));
      expect((await reader.latestChanges())[0]!.decisionId).toBe(decisions.at(-1)!.id);
    } finally {
      await reader.close();
    }
  });

  it('numbers decisions recorded before migration 0006 in their old order, before every later one', async () => {
    database = await backend.create();
    const { db } = openDatabase(database.spec);
    const { Migrator } = await import('kysely');
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    expect((await migrator.migrateTo('0005-commit-provenance')).error).toBeUndefined();
    await sql`INSERT INTO changes (id, repo, base, head, pr, created_at)
      VALUES ('shop@a..b', 'shop', 'a', 'b', NULL, '2026-01-01T00:00:00.000Z')`.execute(db);
    for (const [id, at] of [
      ['chd_z', '2026-01-01T00:00:00.000Z'],
      ['chd_a', '2026-01-01T00:00:01.000Z'],
    ])
      await sql`INSERT INTO change_decisions (id, change_id, decision, reasons, created_at, detail)
        VALUES (${id}, 'shop@a..b', 'deny', '[]', ${at}, '{}')`.execute(db);
    await sql`INSERT INTO approvals (id, subject_kind, subject_id, status, requirement, created_at)
      VALUES ('ap1', 'change', 'shop@a..b', 'pending', ${JSON.stringify({ ...REQUIREMENT, approvals: 3 })},
              '2026-01-01T00:00:00.000Z')`.execute(db);
    for (const [person, at] of [
      ['zed', '2026-01-01T00:00:00.000Z'],
      ['amy', '2026-01-01T00:00:00.001Z'],
    ])
      await sql`INSERT INTO approval_signoffs (approval_id, person_id, at) VALUES ('ap1', ${person}, ${at})`.execute(
        db,
      );
    await db.destroy();

    const store = await fresh({ now: () => new Date('2026-01-01T00:00:00.000Z') });
    await store.recordChangeDecision(
      { repo: 'shop', base: 'a', head: 'b', decision: 'allow', reasons: [] },
      's',
    );

    const decisions = await store.listChangeDecisions({ repo: 'shop' });
    expect(decisions.map((d) => (d.id.startsWith('chd_') && d.id.length === 5 ? d.id : d.decision))).toEqual([
      'chd_z',
      'chd_a',
      'allow',
    ]);
    const signed = await store.decideApproval({ id: 'ap1', personId: 'bob', decision: 'approve' });
    expect(signed).toMatchObject({ ok: true, approval: { approvedBy: ['zed', 'amy', 'bob'] } });
  });

  it('re-keys changes recorded before migration 0010 to their repository and head, merging what is one change', async () => {
    const checkout = createScratchRepo('bw-migrate-0010-');
    try {
      checkout.git('remote', 'add', 'origin', 'git@github.com:Acme/Shop.git');
      database = await backend.create();
      const { db } = openDatabase(database.spec);
      const { Migrator } = await import('kysely');
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo('0008-credential-grants')).error).toBeUndefined();
      const head = 'c'.repeat(40);
      const other = 'd'.repeat(40);
      // The API recorded under the server's folder, the webhook under owner/name: one commit, two changes.
      const old = [
        [`${checkout.dir}@main..${head}`, checkout.dir, 'main', head, null, '2026-01-01T00:00:00.000Z'],
        [`Acme/Shop@release..${head}`, 'Acme/Shop', 'release', head, 7, '2026-01-02T00:00:00.000Z'],
        [`${checkout.dir}@main..${other}`, checkout.dir, 'main', other, null, '2026-01-03T00:00:00.000Z'],
        [`/gone/Legacy@a..${other}`, '/gone/Legacy', 'a', other, null, '2026-01-04T00:00:00.000Z'],
      ] as const;
      let seq = 1;
      for (const [id, repo, base, headSha, pr, at] of old) {
        await sql`INSERT INTO changes (id, repo, base, head, pr, created_at)
          VALUES (${id}, ${repo}, ${base}, ${headSha}, ${pr}, ${at})`.execute(db);
        await sql`INSERT INTO change_decisions (id, change_id, decision, reasons, detail, created_at, seq)
          VALUES (${`chd_${seq}`}, ${id}, 'needs-approval', '["needs a senior"]', '{}', ${at}, ${seq - 10})`.execute(
          db,
        );
        await sql`INSERT INTO approvals (id, subject_kind, subject_id, status, requirement, created_at)
          VALUES (${`apr_${seq}`}, 'change', ${id}, 'pending', ${JSON.stringify(REQUIREMENT)}, ${at})`.execute(
          db,
        );
        seq += 1;
      }
      await db.destroy();

      const store = await fresh();
      const shop = await store.listChangeDecisions({ repo: 'acme/shop', head });
      const approvals = await Promise.all(['apr_1', 'apr_2'].map((id) => store.getApproval(id)));
      const verdict = await store.verifyAudit();
      const again = await store.recordChangeDecision(
        { repo: 'acme/shop', base: 'main', head, decision: 'needs-approval', reasons: [] },
        'system',
      );
      const request = await store.createApproval(
        { subjectKind: 'change', subjectId: again.changeId, requirement: REQUIREMENT },
        'system',
      );

      expect(shop.map((d) => [d.id, d.changeId, d.pr, d.base])).toEqual([
        ['chd_1', `acme/shop@${head}`, 7, 'release'],
        ['chd_2', `acme/shop@${head}`, 7, 'release'],
      ]);
      // Two open requests became one change's: the newest stays open, the other is closed as superseded.
      expect(approvals.map((a) => [a?.status, a?.subjectId])).toEqual([
        ['expired', `acme/shop@${head}`],
        ['pending', `acme/shop@${head}`],
      ]);
      expect(approvals[0]?.reason).toMatch(/superseded/);
      expect(await store.listChangeDecisions({ repo: 'acme/shop', head: other })).toHaveLength(1);
      expect((await store.listChangeDecisions({ repo: 'legacy' })).map((d) => d.changeId)).toEqual([
        `legacy@${other}`,
      ]);
      // Every moved row is bound by the migration's audit record, so the chain and its rows still verify.
      expect(verdict).toMatchObject({ ok: true, rows: 8 });
      expect((await store.listAudit())[0]).toMatchObject({ seq: 1, kind: 'change.identity-migrated' });
      expect(again.changeId).toBe(`acme/shop@${head}`);
      expect(request.id).toBe('apr_2');
    } finally {
      checkout.remove();
    }
  });

  it('replaces configured people and services', async () => {
    const store = await fresh();
    await store.upsertPeople([{ id: 'old', level: 'junior', emails: [], teams: [], logins: [] }], 'system');

    await store.upsertPeople(
      [{ id: 'sam', level: 'senior', emails: ['sam@example.com'], teams: ['payments'], logins: ['sam'] }],
      'system',
    );
    await store.upsertServices(
      [{ id: 'payments', tier: 1, owner: 'payments', paths: ['services/payments/**'], dependsOn: [] }],
      'system',
    );

    expect(await store.listPeople()).toEqual([
      { id: 'sam', level: 'senior', emails: ['sam@example.com'], teams: ['payments'], logins: ['sam'] },
    ]);
    expect((await store.listServices()).map((s) => s.id)).toEqual(['payments']);
  });

  it("honours its own revocation at once and another connection's within TOKEN_CACHE_MS (at once on PostgreSQL)", async () => {
    let elapsed = 0;
    const serving = await fresh({ elapsedMs: () => elapsed });
    const other = await fresh();
    const secret = generateToken();
    const mine = await serving.createToken({ role: 'agent', agentId: 'a', hash: hashToken(secret) }, 'admin');
    const theirs = await serving.createToken(
      { role: 'agent', agentId: 'b', hash: hashToken(`${secret}x`) },
      'admin',
    );
    await serving.findTokenByHash(hashToken(secret));
    await serving.findTokenByHash(hashToken(`${secret}x`));

    await serving.revokeToken(mine.id, 'admin');
    // Revoking through this store emptied its cache: the other token is remembered again, then revoked elsewhere.
    await serving.findTokenByHash(hashToken(`${secret}x`));
    await other.revokeToken(theirs.id, 'admin');
    const ownAtOnce = await serving.findTokenByHash(hashToken(secret));
    const otherAtOnce = await serving.findTokenByHash(hashToken(`${secret}x`));
    elapsed += TOKEN_CACHE_MS - 1;
    const otherJustBefore = await serving.findTokenByHash(hashToken(`${secret}x`));
    elapsed += 2;
    const otherLater = await serving.findTokenByHash(hashToken(`${secret}x`));

    expect(ownAtOnce?.revokedAt).toBeDefined();
    // Servers sharing PostgreSQL see each other's revocations at once: nothing is cached there.
    if (backend.name === 'postgres') expect(otherAtOnce?.revokedAt).toBeDefined();
    // On SQLite the cached row is trusted until TOKEN_CACHE_MS has passed on the store's clock, no longer.
    if (backend.name === 'sqlite') {
      expect(otherAtOnce?.revokedAt).toBeUndefined();
      expect(otherJustBefore?.revokedAt).toBeUndefined();
    } else expect(otherJustBefore?.revokedAt).toBeDefined();
    expect(otherLater?.revokedAt).toBeDefined();
  });

  it('stores tokens as hashes only, finds and revokes them', async () => {
    const store = await fresh();
    const token = generateToken();

    const row = await store.createToken(
      { role: 'reviewer', personId: 'sam', hash: hashToken(token) },
      'admin',
    );
    const found = await store.findTokenByHash(hashToken(token));
    const revoked = await store.revokeToken(row.id, 'admin');
    const revokedAgain = await store.revokeToken(row.id, 'admin');

    expect(token).toMatch(/^bw_[A-Za-z0-9_-]{43}$/);
    expect(found).toMatchObject({ id: row.id, role: 'reviewer', personId: 'sam' });
    expect([revoked, revokedAgain]).toEqual([true, false]);
    expect((await store.listTokens())[0]?.revokedAt).toBeDefined();
    const everything = JSON.stringify([
      await database!.raw('SELECT * FROM api_tokens'),
      await database!.raw('SELECT * FROM audit_records'),
    ]);
    expect(everything).toContain(hashToken(token));
    expect(everything).not.toContain(token);
  });

  it('records a webhook delivery once', async () => {
    const store = await fresh();

    const first = await store.recordDelivery({ deliveryId: 'd-1', event: 'pull_request', status: 'ok' });
    const replay = await store.recordDelivery({ deliveryId: 'd-1', event: 'pull_request', status: 'ok' });

    expect([first, replay]).toEqual([true, false]);
  });

  it('updates and counts delivery statuses', async () => {
    const store = await fresh();
    await store.recordDelivery({ deliveryId: 'd-1', event: 'pull_request', status: 'received' });
    await store.recordDelivery({ deliveryId: 'd-2', event: 'pull_request', status: 'received' });

    const updated = await store.setDeliveryStatus('d-1', 'failed');
    const unknown = await store.setDeliveryStatus('d-9', 'failed');

    expect([updated, unknown]).toEqual([true, false]);
    expect(await store.countDeliveries()).toEqual({ failed: 1, received: 1 });
  });

  it('counts approvals by status', async () => {
    const store = await fresh();
    const first = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      'system',
    );
    await store.createApproval(
      { subjectKind: 'change', subjectId: 'c2', requirement: REQUIREMENT },
      'system',
    );
    await store.decideApproval({ id: first.id, personId: 'sam', decision: 'deny' });

    expect(await store.countApprovals()).toEqual({ denied: 1, pending: 1 });
  });
});

describe('Store on SQLite with another connection writing', () => {
  it('waits for the other write lock without blocking its event loop, then commits', async () => {
    const database = await sqliteBackend.create();
    const store = await openStore(database.spec);
    const other = new BetterSqlite3(database.spec);
    try {
      other.exec('BEGIN IMMEDIATE');
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 5);
      setTimeout(() => other.exec('COMMIT'), 200);

      const started = performance.now();
      const record = await store.appendAudit({ kind: 'test', actor: 'sam', subject: 's:1', data: {} });
      const waited = performance.now() - started;
      clearInterval(ticker);

      expect(record.seq).toBe(1);
      expect(waited).toBeGreaterThanOrEqual(150);
      // A blocked event loop (a synchronous busy wait) would not have run the ticker meanwhile.
      expect(ticks).toBeGreaterThan(5);
      expect(await store.verifyAudit()).toMatchObject({ ok: true, count: 1 });
    } finally {
      other.close();
      await store.close();
      await database.drop();
    }
  });
});
