import type { Hono } from 'hono';
import { z } from 'zod';
import type { AuditResponse } from '../dashboard-contract.js';
import { Limit, parseQuery, type Env, type PageDeps } from './context.js';

const AuditQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.string().max(200).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: Limit(100),
});

/** `GET /dashboard/audit`: a page of the hash-chained log and the chain's verification. */
export function auditPage(routes: Hono<Env>, deps: PageDeps): void {
  const { options, store, reader, clock } = deps;
  const verificationTtl = options.auditVerificationTtlMs ?? 30_000;
  let verification: { started: number; verdict: Promise<AuditResponse['verification']> } | undefined;

  /** The chain's verification, shared by the requests of a short while; a failed run is not kept. */
  function verifyChain(): Promise<AuditResponse['verification']> {
    if (verification && performance.now() - verification.started < verificationTtl)
      return verification.verdict;
    const verdict = store.verifyAudit().then((result): AuditResponse['verification'] => ({
      ...(result.ok
        ? { ok: true, count: result.count, headSeq: result.head.seq }
        : { ok: false, count: result.count, brokenAt: result.seq, message: result.message }),
      verifiedAt: clock().toISOString(),
    }));
    const current = { started: performance.now(), verdict };
    verification = current;
    verdict.catch(() => {
      if (verification === current) verification = undefined;
    });
    return verdict;
  }

  routes.get('/dashboard/audit', async (c) => {
    const query = parseQuery(AuditQuery, c.req.query());
    const [page, verdict] = await Promise.all([
      reader.searchAudit({
        limit: query.limit,
        ...(query.q !== undefined && { q: query.q }),
        ...(query.kind !== undefined && { kind: query.kind }),
        ...(query.before !== undefined && { before: query.before }),
      }),
      verifyChain(),
    ]);
    const body: AuditResponse = {
      records: page.records,
      ...(page.nextBefore !== undefined && { nextBefore: page.nextBefore }),
      verification: verdict,
    };
    return c.json(body);
  });
}
