import { describe, expect, it } from 'vitest';
import type { Store } from '../../adapters/storage/types.js';
import type { Requirement } from '../../core/model.js';
import { createMetrics } from './metrics.js';

const store = {
  countApprovals: async () => ({ pending: 3, approved: 1 }),
  countDeliveries: async () => ({ processed: 5, failed: 2 }),
} as unknown as Store;

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

  it('reports store-wide pending approvals and failed webhook deliveries', async () => {
    const text = await createMetrics().render(store);

    expect(text).toMatch(/^blastwall_pending_approvals 3$/m);
    expect(text).toMatch(/^blastwall_webhook_failures_total 2$/m);
    expect(text).toMatch(/^# TYPE blastwall_decision_duration_seconds histogram$/m);
  });
});
