import { compareAttestation } from '../../../core/provenance/attestation-compare.js';
import type { Hono } from 'hono';
import type { Provenance, Requirement } from '../../../core/model.js';
import type { ChangeDetailResponse, ChangesResponse } from '../dashboard-contract.js';
import { HttpError } from '../http-error.js';
import { eligibleFor, ListQuery, loadOf, viewOf, type Env, type PageDeps } from './context.js';
import { parseQuery } from '../request-body.js';
import { assignedLoad, summaryOf, withAssigned, withEdges } from './views.js';
import { isOpen } from '../../../core/policy/eligibility.js';

/** `GET /dashboard/changes` and `GET /dashboard/changes/:id`: the latest changes and one change in full. */
export function changesPage(routes: Hono<Env>, deps: PageDeps): void {
  const { options, reader, contextOf } = deps;
  routes.get('/dashboard/changes', async (c) => {
    const { limit } = parseQuery(c, ListQuery);
    const items = (await reader.latestChanges({ limit })).map((record) =>
      summaryOf(record, options.repoNames),
    );
    return c.json({ items } satisfies ChangesResponse);
  });

  // A change id holds the repository path (`/repo@base..head`): encode it, though a raw one is matched too.
  routes.get('/dashboard/changes/:changeId{.+}', async (c) => {
    const changeId = c.req.param('changeId');
    const [history, ctx, summaries, approvals, pending] = await Promise.all([
      reader.changeHistory(changeId),
      contextOf(c.get('principal')),
      reader.latestChanges({ changeIds: [changeId], limit: 1 }),
      reader.approvals({ subjectKind: 'change', subjectIds: [changeId], limit: 1 }),
      reader.approvals({ status: 'pending' }),
    ]);
    const latest = history.at(-1);
    const summary = summaries[0];
    if (!latest || !summary) throw new HttpError(404, 'not-found', `no change ${changeId}`);
    const detail = latest.detail ?? {};
    const approval = approvals[0];
    const load = await loadOf(options, ctx, pending);
    const assigned = await assignedLoad(
      reader,
      pending.filter((a) => isOpen(a, ctx.now)),
    );
    const provenance = (detail.provenance as Provenance | undefined) ?? {
      aiAssisted: false,
      tools: [],
      aiShare: 0,
      commits: [],
    };
    const authors = Array.isArray(detail.authors)
      ? detail.authors.map((a) => ({
          id: String(a.id),
          name: String(a.name ?? ''),
          level: String(a.level ?? 'junior'),
          known: a.known === true,
          commits: Number(a.commits ?? 0),
        }))
      : [];
    const risk = detail.risk as { reasons?: string[] } | undefined;
    const body: ChangeDetailResponse = {
      ...summaryOf(summary, options.repoNames),
      notes: Array.isArray(detail.notes) ? (detail.notes as string[]) : [],
      commits: Number(detail.commits ?? 0),
      files: Number(detail.files ?? 0),
      linesAdded: Number(detail.linesAdded ?? 0),
      linesDeleted: Number(detail.linesDeleted ?? 0),
      authors,
      provenance,
      attestation: compareAttestation(provenance),
      requirements: Array.isArray(detail.requirements) ? (detail.requirements as Requirement[]) : [],
      blastRadius: withEdges(ctx.graph, detail.blastRadius),
      riskReasons: Array.isArray(risk?.reasons) ? risk.reasons : [],
      ...(approval && { approval: viewOf(approval, ctx) }),
      eligible: withAssigned(eligibleFor(approval, ctx, load), assigned),
      history: history.map((h) => ({ decision: h.decision, at: h.createdAt, reasons: h.reasons })),
    };
    return c.json(body);
  });
}
