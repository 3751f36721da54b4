import type { Kysely, Migration } from 'kysely';

/**
 * The attestations hooks send to the server (issue 18): one row per record, and its line hashes in a table of
 * their own so a pull request's added lines find their records by index. In its own file and listed in
 * `migrations.ts`, so the storage owner's file changes by one line. Portable types only.
 */
export const ATTESTATION_MIGRATION: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('attestations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // sha256 of the signed payload: a record sent twice (a flush retried after a lost answer) is stored once.
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('file', 'text', (c) => c.notNull())
      .addColumn('lines', 'text', (c) => c.notNull())
      .addColumn('agent', 'text', (c) => c.notNull())
      .addColumn('tool', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text')
      .addColumn('on_behalf_of', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('token_id', 'text', (c) => c.notNull())
      // The server's signature on receipt (base64 Ed25519 over the signed payload) and its key's id, when it has one.
      .addColumn('server_sig', 'text')
      .addColumn('key_id', 'text')
      .execute();
    await db.schema
      .createTable('attestation_lines')
      .addColumn('hash', 'text', (c) => c.notNull())
      .addColumn('attestation_id', 'text', (c) => c.notNull().references('attestations.id'))
      .addPrimaryKeyConstraint('attestation_lines_pk', ['hash', 'attestation_id'])
      .execute();
  },
};
