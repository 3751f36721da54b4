import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { file, HEAD_SHA, OLD_SHA, prPayload, review, webhook } from './fixtures.js';
import { PR_KEY, TOKEN, useGithubEnv } from './harness.js';

const env = useGithubEnv();
const { routes, send, lastCheckRun } = env;

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
    expect(env.fake.checkRuns).toHaveLength(1);
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
    const comments = env.fake.comments.get(PR_KEY) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body.startsWith('<!-- blastwall -->\n')).toBe(true);
    expect(env.fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(env.fake.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
  });

  it('turns the check run green after two mapped seniors approve, editing the same comment', async () => {
    const app = routes();
    await send(app, webhook('pull_request', prPayload('opened')));
    const pull = env.fake.pulls.get(PR_KEY)!;

    pull.reviews.push(review(1, 'sam-reviews', 'APPROVED'));
    const afterSam = await send(app, webhook('pull_request_review', prPayload('submitted')));
    pull.reviews.push(review(2, 'KIM-GH', 'APPROVED'));
    const afterKim = await send(app, webhook('pull_request_review', prPayload('submitted')));

    // One senior satisfies the AI sign-off; tier 1 still wants a second reviewer.
    expect(afterSam.body).toMatchObject({ conclusion: 'action_required', comment: 'updated' });
    expect(afterKim.body).toMatchObject({ decision: 'allow', conclusion: 'success', comment: 'updated' });
    expect(env.fake.checkRuns.map((r) => r.body.conclusion)).toEqual([
      'action_required',
      'action_required',
      'success',
    ]);
    expect(env.fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(env.fake.requestsTo('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(2);
    const comments = env.fake.comments.get(PR_KEY) ?? [];
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
    env.fake.pulls.get(PR_KEY)!.reviews.push(...reviews);

    const res = await send(routes(), webhook('pull_request_review', prPayload('submitted')));

    expect(res.body).toMatchObject({ conclusion: 'action_required' });
    expect((lastCheckRun().output as { summary: string }).summary).toMatch(evidence);
  });

  it('keeps counting an approval after a later plain comment by the same reviewer', async () => {
    env.fake.pulls
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
    env.fake.delay('GET', /\/issues\/7\/comments$/, 600);

    const responses = await Promise.all(
      ['opened', 'labeled', 'synchronize'].map((action) =>
        send(app, webhook('pull_request', prPayload(action))),
      ),
    );

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(env.fake.requestsTo('POST', /\/issues\/7\/comments$/)).toHaveLength(1);
    expect(env.fake.comments.get(PR_KEY)).toHaveLength(1);
  });

  it('reads every page of commits and files through Link headers', async () => {
    const pull = env.fake.pulls.get(PR_KEY)!;
    pull.files = Array.from({ length: 230 }, (_, i) =>
      file(`docs/page-${i}.md`, { additions: 1, deletions: 0, changes: 1 }),
    );
    pull.files.push(file('assets/logo.png', { additions: 0, deletions: 0, changes: 0, patch: undefined }));
    pull.files.push(
      file('services/payments/new.ts', { status: 'renamed', previous_filename: 'services/payments/old.ts' }),
    );

    const res = await send(routes(), webhook('pull_request', prPayload('synchronize')));

    expect(res.status).toBe(200);
    const pages = env.fake.requestsTo('GET', /\/pulls\/7\/files$/).map((r) => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
    expect((lastCheckRun().output as { summary: string }).summary).toContain('232 files, +233');
  });
});

describe('mounting', () => {
  it('works as a sub-app of the main HTTP app', async () => {
    const main = new Hono();
    main.get('/healthz', (c) => c.json({ status: 'ok' }));
    main.route('/', routes());

    const res = await main.request('/webhooks/github', webhook('pull_request', prPayload('opened')));

    expect(res.status).toBe(200);
    expect(env.fake.checkRuns).toHaveLength(1);
  });
});
