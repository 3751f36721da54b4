import { Hono } from 'hono';
import { z } from 'zod';
import type { AttestationStore } from '../../adapters/storage/attestation-store.js';
import { acceptAttestations, type ServerAttestKey } from '../../app/attest-server.js';
import type { AttestationRecord } from '../../core/provenance/attestation.js';
import type { AuthVariables, Principal } from './auth.js';
import { HttpError } from './http-error.js';
import { parseBody, readJsonBody } from './request-body.js';

type Env = { Variables: AuthVariables };

const Incoming = z.object({
  v: z.literal(1).optional(),
  file: z.string().min(1).max(4096),
  lines: z
    .array(z.string().regex(/^[0-9a-f]{16}$/))
    .min(1)
    .max(100_000),
  tool: z.string().min(1).max(200),
  at: z.string().min(1).max(64),
  agent: z.string().min(1).max(200).optional(),
  session: z.string().min(1).max(200).optional(),
  onBehalfOf: z.string().min(1).max(200).optional(),
  // The hook's local signature: kept on the agent's machine; the server signs what it received with its own key.
  sig: z.string().max(200).optional(),
});

const Body = z.strictObject({ records: z.array(Incoming).min(1).max(1000) });

/** A record the route would not store, by its index in the batch. */
interface Refusal {
  index: number;
  code: string;
  message: string;
}

/**
 * Who a record is for, from the token and never from the body: an agent token speaks for its own agent, person and
 * pinned session (a record naming others is refused; a person the token does not name is dropped); an integration
 * (the MCP gateway) names the agents it fronts. Returns a refusal instead when the record claims someone else.
 */
function identify(
  principal: Principal,
  incoming: z.infer<typeof Incoming>,
): Pick<AttestationRecord, 'agent' | 'session' | 'onBehalfOf'> | { code: string; message: string } {
  if (principal.role !== 'agent') {
    if (incoming.agent === undefined) return { code: 'no-agent', message: 'the record names no agent' };
    return {
      agent: incoming.agent,
      ...(incoming.session !== undefined && { session: incoming.session }),
      ...(incoming.onBehalfOf !== undefined && { onBehalfOf: incoming.onBehalfOf }),
    };
  }
  const agent = principal.agentId!;
  if (incoming.agent !== undefined && incoming.agent !== agent)
    return { code: 'wrong-agent', message: `this token speaks for ${agent}, not ${incoming.agent}` };
  if (incoming.onBehalfOf !== undefined && incoming.onBehalfOf !== principal.personId)
    return {
      code: 'wrong-person',
      message: `this token acts for ${principal.personId ?? 'no person'}, not ${incoming.onBehalfOf}`,
    };
  if (
    principal.sessionId !== undefined &&
    incoming.session !== undefined &&
    incoming.session !== principal.sessionId
  )
    return { code: 'wrong-session', message: `this token is pinned to session ${principal.sessionId}` };
  const session = principal.sessionId ?? incoming.session;
  return {
    agent,
    ...(session !== undefined && { session }),
    ...(principal.personId !== undefined && { onBehalfOf: principal.personId }),
  };
}

/** `POST /v1/attestations`: the records an agent's hooks made, signed by the server on receipt and stored. */
export function attestationRoutes(options: { store: AttestationStore; key?: ServerAttestKey }): Hono<Env> {
  const routes = new Hono<Env>();
  routes.post('/', async (c) => {
    const principal = c.get('principal');
    if (principal.role === 'agent' && principal.agentId === undefined)
      throw new HttpError(403, 'no-agent', 'this agent token names no agent; create it with --agent');
    const body = parseBody(Body, await readJsonBody(c));
    const records: AttestationRecord[] = [];
    const refused: Refusal[] = [];
    body.records.forEach((incoming, index) => {
      const who = identify(principal, incoming);
      if ('code' in who) {
        refused.push({ index, ...who });
        return;
      }
      records.push({
        v: 1,
        file: incoming.file,
        lines: incoming.lines,
        agent: who.agent,
        tool: incoming.tool,
        ...(who.session !== undefined && { session: who.session }),
        ...(who.onBehalfOf !== undefined && { onBehalfOf: who.onBehalfOf }),
        at: incoming.at,
      });
    });
    const result = await acceptAttestations(
      options.store,
      records,
      { tokenId: principal.tokenId, actor: `token:${principal.tokenId}` },
      options.key,
    );
    return c.json({ ...result, refused });
  });
  return routes;
}
