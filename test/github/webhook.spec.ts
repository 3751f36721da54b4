import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGithubClient } from '../../src/adapters/github/index.js';
import { createGithubWebhookRoutes, type GithubWebhookDeps } from '../../src/interfaces/http/github/index.js';
import type { Workspace } from '../../src/app/workspace.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import {
  file,
  HEAD_SHA,
  juniorClaudePull,
  makeWorkspace,
  OLD_SHA,
  OWNER,
  prPayload,
  REPO,
  review,
  SECRET,
  webhook,
} from './fixtures.js';

const TOKEN = 'ghs_test-installation-token';
const PR_KEY = `${OWNER}/${REPO}#7`;

let fake: FakeGithub;
let workspace: Workspace;
let removeWorkspace: () => void;

beforeEach(async () => {
  fake = await startFakeGithub({ token: TOKEN });
  ({ workspace, remove: removeWorkspace } = await makeWorkspace());
  fake.pulls.set(PR_KEY, juniorClaudePull());
});

afterEach(async () => {
  await fake.close();
  removeWorkspace();
});

function routes(extra: Partial<GithubWebhookDeps> = {}) {
  const github = createGithubClient({ token: TOKEN, baseUrl: fake.baseUrl });
  return createGithubWebhookRoutes({ secret: SECRET, workspace, github, ...extra });
}

async function send(
  app: ReturnType<typeof routes>,
  init: RequestInit,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.request('/webhooks/github', init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function lastCheckRun(): Record<string, unknown> {
  return fake.checkRuns.at(-1)?.body ?? {};
}

describe('POST /webhooks/github — pull requests', () => {
  it('holds a junior’s Claude-co-authored PR to a tier-1 service: check run action_required and one comment', async () => {
    const app = routes();

    const res = await send(app, webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      decision: 'needs-approval',
      conclusion: 'action_required',
      comment: 'created',
    });
    expect(fake.checkRuns).toHaveLength(1);
    const run = lastCheckRun();
    expect(run).toMatchObject({
      name: 'blastwall',
      head_sha: HEAD_SHA,
      status: 'completed',
      conclusion: 'action_required',
    });
    const output = run.output as { title: string; summary: string };
    expect(output.title).toMatch(/^Waiting for sign-off/);
    expect(output.summary).toContain('`ai-change-senior-signoff`');
    expect(output.summary).toContain('`critical-two-reviewers`');
    expect(output.summary).toMatch(/AI-assisted \(claude\)/);
    expect(output.summary).toContain('**payments** (tier 1)');
    expect(output.summary).toContain('**checkout** (tier 2) — depends on');
    const comments = fake.comments.get(PR_KEY) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith('<!-- blastwall -->\n')).toBe(true);
    expect(fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(fake.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('turns the check run green after two mapped seniors approve, editing the same comment', async () => {
    const app = routes();
    await send(app, webhook('pull_request', prPayload('opened')));
    const pull = fake.pulls.get(PR_KEY)!;

    pull.reviews.push(review(1, 'sam-reviews', 'APPROVED'));
    const afterSam = await send(app, webhook('pull_request_review', prPayload('submitted')));
    pull.reviews.push(review(2, 'KIM-GH', 'APPROVED'));
    const afterKim = await send(app, webhook('pull_request_review', prPayload('submitted')));

    // One senior satisfies the AI sign-off; tier 1 still wants a second reviewer.
    expect(afterSam.body).toMatchObject({ conclusion: 'action_required', comment: 'updated' });
    expect(afterKim.body).toMatchObject({ decision: 'allow', conclusion: 'success', comment: 'updated' });
    expect(fake.checkRuns.map((r) => r.body.conclusion)).toEqual([
      'action_required',
      'action_required',
      'success',
    ]);
    expect(fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(2);
    const comments = fake.comments.get(PR_KEY) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('approved by sam, kim');
  });

  it.each([
    [
      'an approval on an older commit',
      [review(1, 'sam-reviews', 'APPROVED', OLD_SHA), review(2, 'kim-gh', 'APPROVED')],
      /sam \(@sam-reviews\) was given on aaaaaaaaaa, before the last push/,
    ],
    [
      'an approval later dismissed',
      [review(1, 'sam-reviews', 'DISMISSED'), review(2, 'kim-gh', 'APPROVED')],
      /approved by kim/,
    ],
    [
      'an approval followed by changes requested',
      [
        review(1, 'sam-reviews', 'APPROVED'),
        review(2, 'sam-reviews', 'CHANGES_REQUESTED'),
        review(3, 'kim-gh', 'APPROVED'),
      ],
      /approved by kim/,
    ],
    [
      'an approval by an unmapped login',
      [review(1, 'stranger', 'APPROVED'), review(2, 'kim-gh', 'APPROVED')],
      /@stranger does not count/,
    ],
  ])('does not count %s', async (_name, reviews, evidence) => {
    fake.pulls.get(PR_KEY)!.reviews.push(...reviews);

    const res = await send(routes(), webhook('pull_request_review', prPayload('submitted')));

    expect(res.body).toMatchObject({ conclusion: 'action_required' });
    expect((lastCheckRun().output as { summary: string }).summary).toMatch(evidence);
  });

  it('keeps counting an approval after a later plain comment by the same reviewer', async () => {
    fake.pulls
      .get(PR_KEY)!
      .reviews.push(
        review(1, 'sam-reviews', 'APPROVED'),
        review(2, 'kim-gh', 'APPROVED'),
        review(3, 'sam-reviews', 'COMMENTED'),
      );

    const res = await send(routes(), webhook('pull_request_review', prPayload('submitted')));

    expect(res.body).toMatchObject({ conclusion: 'success' });
  });

  it('keeps one comment when several events for the same PR arrive at once', async () => {
    const app = routes();
    // Slow comment listing lets every event look for the comment before any has created it.
    fake.delay('GET', /\/issues\/7\/comments$/, 600);

    const responses = await Promise.all(
      ['opened', 'labeled', 'synchronize'].map((action) =>
        send(app, webhook('pull_request', prPayload(action))),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(fake.comments.get(PR_KEY)).toHaveLength(1);
  });

  it('reads every page of commits and files through Link headers', async () => {
    const pull = fake.pulls.get(PR_KEY)!;
    pull.files = Array.from({ length: 230 }, (_, i) =>
      file(`docs/page-${i}.md`, { additions: 1, deletions: 0, changes: 1 }),
    );
    pull.files.push(file('assets/logo.png', { additions: 0, deletions: 0, changes: 0, patch: undefined }));
    pull.files.push(
      file('services/payments/new.ts', { status: 'renamed', previous_filename: 'services/payments/old.ts' }),
    );

    const res = await send(routes(), webhook('pull_request', prPayload('synchronize')));

    expect(res.status).toBe(200);
    const pages = fake.requestsTo('GET', /\/pulls\/7\/files$/).map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
    expect((lastCheckRun().output as { summary: string }).summary).toContain('232 file(s), +233');
  });
});

describe('mounting', () => {
  it('works as a sub-app of the main HTTP app', async () => {
    const main = new Hono();
    main.get('/healthz', (c) => c.json({ status: 'ok' }));
    main.route('/', routes());

    const res = await main.request('/webhooks/github', webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(200);
    expect(fake.checkRuns).toHaveLength(1);
  });
});

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
    expect(fake.requests).toHaveLength(0);
  });

  it('does not evaluate a repeated delivery a second time', async () => {
    const app = routes();
    const init = webhook('pull_request', prPayload('opened'), { delivery: 'delivery-1' });

    const first = await send(app, init);
    const second = await send(app, webhook('pull_request', prPayload('opened'), { delivery: 'delivery-1' }));

    expect(first.status).toBe(200);
    expect(second).toEqual({ status: 200, body: { duplicate: true, delivery: 'delivery-1' } });
    expect(fake.checkRuns).toHaveLength(1);
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
    expect(fake.requests).toHaveLength(0);
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
    (init.headers as Record<string, string>)['x-hub-signature-256'] = (
      await import('../../src/interfaces/http/github/signature.js')
    ).signBody(SECRET, body);

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
    expect(fake.requests).toHaveLength(0);
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
      fake.failNext(method, path, 500);

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
      expect(fake.comments.get(PR_KEY)).toHaveLength(1);
    },
  );

  it('answers 502 naming the endpoint when GitHub answers in an unexpected shape', async () => {
    fake.pulls.get(PR_KEY)!.files = [{ filename: 'x.ts', status: 'exploded', additions: 1, deletions: 0 }];

    const res = await send(routes(), webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      error: {
        message: expect.stringMatching(
          /^GitHub API GET \/repos\/acme\/shop\/pulls\/7\/files failed: unexpected response \(0\.status/,
        ),
      },
    });
    expect(fake.checkRuns).toHaveLength(0);
  });

  it('answers 502 when GitHub cannot be reached at all', async () => {
    const github = createGithubClient({
      token: TOKEN,
      baseUrl: 'http://127.0.0.1:9/api/v3',
      timeoutMs: 2000,
    });
    const app = createGithubWebhookRoutes({ secret: SECRET, workspace, github });

    const res = await send(app, webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({
      error: { message: expect.stringMatching(/^GitHub API GET \/repos\/acme\/shop\/pulls\/7 failed/) },
    });
  });
});
