import { Hono } from 'hono';
import { z } from 'zod';
import type { ApprovalRow, ChangeDecisionRow, DecideResult, Store } from '../../adapters/storage/types.js';
import type { AuthVariables, Principal } from './auth.js';
import { checkEligibility, isOpen } from '../../core/policy/eligibility.js';
import { HttpError } from './http-error.js';
import { parseBody, parseQuery, readJsonBody } from './request-body.js';

type Env = { Variables: AuthVariables };

const ListQuery = z.object({
  status: z.enum(['pending', 'approved', 'denied', 'expired']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const DecideBody = z.object({ reason: z.string().max(2000).optional() }).strict();

const REFUSAL_STATUS: Record<Extract<DecideResult, { ok: false }>['code'], 404 | 409> = {
  'not-found': 404,
  'already-decided': 409,
  expired: 409,
  'already-signed': 409,
};

/** Whether an agent's token owns an approval: one of its own held actions (of its session, when pinned). */
async function ownsApproval(store: Store, principal: Principal, approval: ApprovalRow): Promise<boolean> {
  if (approval.subjectKind !== 'action' || principal.agentId === undefined) return false;
  const action = await store.getActionDecision(approval.subjectId);
  if (!action || action.agent !== principal.agentId) return false;
  if (principal.personId !== undefined && action.onBehalfOf !== principal.personId) return false;
  return principal.sessionId === undefined || action.sessionId === principal.sessionId;
}

/** What happens once an approval is approved (a change is checked again); its answer joins the response. */
export interface ApprovalRoutesOptions {
  onApproved?: (approval: ApprovalRow) => Promise<ChangeDecisionRow | undefined>;
  /** The clock expiry is judged by (default: the real one). */
  now?: () => Date;
}

/**
 * The approvals a status asks for, by the one definition of pending the dashboard uses too (`isOpen`):
 * an approval whose time ran out is expired, whatever its stored row still says.
 */
async function listByStatus(
  store: Store,
  query: { status?: ApprovalRow['status']; limit?: number },
  now: Date,
): Promise<ApprovalRow[]> {
  const shown = (row: ApprovalRow): ApprovalRow =>
    row.status === 'pending' && !isOpen(row, now) ? { ...row, status: 'expired' } : row;
  if (query.status === 'pending') return store.listApprovals({ ...query, openAt: now.toISOString() });
  if (query.status === 'expired') {
    const [expired, pending] = await Promise.all([
      store.listApprovals(query),
      store.listApprovals({ ...query, status: 'pending' }),
    ]);
    return [...expired, ...pending.filter((row) => !isOpen(row, now)).map(shown)]
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .slice(0, query.limit ?? Number.POSITIVE_INFINITY);
  }
  return (await store.listApprovals(query)).map(shown);
}

/** `GET /v1/approvals`, `GET /v1/approvals/:id`, `POST /v1/approvals/:id/approve|deny`. */
export function approvalRoutes(store: Store, options: ApprovalRoutesOptions = {}): Hono<Env> {
  const routes = new Hono<Env>();

  routes.get('/', async (c) => {
    const query = parseQuery(c, ListQuery);
    return c.json({ approvals: await listByStatus(store, query, options.now?.() ?? new Date()) });
  });

  routes.get('/:id', async (c) => {
    const approval = await store.getApproval(c.req.param('id'));
    if (!approval) throw new HttpError(404, 'not-found', `no approval ${c.req.param('id')}`);
    // An agent reads only the approvals of its own held actions (and of its pinned session): the same
    // 404 as for an unknown id, so it cannot learn what others wait for.
    if (c.get('principal').role === 'agent' && !(await ownsApproval(store, c.get('principal'), approval)))
      throw new HttpError(404, 'not-found', `no approval ${c.req.param('id')}`);
    return c.json({ approval });
  });

  for (const decision of ['approve', 'deny'] as const) {
    routes.post(`/:id/${decision}`, async (c) => {
      const principal = c.get('principal');
      // Only people approve: an agent's token never can, whatever person it acts for.
      if (principal.role === 'agent')
        throw new HttpError(403, 'agents-cannot-approve', 'an agent token can never approve or deny');
      if (principal.role !== 'reviewer' && principal.role !== 'admin')
        throw new HttpError(403, 'forbidden', `a ${principal.role} token cannot ${decision}`);
      if (principal.personId === undefined)
        throw new HttpError(403, 'no-person', 'this token is not tied to a person; only people approve');
      const body = parseBody(DecideBody, await readJsonBody(c));
      const id = c.req.param('id');
      const approval = await store.getApproval(id);
      if (!approval) throw new HttpError(404, 'not-found', `no approval ${id}`);
      const person = (await store.listPeople()).find((candidate) => candidate.id === principal.personId);
      if (!person)
        throw new HttpError(403, 'unknown-person', `${principal.personId} is not a configured person`);
      // Denying only makes things safer, so any configured reviewer may deny; approving needs eligibility.
      if (decision === 'approve') {
        const eligible = checkEligibility(person, approval.requirement, await store.listServices());
        if (!eligible.ok) throw new HttpError(403, 'not-eligible', eligible.reason);
      }
      const result = await store.decideApproval({
        id,
        personId: person.id,
        decision,
        ...(body.reason !== undefined && { reason: body.reason }),
      });
      if (!result.ok) throw new HttpError(REFUSAL_STATUS[result.code], result.code, result.message);
      if (result.approval.status !== 'approved' || !options.onApproved)
        return c.json({ approval: result.approval });
      // The approval stands whatever the new check says; a check that cannot run is reported, not fatal.
      try {
        const recorded = await options.onApproved(result.approval);
        return c.json({
          approval: result.approval,
          ...(recorded && {
            change: { changeId: recorded.changeId, decision: recorded.decision, reasons: recorded.reasons },
          }),
        });
      } catch (error) {
        return c.json({
          approval: result.approval,
          recheckError: error instanceof Error ? error.message : String(error),
        });
      }
    });
  }

  return routes;
}
