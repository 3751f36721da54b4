import { resolve } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../adapters/storage/types.js';
import type { CheckReport } from '../../core/change/decide-change.js';
import { BlastwallError } from '../../core/errors.js';
import { requireRole, type AuthVariables } from './auth.js';
import { HttpError } from './http-error.js';
import { parseBody, readJsonBody } from './request-body.js';

type Env = { Variables: AuthVariables };

// A revision or range of revisions; a leading "-" would reach git as an option.
const REV = String.raw`[A-Za-z0-9_./~^@{}:+][A-Za-z0-9_./~^@{}:+-]*`;
const RANGE = new RegExp(`^(${REV})?(\\.\\.\\.?(${REV})?)?$`);

const CheckBody = z.strictObject({
  repo: z.string().max(4096).optional(),
  range: z.string().min(1).max(512).regex(RANGE, 'not a git revision range (BASE..HEAD)'),
  approvals: z.array(z.string().min(1).max(200)).max(100).optional(),
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
  runCheck: RunCheck;
}

/** `POST /v1/changes/check`: evaluates a range of the server's repository and records the decision. */
export function changeRoutes(options: ChangeRoutesOptions): Hono<Env> {
  const routes = new Hono<Env>();
  const repo = resolve(options.repo);

  routes.post('/check', requireRole('reviewer', 'admin', 'ingest', 'agent'), async function checkChange(c) {
    const body = parseBody(CheckBody, await readJsonBody(c));
    // The server reads only its own repository: a path from the caller must not open another.
    if (body.repo !== undefined && resolve(repo, body.repo) !== repo) {
      throw new HttpError(
        400,
        'unknown-repo',
        `this server reads only ${repo}; leave "repo" out or name that one`,
      );
    }
    let report: CheckReport;
    try {
      report = await options.runCheck({ repo, range: body.range, approvals: body.approvals ?? [] });
    } catch (error) {
      if (error instanceof BlastwallError && error.code === 'external')
        throw new HttpError(502, 'check-external', error.message);
      if (error instanceof BlastwallError && error.code !== 'internal')
        throw new HttpError(400, `check-${error.code}`, error.message);
      throw error;
    }
    await options.store.recordChangeDecision(
      {
        repo,
        base: report.range.base,
        head: report.range.head,
        decision: report.decision,
        reasons: report.reasons,
        detail: { requirements: report.requirements, notes: report.notes },
      },
      `token:${c.get('principal').tokenId}`,
    );
    return c.json(report);
  });

  return routes;
}
