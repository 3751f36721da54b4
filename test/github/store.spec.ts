import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/adapters/github/index.js';
import { openStore, type Store } from '../../src/adapters/storage/index.js';
import { createGithubWebhookRoutes } from '../../src/interfaces/http/github/index.js';
import type { Workspace } from '../../src/app/workspace.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import {
  BASE_SHA,
  HEAD_SHA,
  juniorClaudePull,
  makeWorkspace,
  OWNER,
  prPayload,
  REPO,
  SECRET,
  webhook,
} from './fixtures.js';

const PR_KEY = `${OWNER}/${REPO}#7`;

let fake: FakeGithub;
let workspace: Workspace;
let removeWorkspace: () => void;
let dir: string;
let store: Store;

beforeEach(async () => {
  fake = await startFakeGithub();
  ({ workspace, remove: removeWorkspace } = await makeWorkspace());
  fake.pulls.set(PR_KEY, juniorClaudePull());
  dir = mkdtempSync(join(tmpdir(), 'bw-gh-store-'));
  store = await openStore(join(dir, 'gh.db'));
});

afterEach(async () => {
  await store.close();
  await fake.close();
  removeWorkspace();
  rmSync(dir, { recursive: true, force: true });
});

function server() {
  return createGithubWebhookRoutes({
    secret: SECRET,
    workspace,
    github: createGithubClient({ baseUrl: fake.baseUrl }),
    store,
  });
}

describe('webhook routes over the durable store', () => {
  it('records the delivery and the PR decision, and a second server refuses the same delivery', async () => {
    const [one, two] = [server(), server()];

    const first = await one.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-1' }),
    );
    const second = await two.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-1' }),
    );

    expect(first.status).toBe(200);
    expect(await second.json()).toEqual({ duplicate: true, delivery: 'd-1' });
    expect(fake.checkRuns).toHaveLength(1);
    const decisions = await store.listChangeDecisions({ repo: `${OWNER}/${REPO}` });
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ base: BASE_SHA, head: HEAD_SHA, pr: 7, decision: 'needs-approval' });
    expect(await store.countDeliveries()).toEqual({ processed: 1 });
    expect((await store.verifyAudit()).ok).toBe(true);
  });

  it('takes a redelivery of a failed delivery again, and only once', async () => {
    const app = server();
    fake.failNext('POST', /\/check-runs$/, 503);

    const failed = await app.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-2' }),
    );
    const redelivered = await app.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-2' }),
    );
    const again = await app.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-2' }),
    );

    expect([failed.status, redelivered.status, again.status]).toEqual([502, 200, 200]);
    expect(await again.json()).toEqual({ duplicate: true, delivery: 'd-2' });
    expect(fake.checkRuns).toHaveLength(1);
    expect(await store.countDeliveries()).toEqual({ processed: 1 });
  });

  it('keeps one comment when two events for the same PR arrive at once', async () => {
    const app = server();
    fake.delay('GET', /\/issues\/7\/comments$/, 600);

    const responses = await Promise.all([
      app.request('/webhooks/github', webhook('pull_request', prPayload('opened'))),
      app.request('/webhooks/github', webhook('pull_request', prPayload('labeled'))),
      app.request('/webhooks/github', webhook('pull_request_review', prPayload('submitted'))),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(fake.comments.get(PR_KEY)).toHaveLength(1);
  });
});
