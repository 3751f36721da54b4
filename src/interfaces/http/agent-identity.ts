import type { Principal } from './auth.js';
import { HttpError } from './http-error.js';

/**
 * Who an evaluation speaks for, from the token: an agent token for its own agent and person, and for its
 * pinned session when it has one (the body may not name another); an integration (the MCP gateway) for
 * the agents it fronts. Only agent and integration tokens reach this route (route-roles.ts).
 */
export function identityOf(
  principal: Principal,
  body: { agent?: string | undefined; onBehalfOf?: string | undefined; sessionId?: string | undefined },
): { agent: string; onBehalfOf?: string; sessionId?: string } {
  if (principal.role === 'agent') {
    if (principal.agentId === undefined)
      throw new HttpError(403, 'no-agent', 'this agent token names no agent; create it with --agent');
    if (body.agent !== undefined && body.agent !== principal.agentId)
      throw new HttpError(
        403,
        'wrong-agent',
        `this token speaks for ${principal.agentId}, not ${body.agent}`,
      );
    if (
      principal.personId !== undefined &&
      body.onBehalfOf !== undefined &&
      body.onBehalfOf !== principal.personId
    )
      throw new HttpError(
        403,
        'wrong-person',
        `this token acts for ${principal.personId}, not ${body.onBehalfOf}`,
      );
    if (
      principal.sessionId !== undefined &&
      body.sessionId !== undefined &&
      body.sessionId !== principal.sessionId
    )
      throw new HttpError(403, 'wrong-session', `this token is pinned to session ${principal.sessionId}`);
    const onBehalfOf = principal.personId ?? body.onBehalfOf;
    const sessionId = principal.sessionId ?? body.sessionId;
    return {
      agent: principal.agentId,
      ...(onBehalfOf !== undefined && { onBehalfOf }),
      ...(sessionId !== undefined && { sessionId }),
    };
  }
  return {
    agent: body.agent ?? principal.agentId ?? 'agent',
    ...(body.onBehalfOf !== undefined && { onBehalfOf: body.onBehalfOf }),
    ...(body.sessionId !== undefined && { sessionId: body.sessionId }),
  };
}
