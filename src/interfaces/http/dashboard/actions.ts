import type { Hono } from 'hono';
import { z } from 'zod';
import type { ActionDecisionRow } from '../../../adapters/storage/types.js';
import { OUTCOMES } from '../../../core/model.js';
import type { ActionsResponse } from '../dashboard-contract.js';
import { isOpen } from '../../../core/policy/eligibility.js';
import { Limit, type Env, type PageDeps } from './context.js';
import { parseQuery } from '../request-body.js';
import { actionItem, latestBySubject } from './views.js';

const ActionsQuery = z.object({
  limit: Limit(100),
  since: z.iso.datetime({ offset: true }).optional(),
  decision: z.enum(OUTCOMES).optional(),
});

/** `GET /dashboard/actions`: the feed of gate decisions and the actions held for a person. */
export function actionsPage(routes: Hono<Env>, deps: PageDeps): void {
  const { reader, contextOf } = deps;
  routes.get('/dashboard/actions', async (c) => {
    const query = parseQuery(c, ActionsQuery);
    const [ctx, rows, pending] = await Promise.all([
      contextOf(c.get('principal')),
      reader.actions({
        limit: query.limit,
        ...(query.since !== undefined && { since: new Date(query.since).toISOString() }),
        ...(query.decision !== undefined && { decision: query.decision }),
      }),
      reader.approvals({ subjectKind: 'action', status: 'pending' }),
    ]);
    const open = latestBySubject(pending.filter((approval) => isOpen(approval, ctx.now)));
    const shown = new Set(rows.map((row) => row.id));
    const [heldRows, approvals] = await Promise.all([
      reader.actions({ ids: [...open.keys()].filter((id) => !shown.has(id)), limit: 1000 }),
      reader.approvals({ subjectKind: 'action', subjectIds: [...shown] }),
    ]);
    const bySubject = latestBySubject(approvals);
    for (const [id, approval] of open) bySubject.set(id, approval);
    const all = new Map([...rows, ...heldRows].map((row) => [row.id, row]));
    const held = [...open.keys()]
      .map((id) => all.get(id))
      .filter((row): row is ActionDecisionRow => row !== undefined)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((row) => actionItem(row, bySubject.get(row.id), ctx));
    const body: ActionsResponse = {
      items: rows.map((row) => actionItem(row, bySubject.get(row.id), ctx)),
      held,
    };
    return c.json(body);
  });
}
