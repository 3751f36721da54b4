import type { Kysely, Selectable } from 'kysely';
import { rowDigest, type BoundRow, type RowBinding } from '../../core/audit/binding.js';
import type {
  ActionDecisionTable,
  ApiTokenTable,
  ApprovalTable,
  ChangeDecisionTable,
  Database,
  GrantTable,
} from './schema.js';

// Each digest names its columns: a column added later is not covered until it is added here, and
// adding it changes no digest of rows already stored (an absent field is dropped by canonical JSON).

// seq orders rows (0006) and is handed out by the audit record itself, so it is not part of what the record binds.
type Unbound<T> = Omit<Selectable<T>, 'audit_hash' | 'seq'>;

/** The binding of an action decision row (never updated after it is written). */
export function actionBinding(row: Unbound<ActionDecisionTable>): RowBinding {
  const {
    id,
    command,
    agent,
    on_behalf_of,
    session_id,
    cwd,
    operations,
    decision,
    reasons,
    detail,
    created_at,
  } = row;
  return {
    table: 'action_decisions',
    id,
    digest: rowDigest({
      id,
      command,
      agent,
      on_behalf_of,
      session_id,
      cwd,
      operations,
      decision,
      reasons,
      detail,
      created_at,
    }),
  };
}

/** The binding of a change decision row (never updated after it is written). */
export function changeBinding(row: Unbound<ChangeDecisionTable>): RowBinding {
  const { id, change_id, decision, reasons, detail, created_at } = row;
  return {
    table: 'change_decisions',
    id,
    digest: rowDigest({ id, change_id, decision, reasons, detail, created_at }),
  };
}

/** The binding of an approval as it stands, with who has signed it (sign-offs are part of its state). */
export function approvalBinding(row: Unbound<ApprovalTable>, signers: readonly string[]): RowBinding {
  const {
    id,
    subject_kind,
    subject_id,
    status,
    requirement,
    decided_by,
    reason,
    expires_at,
    created_at,
    decided_at,
    action_key,
    consumed_at,
  } = row;
  return {
    table: 'approvals',
    id,
    digest: rowDigest({
      id,
      subject_kind,
      subject_id,
      status,
      requirement,
      decided_by,
      reason,
      expires_at,
      created_at,
      decided_at,
      action_key,
      // The one run an approval releases: resetting it in the database would release a second.
      consumed_at,
      signers: [...signers].sort(),
    }),
  };
}

/**
 * The binding of a credential grant as it stands (revoked, removed). Not its secret: the audit never holds
 * secrets, and the secret is written after the issuer answers and deleted once the issuer side is gone.
 */
export function grantBinding(row: Omit<Unbound<GrantTable>, 'secret'>): RowBinding {
  const {
    id,
    environment,
    kind,
    scope,
    agent,
    on_behalf_of,
    session_id,
    principal,
    approval_id,
    approved_by,
    created_at,
    expires_at,
    revoked_at,
    revoked_by,
    removed_at,
  } = row;
  return {
    table: 'credential_grants',
    id,
    digest: rowDigest({
      id,
      environment,
      kind,
      scope,
      agent,
      on_behalf_of,
      session_id,
      principal,
      approval_id,
      approved_by,
      created_at,
      expires_at,
      revoked_at,
      revoked_by,
      removed_at,
    }),
  };
}

/**
 * The binding of an API token as it stands. Its hash is in the digest, not in the record: swapping in the
 * hash of a secret someone knows is found, and the exported log still gives no lookup key.
 */
export function tokenBinding(row: Unbound<ApiTokenTable>): RowBinding {
  const { id, role, person_id, agent_id, session_id, token_hash, created_at, revoked_at } = row;
  return {
    table: 'api_tokens',
    id,
    digest: rowDigest({ id, role, person_id, agent_id, session_id, token_hash, created_at, revoked_at }),
  };
}

/** Every bound row as verification reads it, table by table, a page at a time. */
export async function* readBoundRows(db: Kysely<Database>): AsyncGenerator<BoundRow> {
  for await (const page of pages(db, 'action_decisions'))
    for (const row of page) yield { ...actionBinding(row), auditHash: row.audit_hash };
  for await (const page of pages(db, 'change_decisions'))
    for (const row of page) yield { ...changeBinding(row), auditHash: row.audit_hash };
  for await (const page of pages(db, 'approvals')) {
    const ids = page.map((row) => row.id);
    const signoffs =
      ids.length === 0
        ? []
        : await db
            .selectFrom('approval_signoffs')
            .select(['approval_id', 'person_id'])
            .where('approval_id', 'in', ids)
            .execute();
    const signers = new Map<string, string[]>();
    for (const signoff of signoffs)
      signers.set(signoff.approval_id, [...(signers.get(signoff.approval_id) ?? []), signoff.person_id]);
    for (const row of page)
      yield { ...approvalBinding(row, signers.get(row.id) ?? []), auditHash: row.audit_hash };
  }
  for await (const page of pages(db, 'credential_grants'))
    for (const row of page) yield { ...grantBinding(row), auditHash: row.audit_hash };
  for await (const page of pages(db, 'api_tokens'))
    for (const row of page) yield { ...tokenBinding(row), auditHash: row.audit_hash };
}

const PAGE = 1000;

/** A bound table's rows in id order, a page at a time. */
async function* pages<
  T extends 'action_decisions' | 'change_decisions' | 'approvals' | 'credential_grants' | 'api_tokens',
>(db: Kysely<Database>, table: T): AsyncGenerator<Selectable<Database[T]>[]> {
  for (let after = ''; ;) {
    const page = (await db
      .selectFrom(table as 'approvals')
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute()) as unknown as Selectable<Database[T]>[];
    yield page;
    if (page.length < PAGE) return;
    after = (page.at(-1) as { id: string }).id;
  }
}
