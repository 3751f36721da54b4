import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/adapters/github/index.js';
import { openStore, type Store } from '../../src/adapters/storage/index.js';
import { postgresBackend, type TestDatabase } from '../../src/test-support/test-backends.js';
import type { Workspace } from '../../src/app/workspace.js';
import { createGithubWebhookRoutes } from '../../src/interfaces/http/github/index.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import {
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
const repository = { name: REPO, owner: { login: OWNER }, full_name: `${OWNER}/${REPO}` };
/** The pull request entry GitHub lists in check_run / check_suite payloads ("Webhook events and payloads"). */
const listed = {
  url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/7`,
  id: 1934,
  number: 7,
  head: { ref: 'retry', sha: HEAD_SHA, repo: { id: 1, url: '', name: REPO } },
  base: { ref: 'main', sha: 'b'.repeat(40), repo: { id: 1, url: '', name: REPO } },
};

function checkRunRerequested(name = 'blastwall'): unknown {
  return {
    action: 'rerequested',
    check_run: { id: 4, name, head_sha: HEAD_SHA, status: 'completed', pull_requests: [listed] },
    repository,
    sender: { login: 'sam-reviews' },
  };
}
function checkSuiteRerequested(pulls: unknown[] = [listed]): unknown {
  return {
    action: 'rerequested',
    check_suite: {
      id: 5,
      head_branch: 'retry',
      head_sha: HEAD_SHA,
      status: 'completed',
      pull_requests: pulls,
    },
    repository,
    sender: { login: 'sam-reviews' },
  };
}

let fake: FakeGithub;
let workspace: Workspace;
let removeWorkspace: () => void;
beforeEach(async () => {
  fake = await startFakeGithub();
  ({ workspace, remove: removeWorkspace } = await makeWorkspace());
  fake.pulls.set(PR_KEY, juniorClaudePull());
});
afterEach(async () => {
  await fake.close();
  removeWorkspace();
});

function routes(store?: Store) {
  return createGithubWebhookRoutes({
    secret: SECRET,
    workspace,
    github: createGithubClient({ baseUrl: fake.baseUrl }),
    ...(store && { store }),
  });
}

describe('GitHub’s "Re-run" (check_run / check_suite rerequested)', () => {
  it.each([
    ['check_run', checkRunRerequested()],
    ['check_suite', checkSuiteRerequested()],
  ])('%s.rerequested evaluates the PR again and publishes a new check run', async (event, payload) => {
    const app = routes();
    await app.request('/webhooks/github', webhook('pull_request', prPayload('opened')));
    expect(fake.checkRuns).toHaveLength(1);

    const rerun = await app.request('/webhooks/github', webhook(event, payload));

    expect(rerun.status).toBe(200);
    expect(await rerun.json()).toMatchObject({ pr: PR_KEY, head: HEAD_SHA, decision: 'needs-approval' });
    expect(fake.checkRuns).toHaveLength(2);
    expect(fake.checkRuns.at(-1)?.body).toMatchObject({ name: 'blastwall', head_sha: HEAD_SHA });
  });

  it('leaves another app’s check run and a suite with no pull request alone', async () => {
    const app = routes();
    const other = await app.request(
      '/webhooks/github',
      webhook('check_run', checkRunRerequested('ci/tests')),
    );
    const empty = await app.request('/webhooks/github', webhook('check_suite', checkSuiteRerequested([])));
    expect([other.status, empty.status]).toEqual([202, 202]);
    expect(fake.checkRuns).toHaveLength(0);
  });
});

describe('several servers on one PostgreSQL', () => {
  let database: TestDatabase;
  let stores: Store[];
  beforeEach(async () => {
    database = await postgresBackend.create();
    stores = [await openStore(database.spec), await openStore(database.spec)];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await database.drop();
  });

  it('never creates two comments on a PR when its events reach two servers at once', async () => {
    const [one, two] = stores.map((store) => routes(store));
    // Slow comment listing lets both servers look for the comment before either has created it.
    fake.delay('GET', /\/issues\/7\/comments$/, 600);

    const responses = await Promise.all([
      one!.request('/webhooks/github', webhook('pull_request', prPayload('opened'))),
      two!.request('/webhooks/github', webhook('pull_request', prPayload('labeled'))),
    ]);

    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(fake.comments.get(PR_KEY)).toHaveLength(1);
  });

  it('processes on the second server a redelivery of what failed on the first', async () => {
    const [one, two] = stores.map((store) => routes(store));
    fake.failNext('POST', /\/check-runs$/, 500);
    const failed = await one!.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-9' }),
    );
    expect(failed.status).toBe(502);

    const redelivered = await two!.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-9' }),
    );
    const repeated = await one!.request(
      '/webhooks/github',
      webhook('pull_request', prPayload('opened'), { delivery: 'd-9' }),
    );

    expect(redelivered.status).toBe(200);
    expect(await redelivered.json()).toMatchObject({ delivery: 'd-9', decision: 'needs-approval' });
    expect(await repeated.json()).toMatchObject({ duplicate: true });
  });
});
