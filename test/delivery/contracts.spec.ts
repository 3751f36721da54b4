import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeliveryStore, type DeliveryStore } from '../../src/adapters/storage/delivery-store.js';
import type { ChangeStatus } from '../../src/core/delivery/deploy-gate.js';
import { deliveryRoutes } from '../../src/interfaces/http/delivery-routes.js';
import { handleError } from '../../src/interfaces/http/http-error.js';
import { SERVICES } from './generate-history.js';

// The gate served over real HTTP and called the way Argo Rollouts and Flagger call it.
const SIGNED = 'a1b2c3d4';
const UNSIGNED = 'b0b0b0b0';
const statuses = new Map<string, ChangeStatus>([
  [SIGNED, { signedOff: true, missing: [] }],
  [UNSIGNED, { signedOff: false, missing: ['1 approval from a senior'] }],
]);
let dir: string;
let store: DeliveryStore;
let server: ServerType;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bw-contracts-'));
  store = await openDeliveryStore(join(dir, 'c.db'));
  const app = new Hono();
  app.onError(handleError);
  app.route(
    '/v1',
    deliveryRoutes({
      store,
      services: () => SERVICES,
      changeStatus: async (_repository, sha) => statuses.get(sha),
      repository: 'acme/shop',
      provenanceOf: () => undefined,
      freeze: () => ({ active: false }),
    }),
  );
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Argo Rollouts' web provider: GET the url, fail the measurement on non-2xx, take `jsonPath: {$.allowed}`, then `successCondition: result == true`. */
async function argoMeasurement(url: string): Promise<'Successful' | 'Failed' | 'Error'> {
  const response = await fetch(url, {
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer token' },
  });
  if (response.status < 200 || response.status >= 300) return 'Error';
  const result = ((await response.json()) as { allowed?: unknown }).allowed;
  return result === true ? 'Successful' : 'Failed';
}

/** Flagger's webhook: POST the documented body; a 2xx lets the canary advance, anything else holds it. */
async function flaggerHook(sha: string, type: string): Promise<'advance' | 'hold'> {
  const body = {
    name: 'checkout',
    namespace: 'prod',
    phase: 'Progressing',
    checksum: '85d557f47b',
    type,
    metadata: { sha },
  };
  const response = await fetch(`${base}/v1/gates/deploy`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.ok ? 'advance' : 'hold';
}

describe('Argo Rollouts web metric contract', () => {
  it.each([
    [SIGNED, 'Successful'],
    [UNSIGNED, 'Failed'],
  ])('sha %s measures %s', async (sha, phase) => {
    expect(
      await argoMeasurement(`${base}/v1/gates/deploy?service=checkout&sha=${sha}&environment=prod`),
    ).toBe(phase);
  });

  it('a malformed question is an Error, never a pass', async () => {
    expect(await argoMeasurement(`${base}/v1/gates/deploy?service=checkout`)).toBe('Error');
  });
});

describe('Flagger webhook contract', () => {
  it.each([
    [SIGNED, 'confirm-rollout', 'advance'],
    [SIGNED, 'confirm-promotion', 'advance'],
    [UNSIGNED, 'confirm-rollout', 'hold'],
    [UNSIGNED, 'pre-rollout', 'hold'],
  ])('sha %s at %s → %s', async (sha, type, outcome) => {
    expect(await flaggerHook(sha, type)).toBe(outcome);
  });
});
