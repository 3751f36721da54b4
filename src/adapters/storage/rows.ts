import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type {
  ActionDecisionTable,
  ApiTokenTable,
  ChangeDecisionTable,
  CommitProvenanceTable,
} from './schema.js';
import type { RowBinding } from '../../core/audit/binding.js';
import type { AuditEntry } from './audit-log.js';
import type {
  ActionDecisionInput,
  ActionDecisionRow,
  Actor,
  ApprovalInput,
  ChangeDecisionRow,
  TokenRole,
  TokenRow,
} from './types.js';

// Row mappers and audit entries shared by the Kysely store and the SQLite fast path, which read
// and write the same columns and must record the same things.

/** What a held action is retried and released under: same command, cwd, agent, session and person. */
export interface ActionKey {
  command: string;
  agent: string;
  sessionId?: string;
  cwd?: string;
  onBehalfOf?: string;
}

/**
 * The key a held action is retried and released under — same agent, session and command — as a
 * fixed-length digest: approvals are looked up by it through an index, and a command can be longer
 * than a PostgreSQL B-tree entry may be (≈ 2.7 kB), so the command itself is not indexed.
 */
export function actionKey(key: {
  agent: string;
  sessionId?: string | null | undefined;
  command: string;
  cwd?: string | null | undefined;
  onBehalfOf?: string | null | undefined;
}): string {
  // An approval is bound to the whole request: the same command in another folder, for another person,
  // is another action. The two later fields were added in 0006; keys of 0004 hold them as null.
  return createHash('sha256')
    .update(
      JSON.stringify([
        key.agent,
        key.sessionId ?? null,
        key.command,
        key.cwd ?? null,
        key.onBehalfOf ?? null,
      ]),
    )
    .digest('hex');
}

export function toAction(row: Selectable<ActionDecisionTable>): ActionDecisionRow {
  return {
    id: row.id,
    command: row.command,
    agent: row.agent,
    ...(row.on_behalf_of !== null && { onBehalfOf: row.on_behalf_of }),
    ...(row.session_id !== null && { sessionId: row.session_id }),
    ...(row.cwd !== null && { cwd: row.cwd }),
    operations: JSON.parse(row.operations) as unknown[],
    decision: row.decision as ActionDecisionRow['decision'],
    reasons: JSON.parse(row.reasons) as string[],
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export function toChange(
  row: Selectable<ChangeDecisionTable> & { repo: string; base: string; head: string; pr: number | null },
): ChangeDecisionRow {
  return {
    id: row.id,
    changeId: row.change_id,
    repo: row.repo,
    base: row.base,
    head: row.head,
    ...(row.pr !== null && { pr: row.pr }),
    decision: row.decision as ChangeDecisionRow['decision'],
    reasons: JSON.parse(row.reasons) as string[],
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export function toToken(row: Selectable<ApiTokenTable>): TokenRow {
  return {
    id: row.id,
    role: row.role as TokenRole,
    ...(row.person_id !== null && { personId: row.person_id }),
    ...(row.agent_id !== null && { agentId: row.agent_id }),
    ...(row.session_id !== null && { sessionId: row.session_id }),
    hash: row.token_hash,
    createdAt: row.created_at,
    ...(row.revoked_at !== null && { revokedAt: row.revoked_at }),
  };
}

/** The audit entry of an action decision; `approvalId` names a pending approval it joined; `row` binds the stored row. */
export function actionDecisionEntry(
  id: string,
  input: ActionDecisionInput,
  actor: Actor,
  approvalId?: string,
  row?: RowBinding,
): AuditEntry {
  return {
    kind: 'action.decision',
    actor,
    subject: `action:${id}`,
    data: {
      command: input.command,
      agent: input.agent,
      onBehalfOf: input.onBehalfOf,
      sessionId: input.sessionId,
      decision: input.decision,
      reasons: input.reasons,
      ...(approvalId !== undefined && { approvalId }),
      ...(row && { row }),
    },
  };
}

/** The audit entry of a new approval request. */
export function approvalRequestedEntry(
  id: string,
  input: ApprovalInput,
  actor: Actor,
  row?: RowBinding,
): AuditEntry {
  return {
    kind: 'approval.requested',
    actor,
    subject: `approval:${id}`,
    data: {
      subjectKind: input.subjectKind,
      subjectId: input.subjectId,
      requirement: input.requirement,
      expiresAt: input.expiresAt,
      ...(row && { row }),
    },
  };
}

/**
 * The commit provenance rows of a change decision: one per commit its detail lists with a sha (the
 * report's `provenance.commits`), so deployments find how a commit was written by an index look-up.
 */
export function commitProvenanceRows(
  decisionId: string,
  detail: unknown,
  createdAt: string,
): CommitProvenanceTable[] {
  const commits = (detail as { provenance?: { commits?: unknown } } | null)?.provenance?.commits;
  if (!Array.isArray(commits)) return [];
  const rows = new Map<string, CommitProvenanceTable>();
  for (const commit of commits as Array<{ sha?: unknown; aiAssisted?: unknown; tools?: unknown }>) {
    if (typeof commit?.sha !== 'string' || !/^[0-9a-f]{7,64}$/i.test(commit.sha)) continue;
    const tools = Array.isArray(commit.tools) ? commit.tools.filter((t) => typeof t === 'string') : [];
    const sha = commit.sha.toLowerCase();
    rows.set(sha, {
      sha,
      decision_id: decisionId,
      ai_assisted: commit.aiAssisted === true ? 1 : 0,
      tools: JSON.stringify(tools),
      created_at: createdAt,
    });
  }
  return [...rows.values()];
}
