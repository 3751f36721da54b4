// Issue 15's attacks, replayed against the real server composition (src/serve.ts over a real git repository
// and SQLite) and the real CLI: each must now fail closed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { generateToken, hashToken } from '../../src/adapters/storage/tokens.js';
import type { TokenInput } from '../../src/adapters/storage/types.js';
import { createServerApp, type ServerApp } from '../../src/serve.js';
import { cli } from './harness.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
  - { id: pat, level: senior, emails: [pat@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*"] } }
`;
const JO = { name: 'Jo Junior', email: 'jo@example.com' };
const SAM = { name: 'Sam Senior', email: 'sam@example.com' };
const CLAUDE = '\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>';
const DESTROY = 'kubectl --context prod-eu delete namespace shop';
/** Destructive but reversible in prod: held for a person, not refused. */
const SCALE_DOWN = 'kubectl --context prod-eu scale deployment shop --replicas=0';

let repo: ScratchRepo;
let dbDir: string;
let server: ServerApp;
let base: string;
let head: string;
let coAuthored: string;
const tokens: Record<string, string> = {};

/** The fields of the API's answers these tests read. */
interface Answer {
  [field: string]: unknown;
  decision?: string;
  approvalId?: string;
  actionId?: string;
  allowed?: boolean;
  authors?: Array<{ id: string }>;
  error?: { code: string; message: string };
}

async function issue(name: string, input: Omit<TokenInput, 'hash'>): Promise<void> {
  tokens[name] = generateToken();
  await server.store.createToken({ ...input, hash: hashToken(tokens[name]) }, 'test');
}

async function call(who: string | undefined, method: string, path: string, body?: unknown) {
  const response = await server.fetch(
    new Request(`http://server.test${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(who !== undefined && { authorization: `Bearer ${tokens[who]}` }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    }),
  );
  return { status: response.status, body: (await response.json()) as Answer };
}

const gate = (sha: string) => call(undefined, 'GET', `/v1/gates/deploy?service=payments&sha=${sha}`);

beforeAll(async () => {
  repo = createScratchRepo('bw-trust-');
  base = repo.commit('initial', { 'blastwall.yaml': CONFIG, 'services/payments/pay.ts': '1\n' }, SAM);
  repo.git('checkout', '-q', '-b', 'feature');
  head = repo.commit(`Retry payments${CLAUDE}`, { 'services/payments/pay.ts': '2\n' }, JO);
  coAuthored = repo.commit(
    `Tune retries${CLAUDE}\nCo-authored-by: Sam Senior <sam@example.com>`,
    { 'services/payments/pay.ts': '3\n' },
    JO,
  );
  dbDir = mkdtempSync(join(tmpdir(), 'bw-trust-db-'));
  server = await createServerApp({
    repo: repo.dir,
    db: join(dbDir, 'blastwall.db'),
    env: { BLASTWALL_CACHE: 'off' },
    log: () => undefined,
  });
  await issue('agent', { role: 'agent', agentId: 'claude-code', personId: 'sam' });
  await issue('pinned', { role: 'agent', agentId: 'claude-code', personId: 'pat', sessionId: 's1' });
  await issue('ingest', { role: 'ingest' });
  await issue('sam', { role: 'reviewer', personId: 'sam' });
  await issue('pat', { role: 'reviewer', personId: 'pat' });
}, 60_000);

afterAll(async () => {
  await server?.close();
  repo?.remove();
  rmSync(dbDir, { recursive: true, force: true });
});

describe('sign-offs exist only as approvals', () => {
  it('refuses a check that names approvers, from an agent or ingest token, and the deploy gate stays shut', async () => {
    const byAgent = await call('agent', 'POST', '/v1/changes/check', {
      range: `${base}..${head}`,
      approvals: ['sam', 'pat'],
    });
    const byIngest = await call('ingest', 'POST', '/v1/changes/check', {
      range: `${base}..${head}`,
      approvals: ['sam', 'pat'],
    });

    expect(byAgent.status).toBe(403);
    expect(byIngest).toMatchObject({ status: 400, body: { error: { code: 'approvals-not-accepted' } } });
    expect((await gate(head)).body.allowed).toBe(false);
  });

  it('opens the gate once a real, eligible person approves through the approvals API', async () => {
    const checked = await call('ingest', 'POST', '/v1/changes/check', { range: `${base}..${head}` });
    expect(checked.body).toMatchObject({ decision: 'needs-approval', approvalId: expect.any(String) });
    expect((await gate(head)).body.allowed).toBe(false);

    const first = await call('sam', 'POST', `/v1/approvals/${checked.body.approvalId}/approve`, {});
    const second = await call('pat', 'POST', `/v1/approvals/${checked.body.approvalId}/approve`, {});

    expect(first.status).toBe(200);
    expect(second.body).toMatchObject({ approval: { status: 'approved' }, change: { decision: 'allow' } });
    // A checkout with no origin and no `repository:` is known by its folder's name (core/change/identity.ts).
    const repository = basename(repo.dir).toLowerCase();
    expect((await server.store.listChangeDecisions({ repo: repository, head })).at(-1)?.decision).toBe(
      'allow',
    );
    expect((await gate(head)).body.allowed).toBe(true);
  });
});

describe('ranges', () => {
  it('refuses an empty range with a 400 and records nothing', async () => {
    const answer = await call('ingest', 'POST', '/v1/changes/check', { range: `${base}..${base}` });

    expect(answer).toMatchObject({ status: 400, body: { error: { code: 'usage' } } });
    expect(await server.store.listChangeDecisions({ head: base })).toEqual([]);
    expect((await gate(base)).body.allowed).toBe(false);
  });

  it('reads a single revision as that commit', async () => {
    const answer = await call('ingest', 'POST', '/v1/changes/check', { range: head });

    expect(answer.body).toMatchObject({ range: { base, head }, commits: 1, decision: 'needs-approval' });
  });

  it('makes the CLI exit 2 on an empty range, and check the commit itself for one revision', async () => {
    const empty = await cli(['check', 'main..main'], repo.dir);
    const one = await cli(['check', head, '--json'], repo.dir);

    expect(empty).toMatchObject({ code: 2, stderr: expect.stringMatching(/holds no commits/) });
    expect(JSON.parse(one.stdout)).toMatchObject({ range: { base, head }, commits: 1 });
  });

  it('reports check --approval as a what-if in the CLI', async () => {
    const whatIf = await cli(['check', head, '--approval', 'pat', '--json'], repo.dir);

    expect(JSON.parse(whatIf.stdout).notes.join('\n')).toMatch(/what-if: sign-offs by pat are assumed/);
  });
});

describe('authors', () => {
  it('does not let a co-author approve the change', async () => {
    const checked = await call('ingest', 'POST', '/v1/changes/check', { range: `${head}..${coAuthored}` });
    const bySam = await call('sam', 'POST', `/v1/approvals/${checked.body.approvalId}/approve`, {});

    expect(checked.body.authors?.map((a) => a.id)).toEqual(['jo', 'sam']);
    expect(bySam).toMatchObject({ status: 403, body: { error: { code: 'not-eligible' } } });
    expect(bySam.body.error?.message).toMatch(/sam is an author/);
  });
});

describe('agents', () => {
  it('cannot write the incidents and deployments the deploy gate trusts', async () => {
    const incident = await call('agent', 'POST', '/v1/incidents', { id: 'inc-1', status: 'resolved' });
    const deployment = await call('agent', 'POST', '/v1/deployments', { id: 'd-1' });

    expect([incident.status, deployment.status]).toEqual([403, 403]);
  });

  it('cannot describe its own action: a claimed read of a namespace deletion is held, not allowed', async () => {
    const answer = await call('agent', 'POST', '/v1/actions/evaluate', {
      command: DESTROY,
      operations: [{ kind: 'read', summary: 'just looking', destructive: false }],
    });

    expect(answer.status).toBe(200);
    expect(answer.body.decision).not.toBe('allow');
  });

  it('holds its destructive prod action for someone other than the person it acts for (two-person rule)', async () => {
    const held = await call('agent', 'POST', '/v1/actions/evaluate', { command: SCALE_DOWN, sessionId: 'a' });
    const bySam = await call('sam', 'POST', `/v1/approvals/${held.body.approvalId}/approve`, {});
    const byPat = await call('pat', 'POST', `/v1/approvals/${held.body.approvalId}/approve`, {});

    expect(held.body.decision).toBe('needs-approval');
    expect(bySam).toMatchObject({ status: 403, body: { error: { code: 'not-eligible' } } });
    expect(bySam.body.error?.message).toMatch(/two-person rule/);
    expect(byPat.status).toBe(200);
  });

  it('gets exactly one run of exactly the approved request from one approval', async () => {
    const request = { command: SCALE_DOWN, sessionId: 'b', cwd: '/work/shop' };
    const held = await call('agent', 'POST', '/v1/actions/evaluate', request);
    await call('pat', 'POST', `/v1/approvals/${held.body.approvalId}/approve`, {});

    const elsewhere = await call('agent', 'POST', '/v1/actions/evaluate', { ...request, cwd: '/work/other' });
    const first = await call('agent', 'POST', '/v1/actions/evaluate', request);
    const again = await call('agent', 'POST', '/v1/actions/evaluate', request);

    expect(elsewhere.body.decision).toBe('needs-approval');
    expect(first.body).toMatchObject({ decision: 'allow', approvalId: held.body.approvalId });
    expect(again.body.decision).toBe('needs-approval');
    expect(again.body.approvalId).not.toBe(held.body.approvalId);
  });

  it('cannot be spoken for by a reviewer token, nor speak for another agent, person or session', async () => {
    const byReviewer = await call('sam', 'POST', '/v1/actions/evaluate', {
      command: 'ls',
      agent: 'claude-code',
    });
    const otherAgent = await call('agent', 'POST', '/v1/actions/evaluate', { command: 'ls', agent: 'codex' });
    const otherPerson = await call('agent', 'POST', '/v1/actions/evaluate', {
      command: 'ls',
      onBehalfOf: 'jo',
    });
    const otherSession = await call('pinned', 'POST', '/v1/actions/evaluate', {
      command: 'ls',
      sessionId: 's2',
    });
    const ownSession = await call('pinned', 'POST', '/v1/actions/evaluate', { command: 'ls' });

    expect([byReviewer.status, otherAgent.status, otherPerson.status, otherSession.status]).toEqual([
      403, 403, 403, 403,
    ]);
    expect(otherSession.body.error?.code).toBe('wrong-session');
    const recorded = await server.store.getActionDecision(String(ownSession.body.actionId));
    expect(recorded).toMatchObject({ agent: 'claude-code', onBehalfOf: 'pat', sessionId: 's1' });
  });
});
