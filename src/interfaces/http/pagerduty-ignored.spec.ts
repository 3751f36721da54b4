import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDeliveryStore, type DeliveryStore } from '../../adapters/storage/delivery-store.js';
import type { AuthVariables } from './auth.js';
import { deliveryRoutes } from './delivery-routes.js';
import { handleError } from './http-error.js';

// Event bodies as PagerDuty's V3 webhook documentation shows them (developer.pagerduty.com, "Webhooks v3 overview":
// the `pagey.ping` test event and an `incident.annotated` note), which carry no incident of the shape blastwall reads.
const PING = {
  event: {
    id: '01BZ4B2TL4D2C9ZM8WF8A7PHVA',
    event_type: 'pagey.ping',
    resource_type: 'pagey',
    occurred_at: '2026-12-07T09:00:00.000Z',
    agent: null,
    client: null,
    data: { message: 'Hello from your friend Pagey!', type: 'ping' },
  },
};
const ANNOTATED = {
  event: {
    id: '01DFXBWBM2W6TDLM3K5G5EXBZV',
    event_type: 'incident.annotated',
    resource_type: 'incident',
    occurred_at: '2026-12-07T09:01:00.000Z',
    agent: {
      html_url: 'https://acme.pagerduty.com/users/PLH1HKV',
      id: 'PLH1HKV',
      self: null,
      summary: 'Tenex Engineer',
      type: 'user_reference',
    },
    client: null,
    data: {
      incident: {
        html_url: 'https://acme.pagerduty.com/incidents/PGR0VU2',
        id: 'PGR0VU2',
        self: null,
        summary: 'A little bump',
        type: 'incident_reference',
      },
      id: 'P2IG7FW',
      content: 'Rolled back the payments deploy',
      trimmed: false,
      type: 'incident_note',
    },
  },
};

let dir: string;
let store: DeliveryStore;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-pd-ignored-'));
  store = await openDeliveryStore(join(dir, 'd.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function app(): Hono<{ Variables: Partial<AuthVariables> }> {
  const root = new Hono<{ Variables: Partial<AuthVariables> }>();
  root.onError(handleError);
  root.route(
    '/v1',
    deliveryRoutes({
      store,
      services: () => [],
      changeStatus: async () => undefined,
      provenanceOf: () => undefined,
      freeze: () => ({ active: false }),
      pagerDutySecret: 's3cret',
    }),
  );
  return root;
}

function send(body: unknown, signed = true): Promise<Response> | Response {
  const text = JSON.stringify(body);
  const signature = signed ? `v1=${createHmac('sha256', 's3cret').update(text).digest('hex')}` : 'v1=00';
  return app().request('/v1/incidents/pagerduty', {
    method: 'POST',
    body: text,
    headers: { 'content-type': 'application/json', 'x-pagerduty-signature': signature },
  });
}

describe('PagerDuty events the ingest does not use', () => {
  it.each([
    ['pagey.ping', PING],
    ['incident.annotated', ANNOTATED],
  ])('%s answers 200 with ignored after the signature check', async (type, body) => {
    const response = await send(body);
    expect(response.status).toBe(200);
    const json = (await response.json()) as { recorded: string[]; ignored: string[] };
    expect(json.recorded).toEqual([]);
    expect(json.ignored).toEqual([expect.stringContaining(type)]);
  });

  it('still refuses a wrongly signed ping, and a body with no event type', async () => {
    expect((await send(PING, false)).status).toBe(401);
    expect((await send({ hello: 'world' })).status).toBe(400);
  });
});
