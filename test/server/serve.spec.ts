import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresBackend, type TestDatabase } from '../../src/test-support/test-backends.js';
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

interface Backend {
  name: string;
  enabled: boolean;
  /** A fresh database spec for this run (and how to drop it). */
  create(dir: string): Promise<{ spec: string; raw: TestDatabase['raw'] | undefined; drop(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  {
    name: 'sqlite',
    enabled: true,
    create: async (dir) => ({ spec: join(dir, 'blastwall.db'), raw: undefined, drop: async () => undefined }),
  },
  { name: 'postgres', enabled: withPostgres, create: async () => postgresBackend.create() },
];

for (const backend of BACKENDS) {
  describe.skipIf(!backend.enabled)(`blastwall serve on ${backend.name}`, () => {
    const repo = createServerRepo();
    let db: Awaited<ReturnType<Backend['create']>>;
    let server: ServerProcess;
    const tokens = { agent: '', sam: '', jo: '' };

    beforeAll(async () => {
      db = await backend.create(repo.dir);
      tokens.agent = await createToken(repo.dir, db.spec, 'agent', { agent: 'claude-code' });
      tokens.sam = await createToken(repo.dir, db.spec, 'reviewer', { person: 'sam' });
      tokens.jo = await createToken(repo.dir, db.spec, 'reviewer', { person: 'jo' });
      server = await startServe(repo.dir, db.spec);
    });
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
      repo.remove();
    });

    it('holds an agent command, refuses an agent and a junior as approvers, and releases it for the same session once a senior approves', async () => {
      const agentEnv = { BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: tokens.agent };
      const gateArgs = (session: string) => [
        'gate',
        '--command',
        HELD_COMMAND,
        '--agent',
        'claude-code',
        '--session-id',
        session,
        '--json',
      ];

      const held = await cli(gateArgs('s1'), repo.dir, agentEnv);
      const heldDecision = JSON.parse(held.stdout) as {
        decision: string;
        approvalId: string;
        reasons: string[];
      };
      const byAgent = await cli(['approve', heldDecision.approvalId], repo.dir, agentEnv);
      const byJunior = await api(
        server.url,
        tokens.jo,
        'POST',
        `/v1/approvals/${heldDecision.approvalId}/approve`,
        {},
      );
      const bySenior = await cli(
        ['approve', heldDecision.approvalId, '--reason', 'planned maintenance'],
        repo.dir,
        { BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: tokens.sam },
      );
      const sameSession = await cli(gateArgs('s1'), repo.dir, agentEnv);
      const otherSession = await cli(gateArgs('s2'), repo.dir, agentEnv);

      expect(held.code).toBe(3);
      expect(heldDecision).toMatchObject({
        decision: 'needs-approval',
        approvalId: expect.stringMatching(/^apr_/),
      });
      expect(heldDecision.reasons.join('\n')).toContain(`blastwall approve ${heldDecision.approvalId}`);
      expect(byAgent).toMatchObject({ code: 1, stderr: expect.stringMatching(/403 agents-cannot-approve/) });
      expect(byJunior).toMatchObject({
        status: 403,
        body: {
          error: {
            code: 'not-eligible',
            message: expect.stringMatching(/jo is junior; this needs senior/),
          },
        },
      });
      expect(bySenior).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/approved \(approved by sam\)/),
      });
      expect(sameSession.code).toBe(0);
      expect(JSON.parse(sameSession.stdout)).toMatchObject({
        decision: 'allow',
        approvalId: heldDecision.approvalId,
      });
      expect(otherSession.code).toBe(3);
      expect(JSON.parse(otherSession.stdout).approvalId).not.toBe(heldDecision.approvalId);
    });

    it('holds a Claude Code hook call with the approval id, and lets the same session run it once approved', async () => {
      const env = {
        BLASTWALL_SERVER_URL: server.url,
        BLASTWALL_TOKEN: tokens.agent,
        CLAUDE_PROJECT_DIR: repo.dir,
      };
      const payload = JSON.stringify({
        hook_event_name: 'PreToolUse',
        tool_name: 'Bash',
        tool_input: { command: HELD_COMMAND },
        session_id: 'hook-session',
        cwd: repo.dir,
      });

      const held = await cli(['hook', 'claude-code'], repo.dir, env, payload);
      const approvalId = /approval (apr_[\w-]+) is pending/.exec(held.stdout)?.[1];
      await api(server.url, tokens.sam, 'POST', `/v1/approvals/${approvalId}/approve`, {});
      const released = await cli(['hook', 'claude-code'], repo.dir, env, payload);

      expect(held.stdout).toMatch(/"permissionDecision":\s*"ask"/);
      expect(approvalId).toBeDefined();
      expect(released.code).toBe(0);
      expect(released.stdout).not.toMatch(/"permissionDecision":\s*"(ask|deny)"/);
    });

    it('keeps a denied action blocked', async () => {
      const held = await api(server.url, tokens.agent, 'POST', '/v1/actions/evaluate', {
        command: HELD_COMMAND,
        sessionId: 'deny-me',
      });
      const denied = await api(
        server.url,
        tokens.sam,
        'POST',
        `/v1/approvals/${String(held.body.approvalId)}/deny`,
        { reason: 'not now' },
      );
      const again = await api(server.url, tokens.agent, 'POST', '/v1/actions/evaluate', {
        command: HELD_COMMAND,
        sessionId: 'deny-me',
      });

      expect(held.body).toMatchObject({ decision: 'needs-approval', agent: 'claude-code' });
      expect(denied).toMatchObject({ status: 200, body: { approval: { status: 'denied' } } });
      expect(again.body.decision).toBe('needs-approval');
      expect(again.body.approvalId).not.toBe(held.body.approvalId);
    });

    it.each([
      ['malformed JSON', '{"command": ', 400, 'malformed-json'],
      ['a wrong type', { command: 42 }, 400, 'invalid-request'],
      ['an unknown field', { command: 'ls', shell: 'zsh' }, 400, 'invalid-request'],
      ['no command', {}, 400, 'invalid-request'],
      [
        'an oversize body',
        // Just over the 1 MiB default: what is tested is the limit, not how fast a loaded machine drains megabytes
        // (the server drains a refused body for 500 ms, then resets the connection, which can lose the answer).
        JSON.stringify({ command: 'x'.repeat(1024 * 1024) }),
        413,
        'payload-too-large',
      ],
    ])('answers %s with a 4xx and keeps serving', async (_name, body, status, code) => {
      const answer = await api(server.url, tokens.agent, 'POST', '/v1/actions/evaluate', body);
      const health = await api(server.url, undefined, 'GET', '/healthz');

      expect(answer).toMatchObject({ status, body: { error: { code } } });
      expect(health.status).toBe(200);
    });

    it('limits a chunked body (no Content-Length) as it arrives, and reads a small one', async () => {
      const send = (chunks: string[]) =>
        new Promise<{ status: number; text: string }>((done, fail) => {
          const request = httpRequest(`${server.url}/v1/actions/evaluate`, {
            method: 'POST',
            agent: false,
            headers: { authorization: `Bearer ${tokens.agent}`, 'content-type': 'application/json' },
          });
          request.on('response', (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => (text += chunk.toString()));
            response.on('end', () => done({ status: response.statusCode ?? 0, text }));
          });
          request.on('error', fail);
          // Written in pieces before end(): Node sends it with Transfer-Encoding: chunked.
          for (const chunk of chunks.slice(0, -1)) request.write(chunk);
          request.end(chunks.at(-1));
        });
      const oversize = await send(['{"command":"', 'x'.repeat(700 * 1024), 'y'.repeat(400 * 1024), '"}']);
      const small = await send(['{"command":', '"ls -la"}']);

      expect(oversize.status).toBe(413);
      expect(JSON.parse(oversize.text)).toMatchObject({ error: { code: 'payload-too-large' } });
      expect(small.status).toBe(200);
      expect(JSON.parse(small.text)).toMatchObject({ decision: 'allow' });
    });

    it('refuses callers without a token and unknown routes, and counts decisions in /metrics', async () => {
      await api(server.url, tokens.agent, 'POST', '/v1/actions/evaluate', {
        command: HELD_COMMAND,
        sessionId: 'metrics',
      });
      expect(
        (await api(server.url, undefined, 'POST', '/v1/actions/evaluate', { command: 'ls' })).status,
      ).toBe(401);
      expect((await api(server.url, tokens.sam, 'GET', '/v1/nothing')).status).toBe(404);
      expect((await api(server.url, tokens.sam, 'GET', '/v1/reports/delivery')).status).toBe(200);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metrics).toMatch(
        /blastwall_decisions_total\{outcome="needs-approval",policy="agent-destructive-needs-human"\} [1-9]/,
      );
      expect(metrics).toMatch(/blastwall_decision_duration_seconds_count [1-9]/);
      expect(metrics).toMatch(/^blastwall_pending_approvals [1-9]/m);
      expect(metrics).toMatch(/^process_resident_memory_bytes [1-9]/m);
    });

    it('serves the dashboard page and the dashboard API behind the same token', async () => {
      const page = await fetch(`${server.url}/changes/some-change`);
      const held = await api(server.url, tokens.agent, 'POST', '/v1/actions/evaluate', {
        command: HELD_COMMAND,
        sessionId: 'dashboard',
      });
      const me = await api(server.url, tokens.sam, 'GET', '/v1/me');
      const actions = await api(server.url, tokens.sam, 'GET', '/v1/dashboard/actions');
      const overview = await api(server.url, tokens.sam, 'GET', '/v1/dashboard/overview?weeks=2');
      const audit = await api(server.url, tokens.sam, 'GET', '/v1/dashboard/audit?q=approval');
      const anonymous = await api(server.url, undefined, 'GET', '/v1/dashboard/queue');

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(me.body).toMatchObject({ role: 'reviewer', person: { id: 'sam' }, canDecide: true });
      const heldItems = actions.body.held as Array<{ id: string; approval: { canApprove: boolean } }>;
      expect(heldItems.find((item) => item.id === held.body.actionId)?.approval.canApprove).toBe(true);
      expect((overview.body.weeks as unknown[]).length).toBe(2);
      expect(audit.body.verification).toMatchObject({ ok: true });
      expect((audit.body.records as unknown[]).length).toBeGreaterThan(0);
      expect(anonymous.status).toBe(401);
    });

    it('blocks a held command when the server cannot be reached, and says so', async () => {
      await server.stop();
      const result = await cli(['gate', '--command', HELD_COMMAND, '--agent', 'claude-code'], repo.dir, {
        BLASTWALL_SERVER_URL: server.url,
        BLASTWALL_TOKEN: tokens.agent,
      });
      server = await startServe(repo.dir, db.spec);

      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/could not be reached .* is blocked/);
    });
  });
}
