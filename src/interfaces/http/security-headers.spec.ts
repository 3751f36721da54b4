import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScratchRepo } from '../../adapters/git/scratch-repo.js';
import { serverRepo, startTestServer, type TestServer } from '../../test-support/running-server.js';

let repo: ScratchRepo;
let dbDir: string;
let server: TestServer;
let head: string;
let reviewer: string;

beforeAll(async () => {
  repo = serverRepo();
  head = repo.git('rev-parse', 'HEAD').trim();
  dbDir = mkdtempSync(join(tmpdir(), 'bw-headers-'));
  server = await startTestServer(repo, join(dbDir, 'blastwall.db'));
  reviewer = await server.token('reviewer', { personId: 'sam' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  repo?.remove();
  rmSync(dbDir, { recursive: true, force: true });
});

describe('security headers on a running server', () => {
  it.each([
    ['the dashboard page', '/', undefined, 200],
    ['a dashboard route the browser owns', '/changes/x', undefined, 200],
    ['an API answer', '/v1/approvals', 'reviewer', 200],
    ['an API refusal', '/v1/approvals', undefined, 401],
    ['an unknown API path', '/v1/nothing', 'reviewer', 404],
    ['the health check', '/healthz', undefined, 200],
    ['the open deploy gate', `/v1/gates/deploy?service=payments&sha=abcd`, undefined, 200],
  ])('%s (%s) carries CSP, frame-ancestors none and nosniff', async (_name, path, who, status) => {
    const response = await server.call('GET', path, who ? { token: reviewer } : {});
    await response.arrayBuffer();

    expect(response.status).toBe(status);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the unauthenticated deploy gate says only allowed or held', () => {
  it('hides the missing sign-offs and open incidents from a caller without a token', async () => {
    const ingest = await server.token('ingest');
    const incident = await server.call('POST', '/v1/incidents', {
      token: ingest,
      body: { id: 'inc-7', severity: 'sev1', services: ['payments'], startedAt: new Date().toISOString() },
    });
    expect(incident.status).toBeLessThan(300);

    const gate = `/v1/gates/deploy?service=checkout&sha=${head}&environment=prod`;
    const anonymous = await server.call('GET', gate);
    const flagger = await server.call('POST', '/v1/gates/deploy', {
      body: { name: 'checkout', namespace: 'prod', metadata: { sha: head } },
    });
    const withToken = await server.call('GET', gate, { token: reviewer });
    const badToken = await server.call('GET', gate, { token: 'bw_not-a-token' });

    const anonymousText = await anonymous.text();
    expect(JSON.parse(anonymousText)).toEqual({ allowed: false, status: 'held' });
    expect(anonymousText).not.toMatch(/inc-7|sign-off|sev1/);
    expect(flagger.status).toBe(403);
    expect(await flagger.json()).toEqual({ allowed: false, status: 'held' });
    const detailed = (await withToken.json()) as { status: string; reasons: string[] };
    expect(detailed.status).toBe('held');
    expect(detailed.reasons.join('\n')).toMatch(/unknown to blastwall/);
    expect(detailed.reasons.join('\n')).toMatch(/open sev1 incident inc-7 on payments/);
    expect(badToken.status).toBe(401);
  });
});
