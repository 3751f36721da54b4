import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateToken, hashToken, openStore, type Store } from '../../adapters/storage/index.js';
import type { CheckReport } from '../../core/change/decide-change.js';
import { BlastwallError } from '../../core/errors.js';
import { createHttpApp } from './app.js';

/** The server repository's identity: its changes are recorded under it, whatever folder it sits in. */
const REPOSITORY = 'acme/shop';
let dir: string;
let store: Store;
let token: string;
let asked: { repo: string; range: string; approvals: string[] }[];
let app: ReturnType<typeof createHttpApp>;

function reportFor(range: string, approvals: string[] = []): CheckReport {
  const [base = 'main', head = 'HEAD'] = range.split('..');
  const approved = approvals.length > 0;
  return {
    decision: approved ? 'allow' : 'needs-approval',
    range: { base, head },
    commits: 2,
    author: { id: 'jo', name: 'Jo', email: 'jo@example.com', level: 'junior', known: true, commits: 2 },
    authors: [
      { id: 'jo', name: 'Jo', email: 'jo@example.com', level: 'junior', known: true, commits: 1 },
      { id: 'x@example.com', name: 'X', email: 'x@example.com', level: 'junior', known: false, commits: 1 },
    ],
    provenance: { aiAssisted: true, tools: ['claude'], aiShare: 0.5, commits: [] },
    blastRadius: { services: [{ id: 'payments', tier: 1, direct: true, via: [] }], mostCriticalTier: 1 },
    reasons: approved ? [] : ['needs a senior'],
    requirements: [
      {
        policy: 'senior-signoff',
        reason: 'r',
        kind: 'approval',
        satisfied: approved,
        approvedBy: approvals,
        satisfier: { approvals: 1, minLevel: 'senior', notAuthor: true, ownerOf: ['payments'] },
      },
    ],
    notes: [],
  } as unknown as CheckReport;
}

async function check(body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await app.request('/v1/changes/check', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-changes-'));
  store = await openStore(join(dir, 'c.db'));
  token = generateToken();
  await store.createToken({ role: 'reviewer', personId: 'sam', hash: hashToken(token) }, 'test');
  asked = [];
  app = createHttpApp({
    store,
    repo: dir,
    repository: REPOSITORY,
    runCheck: async (request) => {
      asked.push(request);
      if (request.approvals.includes('ghost'))
        throw new BlastwallError('usage', '--approval ghost: no person with that id in the config');
      return reportFor(request.range, request.approvals);
    },
  });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/changes/check', () => {
  it('checks a range of the server repository with no sign-offs but the recorded ones, and records the decision', async () => {
    const answer = await check({ range: 'main..feature' });

    expect(answer).toMatchObject({
      status: 200,
      body: { decision: 'needs-approval', range: { base: 'main', head: 'feature' } },
    });
    expect(asked).toEqual([{ repo: dir, range: 'main..feature', approvals: [] }]);
    expect(await store.listChangeDecisions({ repo: REPOSITORY })).toMatchObject([
      { repo: 'acme/shop', base: 'main', head: 'feature', decision: 'needs-approval' },
    ]);
    expect(answer.body.changeId).toBe('acme/shop@feature');
  });

  it('takes a caller naming the server repository in any spelling, and records one change per head', async () => {
    const first = await check({ range: 'main..feature', repository: 'git@github.com:Acme/Shop.git' });
    const rebased = await check({ range: 'release..feature', repository: 'ACME/shop' });

    expect(first).toMatchObject({ status: 200, body: { changeId: 'acme/shop@feature' } });
    expect(rebased).toMatchObject({ status: 200, body: { changeId: 'acme/shop@feature' } });
    expect(rebased.body.approvalId).toBe(first.body.approvalId);
    expect(await store.listChangeDecisions({ repo: 'Acme/Shop' })).toMatchObject([
      { changeId: 'acme/shop@feature', base: 'release' },
      { changeId: 'acme/shop@feature', base: 'release' },
    ]);
  });

  it.each([
    ['a range that would be a git option', { range: '--output=/tmp/x' }, 'invalid-request'],
    ['a range with a space', { range: 'main.. HEAD' }, 'invalid-request'],
    ['another repository', { range: 'main..HEAD', repo: '/etc' }, 'unknown-repo'],
    ['another repository by name', { range: 'main..HEAD', repository: 'acme/other' }, 'unknown-repo'],
    // Sign-offs come only from approvals: naming approvers in a check is refused, not believed.
    ['named approvers', { range: 'main..feature', approvals: ['sam'] }, 'approvals-not-accepted'],
    ['an unknown approver', { range: 'main..HEAD', approvals: ['ghost'] }, 'approvals-not-accepted'],
  ])('refuses %s with a 400', async (_name, body, code) => {
    const answer = await check(body);

    expect(answer).toMatchObject({ status: 400, body: { error: { code } } });
  });
});

describe('approvals of changes', () => {
  it('opens one pending approval for what a held change still needs, and keeps the whole report', async () => {
    const first = await check({ range: 'main..feature', title: 'Retry payments' });
    const again = await check({ range: 'main..feature' });

    expect(first.body).toMatchObject({
      decision: 'needs-approval',
      approvalId: expect.stringMatching(/^apr_/),
    });
    expect(again.body.approvalId).toBe(first.body.approvalId);
    expect(await store.getApproval(String(first.body.approvalId))).toMatchObject({
      subjectKind: 'change',
      subjectId: first.body.changeId,
      requirement: {
        approvals: 1,
        minLevel: 'senior',
        notAuthor: true,
        ownerOf: ['payments'],
        authors: ['jo'],
        policies: ['senior-signoff'],
      },
    });
    const [decision] = await store.listChangeDecisions({ repo: REPOSITORY });
    expect(decision!.detail).toMatchObject({
      title: 'Retry payments',
      commits: 2,
      provenance: { aiAssisted: true, tools: ['claude'] },
      blastRadius: { mostCriticalTier: 1 },
      author: { id: 'jo' },
    });
  });

  it('checks the change again once approved, and records nothing new for a change of another repository', async () => {
    await store.upsertPeople(
      [{ id: 'sam', level: 'senior', emails: [], teams: ['payments'], logins: [] }],
      'test',
    );
    await store.upsertServices(
      [{ id: 'payments', tier: 1, owner: 'payments', paths: [], dependsOn: [] }],
      'test',
    );
    const held = await check({ range: 'main..feature' });
    const other = await store.recordChangeDecision(
      { repo: '/elsewhere', base: 'a', head: 'b', decision: 'needs-approval', reasons: ['x'] },
      'test',
    );
    const foreign = await store.createApproval(
      {
        subjectKind: 'change',
        subjectId: other.changeId,
        requirement: { approvals: 1, notAuthor: false, authors: [], policies: [] },
      },
      'test',
    );
    asked = [];

    const approve = (id: string) =>
      app.request(`/v1/approvals/${id}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    const own = (await (await approve(String(held.body.approvalId))).json()) as Record<string, unknown>;
    const elsewhere = (await (await approve(foreign.id)).json()) as Record<string, unknown>;

    expect(own).toMatchObject({ approval: { status: 'approved' }, change: { decision: 'allow' } });
    expect(asked).toEqual([{ repo: dir, range: 'main..feature', approvals: ['sam'] }]);
    expect((await store.listChangeDecisions({ repo: REPOSITORY })).map((d) => d.decision)).toEqual([
      'needs-approval',
      'allow',
    ]);
    expect(elsewhere).toMatchObject({ approval: { status: 'approved' } });
    expect(elsewhere.change).toBeUndefined();
    expect(await store.listChangeDecisions({ repo: '/elsewhere' })).toHaveLength(1);
  });
});
