import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/adapters/github/index.js';
import { openStore, type Store } from '../../src/adapters/storage/index.js';
import { openDeliveryStore, type DeliveryStore } from '../../src/adapters/storage/delivery-store.js';
import { changeStatusOf } from '../../src/app/change-status.js';
import type { Workspace } from '../../src/app/workspace.js';
import type { AuthVariables } from '../../src/interfaces/http/auth.js';
import { deliveryRoutes } from '../../src/interfaces/http/delivery-routes.js';
import { createGithubWebhookRoutes } from '../../src/interfaces/http/github/index.js';
import { handleError } from '../../src/interfaces/http/http-error.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import {
  HEAD_SHA,
  juniorClaudePull,
  makeWorkspace,
  OWNER,
  prPayload,
  REPO,
  review,
  SECRET,
  webhook,
} from './fixtures.js';

// One change identity (repository full name + head sha) from the GitHub App's webhook to the deploy gates:
// a PR judged through the webhook is what Argo Rollouts' web metric and Flagger's webhook ask about.
const PR_KEY = `${OWNER}/${REPO}#7`;

let fake: FakeGithub;
let workspace: Workspace;
let removeWorkspace: () => void;
let dir: string;
let store: Store;
let deliveries: DeliveryStore;

beforeEach(async () => {
  fake = await startFakeGithub();
  ({ workspace, remove: removeWorkspace } = await makeWorkspace());
  fake.pulls.set(PR_KEY, juniorClaudePull());
  dir = mkdtempSync(join(tmpdir(), 'bw-gh-gate-'));
  store = await openStore(join(dir, 'gh.db'));
  deliveries = await openDeliveryStore(join(dir, 'delivery.db'));
});
afterEach(async () => {
  await deliveries.close();
  await store.close();
  await fake.close();
  removeWorkspace();
  rmSync(dir, { recursive: true, force: true });
});

/** The server's webhook and delivery routes over one store, wired as `serve` wires them. */
function server(): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.onError(handleError);
  // The gate shows its reasons only to an authenticated caller: this one stands for a deploy tool's token.
  app.use('/v1/*', async (c, next) => {
    c.set('principal', { tokenId: 'deployer', role: 'ingest' });
    await next();
  });
  app.route(
    '/',
    createGithubWebhookRoutes({
      secret: SECRET,
      workspace,
      github: createGithubClient({ baseUrl: fake.baseUrl }),
      store,
    }),
  );
  app.route(
    '/v1',
    deliveryRoutes({
      store: deliveries,
      services: () => workspace.config.services,
      changeStatus: (repository, sha) => changeStatusOf(store, repository, sha),
      // The server's own repository, which a question naming none is about.
      repository: `${OWNER}/${REPO}`,
      provenanceOf: () => undefined,
      freeze: () => ({ active: false }),
    }),
  );
  return app;
}

async function argo(
  app: Hono<{ Variables: AuthVariables }>,
  query: string,
): Promise<{ allowed: boolean; status: string; reasons: string[] }> {
  const response = await app.request(`/v1/gates/deploy?service=payments&environment=prod&${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { allowed: boolean; status: string; reasons: string[] };
}

async function flagger(
  app: Hono<{ Variables: AuthVariables }>,
  metadata: Record<string, string>,
): Promise<number> {
  const response = await app.request('/v1/gates/deploy', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'payments',
      namespace: 'prod',
      phase: 'Progressing',
      type: 'confirm-rollout',
      metadata,
    }),
  });
  return response.status;
}

describe('a PR judged through the GitHub App, asked about by the deploy gates', () => {
  it('is held while it waits for sign-off and released once the seniors approve, by full or short sha', async () => {
    const app = server();
    const opened = await app.request('/webhooks/github', webhook('pull_request', prPayload('opened')));
    expect(((await opened.json()) as { decision: string }).decision).toBe('needs-approval');

    const held = await argo(app, `sha=${HEAD_SHA}`);
    expect(held).toMatchObject({ allowed: false, status: 'held' });
    expect(held.reasons.join(' ')).toMatch(/sign-offs missing/);
    expect(held.reasons.join(' ')).not.toMatch(/unknown to blastwall/);
    expect(await flagger(app, { service: 'payments', sha: HEAD_SHA, repo: `${OWNER}/${REPO}` })).toBe(403);

    const pull = fake.pulls.get(PR_KEY)!;
    pull.reviews.push(review(1, 'sam-reviews', 'APPROVED'), review(2, 'kim-gh', 'APPROVED'));
    await app.request('/webhooks/github', webhook('pull_request_review', prPayload('submitted')));

    expect(await argo(app, `sha=${HEAD_SHA}`)).toMatchObject({ allowed: true, status: 'allowed' });
    expect(await argo(app, `sha=${HEAD_SHA.slice(0, 7)}&repo=${OWNER}/${REPO}`)).toMatchObject({
      allowed: true,
    });
    expect(await flagger(app, { service: 'payments', sha: HEAD_SHA.slice(0, 12) })).toBe(200);
  });

  it('does not lend one repository’s judgement to another, nor to a commit it never judged', async () => {
    const app = server();
    await app.request('/webhooks/github', webhook('pull_request', prPayload('opened')));
    const pull = fake.pulls.get(PR_KEY)!;
    pull.reviews.push(review(1, 'sam-reviews', 'APPROVED'), review(2, 'kim-gh', 'APPROVED'));
    await app.request('/webhooks/github', webhook('pull_request_review', prPayload('submitted')));

    const elsewhere = await argo(app, `sha=${HEAD_SHA}&repo=acme/other`);
    expect(elsewhere).toMatchObject({ allowed: false, status: 'held' });
    expect(elsewhere.reasons.join(' ')).toMatch(/unknown to blastwall/);
    expect((await argo(app, `sha=${'d'.repeat(40)}`)).allowed).toBe(false);
    expect((await argo(app, 'sha=cccc')).allowed).toBe(false);
  });
});
