import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScratchRepo } from '../adapters/git/scratch-repo.js';
import { hashToken } from '../adapters/storage/index.js';
import { postgresBackend, type TestDatabase } from '../test-support/test-backends.js';
import type { ApprovalRequirement } from '../core/model.js';
import { serverRepo, startTestServer, type TestServer } from '../test-support/running-server.js';
import { postgresAvailable } from '../test-support/services.js';

const REQUIREMENT: ApprovalRequirement = {
  approvals: 1,
  minLevel: 'senior',
  notAuthor: true,
  authors: ['jo'],
  policies: ['ai-change-senior-signoff'],
};

let repo: ScratchRepo | undefined;
let database: TestDatabase | undefined;
let dir: string | undefined;
const servers: TestServer[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
  await database?.drop();
  database = undefined;
  repo?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A reviewer's token, warm on `approver` (used once), revoked through `revoker`; then an approval on `approver`. */
async function approveRightAfterRevocation(approver: TestServer, revoker: TestServer) {
  const secret = await revoker.token('reviewer', { personId: 'sam' });
  const approval = await revoker.store.createApproval(
    { subjectKind: 'change', subjectId: 'repo@a..b', requirement: REQUIREMENT },
    'test',
  );
  const warm = await approver.call('GET', '/v1/approvals', { token: secret });
  await warm.arrayBuffer();
  const token = await revoker.store.findTokenByHash(hashToken(secret));
  expect(await revoker.store.revokeToken(token!.id, 'admin')).toBe(true);

  const approve = await approver.call('POST', `/v1/approvals/${approval.id}/approve`, {
    token: secret,
    body: { reason: 'looks fine' },
  });
  return {
    warm: warm.status,
    approve: approve.status,
    body: await approve.text(),
    after: await revoker.store.getApproval(approval.id),
  };
}

describe.runIf(await postgresAvailable())('revocation across servers on one PostgreSQL', () => {
  it('a token revoked through one server cannot approve on another, even right after its last use', async () => {
    repo = serverRepo();
    database = await postgresBackend.create();
    const a = await startTestServer(repo, database.spec);
    servers.push(a);
    const b = await startTestServer(repo, database.spec);
    servers.push(b);

    const outcome = await approveRightAfterRevocation(b, a);

    expect(outcome.warm).toBe(200);
    expect(outcome.approve).toBe(401);
    expect(outcome.body).toMatch(/token was revoked/);
    expect(outcome.after?.status).toBe('pending');
  });
});

describe('revocation on SQLite', () => {
  it('is immediate within the server that revoked', async () => {
    repo = serverRepo();
    dir = mkdtempSync(join(tmpdir(), 'bw-revoke-'));
    const server = await startTestServer(repo, join(dir, 'blastwall.db'));
    servers.push(server);

    const outcome = await approveRightAfterRevocation(server, server);

    expect(outcome.warm).toBe(200);
    expect(outcome.approve).toBe(401);
    expect(outcome.after?.status).toBe('pending');
  });
});
