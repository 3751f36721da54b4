// Credential grants and API tokens are bound to the audit log: an elevated grant exists only in the transaction
// that consumed its approval and wrote its audit record, and a grant or token changed behind blastwall's back is
// found by `audit verify` and serves no one. On SQLite and a real PostgreSQL.
import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalRequirement } from '../../core/model.js';
import { postgresAvailable } from '../../test-support/services.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';
import { createGrantStore, type GrantStore, type NewGrant } from './grant-store.js';
import { MIGRATIONS } from './migrations.js';
import { openDatabase, openStore } from './open-store.js';
import { hashToken } from './tokens.js';
import type { Store } from './types.js';

const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];

/** The elevation rule: the person the agent acts for never approves. */
const ELEVATION: ApprovalRequirement = {
  approvals: 1,
  notAuthor: true,
  notRequester: true,
  requester: 'pat',
  authors: ['pat'],
  policies: ['agent-destructive-needs-human'],
};
const COMMAND = 'blastwall creds postgres prod --write --minutes 30 --for pat';
const KEY = { command: COMMAND, agent: 'claude-code', sessionId: 's1', onBehalfOf: 'pat' };
const SINCE = '2000-01-01T00:00:00.000Z';

function grant(scope: 'read' | 'write'): NewGrant {
  return {
    environment: 'prod',
    kind: 'postgres',
    scope,
    agent: 'claude-code',
    onBehalfOf: 'pat',
    sessionId: 's1',
    principal: `bwc_${scope}`,
    expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
  };
}

describe.each(BACKENDS)('credential grants and tokens bound to the audit on $name', (backend) => {
  let database: TestDatabase;
  let store: Store;
  let grants: GrantStore;
  let closeGrants: () => Promise<void>;

  async function open(): Promise<void> {
    database = await backend.create();
    store = await openStore(database.spec);
    const { db } = openDatabase(database.spec);
    grants = createGrantStore(db);
    closeGrants = () => db.destroy();
  }

  afterEach(async () => {
    await closeGrants?.();
    await store?.close();
    await database?.drop();
  });

  /** Holds the elevation as the broker does, then decides it. */
  async function heldElevation(requirement: ApprovalRequirement, decision: 'approve' | 'deny' | undefined) {
    const held = await store.recordActionDecision(
      { ...KEY, operations: [], decision: 'needs-approval', reasons: ['held'] },
      'token:agent',
      { requirement },
    );
    const id = held.approval!.id;
    if (decision)
      expect(await store.decideApproval({ id, personId: 'sam', decision })).toMatchObject({ ok: true });
    return id;
  }

  const kinds = async () => (await store.listAudit()).map((record) => record.kind);

  it('records an elevated grant only as it consumes its approval, once', async () => {
    await open();
    const approvalId = await heldElevation(ELEVATION, 'approve');

    const first = await grants.record('grt_1', grant('write'), 'token:agent', {
      key: KEY,
      since: SINCE,
      approvalId,
    });
    const second = await grants.record('grt_2', grant('write'), 'token:agent', {
      key: KEY,
      since: SINCE,
      approvalId,
    });

    expect(first).toMatchObject({ id: 'grt_1', scope: 'write', approvalId, approvedBy: ['sam'] });
    expect(second).toBeUndefined();
    expect(await store.findApprovedAction({ ...KEY, since: SINCE })).toBeUndefined();
    expect((await kinds()).slice(-2)).toEqual(['approval.consumed', 'creds.granted']);
    expect(await grants.get('grt_2')).toBeUndefined();
    expect(await store.verifyAudit()).toMatchObject({ ok: true });
  });

  it.each([
    ['no approval at all', undefined, undefined],
    ['a pending approval', ELEVATION, undefined],
    ['a denied approval', ELEVATION, 'deny'],
    ['an approval not under the elevation rule', { ...ELEVATION, notRequester: false }, 'approve'],
  ] as const)(
    'records no elevated grant with %s, and spends nothing',
    async (_what, requirement, decision) => {
      await open();
      const approvalId = requirement ? await heldElevation(requirement, decision) : 'apr_none';
      const before = await kinds();

      const recorded = await grants.record('grt_1', grant('write'), 'token:agent', {
        key: KEY,
        since: SINCE,
        approvalId,
      });
      const unreleased = await grants.record('grt_2', grant('write'), 'token:agent');

      expect(recorded).toBeUndefined();
      expect(unreleased).toBeUndefined();
      expect(await grants.get('grt_1')).toBeUndefined();
      expect(await kinds()).toEqual(before);
      if (decision === 'approve')
        expect(await store.findApprovedAction({ ...KEY, since: SINCE })).toMatchObject({ id: approvalId });
    },
  );

  it('verifies grants and tokens through their changes', async () => {
    await open();
    await grants.record('grt_r', grant('read'), 'token:agent');
    await grants.revoke('grt_r', 'sam', 'done');
    await grants.markRemoved('grt_r', 'system');
    const token = await store.createToken(
      { role: 'agent', agentId: 'claude-code', personId: 'pat', hash: 'h1' },
      'cli',
    );
    await store.revokeToken(token.id, 'cli');

    expect(await store.verifyAudit()).toMatchObject({ ok: true, rows: 2 });
  });

  type Ids = { grant: string; token: string };
  it.each([
    [
      'a revoked grant revived',
      (ids: Ids) => [
        `UPDATE credential_grants SET revoked_at = NULL, revoked_by = NULL WHERE id = '${ids.grant}'`,
      ],
      /credential_grants row grt_r was edited after audit record/,
    ],
    [
      'a grant lengthened',
      (ids: Ids) => [
        `UPDATE credential_grants SET expires_at = '2999-01-01T00:00:00.000Z' WHERE id = '${ids.grant}'`,
      ],
      /credential_grants row grt_r was edited/,
    ],
    [
      'a read grant made elevated',
      (ids: Ids) => [`UPDATE credential_grants SET scope = 'write' WHERE id = '${ids.grant}'`],
      /credential_grants row grt_r was edited/,
    ],
    [
      'a grant deleted',
      (ids: Ids) => [`DELETE FROM credential_grants WHERE id = '${ids.grant}'`],
      /credential_grants row grt_r was deleted/,
    ],
    [
      'a token made admin',
      (ids: Ids) => [`UPDATE api_tokens SET role = 'admin' WHERE id = '${ids.token}'`],
      /api_tokens row tok_\S+ was edited/,
    ],
    [
      "a token's hash swapped",
      (ids: Ids) => [`UPDATE api_tokens SET token_hash = 'known' WHERE id = '${ids.token}'`],
      /api_tokens row tok_\S+ was edited/,
    ],
    [
      'a token slipped in',
      () => [
        `INSERT INTO api_tokens (id, role, person_id, agent_id, session_id, token_hash, created_at, revoked_at)
         VALUES ('tok_forged', 'admin', 'sam', NULL, NULL, 'forged', '2026-01-01T00:00:00.000Z', NULL)`,
      ],
      /api_tokens row tok_forged carries no audit record hash/,
    ],
  ])('finds %s', async (_what, tamper, message) => {
    await open();
    await grants.record('grt_r', grant('read'), 'token:agent');
    await grants.revoke('grt_r', 'sam');
    const token = await store.createToken({ role: 'reviewer', personId: 'jo', hash: 'h1' }, 'cli');

    for (const statement of tamper({ grant: 'grt_r', token: token.id })) await database.raw(statement);
    const verdict = await store.verifyAudit();

    expect(verdict).toMatchObject({ ok: false, problem: 'row-edited' });
    expect(!verdict.ok && verdict.message).toMatch(message);
  });

  it('serves no grant and authenticates no token that no audit record describes', async () => {
    await open();
    const secret = 'bw_forged';
    await database.raw(
      `INSERT INTO api_tokens (id, role, person_id, agent_id, session_id, token_hash, created_at, revoked_at)
       VALUES ('tok_forged', 'admin', 'sam', NULL, NULL, $1, '2026-01-01T00:00:00.000Z', NULL)`,
      [hashToken(secret)],
    );
    const values = (id: string, scope: string, approval: string | null) =>
      `('${id}', 'prod', 'postgres', '${scope}', 'claude-code', 'pat', 's1', 'bwc_x', 'pw', ${approval === null ? 'NULL' : `'${approval}'`}, NULL, '2026-01-01T00:00:00.000Z', '2999-01-01T00:00:00.000Z', NULL, NULL, NULL, $1)`;
    const columns =
      '(id, environment, kind, scope, agent, on_behalf_of, session_id, principal, secret, approval_id, approved_by, created_at, expires_at, revoked_at, revoked_by, removed_at, audit_hash)';
    await database.raw(
      `INSERT INTO credential_grants ${columns} VALUES ${values('grt_forged', 'read', null)}`,
      [null],
    );
    // Even pointing at a real record, an elevated row that names no approval serves nothing.
    const someHash = (await store.listAudit()).at(-1)?.hash ?? 'x';
    await database.raw(
      `INSERT INTO credential_grants ${columns} VALUES ${values('grt_noapproval', 'write', null)}`,
      [someHash],
    );
    const query = {
      environment: 'prod',
      kind: 'postgres',
      agent: 'claude-code',
      sessionId: 's1',
      onBehalfOf: 'pat',
      validAfter: new Date().toISOString(),
    } as const;

    expect(await store.findTokenByHash(hashToken(secret))).toBeUndefined();
    expect(await grants.findUsable({ ...query, scope: 'read' })).toBeUndefined();
    expect(await grants.findUsable({ ...query, scope: 'write' })).toBeUndefined();
  });

  it('binds grants and tokens written before the migration with one audit record', async () => {
    database = await backend.create();
    const { db } = openDatabase(database.spec);
    closeGrants = () => db.destroy();
    const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
    expect((await migrator.migrateTo('0008-credential-grants')).error).toBeUndefined();
    await database.raw(
      `INSERT INTO api_tokens (id, role, person_id, agent_id, session_id, token_hash, created_at, revoked_at)
       VALUES ('tok_old', 'agent', 'pat', 'claude-code', NULL, 'old', '2026-01-01T00:00:00.000Z', NULL)`,
    );
    await database.raw(
      `INSERT INTO credential_grants (id, environment, kind, scope, agent, on_behalf_of, session_id, principal, secret, approval_id, approved_by, created_at, expires_at, revoked_at, revoked_by, removed_at)
       VALUES ('grt_old', 'prod', 'postgres', 'read', 'claude-code', 'pat', 's1', 'bwc_old', NULL, NULL, NULL, '2026-01-01T00:00:00.000Z', '2026-01-01T00:30:00.000Z', NULL, NULL, NULL)`,
    );
    store = await openStore(database.spec);

    const migrated = await store.verifyAudit();
    await database.raw(`UPDATE api_tokens SET role = 'admin' WHERE id = 'tok_old'`);
    const tampered = await store.verifyAudit();

    expect(migrated).toMatchObject({ ok: true, count: 1, rows: 2 });
    expect((await store.listAudit())[0]).toMatchObject({ kind: 'audit.rows-bound' });
    expect(tampered).toMatchObject({ ok: false, problem: 'row-edited' });
  });
});
