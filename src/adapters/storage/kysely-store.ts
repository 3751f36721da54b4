import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Person, Service } from '../../core/model.js';
import {
  createApprovalInTx,
  decideInTx,
  expireInTx,
  consumeActionApprovalInTx,
  findApprovedActionApproval,
  findPendingActionApproval,
  LostRace,
  openApprovalInTx,
  readApproval,
  readApprovals,
} from './approvals.js';
import { appendInTx, createChainWriter, insertDeferred, readAudit } from './audit-log.js';
import { fromCheckpoint, readCheckpoints, toCheckpoint, verifyAuditOnce } from './audit-verify.js';
import { newId } from './ids.js';
import { actionDecisionEntry, actionKey, commitProvenanceRows, toAction, toChange, toToken } from './rows.js';
import type { Database } from './schema.js';
import { createExclusive, readDeliveryStatus } from './exclusive.js';
import { actionBinding, changeBinding, tokenBinding } from './row-binding.js';
import { changeIdOf } from '../../core/change/identity.js';
import { createSqliteFastPath } from './sqlite-fast.js';
import type { ActionDecisionRow, Store, TokenRow } from './types.js';

/** Options shared by both backends. */
export interface StoreOptions {
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /**
   * A monotonic clock in milliseconds that times the SQLite token cache (default `performance.now`).
   * Kept apart from `now`, which a test or demo may hold still; tests advance this one instead of sleeping.
   */
  elapsedMs?: () => number;
  /**
   * SQLite only. `normal` (default, with WAL) keeps every acknowledged commit across a killed
   * process; `full` also fsyncs each commit so it survives power loss, at ~40x the cost per commit.
   */
  sqliteSynchronous?: 'normal' | 'full';
  /**
   * SQLite only, for long-running servers: checkpoint the WAL from a worker thread instead of inside
   * commits, which stalls the event loop for an fsync (see checkpointer.ts).
   */
  checkpointInBackground?: boolean;
  /** Operational log lines (the checkpoint worker saying it stopped). */
  log?: (line: string) => void;
}

async function countBy(
  db: Kysely<Database>,
  table: 'approvals' | 'webhook_deliveries',
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom(table)
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

/** How long a found token is trusted without asking SQLite again (PostgreSQL is always asked). */
export const TOKEN_CACHE_MS = 1000;
const TOKEN_CACHE_SIZE = 1000;

/** Timed by a monotonic clock, not the store's `now` (a test or demo clock may stand still). */
function createTokenCache(elapsedMs: () => number) {
  const entries = new Map<string, { token: TokenRow; until: number }>();
  return {
    get(hash: string): TokenRow | undefined {
      const entry = entries.get(hash);
      if (entry && entry.until > elapsedMs()) return entry.token;
      entries.delete(hash);
      return undefined;
    },
    set(hash: string, token: TokenRow): void {
      if (entries.size >= TOKEN_CACHE_SIZE) entries.clear();
      entries.set(hash, { token, until: elapsedMs() + TOKEN_CACHE_MS });
    },
    clear: () => entries.clear(),
  };
}

/**
 * A Store over any Kysely database that has been migrated (SQLite or PostgreSQL). With `sqlite`,
 * the better-sqlite3 connection under `db`, the hot path (action decisions, audit appends, token
 * and approval look-ups) runs on prepared statements instead (see sqlite-fast.ts).
 */
export function createKyselyStore(
  db: Kysely<Database>,
  kind: Store['kind'],
  options: StoreOptions = {},
  sqlite?: BetterSqlite3.Database,
): Store {
  const now = options.now ?? (() => new Date());
  const fast = sqlite ? createSqliteFastPath(sqlite, now) : undefined;
  const chain = createChainWriter(db, now, fast?.runner);
  const syncChain = chain.sync;
  /** Whether a read may use the fast path now (no Kysely transaction open on the connection). */
  const fastRead = () => (fast && !fast.runner.busy() ? fast : undefined);
  // Every API request looks its token up. On SQLite found tokens are remembered briefly (a look-up was a
  // twentieth of a request's CPU) and a revocation through this store clears them at once. On PostgreSQL
  // several servers share the database and any of them (or `blastwall token revoke`) may revoke: a cache
  // would let a revoked token approve on the others until it expired, so every look-up asks the database.
  const tokens =
    kind === 'sqlite' ? createTokenCache(options.elapsedMs ?? (() => performance.now())) : undefined;
  const readToken = async (hash: string) => {
    const row = await db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', hash)
      // A token row no audit record describes was added behind blastwall's back: it authenticates no one.
      .where('audit_hash', 'is not', null)
      .executeTakeFirst();
    return row && toToken(row);
  };

  return {
    kind,

    async recordActionDecision(input, actor, hold) {
      if (fast && syncChain) return syncChain((tx) => fast.recordAction(tx, input, actor, hold));
      return chain(async (tx) => {
        const id = newId('act');
        const createdAt = now().toISOString();
        const row = {
          id,
          command: input.command,
          agent: input.agent,
          on_behalf_of: input.onBehalfOf ?? null,
          session_id: input.sessionId ?? null,
          cwd: input.cwd ?? null,
          operations: JSON.stringify(input.operations),
          decision: input.decision,
          reasons: JSON.stringify(input.reasons),
          detail: JSON.stringify(input.detail ?? {}),
          created_at: createdAt,
        };
        // A retried held action joins the approval its first attempt opened, while that one waits.
        const pending = hold ? await findPendingActionApproval(tx.trx, input, createdAt) : undefined;
        // The row carries the hash of the record that describes it, so editing either is found.
        const record = await appendInTx(
          tx,
          actionDecisionEntry(id, input, actor, pending?.id, actionBinding(row)),
        );
        await insertDeferred(tx, 'action_decisions', { ...row, audit_hash: record.hash });
        const action: ActionDecisionRow = { ...input, id, detail: input.detail ?? {}, createdAt };
        if (!hold) return { action };
        if (pending) return { action, approval: pending };
        const approval = await openApprovalInTx(
          tx,
          { ...hold, subjectKind: 'action', subjectId: id },
          actor,
          actionKey(input),
        );
        return { action, approval };
      });
    },

    async getActionDecision(id) {
      const row = await db.selectFrom('action_decisions').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAction(row) : undefined;
    },

    async findApprovedAction({ since, ...key }) {
      const reader = fastRead();
      if (reader) return reader.findApproved(key, since);
      return findApprovedActionApproval(db, key, since);
    },

    async consumeApprovedAction({ since, ...key }, actor) {
      return chain((tx) => consumeActionApprovalInTx(tx, key, since, actor));
    },

    async recordChangeDecision(input, actor) {
      return chain(async (tx) => {
        // One change per repository and head commit, whichever path judged it (core/change/identity.ts).
        const repo = input.repo.toLowerCase();
        const head = input.head.toLowerCase();
        const changeId = changeIdOf(repo, head);
        const createdAt = now().toISOString();
        const seen = await tx.trx
          .selectFrom('changes')
          .select(['id', 'base', 'pr'])
          .where('id', '=', changeId)
          .executeTakeFirst();
        if (!seen) {
          await tx.trx
            .insertInto('changes')
            .values({
              id: changeId,
              repo,
              base: input.base,
              head,
              pr: input.pr ?? null,
              created_at: createdAt,
            })
            .execute();
        } else if (seen.base !== input.base || (input.pr !== undefined && seen.pr !== input.pr)) {
          // The change is what its head is; the base it was last compared against (a PR's base moves) and its
          // PR number, once known, are kept up to date.
          await tx.trx
            .updateTable('changes')
            .set({ base: input.base, pr: input.pr ?? seen.pr })
            .where('id', '=', changeId)
            .execute();
        }
        const id = newId('chd');
        const row = {
          id,
          change_id: changeId,
          decision: input.decision,
          reasons: JSON.stringify(input.reasons),
          detail: JSON.stringify(input.detail ?? {}),
          created_at: createdAt,
        };
        const record = await appendInTx(tx, {
          kind: 'change.decision',
          actor,
          subject: `change:${changeId}`,
          data: {
            decisionId: id,
            pr: input.pr,
            decision: input.decision,
            reasons: input.reasons,
            row: changeBinding(row),
          },
        });
        await tx.trx
          .insertInto('change_decisions')
          .values({ ...row, audit_hash: record.hash, seq: record.seq })
          .execute();
        const commits = commitProvenanceRows(id, input.detail, createdAt);
        for (let start = 0; start < commits.length; start += 200)
          await tx.trx
            .insertInto('commit_provenance')
            .values(commits.slice(start, start + 200))
            .execute();
        return { ...input, repo, head, id, changeId, detail: input.detail ?? {}, createdAt };
      });
    },

    async listChangeDecisions({ repo, base, head, headPrefix }) {
      let query = db
        .selectFrom('change_decisions')
        .innerJoin('changes', 'changes.id', 'change_decisions.change_id')
        .selectAll('change_decisions')
        .select(['changes.repo', 'changes.base', 'changes.head', 'changes.pr']);
      if (repo !== undefined) query = query.where('changes.repo', '=', repo.toLowerCase());
      if (base !== undefined) query = query.where('changes.base', '=', base);
      if (head !== undefined) query = query.where('changes.head', '=', head.toLowerCase());
      // Only hex reaches LIKE, so no pattern character can widen the match.
      if (headPrefix !== undefined && /^[0-9a-f]+$/.test(headPrefix))
        query = query.where('changes.head', 'like', `${headPrefix}%`);
      const rows = await query.orderBy('change_decisions.seq').execute();
      return rows.map(toChange);
    },

    async createApproval(input, actor) {
      return chain((tx) => createApprovalInTx(tx, input, actor));
    },

    getApproval: (id) => readApproval(db, id),

    listApprovals: (query = {}) => readApprovals(db, query.status, query.limit, query.openAt),

    async decideApproval(input) {
      try {
        return await chain((tx) => decideInTx(tx, input));
      } catch (error) {
        if (!(error instanceof LostRace)) throw error;
        return { ok: false, code: 'already-decided', message: error.message };
      }
    },

    async expireApprovals(at) {
      return chain((tx) => expireInTx(tx, at));
    },

    async upsertPeople(people: Person[], actor) {
      await chain(async (tx) => {
        await tx.trx.deleteFrom('people').execute();
        for (const person of people) {
          await tx.trx
            .insertInto('people')
            .values({ id: person.id, level: person.level, data: JSON.stringify(person) })
            .execute();
        }
        await appendInTx(tx, {
          kind: 'config.people',
          actor,
          subject: 'config:people',
          data: { ids: people.map((p) => p.id) },
        });
      });
    },

    async upsertServices(services: Service[], actor) {
      await chain(async (tx) => {
        await tx.trx.deleteFrom('services').execute();
        for (const service of services) {
          await tx.trx
            .insertInto('services')
            .values({ id: service.id, tier: service.tier, data: JSON.stringify(service) })
            .execute();
        }
        await appendInTx(tx, {
          kind: 'config.services',
          actor,
          subject: 'config:services',
          data: { ids: services.map((s) => s.id) },
        });
      });
    },

    async listPeople() {
      const rows = await db.selectFrom('people').select('data').orderBy('id').execute();
      return rows.map((row) => JSON.parse(row.data) as Person);
    },

    async listServices() {
      const rows = await db.selectFrom('services').select('data').orderBy('id').execute();
      return rows.map((row) => JSON.parse(row.data) as Service);
    },

    async appendAudit(entry) {
      if (fast && syncChain) return syncChain((tx) => fast.append(tx, entry));
      return chain((tx) => appendInTx(tx, entry));
    },

    listAudit: (query = {}) => readAudit(db, query.afterSeq ?? 0, query.limit),

    async verifyAudit(options = {}) {
      // A server writing while this reads can make a row look out of step with the records read before it;
      // a real edit stays, so a row problem is only reported when a second, fresh reading finds it too.
      const first = await verifyAuditOnce(db, options);
      if (first.ok || first.problem !== 'row-edited') return first;
      return verifyAuditOnce(db, options);
    },

    async signCheckpoint(signer) {
      return chain(async (tx) => {
        const last = await tx.trx
          .selectFrom('audit_checkpoints')
          .selectAll()
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const previous = last && toCheckpoint(last);
        if (tx.head.seq === 0 || previous?.seq === tx.head.seq) return previous;
        const checkpoint = signer(tx.head, previous, tx.now().toISOString());
        await tx.trx.insertInto('audit_checkpoints').values(fromCheckpoint(checkpoint)).execute();
        return checkpoint;
      });
    },

    listCheckpoints: () => readCheckpoints(db),

    async createToken(input, actor) {
      return chain(async (tx) => {
        const id = newId('tok');
        const row = {
          id,
          role: input.role,
          person_id: input.personId ?? null,
          agent_id: input.agentId ?? null,
          session_id: input.sessionId ?? null,
          token_hash: input.hash,
          created_at: now().toISOString(),
          revoked_at: null,
        };
        // The hash stays out of the audit log: the log is exported and the hash is a lookup key (the row's
        // digest covers it, see row-binding.ts). The row and its record are one transaction.
        const record = await appendInTx(tx, {
          kind: 'token.created',
          actor,
          subject: `token:${id}`,
          data: {
            role: input.role,
            personId: input.personId,
            agentId: input.agentId,
            sessionId: input.sessionId,
            row: tokenBinding(row),
          },
        });
        await tx.trx
          .insertInto('api_tokens')
          .values({ ...row, audit_hash: record.hash })
          .execute();
        return toToken(
          await tx.trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
        );
      });
    },

    async findTokenByHash(hash) {
      const cached = tokens?.get(hash);
      if (cached) return cached;
      const reader = fastRead();
      const token = reader ? reader.findToken(hash) : await readToken(hash);
      if (token) tokens?.set(hash, token);
      return token;
    },

    async revokeToken(id, actor) {
      const revoked = await chain(async (tx) => {
        const result = await tx.trx
          .updateTable('api_tokens')
          .set({ revoked_at: now().toISOString() })
          .where('id', '=', id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        const row = await tx.trx
          .selectFrom('api_tokens')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const record = await appendInTx(tx, {
          kind: 'token.revoked',
          actor,
          subject: `token:${id}`,
          data: { row: tokenBinding(row) },
        });
        await tx.trx
          .updateTable('api_tokens')
          .set({ audit_hash: record.hash })
          .where('id', '=', id)
          .execute();
        return true;
      });
      // Cleared once committed: a look-up racing the transaction could otherwise cache the unrevoked row again.
      if (revoked) tokens?.clear();
      return revoked;
    },

    async listTokens() {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },

    async recordDelivery(input) {
      return chain(async (tx) => {
        const seen = await tx.trx
          .selectFrom('webhook_deliveries')
          .select('delivery_id')
          .where('delivery_id', '=', input.deliveryId)
          .executeTakeFirst();
        if (seen) return false;
        await tx.trx
          .insertInto('webhook_deliveries')
          .values({
            delivery_id: input.deliveryId,
            event: input.event,
            received_at: now().toISOString(),
            status: input.status,
          })
          .execute();
        await appendInTx(tx, {
          kind: 'webhook.received',
          actor: 'system',
          subject: `delivery:${input.deliveryId}`,
          data: { event: input.event, status: input.status },
        });
        return true;
      });
    },

    getDeliveryStatus: (deliveryId) => readDeliveryStatus(db, deliveryId),
    exclusive: createExclusive(db, kind),

    async setDeliveryStatus(deliveryId, status) {
      return chain(async (tx) => {
        const result = await tx.trx
          .updateTable('webhook_deliveries')
          .set({ status })
          .where('delivery_id', '=', deliveryId)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return false;
        await appendInTx(tx, {
          kind: 'webhook.status',
          actor: 'system',
          subject: `delivery:${deliveryId}`,
          data: { status },
        });
        return true;
      });
    },

    countDeliveries: () => countBy(db, 'webhook_deliveries'),

    countApprovals: () => countBy(db, 'approvals'),

    async close() {
      await db.destroy();
    },
  };
}
