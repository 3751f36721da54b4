import type { AuditRecord, ChainHead, ChainProblem } from '../../core/audit/chain.js';
import type { Checkpoint } from '../../core/audit/checkpoint.js';
import type { KeyObject } from 'node:crypto';
import type { StoredChangeDetail } from '../../core/change/stored-detail.js';
import type { ApprovalRequirement, Outcome, Person, Service } from '../../core/model.js';

/** ISO-8601 timestamps everywhere: portable between SQLite and PostgreSQL and sortable as text. */
export type Timestamp = string;

/** Who caused a state change; recorded as the audit record's actor. */
export type Actor = string;

/** A recorded decision about an agent's proposed action. */
export interface ActionDecisionInput {
  command: string;
  agent: string;
  onBehalfOf?: string;
  sessionId?: string;
  cwd?: string;
  /** The classified operations (JSON). */
  operations: unknown[];
  decision: Outcome;
  reasons: string[];
  /** Anything else worth keeping (requirements, blast radius, warnings). */
  detail?: Record<string, unknown>;
}

/** A stored action decision. */
export interface ActionDecisionRow extends ActionDecisionInput {
  id: string;
  createdAt: Timestamp;
}

/** A recorded decision about a change (a git range or a pull request). */
export interface ChangeDecisionInput {
  /** The repository's identity, `owner/name` (core/change/identity.ts); stored lower case. */
  repo: string;
  base: string;
  head: string;
  pr?: number;
  decision: Outcome;
  reasons: string[];
  detail?: StoredChangeDetail;
}

/** A stored change decision; `changeId` is the change's identity, `owner/name@head` (the same for every base). */
export interface ChangeDecisionRow extends ChangeDecisionInput {
  id: string;
  changeId: string;
  createdAt: Timestamp;
}

/** The subject of an approval: a change or a held agent action. */
export type SubjectKind = 'change' | 'action';

/** Where an approval stands. */
export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired';

/** A request for sign-off and what became of it. */
export interface ApprovalRow {
  id: string;
  subjectKind: SubjectKind;
  subjectId: string;
  status: ApprovalStatus;
  requirement: ApprovalRequirement;
  /** People who signed off so far (several when the requirement needs more than one). */
  approvedBy: string[];
  /** The person whose decision closed it. */
  decidedBy?: string;
  reason?: string;
  expiresAt?: Timestamp;
  createdAt: Timestamp;
  decidedAt?: Timestamp;
}

/** A new approval request. */
export interface ApprovalInput {
  subjectKind: SubjectKind;
  subjectId: string;
  requirement: ApprovalRequirement;
  expiresAt?: Timestamp;
}

/** A person's decision on an approval (eligibility is checked by the caller before this). */
export interface DecideInput {
  id: string;
  personId: string;
  decision: 'approve' | 'deny';
  reason?: string;
  /** The time of the decision; defaults to now. Expiry is judged against it. */
  at?: Timestamp;
}

/** The result of a decision: the updated approval, or why nothing changed. A refusal is a value. */
export type DecideResult =
  | { ok: true; approval: ApprovalRow }
  | {
      ok: false;
      code: 'not-found' | 'already-decided' | 'expired' | 'already-signed';
      message: string;
      approval?: ApprovalRow;
    };

/** Roles a bearer token can carry. */
export const TOKEN_ROLES = ['agent', 'reviewer', 'admin', 'ingest', 'integration'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** A stored API token: never the token itself, only its sha256. */
export interface TokenRow {
  id: string;
  role: TokenRole;
  personId?: string;
  agentId?: string;
  /** An agent token pinned to one session speaks only for it. */
  sessionId?: string;
  hash: string;
  createdAt: Timestamp;
  revokedAt?: Timestamp;
}

/** A new token's owner and role; the caller hashes the secret. */
export interface TokenInput {
  role: TokenRole;
  personId?: string;
  agentId?: string;
  sessionId?: string;
  hash: string;
}

/** One webhook delivery, recorded once. */
export interface DeliveryInput {
  deliveryId: string;
  event: string;
  status: string;
}

/** Signs the chain's head as the checkpoint after `previous` (the store does not hold the key; see audit-key.ts). */
export type CheckpointSigner = (head: ChainHead, previous: ChainHead | undefined, at: string) => Checkpoint;

/** What `verifyAudit` checks beyond the chain: signatures with the audit public key, and an anchor kept elsewhere. */
export interface AuditVerifyOptions {
  publicKey?: KeyObject;
  anchor?: Checkpoint;
}

/** The whole audit's verdict: chain, bound rows, and (with a public key) signed checkpoints. */
export type AuditVerdict =
  | {
      ok: true;
      count: number;
      head: ChainHead;
      /** Decision and approval rows checked against their records. */
      rows: number;
      /** Checkpoints stored, and whether their signatures were checked (a public key was given). */
      checkpoints: number;
      signaturesChecked: boolean;
      latestCheckpoint?: Checkpoint;
    }
  | {
      ok: false;
      count: number;
      seq: number;
      problem: ChainProblem | 'row-edited' | 'checkpoint-forged' | 'chain-rewritten';
      message: string;
    };

/** Filters for listing audit records. */
export interface AuditQuery {
  /** Only records with seq greater than this. */
  afterSeq?: number;
  limit?: number;
}

/**
 * Durable state of blastwall, the same over SQLite and PostgreSQL. Every method that changes state
 * appends its audit record in the same transaction, so an acknowledged change and its record
 * survive or vanish together. Safe to use from several processes on one database.
 */
export interface Store {
  /** Which backend this is, for messages and metrics. */
  readonly kind: 'sqlite' | 'postgres';
  /** Records an agent action decision; with `hold`, also opens a pending approval for it. */
  recordActionDecision(
    input: ActionDecisionInput,
    actor: Actor,
    hold?: Omit<ApprovalInput, 'subjectKind' | 'subjectId'>,
  ): Promise<{ action: ActionDecisionRow; approval?: ApprovalRow }>;
  /** One action decision by id. */
  getActionDecision(id: string): Promise<ActionDecisionRow | undefined>;
  /** The newest approved approval for the same command, agent and session decided at or after `since`. */
  findApprovedAction(query: {
    command: string;
    agent: string;
    sessionId?: string;
    cwd?: string;
    onBehalfOf?: string;
    since: Timestamp;
  }): Promise<ApprovalRow | undefined>;
  /**
   * Takes the one run an approved action's approval releases: the newest unused approval for exactly this
   * command, cwd, agent, session and person, decided at or after `since`, marked used in the same step.
   * Undefined when there is none (or another request took it first).
   */
  consumeApprovedAction(
    query: {
      command: string;
      agent: string;
      sessionId?: string;
      cwd?: string;
      onBehalfOf?: string;
      since: Timestamp;
    },
    actor: Actor,
  ): Promise<ApprovalRow | undefined>;
  /** Records a change decision (the change itself is created on first sight). */
  recordChangeDecision(input: ChangeDecisionInput, actor: Actor): Promise<ChangeDecisionRow>;
  /**
   * Decisions of changes, oldest first, by the change's identity: its repository (`owner/name`, any case) and
   * head commit. `headPrefix` matches an abbreviated sha.
   */
  listChangeDecisions(query: {
    repo?: string;
    base?: string;
    head?: string;
    headPrefix?: string;
  }): Promise<ChangeDecisionRow[]>;
  /** Opens a pending approval; at most one pending approval exists per subject (returns the existing one). */
  createApproval(input: ApprovalInput, actor: Actor): Promise<ApprovalRow>;
  /** One approval by id. */
  getApproval(id: string): Promise<ApprovalRow | undefined>;
  /**
   * Approvals, newest first, optionally by status. `openAt` keeps only the ones still open at that time (pending
   * and not expired), filtered in the query so that `limit` counts open ones.
   */
  listApprovals(query?: { status?: ApprovalStatus; limit?: number; openAt?: string }): Promise<ApprovalRow[]>;
  /** Applies one person's decision; only a pending, unexpired approval changes, exactly once. */
  decideApproval(input: DecideInput): Promise<DecideResult>;
  /** Marks pending approvals whose time ran out as expired; returns how many. */
  expireApprovals(at: Timestamp): Promise<number>;
  /** Replaces the configured people. */
  upsertPeople(people: Person[], actor: Actor): Promise<void>;
  /** Replaces the configured services. */
  upsertServices(services: Service[], actor: Actor): Promise<void>;
  /** The configured people. */
  listPeople(): Promise<Person[]>;
  /** The configured services. */
  listServices(): Promise<Service[]>;
  /** Appends an audit record on its own (for events with no other state change). */
  appendAudit(entry: {
    kind: string;
    actor: Actor;
    subject: string;
    data: Record<string, unknown>;
  }): Promise<AuditRecord>;
  /** Audit records in chain order. */
  listAudit(query?: AuditQuery): Promise<AuditRecord[]>;
  /** Verifies the whole chain against its stored head, every decision and approval row against its record, and checkpoints. */
  verifyAudit(options?: AuditVerifyOptions): Promise<AuditVerdict>;
  /** Signs the chain's head as a new checkpoint unless the newest one already covers it; undefined while the chain is empty. */
  signCheckpoint(signer: CheckpointSigner): Promise<Checkpoint | undefined>;
  /** Stored checkpoints, oldest first. */
  listCheckpoints(): Promise<Checkpoint[]>;
  /** Stores a token's hash. */
  createToken(input: TokenInput, actor: Actor): Promise<TokenRow>;
  /** The token with this sha256, revoked or not (the caller refuses revoked ones). */
  findTokenByHash(hash: string): Promise<TokenRow | undefined>;
  /** Revokes a token; false when there is no such unrevoked token. */
  revokeToken(id: string, actor: Actor): Promise<boolean>;
  /** All tokens, newest first. */
  listTokens(): Promise<TokenRow[]>;
  /** Records a webhook delivery; false when this delivery id was seen before. */
  recordDelivery(input: DeliveryInput): Promise<boolean>;
  /** Updates what became of a delivery (e.g. `processed`, `failed`); false when unknown. */
  setDeliveryStatus(deliveryId: string, status: string): Promise<boolean>;
  /** What became of a delivery, so a redelivery of a failed one is processed by whichever server it reaches. */
  getDeliveryStatus?(deliveryId: string): Promise<string | undefined>;
  /** Runs a task holding a lock named `key` across every server on the database (PostgreSQL advisory lock). */
  exclusive?<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** How many deliveries have each status (for metrics). */
  countDeliveries(): Promise<Record<string, number>>;
  /** How many approvals have each status (for metrics). */
  countApprovals(): Promise<Record<string, number>>;
  /** Closes the connections. */
  close(): Promise<void>;
}
