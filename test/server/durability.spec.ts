import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBackend } from '../../src/test-support/test-backends.js';
import { postgresAvailable } from '../../src/test-support/services.js';
import {
  api,
  cli,
  createServerRepo,
  createToken,
  HELD_COMMAND,
  startServe,
  type ServerProcess,
} from './harness.js';

const withPostgres = await postgresAvailable();

const BACKENDS = [
  {
    name: 'sqlite',
    enabled: true,
    create: async (dir: string) => ({ spec: join(dir, 'blastwall.db'), drop: async () => undefined }),
  },
  { name: 'postgres', enabled: withPostgres, create: async () => postgresBackend.create() },
];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Audit records by subject, from `blastwall audit export`. */
async function exportAudit(dir: string, db: string): Promise<{ kind: string; subject: string }[]> {
  const result = await cli(['audit', 'export', '--db', db], dir);
  expect(result.code).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { kind: string; subject: string });
}

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`durability on ${backend.name}`, () => {
    it('keeps every acknowledged evaluation and approval through kill -9, and the audit chain verifies', async () => {
      const repo = createServerRepo();
      cleanups.push(() => repo.remove());
      const db = await backend.create(repo.dir);
      cleanups.push(() => db.drop());
      const agent = await createToken(repo.dir, db.spec, 'agent', { agent: 'claude-code' });
      const sam = await createToken(repo.dir, db.spec, 'reviewer', { person: 'sam' });
      const server = await startServe(repo.dir, db.spec);
      cleanups.push(async () => void (await server.stop()));
      const actions: string[] = [];
      const approved: string[] = [];
      let stop = false;
      let n = 0;
      async function evaluator(): Promise<void> {
        while (!stop) {
          const answer = await api(server.url, agent, 'POST', '/v1/actions/evaluate', {
            command: HELD_COMMAND,
            sessionId: `s${n++}`,
          }).catch(() => undefined);
          if (answer?.status !== 200) continue;
          actions.push(String(answer.body.actionId));
          const id = String(answer.body.approvalId);
          const decided = await api(server.url, sam, 'POST', `/v1/approvals/${id}/approve`, {}).catch(
            () => undefined,
          );
          if (decided?.status === 200) approved.push(id);
        }
      }

      const workers = Array.from({ length: 6 }, () => evaluator());
      while (approved.length < 40) await new Promise((wait) => setTimeout(wait, 20));
      server.child.kill('SIGKILL');
      await server.stop();
      stop = true;
      await Promise.all(workers);
      const restarted = await startServe(repo.dir, db.spec);
      cleanups.push(async () => void (await restarted.stop()));
      const after = await Promise.all(
        approved.map((id) => api(restarted.url, sam, 'GET', `/v1/approvals/${id}`)),
      );
      await restarted.stop();
      const audit = await exportAudit(repo.dir, db.spec);
      const verify = await cli(['audit', 'verify', '--db', db.spec], repo.dir);

      expect(approved.length).toBeGreaterThanOrEqual(40);
      const subjects = new Set(audit.map((record) => `${record.kind} ${record.subject}`));
      expect(actions.filter((id) => !subjects.has(`action.decision action:${id}`))).toEqual([]);
      expect(approved.filter((id) => !subjects.has(`approval.approved approval:${id}`))).toEqual([]);
      expect(
        after.map((answer) => (answer.body.approval as { status?: string } | undefined)?.status),
      ).toEqual(approved.map(() => 'approved'));
      expect(verify).toMatchObject({ code: 0, stdout: expect.stringMatching(/audit chain intact/) });
    });
  });
}

describe.skipIf(!withPostgres)('two servers on one PostgreSQL', () => {
  it('share one approvals queue: an approval on one is seen by the other at once, and a race of two reviewers yields one approval', async () => {
    const repo = createServerRepo();
    cleanups.push(() => repo.remove());
    const db = await postgresBackend.create();
    cleanups.push(() => db.drop());
    const agent = await createToken(repo.dir, db.spec, 'agent', { agent: 'claude-code' });
    const sam = await createToken(repo.dir, db.spec, 'reviewer', { person: 'sam' });
    const pat = await createToken(repo.dir, db.spec, 'reviewer', { person: 'pat' });
    const [a, b] = (await Promise.all([startServe(repo.dir, db.spec), startServe(repo.dir, db.spec)])) as [
      ServerProcess,
      ServerProcess,
    ];
    cleanups.push(async () => void (await Promise.all([a.stop(), b.stop()])));

    const held = await api(a.url, agent, 'POST', '/v1/actions/evaluate', {
      command: HELD_COMMAND,
      sessionId: 'one',
    });
    const id = String(held.body.approvalId);
    const pendingOnB = await api(b.url, sam, 'GET', '/v1/approvals?status=pending');
    await api(a.url, sam, 'POST', `/v1/approvals/${id}/approve`, {});
    const seenOnB = await api(b.url, pat, 'GET', `/v1/approvals/${id}`);
    const releasedOnB = await api(b.url, agent, 'POST', '/v1/actions/evaluate', {
      command: HELD_COMMAND,
      sessionId: 'one',
    });
    const raced = String(
      (await api(b.url, agent, 'POST', '/v1/actions/evaluate', { command: HELD_COMMAND, sessionId: 'two' }))
        .body.approvalId,
    );
    const race = await Promise.all([
      api(a.url, sam, 'POST', `/v1/approvals/${raced}/approve`, {}),
      api(b.url, pat, 'POST', `/v1/approvals/${raced}/approve`, {}),
    ]);
    const audit = await exportAudit(repo.dir, db.spec);

    expect((pendingOnB.body.approvals as { id: string }[]).map((approval) => approval.id)).toContain(id);
    expect(seenOnB.body.approval).toMatchObject({ status: 'approved', approvedBy: ['sam'] });
    expect(releasedOnB.body).toMatchObject({ decision: 'allow', approvalId: id });
    expect(race.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(
      audit.filter((record) => record.kind === 'approval.approved' && record.subject === `approval:${raced}`),
    ).toHaveLength(1);
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM answers the requests it accepted, exits 0 and leaves a verifiable chain', async () => {
    const repo = createServerRepo();
    cleanups.push(() => repo.remove());
    const spec = join(repo.dir, 'blastwall.db');
    const agent = await createToken(repo.dir, spec, 'agent', { agent: 'claude-code' });
    const server = await startServe(repo.dir, spec);
    cleanups.push(async () => void (await server.stop('SIGKILL')));
    const answered: number[] = [];
    const failures: string[] = [];
    const inFlight = Array.from({ length: 40 }, (_, i) =>
      api(server.url, agent, 'POST', '/v1/actions/evaluate', { command: 'ls -la', sessionId: `g${i}` }).then(
        (answer) => void answered.push(answer.status),
        (error: NodeJS.ErrnoException) => void failures.push(error.code ?? error.message),
      ),
    );

    await new Promise((wait) => setTimeout(wait, 30));
    const code = await server.stop('SIGTERM');
    await Promise.all(inFlight);
    const verify = await cli(['audit', 'verify', '--db', spec, '--json'], repo.dir);

    expect(code).toBe(0);
    expect(server.log()).toMatch(/SIGTERM, finishing in-flight requests/);
    // Every answer is a success; the rest were refused or closed before their request was read
    // (a connection with no request under way is idle, and closing idle ones is what lets it stop).
    const audit = await exportAudit(repo.dir, spec);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.every((status) => status === 200)).toBe(true);
    expect(failures.filter((reason) => reason !== 'ECONNREFUSED' && reason !== 'ECONNRESET')).toEqual([]);
    expect(audit.filter((record) => record.kind === 'action.decision').length).toBeGreaterThanOrEqual(
      answered.length,
    );
    expect(JSON.parse(verify.stdout)).toMatchObject({ ok: true });
  });
});
