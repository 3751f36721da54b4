import { describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/adapters/github/index.js';
import { createGithubWebhookRoutes } from '../../src/interfaces/http/github/index.js';
import { signBody } from '../../src/interfaces/http/github/signature.js';
import { prPayload, SECRET, webhook } from './fixtures.js';
import { PR_KEY, TOKEN, useGithubEnv } from './harness.js';

const env = useGithubEnv();
const { routes, send } = env;

describe('POST /webhooks/github — what it refuses', () => {
  it.each([
    ['a wrong signature', { signature: 'sha256=' + '0'.repeat(64) }],
    ['a signature made with another secret', { secret: 'not the secret' }],
    ['no signature', { signature: null }],
    ['a signature without the sha256= prefix', { signature: '0'.repeat(64) }],
  ])('answers 401 to %s and calls nothing on GitHub', async (_name, options) => {
    const res = await send(routes(), webhook('pull_request', prPayload('opened'), options));

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'bad-signature' } });
    expect(env.fake.requests).toHaveLength(0);
  });

  it('does not evaluate a repeated delivery a second time', async () => {
    const app = routes();
    const init = webhook('pull_request', prPayload('opened'), { delivery: 'delivery-1' });

    const first = await send(app, init);
    const second = await send(app, webhook('pull_request', prPayload('opened'), { delivery: 'delivery-1' }));

    expect(first.status).toBe(200);
    expect(second).toEqual({ status: 200, body: { duplicate: true, delivery: 'delivery-1' } });
    expect(env.fake.checkRuns).toHaveLength(1);
  });

  it.each([
    ['declared by Content-Length', true],
    ['streamed without a length', false],
  ])('answers 413 to an oversize body %s', async (_name, withLength) => {
    const app = routes({ maxBodyBytes: 64 * 1024 });
    const big = { ...(prPayload('opened') as object), padding: 'x'.repeat(100 * 1024) };
    const init = webhook('pull_request', big);
    if (withLength)
      (init.headers as Record<string, string>)['content-length'] = String((init.body as string).length);

    const res = await send(app, init);

    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ error: { code: 'payload-too-large' } });
    expect(env.fake.requests).toHaveLength(0);
  });

  it.each([
    ['malformed JSON', 'pull_request', '{"action": "opened",', 400, 'malformed-json'],
    [
      'a payload without a repository',
      'pull_request',
      JSON.stringify({ action: 'opened', pull_request: { number: 7 } }),
      400,
      'invalid-payload',
    ],
    [
      'a PR number that is a string',
      'pull_request',
      JSON.stringify({ ...(prPayload('opened') as object), pull_request: { number: '7' } }),
      400,
      'invalid-payload',
    ],
  ])('answers 400 to %s', async (_name, event, body, status, code) => {
    const init = webhook(event, {});
    init.body = body;
    (init.headers as Record<string, string>)['x-hub-signature-256'] = signBody(SECRET, body);

    const res = await send(routes(), init);

    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error: { code } });
  });

  it.each([
    ['push', prPayload('opened')],
    ['issues', prPayload('opened')],
    ['pull_request', prPayload('closed')],
    ['pull_request_review', prPayload('edited')],
  ])('ignores %s events it does not handle with 202', async (event, payload) => {
    const res = await send(routes(), webhook(event, payload));

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ ignored: true, event });
    expect(env.fake.requests).toHaveLength(0);
  });

  it('answers ping with 200 once the signature checks out', async () => {
    const res = await send(routes(), webhook('ping', { zen: 'Keep it logically awesome.' }));

    expect(res).toEqual({ status: 200, body: { pong: true } });
  });
});

describe('POST /webhooks/github — when GitHub fails', () => {
  it.each([
    ['reading the files', 'GET', /\/pulls\/7\/files$/, 'GET /repos/acme/shop/pulls/7/files'],
    ['creating the check run', 'POST', /\/check-runs$/, 'POST /repos/acme/shop/check-runs'],
    ['finding the comment', 'GET', /\/issues\/7\/comments$/, 'GET /repos/acme/shop/issues/7/comments'],
  ])(
    'answers 502 naming GitHub and the endpoint when %s fails, and a redelivery then succeeds',
    async (_name, method, path, endpoint) => {
      const app = routes();
      env.fake.failNext(method, path, 500);

      const failed = await send(
        app,
        webhook('pull_request', prPayload('opened'), { delivery: 'delivery-x' }),
      );
      const redelivered = await send(
        app,
        webhook('pull_request', prPayload('opened'), { delivery: 'delivery-x' }),
      );

      expect(failed.status).toBe(502);
      expect(failed.body).toEqual({
        error: {
          code: 'github-failed',
          message: expect.stringContaining(`GitHub API ${endpoint} failed with HTTP 500`),
        },
      });
      expect(redelivered.status).toBe(200);
      expect(redelivered.body).toMatchObject({ conclusion: 'action_required' });
      expect(env.fake.comments.get(PR_KEY)).toHaveLength(1);
    },
  );

  it('answers 502 naming the endpoint when GitHub answers in an unexpected shape', async () => {
    env.fake.pulls.get(PR_KEY)!.files = [
      { filename: 'x.ts', status: 'exploded', additions: 1, deletions: 0 },
    ];

    const res = await send(routes(), webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      error: {
        message: expect.stringMatching(
          /^GitHub API GET \/repos\/acme\/shop\/pulls\/7\/files failed: unexpected response \(0\.status/,
        ),
      },
    });
    expect(env.fake.checkRuns).toHaveLength(0);
  });

  it('answers 502 when GitHub cannot be reached at all', async () => {
    const github = createGithubClient({
      token: TOKEN,
      baseUrl: 'http://127.0.0.1:9/api/v3',
      timeoutMs: 2000,
    });
    const app = createGithubWebhookRoutes({ secret: SECRET, workspace: env.workspace, github });

    const res = await send(app, webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/^GitHub API GET \/repos\/acme\/shop\/pulls\/7 failed/) },
    });
  });
});
