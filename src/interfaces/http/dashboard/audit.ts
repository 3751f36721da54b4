import type { Hono } from 'hono';
import { z } from 'zod';
import type { TokenRow } from '../../../adapters/storage/types.js';
import type { AuditItem, AuditResponse } from '../dashboard-contract.js';
import { Limit, type Env, type PageDeps } from './context.js';
import { parseQuery } from '../request-body.js';

const AuditQuery = z.object({
  q: z.string().max(200).optional(),
  kind: z.string().max(200).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: Limit(100),
});

/**
 * Who an audit actor is, in the words the page shows: a token resolves to its person or agent (an agent
 * acting for a person says so), an ingest or unowned token to its role, `cli:` to blastwall itself.
 */
export function actorView(
  actor: string,
  tokens: ReadonlyMap<string, TokenRow>,
  people: ReadonlySet<string>,
): AuditItem['actorView'] {
  const tokenId = actor.startsWith('token:') ? actor.slice('token:'.length) : actor;
  const token = tokens.get(tokenId);
  if (token?.agentId !== undefined)
    return {
      kind: 'agent',
      label: token.personId !== undefined ? `${token.agentId} for ${token.personId}` : token.agentId,
    };
  if (token?.personId !== undefined) return { kind: 'person', label: token.personId };
  if (token) return { kind: 'service', label: `${token.role} token` };
  if (actor.startsWith('cli:')) return { kind: 'system', label: `blastwall ${actor.slice('cli:'.length)}` };
  if (actor.startsWith('token:')) return { kind: 'service', label: 'a revoked or unknown token' };
  if (people.has(actor)) return { kind: 'person', label: actor };
  // A recheck after a sign-off is recorded under the approval that triggered it.
  if (actor.startsWith('approval:')) return { kind: 'system', label: `blastwall, after ${actor.slice(9)}` };
  return { kind: 'system', label: actor };
}

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
    const query = parseQuery(c, AuditQuery);
    const [page, verdict, tokens] = await Promise.all([
      reader.searchAudit({
        limit: query.limit,
        ...(query.q !== undefined && { q: query.q }),
        ...(query.kind !== undefined && { kind: query.kind }),
        ...(query.before !== undefined && { before: query.before }),
      }),
      verifyChain(),
      store.listTokens(),
    ]);
    const byId = new Map(tokens.map((token) => [token.id, token]));
    const people = new Set((await store.listPeople()).map((person) => person.id));
    const body: AuditResponse = {
      records: page.records.map((record) => ({
        ...record,
        actorView: actorView(record.actor, byId, people),
      })),
      ...(page.nextBefore !== undefined && { nextBefore: page.nextBefore }),
      verification: verdict,
    };
    return c.json(body);
  });
}
