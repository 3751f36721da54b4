import type { Kysely, Selectable } from 'kysely';
import type { CredentialKind, CredentialScope, Grant } from '../../core/creds/grant.js';
import { appendInTx, createChainWriter, type ChainTx } from './audit-log.js';
import { newId } from './ids.js';
import { openMigrated } from './open-store.js';
import type { Database } from './schema.js';
import type { Actor } from './types.js';

/** The grants table (migration `grant-migration.ts`). */
export interface GrantTable {
  id: string;
  environment: string;
  kind: string;
  scope: string;
  agent: string;
  on_behalf_of: string | null;
  session_id: string;
  principal: string;
  secret: string | null;
  approval_id: string | null;
  approved_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  removed_at: string | null;
}

type All = Database & { credential_grants: GrantTable };

/** A grant about to be issued; the store gives it an id and a creation time. */
export type NewGrant = Omit<Grant, 'id' | 'createdAt' | 'revokedAt' | 'revokedBy' | 'removedAt'> & {
  secret?: string;
};

/** Which session's grant to look for. */
export interface GrantQuery {
  environment: string;
  kind: CredentialKind;
  scope: CredentialScope;
  agent: string;
  sessionId: string;
  /** The person the agent acts for: one person's grant never serves another's agent. */
  onBehalfOf: string | undefined;
  /** Only a grant that stays valid past this time. */
  validAfter: string;
}

/** Durable credential grants; every change of one is audited in its transaction. */
export interface GrantStore {
  /** A new grant's id, known before the issuer is asked, so a crash leaves a row that names what to remove. */
  newId(): string;
  /** Records a grant (before its issuer side exists); false when its approval already released another. */
  record(id: string, grant: NewGrant, actor: Actor): Promise<Grant | undefined>;
  /** Stores the secret that re-serves a grant (not audited: the audit never holds secrets). */
  storeSecret(id: string, secret: string): Promise<void>;
  /** The session's newest grant usable past `validAfter`, with its secret. */
  findUsable(query: GrantQuery): Promise<{ grant: Grant; secret?: string } | undefined>;
  /** The grant an approval released, if any. */
  findByApproval(approvalId: string): Promise<Grant | undefined>;
  /** One grant. */
  get(id: string): Promise<Grant | undefined>;
  /** Grants whose issuer side may still exist, newest first. */
  listLive(): Promise<Grant[]>;
  /** Ends a grant early; false when there is no such unrevoked, unexpired grant. */
  revoke(id: string, by: Actor, reason?: string): Promise<boolean>;
  /** Records that the issuer side of a grant is gone. */
  markRemoved(id: string, actor: Actor): Promise<void>;
  /** Closes the connection when this store opened it. */
  close(): Promise<void>;
}

function toGrant(row: Selectable<GrantTable>): Grant {
  return {
    id: row.id,
    environment: row.environment,
    kind: row.kind as CredentialKind,
    scope: row.scope as CredentialScope,
    agent: row.agent,
    ...(row.on_behalf_of !== null && { onBehalfOf: row.on_behalf_of }),
    sessionId: row.session_id,
    principal: row.principal,
    ...(row.approval_id !== null && { approvalId: row.approval_id }),
    ...(row.approved_by !== null && { approvedBy: JSON.parse(row.approved_by) as string[] }),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
    ...(row.revoked_by !== null && { revokedBy: row.revoked_by }),
    ...(row.removed_at !== null && { removedAt: row.removed_at }),
  };
}

/** What the audit says of a grant: never its secret. */
function auditData(grant: Grant): Record<string, unknown> {
  return {
    environment: grant.environment,
    kind: grant.kind,
    scope: grant.scope,
    agent: grant.agent,
    ...(grant.onBehalfOf !== undefined && { onBehalfOf: grant.onBehalfOf }),
    sessionId: grant.sessionId,
    principal: grant.principal,
    expiresAt: grant.expiresAt,
    ...(grant.approvalId !== undefined && { approvalId: grant.approvalId, approvedBy: grant.approvedBy }),
  };
}

/** A GrantStore over a migrated Kysely database. */
export function createGrantStore(
  database: Kysely<Database>,
  options: { now?: () => Date; close?: () => Promise<void> } = {},
): GrantStore {
  const db = database as unknown as Kysely<All>;
  const now = options.now ?? (() => new Date());
  const chain = createChainWriter(database, now);
  const trxOf = (tx: ChainTx) => tx.trx as unknown as Kysely<All>;

  async function read(reader: Kysely<All>, id: string): Promise<Grant | undefined> {
    const row = await reader
      .selectFrom('credential_grants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toGrant(row);
  }

  return {
    newId: () => newId('grt'),

    async record(id, grant, actor) {
      return chain(async (tx) => {
        const trx = trxOf(tx);
        if (grant.approvalId !== undefined) {
          const taken = await trx
            .selectFrom('credential_grants')
            .select('id')
            .where('approval_id', '=', grant.approvalId)
            .executeTakeFirst();
          if (taken) return undefined;
        }
        const createdAt = tx.now().toISOString();
        await trx
          .insertInto('credential_grants')
          .values({
            id,
            environment: grant.environment,
            kind: grant.kind,
            scope: grant.scope,
            agent: grant.agent,
            on_behalf_of: grant.onBehalfOf ?? null,
            session_id: grant.sessionId,
            principal: grant.principal,
            secret: grant.secret ?? null,
            approval_id: grant.approvalId ?? null,
            approved_by: grant.approvedBy ? JSON.stringify(grant.approvedBy) : null,
            created_at: createdAt,
            expires_at: grant.expiresAt,
            revoked_at: null,
            revoked_by: null,
            removed_at: null,
          })
          .execute();
        const stored = (await read(trx, id))!;
        await appendInTx(tx, {
          kind: 'creds.granted',
          actor,
          subject: `grant:${id}`,
          data: auditData(stored),
        });
        return stored;
      });
    },

    async storeSecret(id, secret) {
      await db
        .updateTable('credential_grants')
        .set({ secret })
        .where('id', '=', id)
        .where('removed_at', 'is', null)
        .execute();
    },

    async findUsable(query) {
      const row = await db
        .selectFrom('credential_grants')
        .selectAll()
        .where('environment', '=', query.environment)
        .where('kind', '=', query.kind)
        .where('agent', '=', query.agent)
        .where('session_id', '=', query.sessionId)
        .where((eb) =>
          query.onBehalfOf === undefined
            ? eb('on_behalf_of', 'is', null)
            : eb('on_behalf_of', '=', query.onBehalfOf),
        )
        .where('scope', '=', query.scope)
        .where('expires_at', '>', query.validAfter)
        .where('revoked_at', 'is', null)
        .where('removed_at', 'is', null)
        .orderBy('expires_at', 'desc')
        .executeTakeFirst();
      if (!row) return undefined;
      return { grant: toGrant(row), ...(row.secret !== null && { secret: row.secret }) };
    },

    async findByApproval(approvalId) {
      const row = await db
        .selectFrom('credential_grants')
        .selectAll()
        .where('approval_id', '=', approvalId)
        .executeTakeFirst();
      return row && toGrant(row);
    },

    get: (id) => read(db, id),

    async listLive() {
      const rows = await db
        .selectFrom('credential_grants')
        .selectAll()
        .where('removed_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(1000)
        .execute();
      return rows.map(toGrant);
    },

    async revoke(id, by, reason) {
      return chain(async (tx) => {
        const trx = trxOf(tx);
        const at = tx.now().toISOString();
        const result = await trx
          .updateTable('credential_grants')
          .set({ revoked_at: at, revoked_by: by })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        const grant = (await read(trx, id))!;
        await appendInTx(tx, {
          kind: 'creds.revoked',
          actor: by,
          subject: `grant:${id}`,
          data: { ...auditData(grant), ...(reason !== undefined && { reason }) },
        });
        return true;
      });
    },

    async markRemoved(id, actor) {
      await chain(async (tx) => {
        const trx = trxOf(tx);
        const result = await trx
          .updateTable('credential_grants')
          // The secret is of no use once the issuer side is gone; it is not kept.
          .set({ removed_at: tx.now().toISOString(), secret: null })
          .where('id', '=', id)
          .where('removed_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return;
        await appendInTx(tx, { kind: 'creds.removed', actor, subject: `grant:${id}`, data: {} });
      });
    },

    async close() {
      await options.close?.();
    },
  };
}

/** Opens a GrantStore on a SQLite path or postgres:// URL, applying pending migrations first. */
export async function openGrantStore(spec: string, options: { now?: () => Date } = {}): Promise<GrantStore> {
  const { db } = await openMigrated(spec);
  return createGrantStore(db, { ...options, close: () => db.destroy() });
}
