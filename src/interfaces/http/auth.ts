import type { MiddlewareHandler } from 'hono';
import { hashToken } from '../../adapters/storage/tokens.js';
import type { Store, TokenRole } from '../../adapters/storage/types.js';
import { HttpError } from './http-error.js';
import { requestHeader } from './request-body.js';

/** Who is calling, from their bearer token. */
export interface Principal {
  tokenId: string;
  role: TokenRole;
  personId?: string;
  agentId?: string;
  /** A token pinned to one agent session speaks only for it. */
  sessionId?: string;
}

/** Hono variables set by the middleware. */
export interface AuthVariables {
  principal: Principal;
}

/** Authenticates `Authorization: Bearer <token>` against the token table; only the hash is looked up. */
export function bearerAuth(store: Store): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async function authenticate(c, next) {
    const header = requestHeader(c, 'authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new HttpError(401, 'unauthenticated', 'missing bearer token (Authorization: Bearer <token>)');
    const token = await store.findTokenByHash(hashToken(match[1]!));
    if (!token) throw new HttpError(401, 'unauthenticated', 'unknown token');
    if (token.revokedAt !== undefined) throw new HttpError(401, 'unauthenticated', 'token was revoked');
    c.set('principal', {
      tokenId: token.id,
      role: token.role,
      ...(token.personId !== undefined && { personId: token.personId }),
      ...(token.agentId !== undefined && { agentId: token.agentId }),
      ...(token.sessionId !== undefined && { sessionId: token.sessionId }),
    });
    await next();
  };
}

/** Refuses callers whose role is not one of `roles`. */
export function requireRole(...roles: TokenRole[]): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async function authorise(c, next) {
    const { role } = c.get('principal');
    if (!roles.includes(role))
      throw new HttpError(403, 'forbidden', `a ${role} token cannot do this (needs ${roles.join(' or ')})`);
    await next();
  };
}
