// Test support for the credential broker suites: a blastwall server on a real port with a repository,
// tokens for people and an agent, and a simulated clock that can jump ahead (to pass grant expiry).
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import pg from 'pg';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { generateToken, hashToken } from '../../src/adapters/storage/index.js';
import type { TokenRole } from '../../src/adapters/storage/types.js';
import { createServerApp, type ServerApp } from '../../src/serve.js';

/** People of every broker suite: pat asks (through her agent), sam approves, jo is a junior whose agent may not elevate. */
export const PEOPLE = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
  - { id: pat, level: senior, emails: [pat@example.com] }
environments:
  prod: { protected: true, match: { host: ["*.prod.*"] } }
`;

/** A JSON answer, read loosely by the tests' assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests index answers freely; expect() checks them
export type Json = any;

/** A running server for a broker suite. */
export interface BrokerServer {
  url: string;
  app: ServerApp;
  repo: ScratchRepo;
  /** Tokens by name: `agent` (claude-code for pat), `junior-agent` (for jo), `jo`, `sam`, `pat` (reviewers), `admin` (sam's). */
  tokens: Record<string, string>;
  /** Moves the server's clock ahead. */
  advance(ms: number): void;
  /** Calls the API as a named token. */
  call(name: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

/** Starts a server whose blastwall.yaml is PEOPLE plus `credentials`, with the given server environment. */
export async function startBrokerServer(
  credentials: string,
  env: Record<string, string>,
): Promise<BrokerServer> {
  const repo = createScratchRepo('bw-creds-');
  repo.commit('config', { 'blastwall.yaml': `${PEOPLE}${credentials}` });
  const dbDir = mkdtempSync(join(tmpdir(), 'bw-creds-db-'));
  let offset = 0;
  const app = await createServerApp({
    repo: repo.dir,
    db: join(dbDir, 'blastwall.db'),
    env: { BLASTWALL_CACHE: 'off', ...env },
    log: () => undefined,
    now: () => new Date(Date.now() + offset),
  });
  const tokens: Record<string, string> = {};
  async function token(name: string, role: TokenRole, owner: { personId?: string; agentId?: string }) {
    const secret = generateToken();
    await app.store.createToken({ role, hash: hashToken(secret), ...owner }, 'test');
    tokens[name] = secret;
  }
  await token('agent', 'agent', { agentId: 'claude-code', personId: 'pat' });
  await token('junior-agent', 'agent', { agentId: 'claude-code', personId: 'jo' });
  for (const person of ['jo', 'sam', 'pat']) await token(person, 'reviewer', { personId: person });
  await token('admin', 'admin', { personId: 'sam' });
  const server: ServerType = await new Promise((done) => {
    const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => done(listening));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    app,
    repo,
    tokens,
    advance: (ms) => void (offset += ms),
    async call(name, method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${tokens[name]}`, 'content-type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    async close() {
      await new Promise<void>((done) => server.close(() => done()));
      await app.close();
      repo.remove();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/** A fresh PostgreSQL database with a read and a write group role of its own (roles are cluster-wide). */
export interface TargetDatabase {
  spec: string;
  readRole: string;
  writeRole: string;
  /** Runs SQL as the administrator of the target database. */
  admin(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The `credentials:` block for environment prod. */
  credentials: string;
  /** Brokered roles (bwc_…) that are members of this database's groups. */
  brokeredRoles(): Promise<string[]>;
  drop(): Promise<void>;
}

/** Creates the target database and its group roles, with an `orders` table owned by the write group. */
export async function createTargetDatabase(): Promise<TargetDatabase> {
  const { postgresBackend } = await import('../../src/test-support/test-backends.js');
  const target = await postgresBackend.create();
  const suffix = Math.random().toString(36).slice(2, 8);
  const readRole = `app_read_${suffix}`;
  const writeRole = `app_write_${suffix}`;
  const admin = (sql: string, params: unknown[] = []) => target.raw(sql, params);
  await admin(`CREATE ROLE ${readRole} NOLOGIN`);
  await admin(`CREATE ROLE ${writeRole} NOLOGIN`);
  await admin('CREATE TABLE orders (id int PRIMARY KEY, total int)');
  await admin(`ALTER TABLE orders OWNER TO ${writeRole}`);
  await admin(`GRANT SELECT ON orders TO ${readRole}`);
  async function brokeredRoles(): Promise<string[]> {
    const rows = await admin(
      "SELECT rolname FROM pg_roles WHERE rolname LIKE 'bwc\\_%' AND (pg_has_role(rolname, $1, 'MEMBER') OR pg_has_role(rolname, $2, 'MEMBER'))",
      [readRole, writeRole],
    );
    return rows.map((row) => String(row.rolname));
  }
  return {
    spec: target.spec,
    readRole,
    writeRole,
    admin,
    credentials: `credentials:\n  prod:\n    postgres: { adminUrlEnv: BLASTWALL_PG_ADMIN_URL, readRole: ${readRole}, writeRole: ${writeRole}, maxGrant: 30m }\n`,
    brokeredRoles,
    async drop() {
      for (const role of await brokeredRoles().catch(() => []))
        await admin(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
      await target.drop();
      const { POSTGRES_URL } = await import('../../src/test-support/services.js');
      const cluster = new pg.Client({ connectionString: POSTGRES_URL });
      await cluster.connect();
      await cluster.query(`DROP ROLE IF EXISTS ${readRole}`);
      await cluster.query(`DROP ROLE IF EXISTS ${writeRole}`);
      await cluster.end();
    },
  };
}
