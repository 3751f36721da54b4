import type { Store } from '../../adapters/storage/types.js';
import type { ActionDecision } from '../../core/actions/types.js';

// Seconds; the gate decides in microseconds, the HTTP round trip with a durable write in milliseconds.
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** In-process counters of one server, rendered with store-wide gauges as Prometheus text. */
export interface Metrics {
  /** Counts one decision under its outcome and each deciding policy, and its latency in seconds. */
  observeDecision(decision: Pick<ActionDecision, 'decision' | 'requirements'>, seconds: number): void;
  /** Prometheus text exposition format 0.0.4. */
  render(store: Store): Promise<string>;
}

/** Creates an empty metrics registry for one server process. */
export function createMetrics(): Metrics {
  const decisions = new Map<string, number>();
  const buckets = LATENCY_BUCKETS.map(() => 0);
  let count = 0;
  let sum = 0;
  return {
    observeDecision(decision, seconds) {
      const policies = decision.requirements.filter((r) => !r.satisfied).map((r) => r.policy);
      for (const policy of policies.length > 0 ? policies : ['none']) {
        const key = `outcome="${escapeLabel(decision.decision)}",policy="${escapeLabel(policy)}"`;
        decisions.set(key, (decisions.get(key) ?? 0) + 1);
      }
      for (const [index, bound] of LATENCY_BUCKETS.entries()) if (seconds <= bound) buckets[index]! += 1;
      count += 1;
      sum += seconds;
    },
    async render(store) {
      const [approvals, deliveries] = await Promise.all([store.countApprovals(), store.countDeliveries()]);
      const lines: string[] = [
        '# HELP blastwall_decisions_total Agent action decisions made by this server, by outcome and deciding policy.',
        '# TYPE blastwall_decisions_total counter',
      ];
      for (const [labels, value] of [...decisions].sort())
        lines.push(`blastwall_decisions_total{${labels}} ${value}`);
      lines.push(
        '# HELP blastwall_decision_duration_seconds Time to decide and durably record one agent action.',
        '# TYPE blastwall_decision_duration_seconds histogram',
      );
      for (const [index, bound] of LATENCY_BUCKETS.entries())
        lines.push(`blastwall_decision_duration_seconds_bucket{le="${bound}"} ${buckets[index]}`);
      lines.push(
        `blastwall_decision_duration_seconds_bucket{le="+Inf"} ${count}`,
        `blastwall_decision_duration_seconds_sum ${sum}`,
        `blastwall_decision_duration_seconds_count ${count}`,
      );
      lines.push(
        '# HELP blastwall_pending_approvals Approvals waiting for a person (whole store).',
        '# TYPE blastwall_pending_approvals gauge',
        `blastwall_pending_approvals ${approvals.pending ?? 0}`,
      );
      // Deliveries live in the store, so the count is the same whichever server is scraped.
      lines.push(
        '# HELP blastwall_webhook_failures_total Webhook deliveries that failed (whole store).',
        '# TYPE blastwall_webhook_failures_total counter',
        `blastwall_webhook_failures_total ${deliveries.failed ?? 0}`,
      );
      return `${lines.join('\n')}\n`;
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
