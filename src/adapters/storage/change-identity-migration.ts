import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { appendMigrationRecord } from './migration-audit.js';
import type { RowBinding } from '../../core/audit/binding.js';
import { changeIdOf, repositoryFullName } from '../../core/change/identity.js';
import { readConfigFile } from '../config/load-config.js';
import { readRepositoryIdentity } from '../git/repo-name.js';
import { approvalBinding, changeBinding } from './row-binding.js';
import type { ApprovalTable, ChangeDecisionTable } from './schema.js';

interface OldChange {
  id: string;
  repo: string;
  base: string;
  head: string;
  pr: number | null;
  created_at: string;
}

/**
 * 0010: a change is one thing — its repository's full name and its head commit (core/change/identity.ts).
 * Before, the webhook recorded `owner/name@base..head` and the API `/abs/path@base..head`, so a deploy gate
 * had to look a commit up across every repository. Each stored change is re-keyed to `owner/name@head`
 * (a path becomes its checkout's `repository` or origin, else its folder's name), changes that become one are
 * merged, their decisions and approvals follow, and one audit record binds every row that moved. Of several
 * pending approvals that become one change's, the newest stays open and the others are closed as superseded.
 */
export const CHANGE_IDENTITY_MIGRATION: Migration = {
  // Migrations see an untyped database: they must not depend on today's schema types.
  async up(db: Kysely<unknown>) {
    const changes = await sql<OldChange>`
      SELECT id, repo, base, head, pr, created_at FROM changes ORDER BY created_at, id`.execute(db);
    const identities = new Map<string, string>();
    const groups = new Map<string, { repo: string; head: string; old: OldChange[] }>();
    for (const change of changes.rows) {
      let repo = identities.get(change.repo);
      if (repo === undefined) identities.set(change.repo, (repo = await identityOfStored(change.repo)));
      const head = change.head.toLowerCase();
      const id = changeIdOf(repo, head);
      const group = groups.get(id) ?? { repo, head, old: [] };
      group.old.push(change);
      groups.set(id, group);
    }
    const at = new Date().toISOString();
    const renamed: { from: string; to: string }[] = [];
    const movedDecisions: string[] = [];
    const movedApprovals: string[] = [];
    for (const [id, group] of groups) {
      const old = group.old.filter((change) => change.id !== id);
      if (old.length === 0) continue;
      const oldIds = sql.join(old.map((change) => change.id));
      const latest = group.old.at(-1)!;
      const pr = group.old.findLast((change) => change.pr !== null)?.pr ?? null;
      if (!group.old.some((change) => change.id === id))
        await sql`INSERT INTO changes (id, repo, base, head, pr, created_at)
          VALUES (${id}, ${group.repo}, ${latest.base}, ${group.head}, ${pr}, ${group.old[0]!.created_at})`.execute(
          db,
        );
      // At most one pending approval per subject (approvals_one_pending): the newest stays open.
      const pending = await sql<{ id: string }>`
        SELECT id FROM approvals WHERE subject_kind = 'change' AND status = 'pending'
          AND subject_id IN (${sql.join([id, ...old.map((change) => change.id)])})
        ORDER BY created_at DESC, id DESC`.execute(db);
      for (const superseded of pending.rows.slice(1))
        await sql`UPDATE approvals SET status = 'expired', decided_at = ${at},
          reason = ${`superseded: the change is now ${id}, whose newest request stays open`}
          WHERE id = ${superseded.id}`.execute(db);
      const decisions = await sql<{ id: string }>`
        SELECT id FROM change_decisions WHERE change_id IN (${oldIds})`.execute(db);
      const approvals = await sql<{ id: string }>`
        SELECT id FROM approvals WHERE subject_kind = 'change' AND subject_id IN (${oldIds})`.execute(db);
      await sql`UPDATE change_decisions SET change_id = ${id} WHERE change_id IN (${oldIds})`.execute(db);
      await sql`UPDATE approvals SET subject_id = ${id}
        WHERE subject_kind = 'change' AND subject_id IN (${oldIds})`.execute(db);
      await sql`DELETE FROM changes WHERE id IN (${oldIds})`.execute(db);
      for (const change of old) renamed.push({ from: change.id, to: id });
      movedDecisions.push(...decisions.rows.map((row) => row.id));
      movedApprovals.push(...approvals.rows.map((row) => row.id));
    }
    if (renamed.length === 0) return;
    await bindMovedRows(db, at, renamed, movedDecisions, movedApprovals);
  },
};

/** The identity of a change's stored `repo`: a name or URL normalised; a path, its checkout's identity. */
async function identityOfStored(repo: string): Promise<string> {
  if (!isAbsolute(repo)) return repositoryFullName(repo) ?? repo.toLowerCase();
  return readRepositoryIdentity(repo, configuredRepository(repo));
}

/** `repository` of the checkout's blastwall.yaml, when the checkout is still there and names one. */
function configuredRepository(dir: string): string | undefined {
  const path = join(dir, 'blastwall.yaml');
  if (!existsSync(path)) return undefined;
  try {
    return readConfigFile(path).repository;
  } catch {
    return undefined;
  }
}

/** One audit record, appended as the chain writer would, describes every row that moved; each row points at it. */
async function bindMovedRows(
  db: Kysely<unknown>,
  at: string,
  renamed: { from: string; to: string }[],
  decisionIds: string[],
  approvalIds: string[],
): Promise<void> {
  const bindings: RowBinding[] = [];
  for (const ids of pages(decisionIds)) {
    const rows = await sql<Omit<ChangeDecisionTable, 'audit_hash'>>`
      SELECT * FROM change_decisions WHERE id IN (${sql.join(ids)})`.execute(db);
    for (const row of rows.rows) bindings.push(changeBinding(row));
  }
  for (const ids of pages(approvalIds)) {
    const rows = await sql<Omit<ApprovalTable, 'audit_hash'>>`
      SELECT * FROM approvals WHERE id IN (${sql.join(ids)})`.execute(db);
    const signoffs = await sql<{ approval_id: string; person_id: string }>`
      SELECT approval_id, person_id FROM approval_signoffs WHERE approval_id IN (${sql.join(ids)})
      ORDER BY seq`.execute(db);
    const signers = new Map<string, string[]>();
    for (const s of signoffs.rows)
      signers.set(s.approval_id, [...(signers.get(s.approval_id) ?? []), s.person_id]);
    for (const row of rows.rows) bindings.push(approvalBinding(row, signers.get(row.id) ?? []));
  }
  const hash = await appendMigrationRecord(db, {
    at,
    kind: 'change.identity-migrated',
    actor: 'system',
    subject: 'audit:rows',
    data: {
      reason: 'changes re-keyed to one identity, the repository full name and the head commit',
      renamed,
      rows: bindings,
    },
  });
  for (const ids of pages(decisionIds))
    await sql`UPDATE change_decisions SET audit_hash = ${hash} WHERE id IN (${sql.join(ids)})`.execute(db);
  for (const ids of pages(approvalIds))
    await sql`UPDATE approvals SET audit_hash = ${hash} WHERE id IN (${sql.join(ids)})`.execute(db);
}

/** Ids a few hundred at a time, under every backend's limit of bound parameters. */
function pages(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let start = 0; start < ids.length; start += 500) out.push(ids.slice(start, start + 500));
  return out;
}
