import type { Hono } from 'hono';
import type { QueueResponse } from '../dashboard-contract.js';
import { isOpen } from '../../../core/policy/eligibility.js';
import { eligibleFor, loadOf, viewOf, type Env, type PageDeps } from './context.js';
import { assignedLoad, latestBySubject, summaryOf, withAssigned } from './views.js';

/** `GET /dashboard/queue`: changes waiting for sign-off, riskiest first, with who may approve each. */
export function queuePage(routes: Hono<Env>, deps: PageDeps): void {
  const { options, reader, contextOf } = deps;
  routes.get('/dashboard/queue', async (c) => {
    const ctx = await contextOf(c.get('principal'));
    const pending = await reader.approvals({ status: 'pending' });
    const load = await loadOf(options, ctx, pending);
    const waiting = latestBySubject(
      pending.filter((approval) => approval.subjectKind === 'change' && isOpen(approval, ctx.now)),
    );
    const changes = await reader.latestChanges({ changeIds: [...waiting.keys()], limit: 1000 });
    const assigned = await assignedLoad(reader, [...waiting.values()]);
    // A change checked again since (with sign-offs given elsewhere) may no longer wait for anyone.
    const items: QueueResponse['items'] = changes
      .filter((record) => record.decision === 'needs-approval')
      .map((record) => {
        const approval = waiting.get(record.changeId)!;
        return {
          ...summaryOf(record, options.repoNames),
          approval: viewOf(approval, ctx),
          waitingSince: approval.createdAt,
          eligible: withAssigned(eligibleFor(approval, ctx, load), assigned),
        };
      });
    // Riskiest first: the risk score, then the most critical tier reached, then the longest wait.
    items.sort(
      (a, b) =>
        (b.risk ?? 0) - (a.risk ?? 0) ||
        a.mostCriticalTier - b.mostCriticalTier ||
        a.waitingSince.localeCompare(b.waitingSince),
    );
    return c.json({ items } satisfies QueueResponse);
  });
}
