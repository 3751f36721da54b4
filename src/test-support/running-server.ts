// Test support: a real `blastwall serve` (startServer on a free port) over a scratch repository.
import { createScratchRepo, type ScratchRepo } from '../adapters/git/scratch-repo.js';
import { generateToken, hashToken } from '../adapters/storage/index.js';
import type { TokenRole } from '../adapters/storage/types.js';
import { startServer, type RunningServer } from '../serve.js';

/** The organisation every running-server test uses. */
export const SERVER_CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
  - { id: pat, level: senior, emails: [pat@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*"] } }
`;

/** A repository holding SERVER_CONFIG, for one or more servers. */
export function serverRepo(): ScratchRepo {
  const repo = createScratchRepo('bw-served-');
  repo.commit('initial', {
    'blastwall.yaml': SERVER_CONFIG,
    'services/payments/pay.ts': 'export const pay = 1;\n',
  });
  return repo;
}

/** A listening server and a way to give out tokens. */
export interface TestServer extends RunningServer {
  /** Creates a token in the server's store and returns its secret. */
  token(role: TokenRole, who?: { personId?: string; agentId?: string }): Promise<string>;
  /** One request with an optional bearer token; the body, when given, is sent as JSON. */
  call(method: string, path: string, options?: { token?: string; body?: unknown }): Promise<Response>;
}

/** Starts `blastwall serve` on 127.0.0.1 with a free port, over `db` (SQLite path or postgres:// URL). */
export async function startTestServer(
  repo: ScratchRepo,
  db: string,
  env: Record<string, string> = {},
): Promise<TestServer> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    repo: repo.dir,
    db,
    env: { BLASTWALL_CACHE: 'off', ...env },
    log: () => undefined,
  });
  return {
    ...server,
    async token(role, who = {}) {
      const secret = generateToken();
      await server.store.createToken({ role, ...who, hash: hashToken(secret) }, 'test');
      return secret;
    },
    call(method, path, options = {}) {
      return fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
          ...(options.body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(options.body !== undefined && {
          body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
        }),
      });
    },
  };
}
