import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import { CONFIG, HEAD_SHA, juniorClaudePull, OWNER, REPO } from './fixtures.js';

// The GitHub Action with no server: `blastwall check --github-pr` in a workflow run, against a local server
// speaking GitHub's REST API, with the event file and environment GitHub Actions provides.
const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');
const TOKEN = 'ghs_workflow-token';

let fake: FakeGithub;
let dir: string;
beforeEach(async () => {
  fake = await startFakeGithub({ token: TOKEN });
  fake.pulls.set(`${OWNER}/${REPO}#7`, juniorClaudePull());
  dir = mkdtempSync(join(tmpdir(), 'bw-action-'));
  // The base branch's checkout: its blastwall.yaml judges the PR.
  writeFileSync(join(dir, 'blastwall.yaml'), CONFIG);
  // The pull_request event as GitHub writes it to GITHUB_EVENT_PATH (only some of its fields).
  writeFileSync(
    join(dir, 'event.json'),
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        html_url: `https://github.com/${OWNER}/${REPO}/pull/7`,
        head: { sha: HEAD_SHA },
      },
      repository: { name: REPO, full_name: `${OWNER}/${REPO}`, owner: { login: OWNER } },
    }),
  );
  writeFileSync(join(dir, 'summary.md'), '');
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process, which also serves the fake GitHub it calls. */
function run(
  extraEnv: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, 'check', '--github-pr', '--repo', dir], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      BLASTWALL_CACHE: 'off',
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_TOKEN: TOKEN,
      GITHUB_API_URL: fake.baseUrl,
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      ...extraEnv,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (status) => done({ status, stdout, stderr })));
}

describe('blastwall check --github-pr (the GitHub Action)', () => {
  it('publishes the check run and the comment with the workflow token, and exits 1 while sign-off is missing', async () => {
    const result = await run();

    expect(result.status, result.stderr).toBe(1);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]?.body).toMatchObject({
      name: 'blastwall',
      head_sha: HEAD_SHA,
      conclusion: 'action_required',
    });
    expect(fake.comments.get(`${OWNER}/${REPO}#7`)).toHaveLength(1);
    expect(fake.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(result.stderr).toMatch(/published check run \d+ and the comment \(created\)/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/ai-change-senior-signoff/);
  });

  it('edits the same comment on the next run instead of adding one', async () => {
    await run();
    const second = await run();
    expect(second.stderr).toMatch(/comment \(unchanged\)/);
    expect(fake.comments.get(`${OWNER}/${REPO}#7`)).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(2);
  });

  it('says what is missing outside a pull_request run', async () => {
    const noToken = await run({ GITHUB_TOKEN: '' });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toMatch(/GITHUB_TOKEN is not set/);
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    const push = await run();
    expect(push.status).toBe(2);
    expect(push.stderr).toMatch(/not a pull_request event/);
  });
});
