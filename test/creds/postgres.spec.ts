import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/test-support/cli-testing.js';
import { postgresAvailable } from '../../src/test-support/services.js';
import {
  createTargetDatabase,
  startBrokerServer,
  type BrokerServer,
  type TargetDatabase,
} from './harness.js';

const run = promisify(execFile);
const available = await postgresAvailable();

// The script an agent wrote and runs: the gate never sees what it does, only the credentials it is given decide.
const AGENT_SCRIPT = `
import { createRequire } from 'node:module';
const pg = createRequire(${JSON.stringify(createRequire(import.meta.url).resolve('pg'))})('pg');
const client = new pg.Client({ connectionString: process.argv[2] });
try {
  await client.connect();
  await client.query('DROP TABLE orders');
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, code: error.code, message: error.message }));
} finally {
  await client.end().catch(() => {});
}
`;

describe.skipIf(!available)('blastwall creds postgres, end to end on a real PostgreSQL', () => {
  let target: TargetDatabase;
  let server: BrokerServer;
  let scriptDir: string;
  const admin = (sql: string, params: unknown[] = []) => target.admin(sql, params);
  const brokeredRoles = () => target.brokeredRoles();
  async function createOrders() {
    await admin('CREATE TABLE orders (id int PRIMARY KEY, total int)');
    await admin(`ALTER TABLE orders OWNER TO ${target.writeRole}`);
    await admin(`GRANT SELECT ON orders TO ${target.readRole}`);
  }
  async function agentDrops(url: string): Promise<{ ok: boolean; code?: string; message?: string }> {
    const { stdout } = await run(process.execPath, [join(scriptDir, 'drop.mjs'), url]);
    return JSON.parse(stdout);
  }
  function credsAs(token: string, ...args: string[]) {
    return runCli(['creds', 'postgres', 'prod', '--session', 's1', ...args], {
      cwd: server.repo.dir,
      env: { BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: server.tokens[token]! },
    });
  }
  const creds = (...args: string[]) => credsAs('agent', ...args);

  beforeAll(async () => {
    target = await createTargetDatabase();
    scriptDir = mkdtempSync(join(tmpdir(), 'bw-agent-script-'));
    writeFileSync(join(scriptDir, 'drop.mjs'), AGENT_SCRIPT);
    server = await startBrokerServer(target.credentials, { BLASTWALL_PG_ADMIN_URL: target.spec });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(scriptDir, { recursive: true, force: true });
    await target?.drop();
  });

  it('denies DROP TABLE with the read URL, allows it after approval, and denies it again after expiry and revocation', async () => {
    // Read-only by default: the URL works, but the agent's script cannot drop the table.
    const read = await creds();
    expect(read.code, read.stderr).toBe(0);
    const readUrl = read.stdout.trim();
    expect(readUrl).toMatch(/^postgres(ql)?:\/\/bwc_[0-9a-f]+:/);
    expect(await agentDrops(readUrl)).toMatchObject({ ok: false, code: '42501' });
    // The same session is served the same role again.
    expect((await creds()).stdout.trim()).toBe(readUrl);

    // Elevation is held: exit 3 with the approval id.
    const held = await creds('--write', '--minutes', '5');
    expect(held.code, held.stderr).toBe(3);
    const approvalId = /approval (apr_\S+?):/.exec(held.stderr)?.[1];
    expect(approvalId, held.stderr).toBeDefined();
    // A retry joins the same approval, and is still held.
    expect((await creds('--write', '--minutes', '5')).stderr).toContain(approvalId);

    // Two-person rule: pat, for whom the agent acts, cannot approve her own agent's elevation.
    const own = await server.call('pat', 'POST', `/v1/approvals/${approvalId}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('not-eligible');
    const agentTry = await server.call('agent', 'POST', `/v1/approvals/${approvalId}/approve`, {});
    expect(agentTry.status).toBe(403);
    const approved = await server.call('sam', 'POST', `/v1/approvals/${approvalId}/approve`, {
      reason: 'migration',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    // After approval: a second role, a member of the write group, for the approved minutes.
    const write = await creds('--write', '--minutes', '5', '--json');
    expect(write.code, write.stderr).toBe(0);
    const issued = JSON.parse(write.stdout);
    const writeUrl = String(issued.credential.url);
    expect(writeUrl).not.toBe(readUrl);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(issued.expiresAt) - Date.now()).toBeLessThanOrEqual(5 * 60_000 + 5000);
    // PostgreSQL itself refuses the password after the grant's end, whatever happens to blastwall.
    const [validity] = await admin('SELECT rolvaliduntil FROM pg_roles WHERE rolname = $1', [
      issued.credential.user,
    ]);
    expect(new Date(validity!.rolvaliduntil as string).toISOString()).toBe(issued.expiresAt);
    expect(await agentDrops(writeUrl)).toEqual({ ok: true });
    // The read URL stays read-only.
    await createOrders();
    expect(await agentDrops(readUrl)).toMatchObject({ ok: false, code: '42501' });

    // The grant expires: the next request sweeps, the role is dropped, the script fails again.
    server.advance(6 * 60_000);
    const afterExpiry = await creds('--write', '--minutes', '5');
    expect(afterExpiry.code, 'a spent approval does not release a second grant').toBe(3);
    expect(await agentDrops(writeUrl)).toMatchObject({ ok: false });
    expect(await brokeredRoles()).not.toContain(issued.credential.user);

    // Approved again, then revoked early from the dashboard's route: fails again at once.
    const second = /approval (apr_\S+?):/.exec(afterExpiry.stderr)![1]!;
    expect(second).not.toBe(approvalId);
    expect((await server.call('sam', 'POST', `/v1/approvals/${second}/approve`, {})).status).toBe(200);
    const again = await creds('--write', '--minutes', '5', '--json');
    expect(again.code, again.stderr).toBe(0);
    const regrant = JSON.parse(again.stdout);
    const listed = await server.call('sam', 'GET', '/v1/creds/grants');
    expect(listed.body.grants).toContainEqual(
      expect.objectContaining({
        id: regrant.grantId,
        scope: 'write',
        sessionId: 's1',
        approvedBy: ['sam'],
        agent: 'claude-code',
        onBehalfOf: 'pat',
      }),
    );
    expect(
      (await server.call('agent', 'POST', `/v1/creds/grants/${regrant.grantId}/revoke`, {})).status,
    ).toBe(403);
    expect(
      (await server.call('sam', 'POST', `/v1/creds/grants/${regrant.grantId}/revoke`, { reason: 'done' }))
        .status,
    ).toBe(200);
    expect(await agentDrops(String(regrant.credential.url))).toMatchObject({ ok: false });
    expect((await creds('--write', '--minutes', '5')).code).toBe(3);

    // Every grant, use, revocation and removal is in the audit log, and the chain verifies.
    const kinds = (await server.app.store.listAudit({ limit: 1000 })).map((record) => record.kind);
    for (const kind of [
      'creds.granted',
      'creds.served',
      'approval.approved',
      'creds.revoked',
      'creds.removed',
    ])
      expect(kinds).toContain(kind);
    expect(kinds.filter((kind) => kind === 'creds.granted')).toHaveLength(3);
    expect((await server.app.store.verifyAudit()).ok).toBe(true);

    // The read grant, revoked too: no brokered role is left.
    const readGrant = listed.body.grants.find((grant: { scope: string }) => grant.scope === 'read');
    expect((await server.call('sam', 'POST', `/v1/creds/grants/${readGrant.id}/revoke`, {})).status).toBe(
      200,
    );
    expect(await brokeredRoles()).toEqual([]);
  });

  it('refuses elevation to an agent acting for someone who may not write to prod themselves', async () => {
    const junior = await credsAs('junior-agent', '--write');
    expect(junior.code).toBe(1);
    expect(junior.stderr).toContain('agent-within-delegation');
    expect(junior.stdout).toBe('');
  });

  it("setup writes a service file libpq connects with, as this session's read-only role", async () => {
    const setup = await runCli(['creds', 'setup', 'prod', '--agent', 'print', '--session', 'psql'], {
      cwd: server.repo.dir,
      env: { BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: server.tokens.agent! },
    });
    expect(setup.code, setup.stderr).toBe(0);
    const serviceFile = join(server.repo.dir, '.blastwall', 'creds', 'pg_service.conf');
    expect(setup.stdout).toContain(`export PGSERVICEFILE=${serviceFile}\n`);
    expect(setup.stdout).toContain('export PGSERVICE=blastwall-prod\n');
    const { stdout } = await run(
      'psql',
      ['-XAtc', 'select current_user, pg_has_role($$' + target.readRole + '$$, $$MEMBER$$)'],
      {
        env: { ...process.env, PGSERVICEFILE: serviceFile, PGSERVICE: 'blastwall-prod' },
      },
    );
    expect(stdout.trim()).toMatch(/^bwc_[0-9a-f]+\|t$/);
  });

  it('drops a role a crash left behind once its VALID UNTIL has passed', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    await admin(
      `CREATE ROLE bwc_leftover${suffix} LOGIN VALID UNTIL '2020-01-01' IN ROLE ${target.writeRole}`,
    );
    expect(await brokeredRoles()).toContain(`bwc_leftover${suffix}`);
    // The sweep after a request runs at most once a second per server, by the server's clock.
    server.advance(1000);
    expect((await creds('--session', 'another')).code).toBe(0);
    expect(await brokeredRoles()).not.toContain(`bwc_leftover${suffix}`);
  });
});
