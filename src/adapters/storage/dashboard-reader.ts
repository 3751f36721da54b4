import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { AuditRecord } from '../../core/audit/chain.js';
import type { Outcome } from '../../core/model.js';
import { toAuditRecord } from './audit-log.js';
import {
  changeFacts,
  namedPicks,
  SUMMARY_DETAIL_PATHS,
  type DetailPath,
  type Picked,
} from './change-summary.js';
import { openMigrated } from './open-store.js';
import { signers, toApproval } from './approvals.js';
import { toAction, toChange } from './rows.js';
import type { ActionDecisionTable, ApprovalTable, Database } from './schema.js';
import type {
  ActionDecisionRow,
  ApprovalRow,
  ApprovalStatus,
  ChangeDecisionRow,
  SubjectKind,
} from './types.js';

/**
 * The facts of a change decision the dashboard lists, picked out of its detail by the database; the
 * row's `id` and `createdAt` are named `decisionId` and `decidedAt`, as the dashboard's JSON names them.
 */
export interface ChangeSummaryRecord extends Pick<
  ChangeDecisionRow,
  'changeId' | 'repo' | 'base' | 'head' | 'pr' | 'decision' | 'reasons'
> {
  decisionId: string;
  decidedAt: string;
  title?: string;
  author?: { id: string; name: string; level: string; known: boolean };
  aiAssisted: boolean;
  tools: string[];
  /** The risk model's score as recorded (0…100), when there was one. */
  riskScore?: number;
  mostCriticalTier?: number;
  /** Services the change touches directly. */
  directServices: string[];
  /** People the check proposed for its missing sign-offs (empty when it proposed none). */
  assignedReviewers: string[];
}

/** When a change was first decided and what its provenance was then (the overview counts these). */
export interface FirstDecision {
  changeId: string;
  at: string;
  aiAssisted: boolean;
  tools: string[];
  /** The least senior author's level, when the decision recorded one. */
  authorLevel?: string;
  /** Lines added plus deleted (0 when not recorded). */
  lines: number;
}

/** A page of audit records matching a search, newest first. */
export interface AuditPage {
  records: AuditRecord[];
  /** The seq to continue below; absent on the last page. */
  nextBefore?: number;
}

/**
 * Read-only queries behind the web dashboard: each answers one page in a few queries, whatever the
 * number of records, and picks what lists need out of the stored JSON inside the database.
 */
export interface DashboardReader {
  /** The latest decision of each change, most recently decided first. */
  latestChanges(query?: {
    limit?: number;
    changeIds?: readonly string[];
    heads?: readonly string[];
  }): Promise<ChangeSummaryRecord[]>;
  /**
   * Provenance of commits as recorded in change decisions (the newest record of each wins), by the sha
   * asked for — full or abbreviated (7+ hex characters). Unknown shas are absent.
   */
  commitProvenance(shas: readonly string[]): Promise<Map<string, { aiAssisted: boolean; tools: string[] }>>;
  /** Every decision of one change with its detail, oldest first (empty when unknown). */
  changeHistory(changeId: string): Promise<ChangeDecisionRow[]>;
  /** The first decision of every change first decided at or after `since`, oldest first. */
  firstDecisions(since: string): Promise<FirstDecision[]>;
  /** Approvals with their sign-offs, newest first. */
  approvals(query?: {
    subjectKind?: SubjectKind;
    status?: ApprovalStatus;
    subjectIds?: readonly string[];
    limit?: number;
  }): Promise<ApprovalRow[]>;
  /** Sign-offs given at or after `since`, oldest first. */
  signoffs(since: string): Promise<Array<{ personId: string; at: string }>>;
  /** Sign-offs of changes given at or after `since`, with when each sign-off was asked for, oldest first. */
  changeSignoffs(
    since: string,
  ): Promise<Array<{ approvalId: string; personId: string; requestedAt: string; at: string }>>;
  /** Agent action decisions, newest first. */
  actions(query?: {
    limit?: number;
    since?: string;
    decision?: Outcome;
    ids?: readonly string[];
  }): Promise<ActionDecisionRow[]>;
  /** Audit records matching text (in kind, actor, subject or data) and kind, newest first, below `before`. */
  searchAudit(query?: { q?: string; kind?: string; before?: number; limit?: number }): Promise<AuditPage>;
  /** Closes the connection when this reader opened it. */
  close(): Promise<void>;
}

/** Lists and searches are capped so one request cannot ask for everything. */
const MAX_LIMIT = 1000;
/** Queries with an IN list are split so no dialect meets its parameter limit. */
const CHUNK = 500;
/** Decisions whose list facts are kept in memory (a few hundred bytes each). */
const PICK_CACHE_SIZE = 100_000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** The newest `limit` changes of the pages a split query answered. */
async function newest(
  pages: Array<Promise<ChangeSummaryRecord[]>>,
  limit: number,
): Promise<ChangeSummaryRecord[]> {
  return (await Promise.all(pages))
    .flat()
    .sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))
    .slice(0, limit);
}

function clampLimit(limit: number | undefined, fallback: number): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.trunc(limit ?? fallback)));
}

/** Escapes a LIKE pattern's wildcards (with `\` as the escape character). */
function likeText(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The columns of a change's latest decision that lists read (the detail is picked apart). */
interface LatestRow {
  decision_id: string;
  change_id: string;
  repo: string;
  base: string;
  head: string;
  pr: number | null;
  decision: string;
  reasons: string;
  created_at: string;
}

/** A reader over an opened, migrated database. */
export function createDashboardReader(
  db: Kysely<Database>,
  kind: 'sqlite' | 'postgres',
  options: { close?: () => Promise<void> } = {},
): DashboardReader {
  /**
   * The values at some paths of a decision's `detail`, as one JSON array text: SQLite's json_extract with
   * several paths, PostgreSQL's json_build_array. The paths are constants of this module, never input.
   */
  function pick(column: string, paths: ReadonlyArray<DetailPath>): RawBuilder<string | null> {
    if (kind === 'sqlite')
      return sql<string>`json_extract(${sql.ref(column)}, ${sql.raw(paths.map((p) => `'$.${p.join('.')}'`).join(', '))})`;
    const parts = paths.map((p) => `${column}::json #> '{${p.join(',')}}'`);
    return sql<string>`json_build_array(${sql.raw(parts.join(', '))})::text`;
  }

  /**
   * What lists need of a decision's detail, by decision id. Decisions are never changed once recorded,
   * so what was picked once stays true; the cache is dropped whole when it grows past its cap.
   */
  const picks = new Map<string, Picked>();

  async function picksOf(ids: readonly string[]): Promise<Map<string, Picked>> {
    const missing = [...new Set(ids.filter((id) => !picks.has(id)))];
    if (picks.size + missing.length > PICK_CACHE_SIZE) picks.clear();
    for (const part of chunks(missing)) {
      const rows = await db
        .selectFrom('change_decisions')
        .select(['id', pick('detail', SUMMARY_DETAIL_PATHS).as('picked')])
        .where('id', 'in', part)
        .execute();
      for (const row of rows) picks.set(row.id, namedPicks(row.picked ? JSON.parse(row.picked) : []));
    }
    return new Map(ids.map((id) => [id, picks.get(id) ?? {}]));
  }

  function summaryOf(row: LatestRow, picked: Picked): ChangeSummaryRecord {
    const facts = changeFacts(picked);
    return {
      decisionId: row.decision_id,
      changeId: row.change_id,
      repo: row.repo,
      base: row.base,
      head: row.head,
      ...(row.pr !== null && { pr: Number(row.pr) }),
      decision: row.decision as Outcome,
      reasons: JSON.parse(row.reasons) as string[],
      decidedAt: row.created_at,
      ...(facts.title !== undefined && { title: facts.title }),
      ...(facts.author && { author: facts.author }),
      aiAssisted: facts.aiAssisted,
      tools: facts.tools,
      ...(facts.riskScore !== undefined && { riskScore: facts.riskScore }),
      ...(facts.mostCriticalTier !== undefined && { mostCriticalTier: facts.mostCriticalTier }),
      directServices: facts.directServices,
      assignedReviewers: facts.assignedReviewers,
    };
  }

  return {
    async latestChanges(query = {}) {
      const limit = clampLimit(query.limit, 100);
      const filters: RawBuilder<unknown>[] = [];
      if (query.changeIds) {
        if (query.changeIds.length === 0) return [];
        if (query.changeIds.length > CHUNK)
          return newest(
            chunks(query.changeIds).map((changeIds) => this.latestChanges({ ...query, changeIds, limit })),
            limit,
          );
        filters.push(sql`cd.change_id in (${sql.join(query.changeIds)})`);
      }
      if (query.heads) {
        if (query.heads.length === 0) return [];
        if (query.heads.length > CHUNK)
          return newest(
            chunks(query.heads).map((heads) => this.latestChanges({ ...query, heads, limit })),
            limit,
          );
        filters.push(sql`c.head in (${sql.join(query.heads)})`);
      }
      const where = filters.length > 0 ? sql`where ${sql.join(filters, sql` and `)}` : sql``;
      // The latest decision of each change: ranked within the change, newest first (the detail is read apart).
      const result = await sql<LatestRow>`
        select ranked.decision_id, ranked.change_id, ranked.repo, ranked.base, ranked.head, ranked.pr,
               ranked.decision, ranked.reasons, ranked.created_at
        from (
          select cd.id as decision_id, cd.change_id, c.repo, c.base, c.head, c.pr, cd.decision, cd.reasons,
                 cd.created_at, cd.seq,
                 row_number() over (partition by cd.change_id order by cd.seq desc) as n
          from change_decisions cd join changes c on c.id = cd.change_id
          ${where}
        ) ranked
        where ranked.n = 1
        order by ranked.seq desc
        limit ${limit}`.execute(db);
      const picked = await picksOf(result.rows.map((row) => row.decision_id));
      return result.rows.map((row) => summaryOf(row, picked.get(row.decision_id) ?? {}));
    },

    async commitProvenance(shas) {
      const wanted = [
        ...new Set(shas.map((sha) => sha.toLowerCase()).filter((sha) => /^[0-9a-f]{7,64}$/.test(sha))),
      ];
      const found = new Map<string, { aiAssisted: boolean; tools: string[] }>();
      // A sha asked for may be abbreviated: it is a range of the index (hex digits sort below 'g').
      for (const part of chunks(wanted)) {
        const rows = await db
          .selectFrom('commit_provenance')
          .select(['sha', 'ai_assisted', 'tools'])
          .where((eb) => eb.or(part.map((sha) => eb.and([eb('sha', '>=', sha), eb('sha', '<', `${sha}g`)]))))
          .orderBy('created_at', 'desc')
          .orderBy('decision_id', 'desc')
          .execute();
        for (const row of rows) {
          for (const sha of part) {
            // The newest record of each commit wins.
            if (found.has(sha) || !row.sha.startsWith(sha)) continue;
            found.set(sha, {
              aiAssisted: Number(row.ai_assisted) === 1,
              tools: JSON.parse(row.tools) as string[],
            });
          }
        }
      }
      return found;
    },

    async changeHistory(changeId) {
      const rows = await db
        .selectFrom('change_decisions')
        .innerJoin('changes', 'changes.id', 'change_decisions.change_id')
        .selectAll('change_decisions')
        .select(['changes.repo', 'changes.base', 'changes.head', 'changes.pr'])
        .where('change_decisions.change_id', '=', changeId)
        .orderBy('change_decisions.seq')
        .execute();
      return rows.map(toChange);
    },

    async firstDecisions(since) {
      // Changes first decided in the window, then their first decisions (the lowest seq of each change).
      const result = await sql<{ id: string; change_id: string; created_at: string }>`
        select cd.id, cd.change_id, cd.created_at
        from change_decisions cd
        join (
          select change_id, min(seq) as first_seq
          from change_decisions
          group by change_id
          having min(created_at) >= ${since}
        ) firsts on firsts.change_id = cd.change_id and firsts.first_seq = cd.seq
        order by cd.seq`.execute(db);
      const rows = result.rows;
      const picked = await picksOf(rows.map((row) => row.id));
      return rows.map((row) => {
        const facts = changeFacts(picked.get(row.id) ?? {});
        return {
          changeId: row.change_id,
          at: row.created_at,
          aiAssisted: facts.aiAssisted,
          tools: facts.tools,
          ...(facts.author && { authorLevel: facts.author.level }),
          lines: facts.lines,
        };
      });
    },

    async approvals(query = {}) {
      if (query.subjectIds && query.subjectIds.length === 0) return [];
      const limit = clampLimit(query.limit, MAX_LIMIT);
      const rows: Selectable<ApprovalTable>[] = [];
      for (const ids of query.subjectIds ? chunks(query.subjectIds) : [undefined]) {
        let select = db
          .selectFrom('approvals')
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id')
          .limit(limit);
        if (query.subjectKind) select = select.where('subject_kind', '=', query.subjectKind);
        if (query.status) select = select.where('status', '=', query.status);
        if (ids) select = select.where('subject_id', 'in', ids);
        rows.push(...(await select.execute()));
      }
      rows.sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
      const page = rows.slice(0, limit);
      const byApproval = await signers(
        db,
        page.map((row) => row.id),
      );
      return page.map((row) => toApproval(row, byApproval.get(row.id) ?? []));
    },

    async signoffs(since) {
      const rows = await db
        .selectFrom('approval_signoffs')
        .select(['person_id', 'at'])
        .where('at', '>=', since)
        .orderBy('at')
        .execute();
      return rows.map((row) => ({ personId: row.person_id, at: row.at }));
    },

    async changeSignoffs(since) {
      const rows = await db
        .selectFrom('approval_signoffs')
        .innerJoin('approvals', 'approvals.id', 'approval_signoffs.approval_id')
        .select([
          'approval_signoffs.approval_id',
          'approval_signoffs.person_id',
          'approval_signoffs.at',
          'approvals.created_at',
        ])
        .where('approvals.subject_kind', '=', 'change')
        .where('approval_signoffs.at', '>=', since)
        .orderBy('approval_signoffs.at')
        .execute();
      return rows.map((row) => ({
        approvalId: row.approval_id,
        personId: row.person_id,
        requestedAt: row.created_at,
        at: row.at,
      }));
    },

    async actions(query = {}) {
      if (query.ids && query.ids.length === 0) return [];
      const limit = clampLimit(query.limit, 100);
      const rows: Selectable<ActionDecisionTable>[] = [];
      for (const ids of query.ids ? chunks(query.ids) : [undefined]) {
        let select = db
          .selectFrom('action_decisions')
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(limit);
        if (query.since !== undefined) select = select.where('created_at', '>', query.since);
        if (query.decision !== undefined) select = select.where('decision', '=', query.decision);
        if (ids) select = select.where('id', 'in', ids);
        rows.push(...(await select.execute()));
      }
      rows.sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id.localeCompare(a.id));
      return rows.slice(0, limit).map(toAction);
    },

    async searchAudit(query = {}) {
      const limit = clampLimit(query.limit, 100);
      let select = db
        .selectFrom('audit_records')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(limit + 1);
      if (query.before !== undefined) select = select.where('seq', '<', query.before);
      if (query.kind !== undefined && query.kind !== '') select = select.where('kind', '=', query.kind);
      const text = query.q?.trim();
      if (text) {
        const pattern = likeText(text);
        select = select.where(
          sql<boolean>`lower(kind || ' ' || actor || ' ' || subject || ' ' || data) like ${pattern} escape '\\'`,
        );
      }
      const rows = await select.execute();
      const records = rows.slice(0, limit).map(toAuditRecord);
      const last = records.at(-1);
      return { records, ...(rows.length > limit && last && { nextBefore: last.seq }) };
    },

    async close() {
      await options.close?.();
    },
  };
}

/** Opens a reader on a SQLite path or postgres:// URL (migrating first, like the stores). */
export async function openDashboardReader(spec: string): Promise<DashboardReader> {
  const { db, kind } = await openMigrated(spec);
  return createDashboardReader(db, kind, { close: () => db.destroy() });
}
