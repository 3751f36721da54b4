import type { MiddlewareHandler } from 'hono';
import type { TokenRole } from '../../adapters/storage/types.js';
import type { AuthVariables } from './auth.js';
import { HttpError } from './http-error.js';

/**
 * Who may call each route: the one role × route matrix of the API, enforced by `authorise` below and
 * tested as a table against every mounted route (route-roles.spec.ts). `public` routes need no token
 * (the deploy gates, which Argo Rollouts and Flagger call without one); `signed` routes check their own
 * signature (GitHub's webhook). Anything under /v1 not listed here answers 404, so a new route cannot
 * be reached until it is given its roles.
 *
 * - agents evaluate their own actions and read their own approvals, nothing more;
 * - ingest tokens (CI, delivery tools) write deployments and incidents and ask for change checks;
 * - integrations (the MCP gateway's own token) evaluate the actions of the agents they front;
 * - only people (reviewer, admin) approve, judge suspects and read the dashboard, audit and reports.
 */
export const ROUTE_ROLES: readonly RouteRule[] = [
  rule('GET', '/healthz', 'public'),
  rule('GET', '/metrics', 'public'),
  rule('POST', '/webhooks/github', 'signed'),
  rule('GET', '/v1/gates/deploy', 'public'),
  rule('POST', '/v1/gates/deploy', 'public'),
  rule('POST', '/v1/actions/evaluate', ['agent', 'integration']),
  // An agent's hooks send what it wrote (issue 18); who wrote it comes from the token, never from the body.
  rule('POST', '/v1/attestations', ['agent', 'integration']),
  rule('GET', '/v1/approvals', ['reviewer', 'admin']),
  rule('GET', '/v1/approvals/:id', ['reviewer', 'admin', 'agent']),
  rule('POST', '/v1/approvals/:id/approve', ['reviewer', 'admin']),
  rule('POST', '/v1/approvals/:id/deny', ['reviewer', 'admin']),
  rule('POST', '/v1/changes/check', ['reviewer', 'admin', 'ingest']),
  rule('POST', '/v1/deployments', ['ingest', 'admin']),
  rule('POST', '/v1/deployments/argo-rollouts', ['ingest', 'admin']),
  rule('POST', '/v1/deployments/flagger', ['ingest', 'admin']),
  rule('POST', '/v1/incidents', ['ingest', 'admin']),
  rule('POST', '/v1/incidents/pagerduty', ['ingest', 'admin']),
  rule('GET', '/v1/incidents/:id/suspects', ['reviewer', 'admin']),
  rule('POST', '/v1/incidents/:id/suspects/:deployment/confirm', ['reviewer', 'admin']),
  rule('POST', '/v1/incidents/:id/suspects/:deployment/reject', ['reviewer', 'admin']),
  rule('GET', '/v1/reports/delivery', ['reviewer', 'admin']),
  rule('GET', '/v1/audit', ['reviewer', 'admin']),
  rule('GET', '/v1/me', ['agent', 'reviewer', 'admin', 'ingest', 'integration']),
  rule('GET', '/v1/dashboard/overview', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/queue', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/changes', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/changes/:changeId{.+}', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/actions', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/incidents', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/audit', ['reviewer', 'admin']),
  rule('GET', '/v1/dashboard/capacity', ['reviewer', 'admin']),
  // The credential broker (docs/creds.md): only an agent session asks for credentials, its own (a person
  // approves and revokes, and needs no brokered credentials to do so); only people see and revoke grants.
  // An elevated grant is released only through the approvals routes above.
  rule('POST', '/v1/creds/:environment/:kind', ['agent']),
  rule('GET', '/v1/creds/grants', ['reviewer', 'admin']),
  rule('POST', '/v1/creds/grants/:id/revoke', ['reviewer', 'admin']),
];

/** One row of the matrix: a method and a path as Hono mounts it, and who may call it. */
export interface RouteRule {
  method: string;
  path: string;
  who: readonly TokenRole[] | 'public' | 'signed';
  match: RegExp;
}

function rule(method: string, path: string, who: RouteRule['who']): RouteRule {
  // `:name` is one segment, `:name{.+}` any rest; everything else is literal.
  const pattern = path
    .split(/(:[A-Za-z]+(?:\{\.\+\})?)/)
    .map((part) =>
      part.startsWith(':')
        ? part.endsWith('{.+}')
          ? '.+'
          : '[^/]+'
        : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return { method, path, who, match: new RegExp(`^${pattern}$`) };
}

/** The rule for a request, if any. */
export function ruleFor(method: string, path: string): RouteRule | undefined {
  const asked = method === 'HEAD' ? 'GET' : method;
  return ROUTE_ROLES.find((candidate) => candidate.method === asked && candidate.match.test(path));
}

/** Whether a route needs a bearer token (everything under /v1 except its public routes). */
export function needsToken(method: string, path: string): boolean {
  if (!path.startsWith('/v1/')) return false;
  return ruleFor(method, path)?.who !== 'public';
}

/**
 * Enforces the matrix after authentication: a /v1 route that is not listed answers 404, and a caller
 * whose role is not listed for the route gets a 403 naming who may.
 */
export function authorise(): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async function authoriseRoute(c, next) {
    const found = ruleFor(c.req.method, c.req.path);
    if (!found) throw new HttpError(404, 'not-found', `no route ${c.req.method} ${c.req.path}`);
    if (found.who === 'public' || found.who === 'signed') return next();
    const { role } = c.get('principal');
    if (role === 'agent' && /\/(?:approve|deny)$/.test(found.path))
      throw new HttpError(403, 'agents-cannot-approve', 'an agent token can never approve or deny');
    if (!found.who.includes(role))
      throw new HttpError(
        403,
        'forbidden',
        `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} token cannot ${c.req.method} ${found.path} (needs ${found.who.join(' or ')})`,
      );
    await next();
  };
}
