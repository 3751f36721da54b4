import { afterEach, describe, expect, it } from 'vitest';
import type { StoredChangeDetail } from '../../core/change/stored-detail.js';
import { postgresAvailable } from '../../test-support/services.js';
import { openDashboardReader, type DashboardReader } from './dashboard-reader.js';
import { openStore } from './open-store.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../test-support/test-backends.js';
import type { Store } from './types.js';

const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];

const DETAIL: StoredChangeDetail = {
  title: 'Retry payments',
  author: { id: 'jo', name: 'Jo', email: 'jo@example.com', level: 'junior', known: true, commits: 1 },
  provenance: { aiAssisted: true, tools: ['claude', 'cursor'], aiShare: 1, commits: [] },
  risk: { score: 42, reasons: ['big'] },
  linesAdded: 30,
  linesDeleted: 12,
  blastRadius: {
    services: [
      { id: 'payments', tier: 1, direct: true, via: [] },
      { id: 'checkout', tier: 1, direct: false, via: ['payments'] },
    ],
    mostCriticalTier: 1,
    dependentMostCriticalTier: 1,
    unownedFiles: 0,
    codeowners: [],
    score: 10,
  },
};
const REQUIREMENT = {
  approvals: 1,
  minLevel: 'senior' as const,
  notAuthor: true,
  authors: ['jo'],
  policies: ['p'],
};

describe.each(BACKENDS)('DashboardReader on $name', (backend) => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  let reader: DashboardReader | undefined;
  let clock: Date;
  const tick = () => (clock = new Date(clock.getTime() + 60_000));

  async function fresh(): Promise<{ store: Store; reader: DashboardReader }> {
    clock = new Date('2026-03-02T10:00:00.000Z');
    database = await backend.create();
    store = await openStore(database.spec, { now: () => clock });
    reader = await openDashboardReader(database.spec);
    return { store, reader };
  }

  afterEach(async () => {
    await reader?.close();
    await store?.close();
    await database?.drop();
    reader = undefined;
    store = undefined;
    database = undefined;
  });

  it('reads the latest decision of each change with the facts lists need', async () => {
    const { store, reader } = await fresh();
    const first = await store.recordChangeDecision(
      {
        repo: '/r',
        base: 'a',
        head: 'b',
        decision: 'needs-approval',
        reasons: ['needs a senior'],
        detail: DETAIL,
      },
      't',
    );
    tick();
    await store.recordChangeDecision(
      { repo: '/r', base: 'c', head: 'd', pr: 7, decision: 'allow', reasons: [] },
      't',
    );
    tick();
    await store.recordChangeDecision(
      {
        repo: '/r',
        base: 'a',
        head: 'b',
        decision: 'allow',
        reasons: [],
        detail: { ...DETAIL, title: 'Again', assignedReviewers: ['sam', 'pat'] },
      },
      't',
    );

    const latest = await reader.latestChanges();

    expect(latest).toHaveLength(2);
    expect(latest[0]).toEqual({
      decisionId: expect.any(String),
      changeId: first.changeId,
      repo: '/r',
      base: 'a',
      head: 'b',
      decision: 'allow',
      reasons: [],
      decidedAt: '2026-03-02T10:02:00.000Z',
      title: 'Again',
      // Lists carry the author's id, name, level and whether they are known (not the email).
      author: { id: 'jo', name: 'Jo', level: 'junior', known: true },
      aiAssisted: true,
      tools: ['claude', 'cursor'],
      riskScore: 42,
      mostCriticalTier: 1,
      directServices: ['payments'],
      assignedReviewers: ['sam', 'pat'],
    });
    expect(latest[1]).toMatchObject({
      pr: 7,
      aiAssisted: false,
      tools: [],
      directServices: [],
      assignedReviewers: [],
    });
    expect(latest[1]).not.toHaveProperty('title');
    expect(await reader.latestChanges({ limit: 1 })).toHaveLength(1);
    expect((await reader.latestChanges({ heads: ['d'] })).map((c) => c.head)).toEqual(['d']);
    // Past one IN list's worth of heads, a match near the end is still found.
    const manyHeads = [...Array.from({ length: 1200 }, (_, i) => `none${i}`), 'b', 'd'];
    expect((await reader.latestChanges({ heads: manyHeads })).map((c) => c.head).sort()).toEqual(['b', 'd']);
    expect((await reader.latestChanges({ changeIds: [first.changeId] })).map((c) => c.head)).toEqual(['b']);
    expect(await reader.latestChanges({ changeIds: [] })).toEqual([]);

    const history = await reader.changeHistory(first.changeId);
    expect(history.map((h) => h.decision)).toEqual(['needs-approval', 'allow']);
    expect(history[0]!.detail).toEqual(DETAIL);
    expect(await reader.changeHistory('nothing')).toEqual([]);

    const firsts = await reader.firstDecisions('2026-03-02T10:00:30.000Z');
    expect(firsts).toEqual([
      {
        changeId: expect.any(String),
        at: '2026-03-02T10:01:00.000Z',
        aiAssisted: false,
        tools: [],
        lines: 0,
      },
    ]);
    expect((await reader.firstDecisions('2026-01-01T00:00:00.000Z'))[0]).toMatchObject({
      changeId: first.changeId,
      aiAssisted: true,
      tools: ['claude', 'cursor'],
      // What the capacity simulation learns from: the least senior author's level and the lines changed.
      authorLevel: 'junior',
      lines: 42,
    });
  });

  it('finds the recorded provenance of commits by full or abbreviated sha, the newest record winning', async () => {
    const { store, reader } = await fresh();
    const sha = 'abcdef0123456789abcdef0123456789abcdef01';
    const commit = (aiAssisted: boolean, tools: string[]) => ({
      ...DETAIL,
      provenance: { aiAssisted, tools, aiShare: 1, commits: [{ sha, aiAssisted, tools, evidence: [] }] },
    });
    await store.recordChangeDecision(
      { repo: '/r', base: 'a', head: sha, decision: 'allow', reasons: [], detail: commit(false, []) },
      't',
    );
    tick();
    await store.recordChangeDecision(
      { repo: '/r', base: 'b', head: sha, decision: 'allow', reasons: [], detail: commit(true, ['cursor']) },
      't',
    );

    const found = await reader.commitProvenance([
      sha.slice(0, 9),
      sha.toUpperCase(),
      'fedcba9876543',
      'nothex!',
    ]);

    expect([...found.entries()]).toEqual([
      [sha.slice(0, 9), { aiAssisted: true, tools: ['cursor'] }],
      [sha, { aiAssisted: true, tools: ['cursor'] }],
    ]);
  });

  it('reads approvals with their sign-offs, sign-offs since a time, and actions by filter', async () => {
    const { store, reader } = await fresh();
    await store.upsertPeople(
      [
        { id: 'sam', level: 'senior', emails: [], teams: [], logins: [] },
        { id: 'pat', level: 'senior', emails: [], teams: [], logins: [] },
      ],
      't',
    );
    const held = await store.recordActionDecision(
      {
        command: 'rm -rf /data',
        agent: 'a',
        operations: [{ kind: 'delete' }],
        decision: 'needs-approval',
        reasons: [],
      },
      't',
      { requirement: { ...REQUIREMENT, approvals: 2 } },
    );
    tick();
    await store.recordActionDecision(
      { command: 'ls', agent: 'a', operations: [], decision: 'allow', reasons: [] },
      't',
    );
    const change = await store.createApproval(
      { subjectKind: 'change', subjectId: 'chg', requirement: REQUIREMENT },
      't',
    );
    tick();
    await store.decideApproval({ id: held.approval!.id, personId: 'sam', decision: 'approve' });
    tick();
    await store.decideApproval({ id: held.approval!.id, personId: 'pat', decision: 'approve' });

    expect((await reader.approvals({ status: 'pending' })).map((a) => a.id)).toEqual([change.id]);
    expect(await reader.approvals({ subjectKind: 'action', subjectIds: [held.action.id] })).toMatchObject([
      {
        id: held.approval!.id,
        status: 'approved',
        approvedBy: ['sam', 'pat'],
        requirement: { approvals: 2 },
      },
    ]);
    expect(await reader.approvals({ subjectIds: [] })).toEqual([]);
    expect(await reader.signoffs('2026-03-02T10:03:00.000Z')).toEqual([
      { personId: 'pat', at: '2026-03-02T10:03:00.000Z' },
    ]);
    // Only changes' sign-offs, each with when it was asked for: the capacity page's observed waits.
    expect(await reader.changeSignoffs('2026-03-02T00:00:00.000Z')).toEqual([]);
    tick();
    await store.decideApproval({ id: change.id, personId: 'sam', decision: 'approve' });
    expect(await reader.changeSignoffs('2026-03-02T00:00:00.000Z')).toEqual([
      {
        approvalId: change.id,
        personId: 'sam',
        requestedAt: change.createdAt,
        at: '2026-03-02T10:04:00.000Z',
      },
    ]);
    expect(await reader.changeSignoffs('2026-03-02T10:05:00.000Z')).toEqual([]);
    expect((await reader.actions()).map((a) => a.command)).toEqual(['ls', 'rm -rf /data']);
    expect((await reader.actions({ decision: 'needs-approval' })).map((a) => a.command)).toEqual([
      'rm -rf /data',
    ]);
    expect((await reader.actions({ since: held.action.createdAt })).map((a) => a.command)).toEqual(['ls']);
    expect(await reader.actions({ ids: [held.action.id] })).toMatchObject([
      { id: held.action.id, operations: [{ kind: 'delete' }] },
    ]);
  });

  it('searches the audit log by text and kind, newest first, page by page', async () => {
    const { store, reader } = await fresh();
    for (let i = 1; i <= 5; i += 1)
      await store.appendAudit({
        kind: 'note',
        actor: `Person${i}`,
        subject: `s${i}`,
        data: { text: `50%_off ${i}` },
      });
    await store.appendAudit({ kind: 'other', actor: 'x', subject: 'y', data: { text: '50 percent' } });

    const page1 = await reader.searchAudit({ limit: 2, kind: 'note' });
    const page2 = await reader.searchAudit({ limit: 2, kind: 'note', before: page1.nextBefore! });
    const page3 = await reader.searchAudit({ limit: 2, kind: 'note', before: page2.nextBefore! });

    expect(page1.records.map((r) => r.subject)).toEqual(['s5', 's4']);
    expect(page2.records.map((r) => r.subject)).toEqual(['s3', 's2']);
    expect(page3.records.map((r) => r.subject)).toEqual(['s1']);
    expect(page3.nextBefore).toBeUndefined();
    expect((await reader.searchAudit({ q: 'person3' })).records.map((r) => r.subject)).toEqual(['s3']);
    // `%` and `_` are text, not wildcards.
    expect((await reader.searchAudit({ q: '50%_' })).records).toHaveLength(5);
    expect((await reader.searchAudit({ q: '5_%' })).records).toEqual([]);
    expect(page1.records[0]).toMatchObject({ kind: 'note', actor: 'Person5', data: { text: '50%_off 5' } });
    expect(typeof page1.records[0]!.seq).toBe('number');
  });
});
