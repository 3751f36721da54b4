import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  generateToken,
  hashToken,
  openStore,
  type Store,
  type TokenInput,
} from '../../adapters/storage/index.js';
import type { ApprovalRequirement } from '../../core/model.js';
import { createHttpApp } from './app.js';

const REQUIREMENT: ApprovalRequirement = {
  approvals: 1,
  minLevel: 'senior',
  notAuthor: true,
  authors: ['jo'],
  policies: ['ai-change-senior-signoff'],
};

let dir: string;
let store: Store;
let app: ReturnType<typeof createHttpApp>;
const tokens: Record<string, string> = {};

async function issue(name: string, input: Omit<TokenInput, 'hash'>): Promise<void> {
  const token = generateToken();
  await store.createToken({ ...input, hash: hashToken(token) }, 'test');
  tokens[name] = token;
}

function call(method: string, path: string, token?: string, body?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined && { body }) }));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-http-'));
  store = await openStore(join(dir, 'h.db'));
  app = createHttpApp({ store, maxBodyBytes: 1024 });
  await store.upsertPeople(
    [
      { id: 'jo', level: 'junior', emails: [], teams: ['payments'], logins: [] },
      { id: 'mia', level: 'mid', emails: [], teams: ['payments'], logins: [] },
      { id: 'sam', level: 'senior', emails: [], teams: ['payments'], logins: [] },
      { id: 'kim', level: 'principal', emails: [], teams: ['shop'], logins: [] },
    ],
    'test',
  );
  await store.upsertServices(
    [{ id: 'payments', tier: 1, owner: 'payments', paths: [], dependsOn: [] }],
    'test',
  );
  await issue('sam', { role: 'reviewer', personId: 'sam' });
  await issue('kim', { role: 'reviewer', personId: 'kim' });
  await issue('jo', { role: 'reviewer', personId: 'jo' });
  await issue('mia', { role: 'reviewer', personId: 'mia' });
  await issue('agent', { role: 'agent', agentId: 'codex', personId: 'sam' });
  await issue('admin', { role: 'admin' });
  await issue('ingest', { role: 'ingest' });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('HTTP API', () => {
  it('answers /healthz without a token', async () => {
    const response = await call('GET', '/healthz');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', store: 'sqlite' });
  });

  it('lists pending approvals for a reviewer', async () => {
    const approval = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      'test',
    );

    const response = await call('GET', '/v1/approvals?status=pending', tokens.sam);

    expect(response.status).toBe(200);
    expect(((await response.json()) as { approvals: { id: string }[] }).approvals.map((a) => a.id)).toEqual([
      approval.id,
    ]);
  });

  it('counts an approval whose time ran out as expired, not pending, as the dashboard does', async () => {
    const lapsed = await store.createApproval(
      {
        subjectKind: 'change',
        subjectId: 'c-lapsed',
        requirement: REQUIREMENT,
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      },
      'test',
    );
    const ids = async (status: string) =>
      (
        (await (
          await call('GET', `/v1/approvals${status ? `?status=${status}` : ''}`, tokens.sam)
        ).json()) as {
          approvals: { id: string; status: string }[];
        }
      ).approvals;

    const pending = await ids('pending');
    const expired = await ids('expired');
    const all = await ids('');

    expect(pending.map((a) => a.id)).not.toContain(lapsed.id);
    expect(expired.map((a) => [a.id, a.status])).toContainEqual([lapsed.id, 'expired']);
    expect(all.find((a) => a.id === lapsed.id)?.status).toBe('expired');
  });

  it('fills a page of pending approvals with open ones, newer lapsed ones left out before the limit', async () => {
    const open = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c-open', requirement: REQUIREMENT },
      'test',
    );
    // The lapsed one is the newest (a later millisecond), so an unfiltered first page would hold only it.
    await new Promise((done) => setTimeout(done, 5));
    await store.createApproval(
      {
        subjectKind: 'change',
        subjectId: 'c-lapsed-later',
        requirement: REQUIREMENT,
        expiresAt: new Date(Date.now() - 60_000).toISOString(),
      },
      'test',
    );

    const response = await call('GET', '/v1/approvals?status=pending&limit=1', tokens.sam);

    expect(((await response.json()) as { approvals: { id: string }[] }).approvals.map((a) => a.id)).toEqual([
      open.id,
    ]);
  });

  it('approves once for an eligible person and records who', async () => {
    const approval = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: { ...REQUIREMENT, ownerOf: ['payments'] } },
      'test',
    );

    const response = await call(
      'POST',
      `/v1/approvals/${approval.id}/approve`,
      tokens.sam,
      '{"reason":"checked the migration"}',
    );
    const again = await call('POST', `/v1/approvals/${approval.id}/approve`, tokens.sam, '');

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      approval: { status: 'approved', decidedBy: 'sam', reason: 'checked the migration' },
    });
    expect(again.status).toBe(409);
    expect((await store.listAudit()).at(-1)).toMatchObject({ kind: 'approval.approved', actor: 'sam' });
  });

  it('asks no token of deploy gates (Flagger cannot send one) but still of everything else under /v1', async () => {
    const gate = await app.request('/v1/gates/deploy?service=x&sha=y');
    const approvals = await app.request('/v1/approvals');

    expect(gate.status).toBe(404); // not mounted in this bare app: reached the router, not refused by auth
    expect(approvals.status).toBe(401);
  });

  it.each([
    ['an agent token', 'agent', 403, 'agents-cannot-approve', /agent token can never approve/],
    ['the author', 'jo', 403, 'not-eligible', /jo is an author/],
    ['a mid-level person', 'mia', 403, 'not-eligible', /mia is mid; this needs senior or above/],
    ['a non-owner', 'kim', 403, 'not-eligible', /kim is not in a team owning payments/],
    [
      'an ingest token',
      'ingest',
      403,
      'forbidden',
      /an ingest token cannot POST .* \(needs reviewer or admin\)/,
    ],
    ['an admin token with no person', 'admin', 403, 'no-person', /not tied to a person/],
    ['no token', undefined, 401, 'unauthenticated', /missing bearer token/],
  ])('refuses approval by %s, saying why', async (_who, tokenName, status, code, message) => {
    const approval = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: { ...REQUIREMENT, ownerOf: ['payments'] } },
      'test',
    );

    const response = await call(
      'POST',
      `/v1/approvals/${approval.id}/approve`,
      tokenName ? tokens[tokenName] : undefined,
    );
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(response.status).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(message);
    expect((await store.getApproval(approval.id))?.status).toBe('pending');
  });

  it('lets a reviewer deny with a reason', async () => {
    const approval = await store.createApproval(
      { subjectKind: 'action', subjectId: 'a1', requirement: REQUIREMENT },
      'test',
    );

    const response = await call(
      'POST',
      `/v1/approvals/${approval.id}/deny`,
      tokens.mia,
      '{"reason":"not during the freeze"}',
    );

    expect(await response.json()).toMatchObject({
      approval: { status: 'denied', decidedBy: 'mia', reason: 'not during the freeze' },
    });
  });

  it('refuses a revoked token', async () => {
    const row = (await store.listTokens()).find((t) => t.personId === 'sam' && t.role === 'reviewer')!;
    await store.revokeToken(row.id, 'test');

    const response = await call('GET', '/v1/approvals', tokens.sam);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'unauthenticated', message: 'token was revoked' },
    });
  });

  it.each([
    ['malformed JSON', 'POST', '/v1/approvals/ID/approve', '{"reason":', 400, 'malformed-json'],
    ['a wrong type', 'POST', '/v1/approvals/ID/approve', '{"reason":5}', 400, 'invalid-request'],
    ['an unknown field', 'POST', '/v1/approvals/ID/approve', '{"force":true}', 400, 'invalid-request'],
    [
      'an oversize body',
      'POST',
      '/v1/approvals/ID/approve',
      JSON.stringify({ reason: 'x'.repeat(2000) }),
      413,
      'payload-too-large',
    ],
    ['an unknown approval', 'POST', '/v1/approvals/apr_none/approve', '{}', 404, 'not-found'],
    ['an unknown route', 'GET', '/v1/nothing-here', undefined, 404, 'not-found'],
    ['a bad status filter', 'GET', '/v1/approvals?status=maybe', undefined, 400, 'invalid-request'],
  ])('answers %s with a JSON error', async (_name, method, path, body, status, code) => {
    const approval = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      'test',
    );

    const response = await call(method, path.replace('ID', approval.id), tokens.sam, body);

    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('refuses a Content-Length that is not a number instead of reading past the limit', async () => {
    const response = await app.request('/v1/approvals/apr_none/approve', {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.sam}`, 'content-length': 'lots' },
      body: '{}',
    });

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /Content-Length/,
    );
  });

  it('lets the agent whose action is held read its approval', async () => {
    const { approval } = await store.recordActionDecision(
      {
        command: 'terraform destroy',
        agent: 'codex',
        onBehalfOf: 'sam',
        operations: [],
        decision: 'needs-approval',
        reasons: [],
      },
      'agent:codex',
      { requirement: REQUIREMENT },
    );

    const other = await store.recordActionDecision(
      {
        command: 'terraform destroy',
        agent: 'cursor',
        operations: [],
        decision: 'needs-approval',
        reasons: [],
      },
      'agent:cursor',
      { requirement: REQUIREMENT },
    );
    const change = await store.createApproval(
      { subjectKind: 'change', subjectId: 'c1', requirement: REQUIREMENT },
      't',
    );

    const response = await call('GET', `/v1/approvals/${approval!.id}`, tokens.agent);
    const missing = await call('GET', '/v1/approvals/apr_none', tokens.agent);

    expect(await response.json()).toMatchObject({
      approval: { id: approval!.id, status: 'pending', subjectKind: 'action' },
    });
    expect(missing.status).toBe(404);
    // Another agent's held action and a change's approval are not its to read: the same 404.
    expect((await call('GET', `/v1/approvals/${other.approval!.id}`, tokens.agent)).status).toBe(404);
    expect((await call('GET', `/v1/approvals/${change.id}`, tokens.agent)).status).toBe(404);
    expect((await call('GET', '/v1/approvals', tokens.agent)).status).toBe(403);
  });

  it('pages the audit log for reviewers but not for agents', async () => {
    const response = await call('GET', '/v1/audit?after=1&limit=2', tokens.admin);
    const refused = await call('GET', '/v1/audit', tokens.agent);

    expect(((await response.json()) as { records: { seq: number }[] }).records.map((r) => r.seq)).toEqual([
      2, 3,
    ]);
    expect(refused.status).toBe(403);
  });
});
