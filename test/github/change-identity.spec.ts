import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { runCli } from '../../src/test-support/cli-testing.js';
import { startTestServer, type TestServer } from '../../src/test-support/running-server.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import { commit, CONFIG, file, review, SECRET, webhook } from './fixtures.js';

// One change identity — the repository's full name and the head commit — from the GitHub App's webhook, the API and
// the CLI to the deploy gates. A real `blastwall serve` over a checkout whose origin is github.com:Acme/Shop, a local
// server speaking GitHub's REST API, Argo Rollouts' web metric (GET) and Flagger's webhook (POST).
const CLAUDE = '\n\nCo-authored-by: Claude Opus 4.5 <noreply@anthropic.com>\n';
const JO = { name: 'Jo Junior', email: 'jo@example.com' };

let fake: FakeGithub;
let checkout: ScratchRepo;
let dir: string;
let server: TestServer;
let base: string;
let head: string;

beforeEach(async () => {
  fake = await startFakeGithub();
  checkout = createScratchRepo('bw-identity-');
  checkout.git('remote', 'add', 'origin', 'git@github.com:Acme/Shop.git');
  base = checkout.commit('initial', {
    'blastwall.yaml': CONFIG,
    'services/payments/pay.ts': 'export const pay = 1;\n',
  });
  checkout.git('checkout', '-q', '-b', 'retries');
  head = checkout.commit(
    `Speed up payment retries${CLAUDE}`,
    { 'services/payments/retry.ts': 'export const retries = 3;\n' },
    JO,
  );
  // The pull request GitHub holds for that branch: the same commits, named as GitHub names the repository.
  fake.pulls.set('Acme/Shop#7', {
    pull: {
      number: 7,
      state: 'open',
      title: 'Speed up payment retries',
      html_url: 'https://github.example/Acme/Shop/pull/7',
      user: { login: 'jo-writes' },
      base: { sha: base },
      head: { sha: head },
      labels: [],
    },
    commits: [commit(head, `Speed up payment retries${CLAUDE}`, JO)],
    files: [file('services/payments/retry.ts')],
    reviews: [],
  });
  dir = mkdtempSync(join(tmpdir(), 'bw-identity-db-'));
  server = await startTestServer(checkout, join(dir, 'blastwall.db'), {
    BLASTWALL_GITHUB_WEBHOOK_SECRET: SECRET,
    BLASTWALL_GITHUB_TOKEN: 'ghs_server-token',
    BLASTWALL_GITHUB_API_URL: fake.baseUrl,
  });
});
afterEach(async () => {
  await server.close();
  await fake.close();
  checkout.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** A pull_request or pull_request_review delivery for PR #7, with the repository as GitHub's payload spells it. */
async function deliver(event: string, action: string): Promise<Record<string, unknown>> {
  const payload = {
    action,
    number: 7,
    pull_request: { number: 7, head: { sha: head } },
    repository: { name: 'Shop', owner: { login: 'Acme' }, full_name: 'Acme/Shop' },
    sender: { login: 'someone' },
  };
  const init = webhook(event, payload);
  const response = await fetch(`${server.url}/webhooks/github`, init);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** Argo Rollouts' web metric, as a deploy tool with a token asks it (so the reasons come back). */
async function argo(token: string, query: string): Promise<{ allowed: boolean; reasons?: string[] }> {
  const response = await server.call('GET', `/v1/gates/deploy?service=payments&environment=prod&${query}`, {
    token,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { allowed: boolean; reasons?: string[] };
}

/** Flagger's confirm-rollout webhook, which sends no token: 200 opens the gate, 403 holds it. */
async function flagger(metadata: Record<string, string>): Promise<number> {
  const response = await server.call('POST', '/v1/gates/deploy', {
    body: { name: 'payments', namespace: 'prod', phase: 'Progressing', type: 'confirm-rollout', metadata },
  });
  return response.status;
}

describe('one change identity: repository full name and head commit', () => {
  it('a webhook-judged PR is what the Argo and Flagger gates find for its head, and a CLI report of it is the same change', async () => {
    const deployer = await server.token('ingest');
    const opened = await deliver('pull_request', 'opened');
    expect(opened).toMatchObject({ decision: 'needs-approval', head });

    // Held for its sign-offs, not unknown — by repository name in any spelling, by clone URL, or by the server's own.
    for (const query of [
      `repo=acme/shop&sha=${head}`,
      `repository=https://github.com/Acme/Shop.git&revision=${head.slice(0, 10)}`,
      `sha=${head}`,
    ]) {
      const held = await argo(deployer, query);
      expect(held.allowed).toBe(false);
      expect(held.reasons?.join(' ')).toMatch(/sign-offs missing/);
      expect(held.reasons?.join(' ')).not.toMatch(/unknown to blastwall/);
    }
    expect(await flagger({ service: 'payments', repo: 'Acme/Shop', sha: head })).toBe(403);
    // Another repository's gate never borrows this judgement.
    expect((await argo(deployer, `repo=acme/other&sha=${head}`)).reasons?.join(' ')).toMatch(
      /unknown to blastwall/,
    );

    // The CLI in the checkout reports the same range: the server judges it and records it as the same change.
    const reviewer = await server.token('reviewer', { personId: 'sam' });
    const cli = await runCli(['check', 'main..retries', '--repo', checkout.dir, '--no-risk', '--report'], {
      cwd: checkout.dir,
      env: { BLASTWALL_CACHE: 'off', BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: reviewer },
    });
    expect(cli.stderr).toContain(`recorded acme/shop@${head}: needs-approval`);
    expect(cli.code).toBe(1);
    const decisions = await server.store.listChangeDecisions({ repo: 'acme/shop', head });
    expect(decisions.map((d) => [d.changeId, d.pr])).toEqual([
      [`acme/shop@${head}`, 7],
      [`acme/shop@${head}`, 7],
    ]);

    // Both seniors approve on GitHub: the webhook's new decision releases both gates for the head.
    fake.pulls
      .get('Acme/Shop#7')!
      .reviews.push(review(1, 'sam-reviews', 'APPROVED', head), review(2, 'kim-gh', 'APPROVED', head));
    expect(await deliver('pull_request_review', 'submitted')).toMatchObject({ decision: 'allow' });
    expect(await argo(deployer, `repo=Acme/Shop&sha=${head}`)).toMatchObject({ allowed: true });
    expect(await flagger({ service: 'payments', repository: 'acme/shop', revision: head.slice(0, 7) })).toBe(
      200,
    );
  });

  it('refuses a CLI report from a checkout of another repository, recording nothing', async () => {
    const reviewer = await server.token('reviewer', { personId: 'sam' });
    checkout.git('remote', 'set-url', 'origin', 'https://github.com/acme/fork.git');

    const cli = await runCli(['check', 'main..retries', '--repo', checkout.dir, '--no-risk', '--report'], {
      cwd: checkout.dir,
      env: { BLASTWALL_CACHE: 'off', BLASTWALL_SERVER_URL: server.url, BLASTWALL_TOKEN: reviewer },
    });

    expect(cli.stderr).toMatch(/refused \(400 unknown-repo\).*judges acme\/shop, not acme\/fork/);
    expect(cli.code).toBe(2);
    expect(await server.store.listChangeDecisions({ head })).toEqual([]);
  });
});
