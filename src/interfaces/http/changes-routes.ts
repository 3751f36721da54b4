import { basename, resolve } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import type { ApprovalRow, ChangeDecisionRow, Store } from '../../adapters/storage/types.js';
import type { CheckReport } from '../../core/change/decide-change.js';
import { repositoryFullName, sameRepository } from '../../core/change/identity.js';
import { changeDetail, type ChangeDetailExtra } from '../../core/change/stored-detail.js';
import { foldRequirements } from '../../core/policy/eligibility.js';
import type { AuthVariables } from './auth.js';
import { HttpError } from './http-error.js';
import { parseBody, readJsonBody } from './request-body.js';

type Env = { Variables: AuthVariables };

// A revision or range of revisions; a leading "-" would reach git as an option.
const REV = String.raw`[A-Za-z0-9_./~^@{}:+][A-Za-z0-9_./~^@{}:+-]*`;
const RANGE = new RegExp(`^(${REV})?(\\.\\.\\.?(${REV})?)?$`);

const CheckBody = z.strictObject({
  repo: z.string().max(4096).optional(),
  /** The repository the caller means (`owner/name` or a remote URL): refused unless it is the server's. */
  repository: z.string().max(512).optional(),
  range: z.string().min(1).max(512).regex(RANGE, 'not a git revision range (BASE..HEAD)'),
  /** What to call the change in the dashboard (a pull request's title, a commit subject). */
  title: z.string().max(500).optional(),
});

/** Runs a change check; the server's own `runCheck` in production, a fake in tests. */
export type RunCheck = (request: {
  repo: string;
  range: string;
  approvals: string[];
}) => Promise<CheckReport>;

/** What the changes routes need. */
export interface ChangeRoutesOptions {
  store: Store;
  /** The one repository this server can read (`serve --repo`). */
  repo: string;
  /**
   * That repository's identity (`owner/name`, core/change/identity.ts), which its changes are recorded under;
   * default: the folder's name.
   */
  repository?: string;
  runCheck: RunCheck;
}

/** Who wrote a change, as ids an approval can refuse: the configured authors only. */
function authorIds(report: CheckReport): string[] {
  return [...new Set((report.authors ?? []).filter((a) => a.known).map((a) => a.id))];
}

/**
 * Records a check's decision under its change's identity (the repository's full name and the head commit)
 * and, when it needs sign-off, opens (or finds) the change's pending approval for what is still missing.
 */
export async function recordCheck(
  store: Store,
  repository: string,
  report: CheckReport,
  actor: string,
  extra: ChangeDetailExtra = {},
): Promise<{ decision: ChangeDecisionRow; approval?: ApprovalRow }> {
  const decision = await store.recordChangeDecision(
    {
      repo: repository,
      base: report.range.base,
      head: report.range.head,
      decision: report.decision,
      reasons: report.reasons,
      detail: changeDetail(report, extra),
    },
    actor,
  );
  if (report.decision !== 'needs-approval') return { decision };
  const approval = await store.createApproval(
    {
      subjectKind: 'change',
      subjectId: decision.changeId,
      requirement: foldRequirements(report.requirements, { authors: authorIds(report) }),
    },
    actor,
  );
  return { decision, approval };
}

/**
 * Once a change's approval is approved, checks the change again with its approvers and records what
 * that decides. Only changes of the server's own repository can be read again; others get nothing new.
 */
export async function recheckApprovedChange(
  options: ChangeRoutesOptions & { findChange: FindChange },
  approval: ApprovalRow,
): Promise<ChangeDecisionRow | undefined> {
  if (approval.subjectKind !== 'change' || approval.status !== 'approved') return undefined;
  const repo = resolve(options.repo);
  const repository = repositoryOf(options);
  const change = await options.findChange(approval.subjectId);
  if (!change || !sameRepository(change.repo, repository)) return undefined;
  const report = await options.runCheck({
    repo,
    range: `${change.base}..${change.head}`,
    approvals: approval.approvedBy,
  });
  const previous = change.title !== undefined ? { title: change.title } : {};
  const recorded = await recordCheck(options.store, repository, report, `approval:${approval.id}`, {
    ...previous,
    approvalId: approval.id,
  });
  return recorded.decision;
}

/** Finds a change by id: its repository, range and last known title. */
export type FindChange = (
  changeId: string,
) => Promise<{ repo: string; base: string; head: string; title?: string } | undefined>;

/** `POST /v1/changes/check`: evaluates a range of the server's repository and records the decision. */
export function changeRoutes(options: ChangeRoutesOptions): Hono<Env> {
  const routes = new Hono<Env>();
  const repo = resolve(options.repo);
  const repository = repositoryOf(options);

  routes.post('/check', async function checkChange(c) {
    const raw = await readJsonBody(c);
    // Sign-offs exist only as approvals (given by a person through the approvals API, or a GitHub review):
    // a check request that names approvers is refused, whoever sends it, rather than believed.
    if (typeof raw === 'object' && raw !== null && 'approvals' in raw)
      throw new HttpError(
        400,
        'approvals-not-accepted',
        'a check cannot carry sign-offs; a person approves through POST /v1/approvals/:id/approve',
      );
    const body = parseBody(CheckBody, raw);
    // The server reads only its own repository: a path from the caller must not open another.
    if (body.repo !== undefined && resolve(repo, body.repo) !== repo) {
      throw new HttpError(
        400,
        'unknown-repo',
        `this server reads only ${repo}; leave "repo" out or name that one`,
      );
    }
    // A caller that names its repository (the CLI's `check --report`) learns when it is not this server's.
    if (body.repository !== undefined && !sameRepository(body.repository, repository))
      throw new HttpError(
        400,
        'unknown-repo',
        `this server judges ${repository}, not ${repositoryFullName(body.repository) ?? body.repository}`,
      );
    const report = await options.runCheck({
      repo,
      range: body.range,
      approvals: [],
    });
    const { decision, approval } = await recordCheck(
      options.store,
      repository,
      report,
      `token:${c.get('principal').tokenId}`,
      body.title !== undefined ? { title: body.title } : {},
    );
    return c.json({
      ...report,
      changeId: decision.changeId,
      ...(approval !== undefined && { approvalId: approval.id }),
    });
  });

  return routes;
}

/** The identity the server's changes are recorded under: the configured one, else the folder's name. */
function repositoryOf(options: Pick<ChangeRoutesOptions, 'repo' | 'repository'>): string {
  return (options.repository ?? basename(resolve(options.repo))).toLowerCase();
}
