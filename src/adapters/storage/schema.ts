import type { ColumnType } from 'kysely';

/** A bigint column: PostgreSQL returns it as a string, SQLite as a number. */
type BigIntColumn = ColumnType<number | string, number, number>;

/** The single row that records the end of the audit chain; locking it serialises appends. */
export interface AuditHeadTable {
  id: number;
  seq: BigIntColumn;
  hash: string;
}

/** One hash-chained audit record. */
export interface AuditRecordTable {
  seq: BigIntColumn;
  at: string;
  kind: string;
  actor: string;
  subject: string;
  /** Canonical JSON. */
  data: string;
  prev_hash: string;
  hash: string;
}

/** A change seen by blastwall (a repo and a git range, maybe a PR). */
export interface ChangeTable {
  id: string;
  repo: string;
  base: string;
  head: string;
  pr: number | null;
  created_at: string;
}

/** One decision about a change. */
export interface ChangeDecisionTable {
  id: string;
  change_id: string;
  decision: string;
  reasons: string;
  detail: string;
  created_at: string;
  /** The hash of the audit record that recorded this row (see core/audit/binding.ts). */
  audit_hash: string | null;
  /**
   * The order decisions were recorded in: the seq of the decision's own audit record (0006). Two decisions
   * in the same millisecond are told apart by it; created_at and the random id could not.
   */
  seq: number | string;
}

/** What a change decision recorded of one commit's provenance (filled from its detail, for look-ups by sha). */
export interface CommitProvenanceTable {
  /** The full commit sha, lower case. */
  sha: string;
  decision_id: string;
  /** 1 when AI-assisted, else 0. */
  ai_assisted: number;
  /** JSON array of tool names. */
  tools: string;
  created_at: string;
}

/** One decision about an agent's proposed action. */
export interface ActionDecisionTable {
  id: string;
  command: string;
  agent: string;
  on_behalf_of: string | null;
  session_id: string | null;
  cwd: string | null;
  operations: string;
  decision: string;
  reasons: string;
  detail: string;
  created_at: string;
  /** The hash of the audit record that recorded this row (see core/audit/binding.ts). */
  audit_hash: string | null;
}

/** A request for sign-off on a change or action. */
export interface ApprovalTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  status: string;
  requirement: string;
  decided_by: string | null;
  reason: string | null;
  expires_at: string | null;
  created_at: string;
  decided_at: string | null;
  /** For an action's approval: `actionKey` of the held action (agent, session, command); null for changes. */
  action_key: string | null;
  /** When an approved action's approval released its one run (0006); null while unused. */
  consumed_at: string | null;
  /** The hash of the audit record that described this row last (it changes with every decision). */
  audit_hash: string | null;
}

/** A signed checkpoint of the audit chain (see core/audit/checkpoint.ts). */
export interface AuditCheckpointTable {
  seq: BigIntColumn;
  hash: string;
  at: string;
  prev_seq: BigIntColumn;
  prev_hash: string;
  key_id: string;
  signature: string;
}

/** One person's sign-off on an approval; the primary key stops the same person counting twice. */
export interface ApprovalSignoffTable {
  approval_id: string;
  person_id: string;
  at: string;
  /** The signing order: the seq of the sign-off's audit record (0006); `at` ties within a millisecond. */
  seq: number | string;
}

/** A configured person. */
export interface PersonTable {
  id: string;
  level: string;
  data: string;
}

/** A configured service. */
export interface ServiceTable {
  id: string;
  tier: number;
  data: string;
}

/** A bearer token, stored as its sha256 only. */
export interface ApiTokenTable {
  id: string;
  role: string;
  person_id: string | null;
  agent_id: string | null;
  /** An agent token pinned to one session (0006): it may speak only for that session. */
  session_id: string | null;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  /** The audit record that last described the token (0008, see row-binding.ts). */
  audit_hash: string | null;
}

/** A brokered credential grant (0008, grant-migration.ts; docs/creds.md). */
export interface GrantTable {
  id: string;
  environment: string;
  kind: string;
  scope: string;
  agent: string;
  on_behalf_of: string | null;
  session_id: string;
  principal: string;
  /** The issued secret (never audited, never bound: it is deleted when the issuer side is removed). */
  secret: string | null;
  approval_id: string | null;
  approved_by: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  removed_at: string | null;
  /** The audit record that last described the grant (see row-binding.ts). */
  audit_hash: string | null;
}

/** A webhook delivery, kept to refuse replays. */
export interface WebhookDeliveryTable {
  delivery_id: string;
  event: string;
  received_at: string;
  status: string;
}

/** The whole database as Kysely sees it. */
export interface Database {
  audit_head: AuditHeadTable;
  audit_records: AuditRecordTable;
  audit_checkpoints: AuditCheckpointTable;
  changes: ChangeTable;
  change_decisions: ChangeDecisionTable;
  commit_provenance: CommitProvenanceTable;
  action_decisions: ActionDecisionTable;
  approvals: ApprovalTable;
  approval_signoffs: ApprovalSignoffTable;
  people: PersonTable;
  services: ServiceTable;
  api_tokens: ApiTokenTable;
  credential_grants: GrantTable;
  webhook_deliveries: WebhookDeliveryTable;
}
