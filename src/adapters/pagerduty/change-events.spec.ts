import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeEventOf } from '../../core/delivery/change-event.js';
import type { Deployment } from '../../core/delivery/types.js';
import { changeEventSenderFromEnv, createChangeEventSender } from './change-events.js';
import { startFakeEventsApi, type FakeEventsApi } from '../../test-support/fake-pagerduty-events.js';

const NOW = new Date('2026-02-01T10:01:00Z');
const DEPLOYMENT: Deployment = {
  id: 'd1',
  service: 'checkout',
  environment: 'prod',
  commits: ['a1b2c3d4'],
  aiAssisted: true,
  tools: ['claude-code'],
  startedAt: '2026-02-01T10:00:00Z',
  status: 'succeeded',
};

let api: FakeEventsApi;
let waits: number[];
let logged: { message: string; fields: Record<string, unknown> }[];

function sender(options: { maxAttempts?: number; timeoutMs?: number; baseUrl?: string } = {}) {
  return createChangeEventSender({
    routingKey: 'R0UT1NGKEY',
    baseUrl: options.baseUrl ?? api.url,
    now: () => NOW,
    // Backoff is recorded, not slept, so the retry schedule itself is what the tests check.
    sleep: async (ms) => void waits.push(ms),
    log: (message, fields) => void logged.push({ message, fields }),
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}

beforeEach(async () => {
  api = await startFakeEventsApi();
  waits = [];
  logged = [];
});
afterEach(async () => {
  await api.close();
});

describe('PagerDuty change events', () => {
  it('posts the change event to /v2/change/enqueue as JSON', async () => {
    const events = sender();
    events.deploymentStarted(DEPLOYMENT);
    await events.flush();

    expect(api.received).toEqual([
      {
        path: '/v2/change/enqueue',
        contentType: 'application/json',
        body: changeEventOf(DEPLOYMENT, 'R0UT1NGKEY'),
      },
    ]);
    expect(events.stats()).toEqual({ sent: 1, failed: 0, dropped: 0, pending: 0 });
    expect(waits).toEqual([]);
  });

  it('retries 5xx and 429 with doubling backoff, honouring Retry-After, then succeeds', async () => {
    api.script({ status: 500 }, { status: 429, retryAfter: 3 }, { status: 503 });
    const events = sender();
    events.deploymentStarted(DEPLOYMENT);
    await events.flush();

    expect(api.received).toHaveLength(4);
    expect(waits).toEqual([500, 3000, 2000]);
    expect(events.stats()).toMatchObject({ sent: 1, failed: 0 });
  });

  it('gives up after the last attempt, counts and logs the failure', async () => {
    api.script({ status: 502 }, { status: 502 }, { status: 502 });
    const events = sender({ maxAttempts: 3 });
    events.deploymentStarted(DEPLOYMENT);
    await events.flush();

    expect(api.received).toHaveLength(3);
    expect(waits).toEqual([500, 1000]);
    expect(events.stats()).toMatchObject({ sent: 0, failed: 1 });
    expect(logged).toEqual([
      {
        message: 'PagerDuty change event not delivered',
        fields: { deployment: 'd1', attempts: 3, reason: expect.stringContaining('HTTP 502') },
      },
    ]);
  });

  it('does not retry an event PagerDuty calls invalid (400)', async () => {
    const events = createChangeEventSender({
      routingKey: '',
      baseUrl: api.url,
      now: () => NOW,
      sleep: async (ms) => void waits.push(ms),
    });
    events.deploymentStarted(DEPLOYMENT);
    await events.flush();

    expect(api.received).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(events.stats()).toMatchObject({ sent: 0, failed: 1 });
  });

  it('retries when PagerDuty cannot be reached or does not answer in time', async () => {
    api.script('hang');
    const timedOut = sender({ timeoutMs: 200 });
    timedOut.deploymentStarted(DEPLOYMENT);
    await timedOut.flush();
    expect(api.received).toHaveLength(2);
    expect(timedOut.stats()).toMatchObject({ sent: 1 });

    const closed = await startFakeEventsApi();
    await closed.close();
    const unreachable = sender({ baseUrl: closed.url, maxAttempts: 2 });
    unreachable.deploymentStarted(DEPLOYMENT);
    await unreachable.flush();
    expect(unreachable.stats()).toMatchObject({ sent: 0, failed: 1 });
    expect(waits).toEqual([500, 500]);
  });

  it('returns to the caller at once, before PagerDuty has answered', async () => {
    api.script('hang');
    const events = sender({ timeoutMs: 5000 });
    const started = performance.now();
    events.deploymentStarted(DEPLOYMENT);
    const returnedAfter = performance.now() - started;

    expect(returnedAfter).toBeLessThan(50);
    expect(events.stats().pending).toBe(1);
    await events.flush(100);
    expect(events.stats().pending).toBe(1);
  });

  it('does not announce a deployment that started more than a day ago (a backfill)', async () => {
    const events = sender();
    events.deploymentStarted({ ...DEPLOYMENT, startedAt: '2026-01-30T10:00:00Z' });
    await events.flush();

    expect(api.received).toEqual([]);
  });

  it('is off without a routing key, and refuses a base URL that is not http(s)', () => {
    expect(changeEventSenderFromEnv({})).toBeUndefined();
    expect(changeEventSenderFromEnv({ BLASTWALL_PAGERDUTY_ROUTING_KEY: 'k' })).toBeDefined();
    expect(() =>
      changeEventSenderFromEnv({
        BLASTWALL_PAGERDUTY_ROUTING_KEY: 'k',
        BLASTWALL_PAGERDUTY_EVENTS_URL: 'events.pagerduty.com',
      }),
    ).toThrow(/must be an http\(s\) URL/);
  });
});
