import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../adapters/git/scratch-repo.js';
import { generateToken, hashToken } from '../../adapters/storage/tokens.js';
import { TOKEN_ROLES, type TokenRole } from '../../adapters/storage/types.js';
import { createServerApp, type ServerApp } from '../../serve.js';
import { ROUTE_ROLES } from './route-roles.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
`;

const PEOPLE: readonly TokenRole[] = ['reviewer', 'admin'];
const DELIVERY: readonly TokenRole[] = ['ingest', 'admin'];

/**
 * The expected matrix, written out independently of route-roles.ts: every mounted route, who may call it.
 * A change to the enforced matrix must be made here too, on purpose.
 */
const EXPECTED: Record<string, readonly TokenRole[] | 'public' | 'signed'> = {
  'GET /healthz': 'public',
  'GET /metrics': 'public',
  'POST /webhooks/github': 'signed',
  'GET /v1/gates/deploy': 'public',
  'POST /v1/gates/deploy': 'public',
  // Agents evaluate their own actions; the MCP gateway's integration token evaluates for the agents it fronts.
  'POST /v1/actions/evaluate': ['agent', 'integration'],
  // An agent's hooks report what it wrote; the record's agent, person and session come from the token.
  'POST /v1/attestations': ['agent', 'integration'],
  'GET /v1/approvals': PEOPLE,
  // Agents read their own approvals (which ones is checked by the route itself).
  'GET /v1/approvals/:id': ['reviewer', 'admin', 'agent'],
  // Only people approve.
  'POST /v1/approvals/:id/approve': PEOPLE,
  'POST /v1/approvals/:id/deny': PEOPLE,
  'POST /v1/changes/check': ['reviewer', 'admin', 'ingest'],
  // Ingest tokens write deployments and incidents; agents never write the facts the deploy gate trusts.
  'POST /v1/deployments': DELIVERY,
  'POST /v1/deployments/argo-rollouts': DELIVERY,
  'POST /v1/deployments/flagger': DELIVERY,
  'POST /v1/incidents': DELIVERY,
  'POST /v1/incidents/pagerduty': DELIVERY,
  'GET /v1/incidents/:id/suspects': PEOPLE,
  'POST /v1/incidents/:id/suspects/:deployment/confirm': PEOPLE,
  'POST /v1/incidents/:id/suspects/:deployment/reject': PEOPLE,
  'GET /v1/reports/delivery': PEOPLE,
  'GET /v1/audit': PEOPLE,
  'GET /v1/me': TOKEN_ROLES,
  'GET /v1/dashboard/overview': PEOPLE,
  'GET /v1/dashboard/queue': PEOPLE,
  'GET /v1/dashboard/changes': PEOPLE,
  'GET /v1/dashboard/changes/:changeId{.+}': PEOPLE,
  'GET /v1/dashboard/actions': PEOPLE,
  'GET /v1/dashboard/incidents': PEOPLE,
  'GET /v1/dashboard/audit': PEOPLE,
  'GET /v1/dashboard/capacity': PEOPLE,
  // The credential broker: only an agent session asks for credentials, its own (elevated ones only through an
  // approval); people approve, list and revoke, and never hold brokered credentials themselves.
  'POST /v1/creds/:environment/:kind': ['agent'],
  'GET /v1/creds/grants': PEOPLE,
  'POST /v1/creds/grants/:id/revoke': PEOPLE,
};

let repo: ScratchRepo;
let dbDir: string;
let server: ServerApp;
const tokens = new Map<TokenRole, string>();

beforeAll(async () => {
  repo = createScratchRepo('bw-roles-');
  repo.commit('initial', { 'blastwall.yaml': CONFIG, 'services/payments/pay.ts': 'x\n' });
  dbDir = mkdtempSync(join(tmpdir(), 'bw-roles-db-'));
  server = await createServerApp({
    repo: repo.dir,
    db: join(dbDir, 'blastwall.db'),
    // Every route mounted: the GitHub webhook too (its API is never reached: no delivery is signed).
    env: {
      BLASTWALL_CACHE: 'off',
      BLASTWALL_GITHUB_WEBHOOK_SECRET: 'secret',
      BLASTWALL_GITHUB_TOKEN: 'unused',
      BLASTWALL_GITHUB_API_URL: 'http://127.0.0.1:9',
    },
    log: () => undefined,
  });
  const who: Record<TokenRole, { personId?: string; agentId?: string }> = {
    agent: { agentId: 'claude-code', personId: 'jo' },
    reviewer: { personId: 'sam' },
    admin: { personId: 'sam' },
    ingest: {},
    integration: { agentId: 'mcp-gateway' },
  };
  for (const role of TOKEN_ROLES) {
    const secret = generateToken();
    await server.store.createToken({ role, ...who[role], hash: hashToken(secret) }, 'test');
    tokens.set(role, secret);
  }
}, 60_000);

afterAll(async () => {
  await server?.close();
  repo?.remove();
  rmSync(dbDir, { recursive: true, force: true });
});

/** A concrete path for a mounted pattern. */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+(\{\.\+\})?/g, 'x');
}

function isApi(path: string): boolean {
  return ['/v1/', '/healthz', '/metrics', '/webhooks/'].some((prefix) => path.startsWith(prefix));
}

describe('the role × route matrix', () => {
  it('names every mounted API route, and every route it names is mounted', () => {
    const mounted = new Set(
      server.routes.filter((route) => isApi(route.path)).map((route) => `${route.method} ${route.path}`),
    );

    expect([...mounted].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.fromEntries(ROUTE_ROLES.map((r) => [`${r.method} ${r.path}`, r.who]))).toEqual(EXPECTED);
    // Everything else is the static dashboard, which only reads.
    const others = new Set(server.routes.filter((route) => !isApi(route.path)).map((route) => route.method));
    expect([...others].sort()).toEqual(['GET', 'HEAD']);
  });

  const cases = Object.entries(EXPECTED).flatMap(([route, who]) =>
    [...TOKEN_ROLES, 'none' as const].map((role) => ({ route, who, role })),
  );

  it.each(cases)('$route as $role', async ({ route, who, role }) => {
    const [method, path] = route.split(' ') as [string, string];
    const token = role === 'none' ? undefined : tokens.get(role);
    const response = await server.fetch(
      new Request(`http://roles.test${concrete(path)}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token !== undefined && { authorization: `Bearer ${token}` }),
        },
        ...(method === 'POST' && { body: '{}' }),
      }),
    );

    if (who === 'signed')
      expect(response.status).toBe(401); // no valid signature, whoever asks
    else if (who === 'public') expect([401, 403]).not.toContain(response.status);
    else if (role === 'none') expect(response.status).toBe(401);
    else if (who.includes(role)) expect([401, 403]).not.toContain(response.status);
    else expect(response.status).toBe(403);
  });
});
