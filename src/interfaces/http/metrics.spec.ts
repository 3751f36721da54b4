import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../adapters/storage/open-store.js';
import type { Store } from '../../adapters/storage/types.js';
import type { Requirement } from '../../core/model.js';
import { createMetrics } from './metrics.js';

let dir: string;
let store: Store;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-metrics-'));
  store = await openStore(join(dir, 'blastwall.db'));
  const requirement = {
    approvals: 1,
    minLevel: 'senior' as const,
    notAuthor: true,
    authors: ['jo'],
    policies: ['p'],
  };
  for (const subjectId of ['c1', 'c2', 'c3'])
    await store.createApproval({ subjectKind: 'change', subjectId, requirement }, 'system');
  for (const [deliveryId, status] of [
    ['d-1', 'failed'],
    ['d-2', 'failed'],
    ['d-3', 'ok'],
  ] as const)
    await store.recordDelivery({ deliveryId, event: 'pull_request', status });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function unmet(policy: string): Requirement {
  return { policy, reason: '', kind: 'approval', satisfied: false, approvedBy: [] };
}

describe('metrics', () => {
  it('counts a decision once per unmet policy, or under "none", with escaped labels', async () => {
    const metrics = createMetrics();
    metrics.observeDecision({ decision: 'needs-approval', requirements: [unmet('a'), unmet('b"c')] }, 0.002);
    metrics.observeDecision({ decision: 'allow', requirements: [] }, 0.0001);
    metrics.observeDecision({ decision: 'allow', requirements: [] }, 0.0001);

    const text = await metrics.render(store);

    expect(text).toContain('blastwall_decisions_total{outcome="needs-approval",policy="a"} 1');
    expect(text).toContain('blastwall_decisions_total{outcome="needs-approval",policy="b\\"c"} 1');
    expect(text).toContain('blastwall_decisions_total{outcome="allow",policy="none"} 2');
  });

  it.each([
    [0.0004, '0.0005', 1],
    [0.003, '0.0025', 0],
    [0.003, '0.005', 1],
    [5, '2.5', 0],
    [5, '+Inf', 1],
  ])('puts a %f s decision in bucket le=%s cumulatively (%i)', async (seconds, bound, count) => {
    const metrics = createMetrics();
    metrics.observeDecision({ decision: 'deny', requirements: [] }, seconds);

    const text = await metrics.render(store);

    expect(text).toContain(`blastwall_decision_duration_seconds_bucket{le="${bound}"} ${count}\n`);
    expect(text).toContain('blastwall_decision_duration_seconds_count 1\n');
  });

  it('reports store-wide pending approvals and failed webhook deliveries, the same on every scrape', async () => {
    const metrics = createMetrics();

    const first = await metrics.render(store);
    const second = await metrics.render(store);

    for (const text of [first, second]) {
      expect(text).toMatch(/^blastwall_pending_approvals 3$/m);
      expect(text).toMatch(/^blastwall_webhook_failures_total 2$/m);
      expect(text).toMatch(/^# TYPE blastwall_decision_duration_seconds histogram$/m);
    }
  });

  it("keeps two servers' counts apart in one process", async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.observeDecision({ decision: 'deny', requirements: [] }, 0.001);

    expect(await two.render(store)).not.toContain('blastwall_decisions_total{');
    expect(await one.render(store)).toContain('blastwall_decisions_total{outcome="deny",policy="none"} 1');
  });

  it('adds the Node process metrics', async () => {
    const text = await createMetrics().render(store);

    expect(text).toMatch(/^# TYPE process_cpu_user_seconds_total counter$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+$/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
  });
});
