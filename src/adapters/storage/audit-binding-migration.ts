import { sql, type Kysely, type Migration } from 'kysely';
import type { RowBinding } from '../../core/audit/binding.js';
import { appendMigrationRecord } from './migration-audit.js';
import { actionBinding, approvalBinding, changeBinding } from './row-binding.js';
import type { ActionDecisionTable, ApprovalTable, ChangeDecisionTable } from './schema.js';

/**
 * 0007: decision and approval rows carry the hash of their audit record, and signed checkpoints of the
 * chain get a table. Rows written before it are bound by one audit record that lists each row's digest,
 * so from now on every row is checked, old ones included. (Numbered after 0006, which another change adds;
 * it depends on nothing of it.)
 */
export const AUDIT_BINDING_MIGRATION: Migration = {
  // Migrations see an untyped database: they must not depend on today's schema types.
  async up(db: Kysely<unknown>) {
    for (const table of ['action_decisions', 'change_decisions', 'approvals'])
      await db.schema.alterTable(table).addColumn('audit_hash', 'text').execute();
    await db.schema
      .createTable('audit_checkpoints')
      .addColumn('seq', 'bigint', (c) => c.primaryKey())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('prev_seq', 'bigint', (c) => c.notNull())
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .execute();

    const bindings: RowBinding[] = [];
    const actions = await sql<
      Omit<ActionDecisionTable, 'audit_hash'>
    >`SELECT * FROM action_decisions`.execute(db);
    for (const row of actions.rows) bindings.push(actionBinding(row));
    const changes = await sql<
      Omit<ChangeDecisionTable, 'audit_hash'>
    >`SELECT * FROM change_decisions`.execute(db);
    for (const row of changes.rows) bindings.push(changeBinding(row));
    const approvals = await sql<Omit<ApprovalTable, 'audit_hash'>>`SELECT * FROM approvals`.execute(db);
    const signoffs = await sql<{ approval_id: string; person_id: string }>`
      SELECT approval_id, person_id FROM approval_signoffs`.execute(db);
    const signers = new Map<string, string[]>();
    for (const s of signoffs.rows)
      signers.set(s.approval_id, [...(signers.get(s.approval_id) ?? []), s.person_id]);
    for (const row of approvals.rows) bindings.push(approvalBinding(row, signers.get(row.id) ?? []));
    if (bindings.length === 0) return;

    const hash = await appendMigrationRecord(db, {
      at: new Date().toISOString(),
      kind: 'audit.rows-bound',
      actor: 'system',
      subject: 'audit:rows',
      data: { reason: 'rows recorded before decision rows carried their audit hash', rows: bindings },
    });
    for (const table of ['action_decisions', 'change_decisions', 'approvals'])
      await sql`UPDATE ${sql.table(table)} SET audit_hash = ${hash}`.execute(db);
  },
};
