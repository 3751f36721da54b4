import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { GENESIS_HASH } from '../../core/audit/chain.js';
import { BlastwallError } from '../../core/errors.js';
import { ATTESTATION_MIGRATION } from './attestation-migration.js';
import { AUDIT_BINDING_MIGRATION } from './audit-binding-migration.js';
import { CHANGE_IDENTITY_MIGRATION } from './change-identity-migration.js';
import { DELIVERY_MIGRATION } from './delivery-migration.js';
import { GRANT_BINDING_MIGRATION } from './grant-binding-migration.js';
import { GRANT_MIGRATION } from './grant-migration.js';
import { actionKey, commitProvenanceRows } from './rows.js';
import type { Database } from './schema.js';

// Migrations live in code, not in files read at runtime, so the built package carries them.
// Only portable types (text, integer, bigint) are used: one migration serves both backends.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': {
    // Migrations see an untyped database: they must not depend on today's schema types.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_head')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, ${GENESIS_HASH})`.execute(db);
      await db.schema
        .createTable('audit_records')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('changes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('repo', 'text', (c) => c.notNull())
        .addColumn('base', 'text', (c) => c.notNull())
        .addColumn('head', 'text', (c) => c.notNull())
        .addColumn('pr', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('change_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('change_id', 'text', (c) => c.notNull().references('changes.id'))
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('change_decisions_change')
        .on('change_decisions')
        .columns(['change_id', 'created_at'])
        .execute();
      await db.schema
        .createTable('action_decisions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('command', 'text', (c) => c.notNull())
        .addColumn('agent', 'text', (c) => c.notNull())
        .addColumn('on_behalf_of', 'text')
        .addColumn('session_id', 'text')
        .addColumn('cwd', 'text')
        .addColumn('operations', 'text', (c) => c.notNull())
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('action_decisions_session')
        .on('action_decisions')
        .columns(['agent', 'session_id', 'command'])
        .execute();
      await db.schema
        .createTable('approvals')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subject_kind', 'text', (c) => c.notNull())
        .addColumn('subject_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requirement', 'text', (c) => c.notNull())
        .addColumn('decided_by', 'text')
        .addColumn('reason', 'text')
        .addColumn('expires_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .execute();
      await db.schema
        .createIndex('approvals_status')
        .on('approvals')
        .columns(['status', 'created_at'])
        .execute();
      // At most one open request per subject, whatever races between servers.
      await sql`CREATE UNIQUE INDEX approvals_one_pending ON approvals (subject_kind, subject_id) WHERE status = 'pending'`.execute(
        db,
      );
      await db.schema
        .createTable('approval_signoffs')
        .addColumn('approval_id', 'text', (c) => c.notNull().references('approvals.id'))
        .addColumn('person_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('approval_signoffs_pk', ['approval_id', 'person_id'])
        .execute();
      await db.schema
        .createTable('people')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tier', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('person_id', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema
        .createTable('webhook_deliveries')
        .addColumn('delivery_id', 'text', (c) => c.primaryKey())
        .addColumn('event', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0002-delivery': DELIVERY_MIGRATION,
  '0003-approval-subject': {
    // Held actions look up their approvals from the session's decisions (pending ones to join a
    // retry, approved ones to release it): by subject, not by scanning every approval of a status.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('approvals_subject')
        .on('approvals')
        .columns(['subject_id', 'status'])
        .execute();
    },
  },
  '0004-action-key': {
    // A held action's approvals were found by joining every earlier decision of the same agent,
    // session and command: the cost grew with each retry, and the index behind it held whole
    // commands, which PostgreSQL refuses past ≈ 2.7 kB. Approvals now carry the action's key (a
    // digest, see rows.ts) and are found through one index entry; the old index only slowed inserts.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('approvals').addColumn('action_key', 'text').execute();
      const held = await sql<{ id: string; agent: string; session_id: string | null; command: string }>`
        SELECT ap.id, ad.agent, ad.session_id, ad.command
        FROM approvals ap JOIN action_decisions ad ON ad.id = ap.subject_id
        WHERE ap.subject_kind = 'action'`.execute(db);
      for (const row of held.rows) {
        const key = actionKey({ agent: row.agent, sessionId: row.session_id, command: row.command });
        await sql`UPDATE approvals SET action_key = ${key} WHERE id = ${row.id}`.execute(db);
      }
      await db.schema
        .createIndex('approvals_action_key')
        .on('approvals')
        .columns(['action_key', 'status'])
        .execute();
      await db.schema.dropIndex('action_decisions_session').execute();
    },
  },
  '0005-commit-provenance': {
    // Deployments ask how their commits were written; that was a substring search of every change
    // decision's detail, slower with each decision recorded. Now an index on the commit sha answers it.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('commit_provenance')
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('decision_id', 'text', (c) => c.notNull())
        .addColumn('ai_assisted', 'integer', (c) => c.notNull())
        .addColumn('tools', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('commit_provenance_pk', ['sha', 'decision_id'])
        .execute();
      await db.schema
        .createIndex('commit_provenance_sha')
        .on('commit_provenance')
        .columns(['sha', 'created_at'])
        .execute();
      // Decisions recorded before this migration, a page at a time.
      let after = '';
      for (;;) {
        const page = await sql<{ id: string; detail: string; created_at: string }>`
          SELECT id, detail, created_at FROM change_decisions WHERE id > ${after} ORDER BY id LIMIT 500`.execute(
          db,
        );
        if (page.rows.length === 0) break;
        for (const decision of page.rows) {
          let detail: unknown;
          try {
            detail = JSON.parse(decision.detail);
          } catch {
            continue;
          }
          for (const row of commitProvenanceRows(decision.id, detail, decision.created_at))
            await sql`INSERT INTO commit_provenance (sha, decision_id, ai_assisted, tools, created_at)
              VALUES (${row.sha}, ${row.decision_id}, ${row.ai_assisted}, ${row.tools}, ${row.created_at})`.execute(
              db,
            );
        }
        after = page.rows.at(-1)!.id;
      }
    },
  },
  '0006-decision-seq-and-authority': {
    // "The latest decision" was the last by created_at, then by a random id: two decisions in one
    // millisecond came back in either order (and two sign-offs by name). A decision or sign-off now carries
    // the seq of its audit record (1 and up). Older rows are numbered -N…-1 in their old order, so every
    // later one sorts after them.
    async up(db: Kysely<unknown>) {
      await numberInOldOrder(db, 'change_decisions', ['created_at', 'id'], ['id']);
      await numberInOldOrder(db, 'approval_signoffs', ['at', 'person_id'], ['approval_id', 'person_id']);
      // Authority (issue 15): an approved action's approval releases one run, marked when used; an agent
      // token may be pinned to one session.
      await db.schema.alterTable('approvals').addColumn('consumed_at', 'text').execute();
      await db.schema.alterTable('api_tokens').addColumn('session_id', 'text').execute();
      await db.schema
        .createIndex('change_decisions_change_seq')
        .on('change_decisions')
        .columns(['change_id', 'seq'])
        .execute();
      await db.schema
        .createIndex('change_decisions_seq')
        .on('change_decisions')
        .column('seq')
        .unique()
        .execute();
    },
  },
  '0007-audit-binding': AUDIT_BINDING_MIGRATION,
  '0008-credential-grants': GRANT_MIGRATION,
  '0008-credential-grants-bound': GRANT_BINDING_MIGRATION,
  '0009-attestations': ATTESTATION_MIGRATION,
  '0010-change-identity': CHANGE_IDENTITY_MIGRATION,
};

/** Adds a `seq` column to a table and numbers its rows -N…-1 in the order of `order` (`key` names one row). */
async function numberInOldOrder(
  db: Kysely<unknown>,
  table: string,
  order: readonly string[],
  key: readonly string[],
): Promise<void> {
  await db.schema.alterTable(table).addColumn('seq', 'bigint').execute();
  const from = sql.table(table);
  const counted = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${from}`.execute(db);
  let seq = -Number(counted.rows[0]?.n ?? 0);
  const keys = sql.join(key.map((column) => sql.ref(column)));
  const ordered = sql.join(order.map((column) => sql.ref(column)));
  for (;;) {
    const page = await sql<Record<string, string>>`
      SELECT ${keys} FROM ${from} WHERE seq IS NULL ORDER BY ${ordered} LIMIT 500`.execute(db);
    if (page.rows.length === 0) return;
    for (const row of page.rows) {
      const where = sql.join(
        key.map((column) => sql`${sql.ref(column)} = ${row[column]}`),
        sql` AND `,
      );
      await sql`UPDATE ${from} SET seq = ${seq} WHERE ${where}`.execute(db);
      seq += 1;
    }
  }
}

const provider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};

/** Names of every migration, oldest first. */
export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();

/** Brings the schema to the latest version; returns the names applied now (none when current). */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    // No failed migration means the database itself could not be used; the caller names it.
    if (failed === undefined) throw error;
    throw new BlastwallError(
      'internal',
      `database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return (results ?? [])
    .filter((result) => result.status === 'Success')
    .map((result) => result.migrationName);
}
