import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Store } from '../../adapters/storage/types.js';
import type { ActionDecision } from '../../core/actions/types.js';

// Seconds; the gate decides in microseconds, the HTTP round trip with a durable write in milliseconds.
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** This server's counters, with store-wide gauges and the Node process metrics, for Prometheus. */
export interface Metrics {
  /** Counts one decision under its outcome and each deciding policy, and its latency in seconds. */
  observeDecision(decision: Pick<ActionDecision, 'decision' | 'requirements'>, seconds: number): void;
  /** The Prometheus text exposition format 0.0.4 (the media type `http/app.ts` sends). */
  render(store: Store): Promise<string>;
}

// CPU, memory, event-loop lag, GC and handles describe the process, not one server in it: collected once per
// process (their observers are never released), and merged into every server's scrape.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Creates an empty metrics registry for one server (several servers in one process count apart). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const decisions = new Counter({
    name: 'blastwall_decisions_total',
    help: 'Agent action decisions made by this server, by outcome and deciding policy.',
    labelNames: ['outcome', 'policy'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'blastwall_decision_duration_seconds',
    help: 'Time to decide and durably record one agent action.',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const pending = new Gauge({
    name: 'blastwall_pending_approvals',
    help: 'Approvals waiting for a person (whole store).',
    registers: [registry],
  });
  // Deliveries live in the store, so the count is the same whichever server is scraped; a counter read from
  // the store each scrape (prom-client counters only go up, so it is reset and set to the stored total).
  const webhookFailures = new Counter({
    name: 'blastwall_webhook_failures_total',
    help: 'Webhook deliveries that failed (whole store).',
    registers: [registry],
  });
  return {
    observeDecision(decision, seconds) {
      const policies = decision.requirements.filter((r) => !r.satisfied).map((r) => r.policy);
      for (const policy of policies.length > 0 ? policies : ['none'])
        decisions.inc({ outcome: decision.decision, policy });
      duration.observe(seconds);
    },
    async render(store) {
      const [approvals, deliveries] = await Promise.all([store.countApprovals(), store.countDeliveries()]);
      pending.set(approvals.pending ?? 0);
      webhookFailures.reset();
      webhookFailures.inc(deliveries.failed ?? 0);
      return Registry.merge([registry, processMetrics()]).metrics();
    },
  };
}
