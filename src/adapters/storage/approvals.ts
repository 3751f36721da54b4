import type { Kysely, Selectable } from 'kysely';
import { BlastwallError } from '../../core/errors.js';
import type { AuditRecord } from '../../core/audit/chain.js';
import type { ApprovalRequirement } from '../../core/model.js';
import { appendInTx, type AuditEntry, type ChainTx } from './audit-log.js';
import { newId } from './ids.js';
import { actionKey, approvalRequestedEntry, type ActionKey } from './rows.js';
import { approvalBinding } from './row-binding.js';
import type { ApprovalTable, Database } from './schema.js';
import type {
  Actor,
  ApprovalInput,
  ApprovalRow,
  ApprovalStatus,
  DecideInput,
  DecideResult,
} from './types.js';

type Reader = Kysely<Database>;

export function toApproval(
  row: Omit<Selectable<ApprovalTable>, 'audit_hash'>,
  approvedBy: string[],
): ApprovalRow {
  return {
    id: row.id,
    subjectKind: row.subject_kind as ApprovalRow['subjectKind'],
    subjectId: row.subject_id,
    status: row.status as ApprovalStatus,
    requirement: JSON.parse(row.requirement) as ApprovalRequirement,
    approvedBy,
    ...(row.decided_by !== null && { decidedBy: row.decided_by }),
    ...(row.reason !== null && { reason: row.reason }),
    ...(row.expires_at !== null && { expiresAt: row.expires_at }),
    createdAt: row.created_at,
    ...(row.decided_at !== null && { decidedAt: row.decided_at }),
  };
}

/** Who signed each approval, in signing order; asked in slices so no dialect meets its parameter limit. */
export async function signers(db: Reader, ids: readonly string[]): Promise<Map<string, string[]>> {
  const byApproval = new Map<string, string[]>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('approval_signoffs')
      .select(['approval_id', 'person_id'])
      .where('approval_id', 'in', ids.slice(i, i + 500))
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const list = byApproval.get(row.approval_id) ?? [];
      list.push(row.person_id);
      byApproval.set(row.approval_id, list);
    }
  }
  return byApproval;
}

export async function readApproval(db: Reader, id: string): Promise<ApprovalRow | undefined> {
  const row = await db.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirst();
  return row && withSigners(db, row);
}

/** Lists approvals newest first. */
export async function readApprovals(
  db: Reader,
  status?: ApprovalStatus,
  limit = 500,
  openAt?: string,
): Promise<ApprovalRow[]> {
  let query = db.selectFrom('approvals').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit);
  if (status) query = query.where('status', '=', status);
  // Open: pending and not expired (the one definition, isOpen), so the limit counts open approvals only.
  if (openAt !== undefined)
    query = query
      .where('status', '=', 'pending')
      .where((eb) =>
        eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', normaliseTime(openAt, 'openAt'))]),
      );
  const rows = await query.execute();
  const byApproval = await signers(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => toApproval(row, byApproval.get(row.id) ?? []));
}

/** Timestamps are compared as text, so every one is stored in the single toISOString form. */
export function normaliseTime(value: string, what: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime()))
    throw new BlastwallError('usage', `${what} is not a valid time: ${value}`);
  return time.toISOString();
}

/** Opens a pending approval in a chain transaction, or returns the subject's open one. */
export async function createApprovalInTx(
  tx: ChainTx,
  input: ApprovalInput,
  actor: Actor,
): Promise<ApprovalRow> {
  const open = await tx.trx
    .selectFrom('approvals')
    .select('id')
    .where('subject_kind', '=', input.subjectKind)
    .where('subject_id', '=', input.subjectId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (open) return (await readApproval(tx.trx, open.id))!;
  if (input.subjectKind !== 'action') return openApprovalInTx(tx, input, actor);
  // An action's approval carries the action's key, by which retries find it (see `actionKey`).
  const action = await tx.trx
    .selectFrom('action_decisions')
    .select(['agent', 'session_id', 'command', 'cwd', 'on_behalf_of'])
    .where('id', '=', input.subjectId)
    .executeTakeFirst();
  const key =
    action &&
    actionKey({
      agent: action.agent,
      sessionId: action.session_id,
      command: action.command,
      cwd: action.cwd,
      onBehalfOf: action.on_behalf_of,
    });
  return openApprovalInTx(tx, input, actor, key);
}

/** Opens a pending approval for a subject that has none yet (e.g. an action recorded in this transaction). */
export async function openApprovalInTx(
  tx: ChainTx,
  input: ApprovalInput,
  actor: Actor,
  key?: string,
): Promise<ApprovalRow> {
  const row = pendingApprovalRow(input, tx.now().toISOString(), key);
  const record = await appendInTx(tx, approvalRequestedEntry(row.id, input, actor, approvalBinding(row, [])));
  await tx.trx
    .insertInto('approvals')
    .values({ ...row, audit_hash: record.hash })
    .execute();
  // Built from the row just written rather than read back: one round trip fewer per held action.
  return toApproval(row, []);
}

/** The row of a new pending approval (shared with the SQLite fast path, which inserts it itself). */
export function pendingApprovalRow(
  input: ApprovalInput,
  createdAt: string,
  key: string | undefined,
): Omit<Selectable<ApprovalTable>, 'audit_hash'> {
  return {
    id: newId('apr'),
    subject_kind: input.subjectKind,
    subject_id: input.subjectId,
    status: 'pending',
    requirement: JSON.stringify(input.requirement),
    decided_by: null,
    reason: null,
    expires_at: input.expiresAt === undefined ? null : normaliseTime(input.expiresAt, 'expiresAt'),
    created_at: createdAt,
    decided_at: null,
    action_key: key ?? null,
    consumed_at: null,
  };
}

/**
 * The pending, unexpired approval that an earlier attempt of the same held action opened (same
 * command, agent and session), so that a retry joins it instead of opening another.
 */
export async function findPendingActionApproval(
  reader: Reader,
  key: ActionKey,
  at: string,
): Promise<ApprovalRow | undefined> {
  const row = await reader
    .selectFrom('approvals')
    .selectAll()
    .where('action_key', '=', actionKey(key))
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]))
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? withSigners(reader, row) : undefined;
}

/** The latest approval, given at or after `since`, that releases a held action (same command, agent and session). */
export async function findApprovedActionApproval(
  reader: Reader,
  key: ActionKey,
  since: string,
): Promise<ApprovalRow | undefined> {
  const row = await reader
    .selectFrom('approvals')
    .selectAll()
    .where('action_key', '=', actionKey(key))
    .where('status', '=', 'approved')
    .where('consumed_at', 'is', null)
    .where('decided_at', '>=', since)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  return row ? withSigners(reader, row) : undefined;
}

/**
 * Marks the newest unused approval of a held action as used and returns it: one approval releases one
 * run. The update is conditional, so of two requests racing for it, only one gets it.
 */
export async function consumeActionApprovalInTx(
  tx: ChainTx,
  key: ActionKey,
  since: string,
  actor: Actor,
): Promise<ApprovalRow | undefined> {
  const found = await findApprovedActionApproval(tx.trx, key, since);
  if (!found) return undefined;
  const at = tx.now().toISOString();
  const result = await tx.trx
    .updateTable('approvals')
    .set({ consumed_at: at })
    .where('id', '=', found.id)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  await appendForApproval(tx, found.id, {
    kind: 'approval.consumed',
    actor,
    subject: `approval:${found.id}`,
    data: { subjectId: found.subjectId },
  });
  return found;
}

/** An approval row with its sign-offs. */
export async function withSigners(reader: Reader, row: Selectable<ApprovalTable>): Promise<ApprovalRow> {
  return toApproval(row, (await signers(reader, [row.id])).get(row.id) ?? []);
}

/**
 * Appends the audit record of a change to an approval, carrying the approval's state after it (with its
 * sign-offs), and points the row at that record: every write to an approvals row or its sign-offs must
 * end with this, or `audit verify` reports the row as edited behind blastwall's back.
 */
export async function appendForApproval(tx: ChainTx, id: string, entry: AuditEntry): Promise<AuditRecord> {
  const row = await tx.trx.selectFrom('approvals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const signed = (await signers(tx.trx, [id])).get(id) ?? [];
  const record = await appendInTx(tx, {
    ...entry,
    data: { ...entry.data, row: approvalBinding(row, signed) },
  });
  await tx.trx.updateTable('approvals').set({ audit_hash: record.hash }).where('id', '=', id).execute();
  return record;
}

/** Moves a pending approval to a final status; false when another decision got there first. */
async function close(
  tx: ChainTx,
  id: string,
  status: ApprovalStatus,
  by: string | null,
  reason: string | null,
  at: string,
): Promise<boolean> {
  const result = await tx.trx
    .updateTable('approvals')
    .set({ status, decided_by: by, reason, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Applies one decision inside a chain transaction (see Store.decideApproval). */
export async function decideInTx(tx: ChainTx, input: DecideInput): Promise<DecideResult> {
  const at = input.at === undefined ? tx.now().toISOString() : normaliseTime(input.at, 'decision time');
  const approval = await readApproval(tx.trx, input.id);
  if (!approval) return { ok: false, code: 'not-found', message: `no approval ${input.id}` };
  if (approval.status !== 'pending') {
    return {
      ok: false,
      code: 'already-decided',
      message: `approval ${input.id} is already ${approval.status}`,
      approval,
    };
  }
  const subject = `approval:${input.id}`;
  if (approval.expiresAt !== undefined && approval.expiresAt <= at) {
    await close(tx, input.id, 'expired', null, 'expired before a decision', at);
    await appendForApproval(tx, input.id, {
      kind: 'approval.expired',
      actor: 'system',
      subject,
      data: { expiresAt: approval.expiresAt },
    });
    return {
      ok: false,
      code: 'expired',
      message: `approval ${input.id} expired at ${approval.expiresAt}`,
      approval: (await readApproval(tx.trx, input.id))!,
    };
  }
  if (input.decision === 'deny') {
    if (!(await close(tx, input.id, 'denied', input.personId, input.reason ?? null, at))) {
      return {
        ok: false,
        code: 'already-decided',
        message: `approval ${input.id} was decided by someone else first`,
      };
    }
    await appendForApproval(tx, input.id, {
      kind: 'approval.denied',
      actor: input.personId,
      subject,
      data: { reason: input.reason },
    });
    return { ok: true, approval: (await readApproval(tx.trx, input.id))! };
  }
  if (approval.approvedBy.includes(input.personId)) {
    return {
      ok: false,
      code: 'already-signed',
      message: `${input.personId} has already signed approval ${input.id}`,
      approval,
    };
  }
  // Every path below appends exactly one audit record: its seq orders the sign-offs.
  await tx.trx
    .insertInto('approval_signoffs')
    .values({ approval_id: input.id, person_id: input.personId, at, seq: tx.head.seq + 1 })
    .execute();
  const needed = Math.max(1, approval.requirement.approvals);
  const signed = approval.approvedBy.length + 1;
  if (signed < needed) {
    await appendForApproval(tx, input.id, {
      kind: 'approval.signed',
      actor: input.personId,
      subject,
      data: { reason: input.reason, signed, needed },
    });
    return { ok: true, approval: (await readApproval(tx.trx, input.id))! };
  }
  if (!(await close(tx, input.id, 'approved', input.personId, input.reason ?? null, at))) {
    // Throwing rolls the sign-off back with the transaction; the caller turns it into a value.
    throw new LostRace(input.id);
  }
  await appendForApproval(tx, input.id, {
    kind: 'approval.approved',
    actor: input.personId,
    subject,
    data: { reason: input.reason, approvedBy: [...approval.approvedBy, input.personId] },
  });
  return { ok: true, approval: (await readApproval(tx.trx, input.id))! };
}

/** Another decision closed the approval between our read and our update. */
export class LostRace extends Error {
  constructor(readonly approvalId: string) {
    super(`approval ${approvalId} was decided by someone else first`);
    this.name = 'LostRace';
  }
}

/** Expires every pending approval whose time ran out, one audit record each. */
export async function expireInTx(tx: ChainTx, when: string): Promise<number> {
  const at = normaliseTime(when, 'expiry time');
  const due = await tx.trx
    .selectFrom('approvals')
    .select(['id', 'expires_at'])
    .where('status', '=', 'pending')
    .where('expires_at', '<=', at)
    .execute();
  let count = 0;
  for (const row of due) {
    if (!(await close(tx, row.id, 'expired', null, 'expired before a decision', at))) continue;
    await appendForApproval(tx, row.id, {
      kind: 'approval.expired',
      actor: 'system',
      subject: `approval:${row.id}`,
      data: { expiresAt: row.expires_at },
    });
    count += 1;
  }
  return count;
}
