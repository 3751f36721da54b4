import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The table of brokered credential grants (issue 20). In its own file and listed in `migrations.ts`,
 * so the storage owner's file changes by one line. Portable types only.
 */
export const GRANT_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('credential_grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('agent', 'text', (c) => c.notNull())
      .addColumn('on_behalf_of', 'text')
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('principal', 'text', (c) => c.notNull())
      // The issued secret, so the same session is served again without a new role (see docs/creds.md).
      .addColumn('secret', 'text')
      .addColumn('approval_id', 'text')
      .addColumn('approved_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text')
      .addColumn('removed_at', 'text')
      .execute();
    await db.schema
      .createIndex('credential_grants_session')
      .on('credential_grants')
      .columns(['environment', 'kind', 'agent', 'session_id', 'scope', 'expires_at'])
      .execute();
    await db.schema
      .createIndex('credential_grants_removal')
      .on('credential_grants')
      .columns(['removed_at', 'expires_at'])
      .execute();
    // One approval releases one grant, whatever races between servers.
    await sql`CREATE UNIQUE INDEX credential_grants_approval ON credential_grants (approval_id) WHERE approval_id IS NOT NULL`.execute(
      db,
    );
  },
};
