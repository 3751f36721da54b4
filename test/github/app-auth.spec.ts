import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { githubAppClients } from '../../src/adapters/github/app-auth.js';
import type { Workspace } from '../../src/app/workspace.js';
import { createGithubWebhookRoutes } from '../../src/interfaces/http/github/index.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import { juniorClaudePull, makeWorkspace, OWNER, prPayload, REPO, SECRET, webhook } from './fixtures.js';

// A GitHub App answering webhooks with installation tokens, against a local server that speaks GitHub's App API:
// `POST /app/installations/{id}/access_tokens` with an RS256 JWT whose `iss` is the App id, tokens that expire.
const APP_ID = '1234';
const HOUR = 3_600_000;
// GitHub hands out PKCS#1 PEM keys ("BEGIN RSA PRIVATE KEY").
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let clock = Date.now();
let fake: FakeGithub;
let workspace: Workspace;
let removeWorkspace: () => void;
beforeEach(async () => {
  clock = Date.now();
  fake = await startFakeGithub({ app: { id: APP_ID, publicKey, tokenTtlMs: HOUR, now: () => clock } });
  ({ workspace, remove: removeWorkspace } = await makeWorkspace());
  fake.pulls.set(`${OWNER}/${REPO}#7`, juniorClaudePull());
});
afterEach(async () => {
  await fake.close();
  removeWorkspace();
});

function routes() {
  return createGithubWebhookRoutes({
    secret: SECRET,
    workspace,
    githubFor: githubAppClients({ appId: APP_ID, privateKey: PEM, baseUrl: fake.baseUrl, now: () => clock }),
  });
}

function event(action: string, installation?: number): RequestInit {
  const payload = prPayload(action) as Record<string, unknown>;
  return webhook(
    'pull_request',
    installation === undefined ? payload : { ...payload, installation: { id: installation } },
  );
}

function tokensUsed(): string[] {
  return [
    ...new Set(
      fake.requests.filter((r) => r.path.startsWith('/repos/')).map((r) => String(r.headers.authorization)),
    ),
  ];
}

describe('GitHub App authentication', () => {
  it('mints a token for the installation named in the payload and uses it for every call', async () => {
    const app = routes();
    const response = await app.request('/webhooks/github', event('opened', 42));

    expect(response.status).toBe(200);
    expect(fake.issued.map((t) => t.installationId)).toEqual([42]);
    expect(tokensUsed()).toEqual(['token ghs_installation42_1']);
    expect(fake.checkRuns).toHaveLength(1);
  });

  it('reuses a token while it is fresh and replaces it before it expires', async () => {
    const app = routes();
    await app.request('/webhooks/github', event('opened', 42));
    clock += 30 * 60_000;
    await app.request('/webhooks/github', event('synchronize', 42));
    expect(fake.issued).toHaveLength(1);

    // 56 minutes in, 4 minutes are left: the next delivery gets a new token rather than a 401 halfway through.
    clock += 26 * 60_000;
    const late = await app.request('/webhooks/github', event('labeled', 42));

    expect(late.status).toBe(200);
    expect(fake.issued.map((t) => t.token)).toEqual(['ghs_installation42_1', 'ghs_installation42_2']);
    expect(fake.requests.filter((r) => r.path.startsWith('/repos/')).at(-1)?.headers.authorization).toBe(
      'token ghs_installation42_2',
    );
  });

  it('keeps installations apart, and refuses a delivery that names none when no token is configured', async () => {
    const app = routes();
    await app.request('/webhooks/github', event('opened', 42));
    await app.request('/webhooks/github', event('synchronize', 77));
    expect(fake.issued.map((t) => t.installationId)).toEqual([42, 77]);

    const anonymous = await app.request('/webhooks/github', event('labeled'));
    expect(anonymous.status).toBe(500);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'config' } });
  });

  it('fails the delivery, naming the endpoint, when the App key is not the one GitHub knows', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
    });
    const app = createGithubWebhookRoutes({
      secret: SECRET,
      workspace,
      githubFor: githubAppClients({ appId: APP_ID, privateKey: other.toString(), baseUrl: fake.baseUrl }),
    });
    const response = await app.request('/webhooks/github', event('opened', 42));
    expect(response.status).toBe(502);
    expect(JSON.stringify(await response.json())).toContain('/app/installations/42/access_tokens');
    expect(fake.checkRuns).toHaveLength(0);
  });
});
