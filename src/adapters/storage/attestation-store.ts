import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AttestationRecord } from '../../core/provenance/attestation.js';
import { appendInTx, createChainWriter } from './audit-log.js';
import { newId } from './ids.js';
import { openMigrated } from './open-store.js';
import type { Database } from './schema.js';

/** The attestations table (migration `attestation-migration.ts`). */
interface AttestationTable {
  id: string;
  digest: string;
  file: string;
  lines: string;
  agent: string;
  tool: string;
  session_id: string | null;
  on_behalf_of: string | null;
  at: string;
  received_at: string;
  token_id: string;
  server_sig: string | null;
  key_id: string | null;
}

type All = Database & {
  attestations: AttestationTable;
  attestation_lines: { hash: string; attestation_id: string };
};

/** A record as received: who it is for already comes from the token, with the server's signature when it has a key. */
export interface ReceivedAttestation {
  record: AttestationRecord;
  /** sha256 (hex) of the record's signed payload. */
  digest: string;
  tokenId: string;
  serverSig?: string;
  keyId?: string;
}

/** A stored record with its server signature. */
export interface StoredAttestation {
  record: AttestationRecord;
  serverSig?: string;
  keyId?: string;
}

/** The server's store of attestations hooks sent it. */
export interface AttestationStore {
  /** Stores a batch in one audited transaction; a record already held (same digest) is skipped. */
  receive(
    batch: readonly ReceivedAttestation[],
    actor: string,
  ): Promise<{ stored: number; duplicates: number }>;
  /** The records holding at least one of these line hashes. */
  withLines(hashes: Iterable<string>): Promise<StoredAttestation[]>;
  /** Closes the connection when this store opened it. */
  close(): Promise<void>;
}

// Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535; lookups go in chunks well below.
const CHUNK = 500;

/** An AttestationStore over a migrated Kysely database. */
export function createAttestationStore(
  database: Kysely<Database>,
  options: { now?: () => Date; close?: () => Promise<void> } = {},
): AttestationStore {
  const db = database as unknown as Kysely<All>;
  const chain = createChainWriter(database, options.now ?? (() => new Date()));
  return {
    async receive(batch, actor) {
      if (batch.length === 0) return { stored: 0, duplicates: 0 };
      return chain(async (tx) => {
        const trx = tx.trx as unknown as Kysely<All>;
        const receivedAt = tx.now().toISOString();
        const digests = batch.map((item) => item.digest);
        const held = new Set<string>();
        for (let at = 0; at < digests.length; at += CHUNK) {
          const rows = await trx
            .selectFrom('attestations')
            .select('digest')
            .where('digest', 'in', digests.slice(at, at + CHUNK))
            .execute();
          for (const row of rows) held.add(row.digest);
        }
        let stored = 0;
        for (const item of batch) {
          if (held.has(item.digest)) continue;
          held.add(item.digest);
          const id = newId('att');
          const { record } = item;
          await trx
            .insertInto('attestations')
            .values({
              id,
              digest: item.digest,
              file: record.file,
              lines: JSON.stringify(record.lines),
              agent: record.agent,
              tool: record.tool,
              session_id: record.session ?? null,
              on_behalf_of: record.onBehalfOf ?? null,
              at: record.at,
              received_at: receivedAt,
              token_id: item.tokenId,
              server_sig: item.serverSig ?? null,
              key_id: item.keyId ?? null,
            })
            .execute();
          const hashes = [...new Set(record.lines)];
          for (let at = 0; at < hashes.length; at += CHUNK)
            await trx
              .insertInto('attestation_lines')
              .values(hashes.slice(at, at + CHUNK).map((hash) => ({ hash, attestation_id: id })))
              .execute();
          stored++;
        }
        const duplicates = batch.length - stored;
        // One audit record per batch: who sent how many, and a digest of the batch to tie the rows to the chain.
        await appendInTx(tx, {
          kind: 'attestations.received',
          actor,
          subject: `token:${batch[0]!.tokenId}`,
          data: { stored, duplicates, batch: batchDigest([...digests].sort()) },
        });
        return { stored, duplicates };
      });
    },

    async withLines(hashes) {
      const wanted = [...new Set(hashes)];
      const ids = new Set<string>();
      for (let at = 0; at < wanted.length; at += CHUNK) {
        const rows = await db
          .selectFrom('attestation_lines')
          .select('attestation_id')
          .where('hash', 'in', wanted.slice(at, at + CHUNK))
          .execute();
        for (const row of rows) ids.add(row.attestation_id);
      }
      const out: StoredAttestation[] = [];
      const all = [...ids];
      for (let at = 0; at < all.length; at += CHUNK) {
        const rows = await db
          .selectFrom('attestations')
          .selectAll()
          .where('id', 'in', all.slice(at, at + CHUNK))
          .orderBy('at')
          .execute();
        for (const row of rows) out.push(toStored(row));
      }
      return out;
    },

    async close() {
      await options.close?.();
    },
  };
}

function toStored(row: AttestationTable): StoredAttestation {
  const record: AttestationRecord = {
    v: 1,
    file: row.file,
    lines: JSON.parse(row.lines) as string[],
    agent: row.agent,
    tool: row.tool,
    ...(row.session_id !== null && { session: row.session_id }),
    ...(row.on_behalf_of !== null && { onBehalfOf: row.on_behalf_of }),
    at: row.at,
  };
  return {
    record,
    ...(row.server_sig !== null && { serverSig: row.server_sig }),
    ...(row.key_id !== null && { keyId: row.key_id }),
  };
}

function batchDigest(digests: readonly string[]): string {
  return createHash('sha256').update(digests.join('\n')).digest('hex');
}

/** Opens an AttestationStore on a SQLite path or postgres:// URL, applying pending migrations first. */
export async function openAttestationStore(
  spec: string,
  options: { now?: () => Date } = {},
): Promise<AttestationStore> {
  const { db } = await openMigrated(spec);
  return createAttestationStore(db, { ...options, close: () => db.destroy() });
}
