import { sql, type Kysely } from 'kysely';
import { nextRecordWithData, type AuditBody } from '../../core/audit/chain.js';

/**
 * Appends one record to the audit chain from inside a migration, as the chain writer would: after the head, which
 * then moves. Migrations see an untyped database, so this reads and writes the chain's tables by SQL. Returns the
 * record's hash, which the rows it binds then carry.
 */
export async function appendMigrationRecord(
  db: Kysely<unknown>,
  entry: Omit<AuditBody, 'seq'>,
): Promise<string> {
  const head = await sql<{ seq: number | string; hash: string }>`
    SELECT seq, hash FROM audit_head WHERE id = 1`.execute(db);
  const start = head.rows[0]!;
  const { record, data } = nextRecordWithData({ seq: Number(start.seq), hash: start.hash }, entry);
  await sql`INSERT INTO audit_records (seq, at, kind, actor, subject, data, prev_hash, hash)
    VALUES (${record.seq}, ${record.at}, ${record.kind}, ${record.actor}, ${record.subject}, ${data}, ${record.prevHash}, ${record.hash})`.execute(
    db,
  );
  await sql`UPDATE audit_head SET seq = ${record.seq}, hash = ${record.hash} WHERE id = 1`.execute(db);
  return record.hash;
}
