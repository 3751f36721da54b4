import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeliveryStore } from '../../adapters/storage/delivery-store.js';
import { openStore } from '../../adapters/storage/open-store.js';
import type { ApprovalRow } from '../../adapters/storage/types.js';
import type { AuditRecord } from '../../core/audit/chain.js';
import { reissueReviewerToken, seedDemo, startDemo, type RunningDemo } from './index.js';
import * as server from '../../serve.js';

// Held actions wait an hour from when they were proposed, so the history must end now for one to be approvable.
const NOW = new Date();
let demo: RunningDemo;
let root: string;
const lines: string[] = [];

async function api<T>(
  path: string,
  init: RequestInit = {},
  token = demo.token,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${demo.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function allAudit(): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (;;) {
    const page = await api<{ records: AuditRecord[] }>(
      `/v1/audit?after=${records.at(-1)?.seq ?? 0}&limit=1000`,
    );
    records.push(...page.body.records);
    if (page.body.records.length < 1000) return records;
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'blastwall-demo-spec-'));
  demo = await startDemo({
    dir: join(root, 'shop'),
    port: 0,
    size: 'small',
    now: NOW,
    log: (l) => lines.push(l),
    server,
  });
}, 240_000);

afterAll(async () => {
  await demo?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a seeded demo', () => {
  it('reported progress while seeding, and serves the API to the printed senior token', async () => {
    const health = await fetch(`${demo.url}/healthz`);
    const pending = await api<{ approvals: ApprovalRow[] }>('/v1/approvals?status=pending');

    expect(lines.some((l) => /^replaying \d{4}-\d{2}/.test(l))).toBe(true);
    expect(health.status).toBe(200);
    expect(pending.status).toBe(200);
    expect(demo.summary?.reviewer.level).toBe('senior');
  });

  it('holds the organisation and a git history of merged pull requests and open branches', async () => {
    const store = await openStore(join(demo.dir, '.blastwall', 'blastwall.db'));
    const [people, services] = await Promise.all([store.listPeople(), store.listServices()]);
    await store.close();
    const merges = execFileSync('git', ['rev-list', '--merges', '--count', 'main'], {
      cwd: demo.dir,
      encoding: 'utf8',
    });
    const branches = execFileSync('git', ['branch', '--list'], { cwd: demo.dir, encoding: 'utf8' })
      .trim()
      .split('\n');

    expect(people).toHaveLength(demo.summary!.people);
    expect(services).toHaveLength(demo.summary!.services);
    expect(Number(merges)).toBeGreaterThan(10);
    expect(branches.length).toBeGreaterThan(2);
  });

  it('leaves change sign-offs and held agent actions waiting, which the senior may approve', async () => {
    const { body } = await api<{ approvals: ApprovalRow[] }>('/v1/approvals?status=pending');
    const changes = body.approvals.filter((a) => a.subjectKind === 'change');
    const actions = body.approvals.filter((a) => a.subjectKind === 'action');
    const expiry = actions.map((a) => Date.parse(a.expiresAt ?? ''));

    expect(changes.length).toBeGreaterThanOrEqual(3);
    expect(actions).toHaveLength(demo.summary!.counts.heldPending);
    expect(actions.length).toBeGreaterThanOrEqual(2);
    expect(Math.min(...expiry)).toBeGreaterThan(NOW.getTime());
    const approved = await api<{ approval: ApprovalRow }>(`/v1/approvals/${actions[0]!.id}/approve`, {
      method: 'POST',
      body: '{}',
    });
    expect(approved.status).toBe(200);
    expect(approved.body.approval.status).toBe('approved');
  });

  it('recorded decisions, sign-offs and agent actions of every outcome at their historical times', async () => {
    const records = await allAudit();
    const kinds = (kind: string) => records.filter((r) => r.kind === kind);
    const actionOutcomes = new Set(kinds('action.decision').map((r) => r.data.decision));
    const times = records.map((r) => Date.parse(r.at));
    const months = new Set(kinds('change.decision').map((r) => r.at.slice(0, 7)));

    expect(actionOutcomes).toEqual(new Set(['allow', 'needs-approval', 'deny']));
    expect(kinds('approval.approved').length + kinds('approval.signed').length).toBeGreaterThan(5);
    expect(kinds('approval.denied').length).toBeGreaterThanOrEqual(1);
    expect(months.size).toBeGreaterThanOrEqual(2);
    expect(Math.min(...times)).toBeLessThan(NOW.getTime() - 30 * 86_400_000);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).toBe(true);
  });

  it('stored deployments and incidents, and an audit chain that verifies', async () => {
    const store = await openStore(join(demo.dir, '.blastwall', 'blastwall.db'));
    const deliveries = await openDeliveryStore(join(demo.dir, '.blastwall', 'blastwall.db'));
    const [deployments, incidents, verdict] = await Promise.all([
      deliveries.listDeployments({}),
      deliveries.listIncidents({}),
      store.verifyAudit(),
    ]);
    await deliveries.close();
    await store.close();

    expect(deployments.length).toBe(demo.summary!.counts.deployments);
    expect(deployments.some((d) => d.aiAssisted) && deployments.some((d) => !d.aiAssisted)).toBe(true);
    expect(incidents.length).toBe(demo.summary!.counts.incidents);
    expect(verdict.ok).toBe(true);
  });

  it('signs in again with a reissued token, and will not seed into a folder that is not empty', async () => {
    const again = await reissueReviewerToken(demo.dir);
    const answer = await api('/v1/approvals?status=pending', {}, again);

    expect(again).not.toBe(demo.token);
    expect(answer.status).toBe(200);
    await expect(seedDemo({ dir: demo.dir, size: 'small', server })).rejects.toThrow(/is not empty/);
  });
});
