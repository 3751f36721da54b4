import { BlastwallError } from '../../core/errors.js';
import { changeEventOf, type PagerDutyChangeEvent } from '../../core/delivery/change-event.js';
import type { Deployment } from '../../core/delivery/types.js';

/** PagerDuty's Events API v2 host; change events go to `{base}/v2/change/enqueue`. */
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com';

/** How to reach PagerDuty and how hard to try. */
export interface ChangeEventSenderOptions {
  /** The integration key of the PagerDuty service (Events API v2 integration). */
  routingKey: string;
  /** Default {@link PAGERDUTY_EVENTS_URL}; a proxy or a test server otherwise. */
  baseUrl?: string;
  /** Tries per event, the first included (default 4). */
  maxAttempts?: number;
  /** Wait before the first retry, doubled for each next one (default 500 ms) … */
  initialDelayMs?: number;
  /** … up to this (default 8 s); a `Retry-After` from PagerDuty is honoured within the same bound. */
  maxDelayMs?: number;
  /** One request's time limit (default 10 s). */
  timeoutMs?: number;
  /** Events waiting or in flight at most; beyond that new ones are dropped and counted (default 1000). */
  maxQueued?: number;
  /** Deployments that started longer ago than this are not announced: a backfill is not a deploy (default 24 h). */
  maxAgeMs?: number;
  /** A link to show with the event in PagerDuty, per deployment. */
  linkOf?: (deployment: Deployment) => string | undefined;
  /** Warnings (static text, details as fields). */
  log?: (message: string, fields: Record<string, unknown>) => void;
  fetch?: typeof fetch;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
}

/** Counters since the sender was made. */
export interface ChangeEventStats {
  sent: number;
  failed: number;
  dropped: number;
  pending: number;
}

/** Sends PagerDuty change events in the background: never throws to, and never waits for, its caller. */
export interface ChangeEventSender {
  /** Announces a deployment that has just been recorded as started. */
  deploymentStarted(deployment: Deployment): void;
  /** Resolves once every queued event is sent or given up, or after `timeoutMs`. */
  flush(timeoutMs?: number): Promise<void>;
  stats(): ChangeEventStats;
}

/** Why one attempt failed, and whether trying again can help. */
interface AttemptFailure {
  retry: boolean;
  why: string;
  retryAfterMs?: number;
}

/** Builds a sender that posts change events with bounded retries and exponential backoff. */
export function createChangeEventSender(options: ChangeEventSenderOptions): ChangeEventSender {
  const url = `${(options.baseUrl ?? PAGERDUTY_EVENTS_URL).replace(/\/+$/, '')}/v2/change/enqueue`;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 8000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxQueued = options.maxQueued ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 24 * 3_600_000;
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref()));
  const log = options.log ?? (() => undefined);
  const inFlight = new Set<Promise<void>>();
  const stats = { sent: 0, failed: 0, dropped: 0 };

  async function attempt(event: PagerDutyChangeEvent): Promise<AttemptFailure | undefined> {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { retry: true, why: error instanceof Error ? error.message : String(error) };
    }
    const text = await response.text().catch(() => '');
    if (response.status === 202 || response.ok) return undefined;
    // 400: PagerDuty will never take this event; 429 and 5xx: it may later.
    const retry = response.status === 429 || response.status >= 500;
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      retry,
      why: `HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 && { retryAfterMs: retryAfter * 1000 }),
    };
  }

  async function deliver(deployment: Deployment): Promise<void> {
    const event = changeEventOf(deployment, options.routingKey, options.linkOf?.(deployment));
    for (let tries = 1; ; tries++) {
      const failure = await attempt(event);
      if (!failure) {
        stats.sent += 1;
        return;
      }
      if (!failure.retry || tries >= maxAttempts) {
        stats.failed += 1;
        log('PagerDuty change event not delivered', {
          deployment: deployment.id,
          attempts: tries,
          reason: failure.why,
        });
        return;
      }
      const backoff = initialDelayMs * 2 ** (tries - 1);
      await sleep(Math.min(maxDelayMs, Math.max(backoff, failure.retryAfterMs ?? 0)));
    }
  }

  return {
    deploymentStarted(deployment) {
      const started = Date.parse(deployment.startedAt);
      if (Number.isFinite(started) && now().getTime() - started > maxAgeMs) return;
      if (inFlight.size >= maxQueued) {
        stats.dropped += 1;
        log('PagerDuty change event dropped: too many waiting', { deployment: deployment.id, maxQueued });
        return;
      }
      const sending = deliver(deployment)
        .catch((error: unknown) => {
          stats.failed += 1;
          log('PagerDuty change event not delivered', { deployment: deployment.id, reason: String(error) });
        })
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    },
    async flush(timeoutMs) {
      const all = Promise.all([...inFlight]).then(() => undefined);
      if (timeoutMs === undefined) return all;
      await Promise.race([all, sleep(timeoutMs)]);
    },
    stats: () => ({ ...stats, pending: inFlight.size }),
  };
}

/**
 * The sender the environment asks for: `BLASTWALL_PAGERDUTY_ROUTING_KEY` turns change events on,
 * `BLASTWALL_PAGERDUTY_EVENTS_URL` points them elsewhere than PagerDuty; undefined when off.
 */
export function changeEventSenderFromEnv(
  env: Record<string, string | undefined>,
  options: Omit<ChangeEventSenderOptions, 'routingKey' | 'baseUrl'> = {},
): ChangeEventSender | undefined {
  const routingKey = env.BLASTWALL_PAGERDUTY_ROUTING_KEY?.trim();
  if (!routingKey) return undefined;
  const baseUrl = env.BLASTWALL_PAGERDUTY_EVENTS_URL?.trim();
  if (baseUrl && !/^https?:\/\//.test(baseUrl))
    throw new BlastwallError(
      'config',
      `BLASTWALL_PAGERDUTY_EVENTS_URL must be an http(s) URL, got "${baseUrl}"`,
    );
  return createChangeEventSender({ ...options, routingKey, ...(baseUrl ? { baseUrl } : {}) });
}
