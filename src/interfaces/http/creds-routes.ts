import { Hono } from 'hono';
import { z } from 'zod';
import type { Broker, CredentialAnswer } from '../../app/creds/broker.js';
import type { GrantStore } from '../../adapters/storage/grant-store.js';
import { CREDENTIAL_KINDS, isUsable, type Grant } from '../../core/creds/grant.js';
import type { AuthVariables } from './auth.js';
import type { GrantView, HeldResponse, IssuedResponse } from '../../app/creds/creds-contract.js';
import { identityOf } from './agent-identity.js';
import { HttpError } from './http-error.js';
import { parseBody, readJsonBody } from './request-body.js';

type Env = { Variables: AuthVariables };

const RequestBody = z.strictObject({
  scope: z.enum(['read', 'write']).default('read'),
  sessionId: z.string().min(1).max(200).default('default'),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});

const RevokeBody = z.strictObject({ reason: z.string().max(2000).optional() });

const REFUSAL_STATUS = { 'not-configured': 404, denied: 403, 'issuer-failed': 503 } as const;

function view(grant: Grant): GrantView {
  const { removedAt: _removed, ...rest } = grant;
  return rest;
}

/** `POST /v1/creds/:environment/:kind`, `GET /v1/creds/grants`, `POST /v1/creds/grants/:id/revoke`. */
export function credsRoutes(options: { broker: Broker; grants: GrantStore; now?: () => Date }): Hono<Env> {
  const { broker, grants } = options;
  const now = options.now ?? (() => new Date());
  const routes = new Hono<Env>();

  // Who may call each route is the matrix of route-roles.ts, enforced before these handlers run.
  routes.get('/grants', async (c) => {
    const at = now();
    const live = (await grants.listLive()).filter((grant) => isUsable(grant, at));
    return c.json({ grants: live.map(view) });
  });

  routes.post('/grants/:id/revoke', async (c) => {
    const principal = c.get('principal');
    // Revoking only makes things safer, so any person with a reviewer or admin token may; agents never.
    if (principal.personId === undefined)
      throw new HttpError(403, 'no-person', 'this token is not tied to a person; only people revoke grants');
    const body = parseBody(RevokeBody, await readJsonBody(c));
    const id = c.req.param('id');
    if (!(await broker.revoke(id, principal.personId, body.reason)))
      throw new HttpError(404, 'not-found', `no live grant ${id}`);
    return c.json({ revoked: id });
  });

  routes.post('/:environment/:kind', async (c) => {
    const kind = c.req.param('kind');
    if (!(CREDENTIAL_KINDS as readonly string[]).includes(kind))
      throw new HttpError(
        404,
        'not-found',
        `no credential kind ${kind} (one of ${CREDENTIAL_KINDS.join(', ')})`,
      );
    const body = parseBody(RequestBody, await readJsonBody(c));
    // Only agent tokens reach here (route-roles.ts): credentials are for agent sessions, and people approve.
    // Who asks comes from the token, never from the body: its own agent, person and pinned session (the same
    // check as the gate's, agent-identity.ts).
    const who = identityOf(c.get('principal'), { sessionId: body.sessionId });
    const answer: CredentialAnswer = await broker.request({
      environment: c.req.param('environment'),
      kind: kind as Grant['kind'],
      scope: body.scope,
      agent: who.agent,
      ...(who.onBehalfOf !== undefined && { onBehalfOf: who.onBehalfOf }),
      sessionId: who.sessionId ?? body.sessionId,
      ...(body.minutes !== undefined && { minutes: body.minutes }),
      actor: `token:${c.get('principal').tokenId}`,
    });
    if (answer.status === 'refused')
      throw new HttpError(REFUSAL_STATUS[answer.code], answer.code, answer.reason);
    if (answer.status === 'held') {
      const held: HeldResponse = { status: 'held', approvalId: answer.approvalId, reasons: answer.reasons };
      return c.json(held, 202);
    }
    const issued: IssuedResponse = {
      status: 'issued',
      grantId: answer.grant.id,
      scope: answer.grant.scope,
      expiresAt: answer.grant.expiresAt,
      credential: answer.credential,
    };
    return c.json(issued);
  });

  return routes;
}
