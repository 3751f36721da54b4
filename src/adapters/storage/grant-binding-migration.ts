import { sql, type Kysely, type Migration } from 'kysely';
import type { RowBinding } from '../../core/audit/binding.js';
import { appendMigrationRecord } from './migration-audit.js';
import { grantBinding, tokenBinding } from './row-binding.js';
import type { ApiTokenTable, GrantTable } from './schema.js';

/**
 * 0008, second step (after the grants table): credential grants and API tokens carry the hash of their audit
 * record like decisions and approvals (0007), so a grant or token added, widened, un-revoked or deleted behind
 * blastwall's back is found by `audit verify`. Rows written before it are bound by one audit record listing
 * each row's digest. Its name sorts right after `0008-credential-grants` and before 0009.
 */
export const GRANT_BINDING_MIGRATION: Migration = {
  // Migrations see an untyped database: they must not depend on today's schema types.
  async up(db: Kysely<unknown>) {
    for (const table of ['credential_grants', 'api_tokens'])
      await db.schema.alterTable(table).addColumn('audit_hash', 'text').execute();

    const bindings: RowBinding[] = [];
    const grants = await sql<Omit<GrantTable, 'audit_hash'>>`SELECT * FROM credential_grants`.execute(db);
    for (const row of grants.rows) bindings.push(grantBinding(row));
    const tokens = await sql<Omit<ApiTokenTable, 'audit_hash'>>`SELECT * FROM api_tokens`.execute(db);
    for (const row of tokens.rows) bindings.push(tokenBinding(row));
    if (bindings.length === 0) return;

    const hash = await appendMigrationRecord(db, {
      at: new Date().toISOString(),
      kind: 'audit.rows-bound',
      actor: 'system',
      subject: 'audit:rows',
      data: {
        reason: 'grants and tokens recorded before their rows carried their audit hash',
        rows: bindings,
      },
    });
    for (const table of ['credential_grants', 'api_tokens'])
      await sql`UPDATE ${sql.table(table)} SET audit_hash = ${hash}`.execute(db);
  },
};
