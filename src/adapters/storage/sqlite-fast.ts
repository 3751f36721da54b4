import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { nextRecordWithData, type AuditRecord } from '../../core/audit/chain.js';
import { pendingApprovalRow, toApproval } from './approvals.js';
import type { AuditEntry, SyncChainRunner, SyncChainTx } from './audit-log.js';
import { newId } from './ids.js';
import { actionDecisionEntry, actionKey, approvalRequestedEntry, toToken, type ActionKey } from './rows.js';
import { actionBinding, approvalBinding } from './row-binding.js';
import type { ApiTokenTable, ApprovalTable } from './schema.js';
import type {
  ActionDecisionInput,
  ActionDecisionRow,
  Actor,
  ApprovalInput,
  ApprovalRow,
  TokenRow,
} from './types.js';

/**
 * The SQLite hot path: prepared statements run synchronously on the better-sqlite3 connection that
 * Kysely also uses. Kysely compiles and runs each query through several promises; an evaluation
 * over HTTP is one decision row and one audit record, so here that overhead was most of the cost.
 * Writes run only inside the chain writer's batches (`runner`), which never overlap a Kysely
 * transaction; reads check `runner.busy()` and leave the connection to Kysely while one is open,
 * so they never see uncommitted rows.
 */
export interface SqliteFastPath {
  runner: SyncChainRunner;
  append(tx: SyncChainTx, entry: AuditEntry): AuditRecord;
  recordAction(
    tx: SyncChainTx,
    input: ActionDecisionInput,
    actor: Actor,
    hold: Omit<ApprovalInput, 'subjectKind' | 'subjectId'> | undefined,
  ): { action: ActionDecisionRow; approval?: ApprovalRow };
  findToken(hash: string): TokenRow | undefined;
  findApproved(key: ActionKey, since: string): ApprovalRow | undefined;
}

/** Prepares the statements; the schema must be migrated. */
export function createSqliteFastPath(raw: BetterSqlite3.Database, now: () => Date): SqliteFastPath {
  // The connection waits up to its busy timeout for another process's lock; the batch must not
  // block the event loop that long, so it asks once and the writer retries asynchronously.
  // (Not prepared statements: SQLite applies this pragma when it compiles it, not when it runs.)
  const timeout = Number(raw.pragma('busy_timeout', { simple: true }) ?? 0);
  const noWait = { run: () => raw.pragma('busy_timeout = 0') };
  const wait = { run: () => raw.pragma(`busy_timeout = ${timeout}`) };
  const begin = raw.prepare('BEGIN IMMEDIATE');
  const commit = raw.prepare('COMMIT');
  const rollback = raw.prepare('ROLLBACK');
  const savepoint = raw.prepare('SAVEPOINT change');
  const release = raw.prepare('RELEASE change');
  const rollbackTo = raw.prepare('ROLLBACK TO change');
  const readHead = raw.prepare('SELECT seq, hash FROM audit_head WHERE id = 1');
  const writeHead = raw.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1');
  const insertRecord = raw.prepare(
    'INSERT INTO audit_records (seq, at, kind, actor, subject, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertAction = raw.prepare(
    `INSERT INTO action_decisions (id, command, agent, on_behalf_of, session_id, cwd, operations, decision, reasons, detail, created_at, audit_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertApproval = raw.prepare(
    `INSERT INTO approvals (id, subject_kind, subject_id, status, requirement, decided_by, reason, expires_at, created_at, decided_at, action_key, audit_hash)
     VALUES (?, 'action', ?, 'pending', ?, NULL, NULL, ?, ?, NULL, ?, ?)`,
  );
  // Both lookups are one probe of index approvals_action_key, however long the session's history is.
  const pendingFor = raw.prepare(
    `SELECT * FROM approvals WHERE action_key = ? AND status = 'pending' AND (expires_at IS NULL OR expires_at > ?)
     ORDER BY created_at DESC LIMIT 1`,
  );
  const approvedFor = raw.prepare(
    `SELECT * FROM approvals WHERE action_key = ? AND status = 'approved' AND consumed_at IS NULL AND decided_at >= ?
     ORDER BY decided_at DESC LIMIT 1`,
  );
  const signoffs = raw.prepare('SELECT person_id FROM approval_signoffs WHERE approval_id = ? ORDER BY seq');
  const tokenByHash = raw.prepare(
    // A token row no audit record describes was added behind blastwall's back: it authenticates no one.
    'SELECT * FROM api_tokens WHERE token_hash = ? AND audit_hash IS NOT NULL',
  );

  const withSigners = (row: Selectable<ApprovalTable>): ApprovalRow =>
    toApproval(
      row,
      (signoffs.all(row.id) as Array<{ person_id: string }>).map((signer) => signer.person_id),
    );

  function append(tx: SyncChainTx, entry: AuditEntry): AuditRecord {
    const { record, data } = nextRecordWithData(tx.head, { at: tx.now().toISOString(), ...entry });
    insertRecord.run(
      record.seq,
      record.at,
      record.kind,
      record.actor,
      record.subject,
      data,
      record.prevHash,
      record.hash,
    );
    tx.head = { seq: record.seq, hash: record.hash };
    return record;
  }

  /**
   * One transaction for the batch. Changes rarely fail, so it first runs them without savepoints;
   * when one fails, everything is rolled back and the batch runs again with a savepoint per
   * change (`careful`), so that only the failing change is refused.
   */
  function runBatch(
    items: ReadonlyArray<(tx: SyncChainTx) => unknown>,
    careful: boolean,
  ): ReturnType<SyncChainRunner['run']> {
    noWait.run();
    try {
      begin.run();
    } catch (error) {
      if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return undefined;
      throw error;
    } finally {
      wait.run();
    }
    try {
      const head = readHead.get() as { seq: number; hash: string };
      const start = { seq: Number(head.seq), hash: head.hash };
      const tx: SyncChainTx = { head: start, now };
      const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
      for (const item of items) {
        if (!careful) {
          outcomes.push({ ok: true, value: item(tx) });
          continue;
        }
        const before = tx.head;
        savepoint.run();
        try {
          outcomes.push({ ok: true, value: item(tx) });
          release.run();
        } catch (error) {
          rollbackTo.run();
          release.run();
          tx.head = before;
          outcomes.push({ ok: false, error });
        }
      }
      if (tx.head.seq !== start.seq) writeHead.run(tx.head.seq, tx.head.hash);
      commit.run();
      return outcomes;
    } catch (error) {
      if (raw.inTransaction) rollback.run();
      if (careful || items.length === 1) throw error;
      return runBatch(items, true);
    }
  }

  const runner: SyncChainRunner = {
    busy: () => raw.inTransaction,
    run(items) {
      if (raw.inTransaction) throw new Error('internal: a chain batch started inside an open transaction');
      return runBatch(items, false);
    },
  };

  return {
    runner,
    append,

    recordAction(tx, input, actor, hold) {
      const id = newId('act');
      const createdAt = tx.now().toISOString();
      const stored = {
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
      const action: ActionDecisionRow = { ...input, id, detail: input.detail ?? {}, createdAt };
      // A retried held action joins the approval its first attempt opened, while that one waits.
      const key = hold ? actionKey(input) : undefined;
      const pending = key
        ? (pendingFor.get(key, createdAt) as Selectable<ApprovalTable> | undefined)
        : undefined;
      // Each row carries the hash of the record that describes it, so editing either is found.
      const record = append(tx, actionDecisionEntry(id, input, actor, pending?.id, actionBinding(stored)));
      insertAction.run(...Object.values(stored), record.hash);
      if (!hold) return { action };
      if (pending) return { action, approval: withSigners(pending) };
      const request: ApprovalInput = { ...hold, subjectKind: 'action', subjectId: id };
      const row = pendingApprovalRow(request, createdAt, key);
      const requested = append(tx, approvalRequestedEntry(row.id, request, actor, approvalBinding(row, [])));
      insertApproval.run(
        row.id,
        id,
        row.requirement,
        row.expires_at,
        createdAt,
        row.action_key,
        requested.hash,
      );
      return { action, approval: toApproval(row, []) };
    },

    findToken(hash) {
      const row = tokenByHash.get(hash) as Selectable<ApiTokenTable> | undefined;
      return row ? toToken(row) : undefined;
    },

    findApproved(key, since) {
      const row = approvedFor.get(actionKey(key), since) as Selectable<ApprovalTable> | undefined;
      return row ? withSigners(row) : undefined;
    },
  };
}
