import type { Kysely, Selectable } from 'kysely';
import type { CredentialKind, CredentialScope, Grant } from '../../core/creds/grant.js';
import { consumeActionApprovalInTx } from './approvals.js';
import { appendInTx, createChainWriter, type AuditEntry, type ChainTx } from './audit-log.js';
import { newId } from './ids.js';
import { openMigrated } from './open-store.js';
import { grantBinding } from './row-binding.js';
import type { ActionKey } from './rows.js';
import type { Database, GrantTable } from './schema.js';
import type { Actor } from './types.js';

/** A grant about to be issued; the store gives it an id and a creation time, and an elevated one its approval. */
export type NewGrant = Omit<
  Grant,
  'id' | 'createdAt' | 'revokedAt' | 'revokedBy' | 'removedAt' | 'approvalId' | 'approvedBy'
> & {
  secret?: string;
};

/** The approval that releases an elevated grant: the held action it approved, and which approval was seen. */
export interface GrantRelease {
  key: ActionKey;
  /** Only an approval decided at or after this time releases it. */
  since: string;
  /** The approval the caller found; another one (a race) releases nothing. */
  approvalId: string;
}

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

/** Durable credential grants; every change of one is audited in its transaction, and the row bound to it. */
export interface GrantStore {
  /** A new grant's id, known before the issuer is asked, so a crash leaves a row that names what to remove. */
  newId(): string;
  /**
   * Records a grant (before its issuer side exists). An elevated grant is recorded only in the transaction that
   * consumes its approval: approved, unconsumed, under the elevation rule (the requester never approves), the
   * one the caller found. Undefined when no approval released it.
   */
  record(id: string, grant: NewGrant, actor: Actor, release?: GrantRelease): Promise<Grant | undefined>;
  /** Stores the secret that re-serves a grant (not audited: the audit never holds secrets). */
  storeSecret(id: string, secret: string): Promise<void>;
  /** The session's newest grant usable past `validAfter`, with its secret; only a grant its audit record describes. */
  findUsable(query: GrantQuery): Promise<{ grant: Grant; secret?: string } | undefined>;
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

/** Thrown inside a grant's transaction to roll back an approval consumed for nothing. */
class NotReleased extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotReleased';
  }
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
  const db = database;
  const now = options.now ?? (() => new Date());
  const chain = createChainWriter(database, now);

  async function read(reader: Kysely<Database>, id: string): Promise<Grant | undefined> {
    const row = await reader
      .selectFrom('credential_grants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toGrant(row);
  }

  /**
   * Appends the audit record of a change to a grant, carrying the row as it stands after it, and points the row
   * at that record: every write to a grant (but its secret) ends with this, or `audit verify` reports it edited.
   */
  async function appendForGrant(tx: ChainTx, id: string, entry: AuditEntry): Promise<Grant> {
    const row = await tx.trx
      .selectFrom('credential_grants')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const record = await appendInTx(tx, { ...entry, data: { ...entry.data, row: grantBinding(row) } });
    await tx.trx
      .updateTable('credential_grants')
      .set({ audit_hash: record.hash })
      .where('id', '=', id)
      .execute();
    return toGrant(row);
  }

  return {
    newId: () => newId('grt'),

    async record(id, grant, actor, release) {
      try {
        return await chain(async (tx) => {
          let approval: { id: string; approvedBy: string[] } | undefined;
          if (grant.scope === 'write') {
            if (!release) throw new NotReleased('an elevated grant needs an approval');
            // Consumed here, in the grant's own transaction: no grant without a spent approval, and no spent
            // approval without its grant (a refusal below rolls the consumption back).
            const consumed = await consumeActionApprovalInTx(tx, release.key, release.since, actor);
            if (!consumed || consumed.id !== release.approvalId)
              throw new NotReleased(
                `approval ${release.approvalId} is not approved, or already released a grant`,
              );
            if (consumed.requirement.notRequester !== true || !consumed.requirement.notAuthor)
              throw new NotReleased(`approval ${consumed.id} was not given under the elevation rule`);
            approval = { id: consumed.id, approvedBy: consumed.approvedBy };
          }
          await tx.trx
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
              approval_id: approval?.id ?? null,
              approved_by: approval ? JSON.stringify(approval.approvedBy) : null,
              created_at: tx.now().toISOString(),
              expires_at: grant.expiresAt,
              revoked_at: null,
              revoked_by: null,
              removed_at: null,
              audit_hash: null,
            })
            .execute();
          const stored = (await read(tx.trx, id))!;
          return appendForGrant(tx, id, {
            kind: 'creds.granted',
            actor,
            subject: `grant:${id}`,
            data: auditData(stored),
          });
        });
      } catch (error) {
        if (error instanceof NotReleased) return undefined;
        throw error;
      }
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
        // A row no audit record describes was added behind blastwall's back, and an elevated one must name
        // the approval it consumed: neither serves.
        .where('audit_hash', 'is not', null)
        .where((eb) => (query.scope === 'write' ? eb('approval_id', 'is not', null) : eb.lit(true)))
        .where('expires_at', '>', query.validAfter)
        .where('revoked_at', 'is', null)
        .where('removed_at', 'is', null)
        .orderBy('expires_at', 'desc')
        .executeTakeFirst();
      if (!row) return undefined;
      return { grant: toGrant(row), ...(row.secret !== null && { secret: row.secret }) };
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
        const at = tx.now().toISOString();
        const result = await tx.trx
          .updateTable('credential_grants')
          .set({ revoked_at: at, revoked_by: by })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        const grant = (await read(tx.trx, id))!;
        await appendForGrant(tx, id, {
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
        const result = await tx.trx
          .updateTable('credential_grants')
          // The secret is of no use once the issuer side is gone; it is not kept.
          .set({ removed_at: tx.now().toISOString(), secret: null })
          .where('id', '=', id)
          .where('removed_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return;
        await appendForGrant(tx, id, { kind: 'creds.removed', actor, subject: `grant:${id}`, data: {} });
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
