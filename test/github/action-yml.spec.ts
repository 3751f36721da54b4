import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import { CONFIG, HEAD_SHA, juniorClaudePull, OWNER, REPO } from './fixtures.js';

// The composite action.yml as GitHub Actions runs it: each shell step's `run` script, with its `${{ }}`
// expressions filled in from the action's inputs and the run's context, executed by bash with the environment a
// runner gives a step (GITHUB_EVENT_PATH, GITHUB_API_URL, GITHUB_WORKSPACE, GITHUB_ACTION_PATH …), against a local
// server speaking GitHub's check-runs and comments API. The action path is this checkout: its dist/ is built
// (npm run build), which is what the action's own `npm ci` step does through `prepare`, so that step is not re-run.
const ACTION_PATH = resolve(import.meta.dirname, '..', '..');
const TOKEN = 'ghs_workflow-token';

interface Step {
  name?: string;
  uses?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionFile {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}
const ACTION = parse(readFileSync(join(ACTION_PATH, 'action.yml'), 'utf8')) as ActionFile;

let fake: FakeGithub;
let dir: string;
let workspace: string;
beforeEach(async () => {
  fake = await startFakeGithub({ token: TOKEN });
  fake.pulls.set(`${OWNER}/${REPO}#7`, juniorClaudePull());
  dir = mkdtempSync(join(tmpdir(), 'bw-action-yml-'));
  workspace = join(dir, 'workspace');
  mkdirSync(workspace);
  writeFileSync(join(workspace, 'blastwall.yaml'), CONFIG);
  writeFileSync(
    join(dir, 'event.json'),
    JSON.stringify({
      action: 'opened',
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

/** Fills `${{ expr }}` as the runner does; an expression this test does not know fails it, rather than passing blank. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_all, expression: string) => {
    if (expression === 'github.token') return TOKEN;
    if (expression === 'github.action_path') return ACTION_PATH;
    const input = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expression)?.[1];
    if (input !== undefined && input in inputs) return inputs[input]!;
    throw new Error(`action.yml uses an expression this runner does not know: ${expression}`);
  });
}

/** Runs one shell step as `shell: bash` does (bash --noprofile --norc -eo pipefail FILE). */
function runStep(
  step: Step,
  inputs: Record<string, string>,
): Promise<{ status: number | null; stderr: string }> {
  const script = join(dir, 'step.sh');
  writeFileSync(script, expand(step.run!, inputs));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    BLASTWALL_CACHE: 'off',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
    GITHUB_API_URL: fake.baseUrl,
    GITHUB_REPOSITORY: `${OWNER}/${REPO}`,
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ACTION_PATH,
    GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
  };
  for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(value, inputs);
  const cwd = step['working-directory'] ? expand(step['working-directory'], inputs) : workspace;
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  return new Promise((done) => child.on('close', (status) => done({ status, stderr })));
}

/** The action's steps with the given inputs over their defaults; the exit status of the first failing step, else 0. */
async function runAction(
  given: Record<string, string> = {},
): Promise<{ status: number | null; stderr: string }> {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(ACTION.inputs)) inputs[name] = expand(input.default ?? '', {});
  Object.assign(inputs, given);
  let stderr = '';
  for (const step of ACTION.runs.steps) {
    if (step.uses !== undefined || /^\s*npm ci\b/.test(step.run ?? '')) continue;
    const result = await runStep(step, inputs);
    stderr += result.stderr;
    if (result.status !== 0) return { status: result.status, stderr };
  }
  return { status: 0, stderr };
}

describe('action.yml, run as GitHub Actions runs a composite action', () => {
  it('is a composite action that sets up Node 20, installs blastwall, and judges the pull request in bash', () => {
    const { steps } = ACTION.runs;

    expect(ACTION.runs.using).toBe('composite');
    expect(steps.map((step) => step.uses ?? step.shell)).toEqual(['actions/setup-node@v4', 'bash', 'bash']);
    expect(steps[1]?.run).toMatch(/^npm ci\b/);
    expect(steps[2]?.run).toMatch(/check --github-pr/);
  });

  it('publishes the check run and the comment with the workflow token, and passes the job while sign-off is missing', async () => {
    const result = await runAction();

    expect(result.status, result.stderr).toBe(0);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({
      owner: OWNER,
      repo: REPO,
      body: { name: 'blastwall', head_sha: HEAD_SHA, conclusion: 'action_required' },
    });
    expect(fake.comments.get(`${OWNER}/${REPO}#7`)).toHaveLength(1);
    expect(fake.comments.get(`${OWNER}/${REPO}#7`)?.[0]?.body).toMatch(/ai-change-senior-signoff/);
    expect(fake.requests.every((request) => request.headers.authorization === `token ${TOKEN}`)).toBe(true);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/ai-change-senior-signoff/);
  });

  it('fails the job while sign-off is missing when fail-when-held is "true"', async () => {
    const result = await runAction({ 'fail-when-held': 'true' });

    expect(result.status, result.stderr).toBe(1);
    expect(fake.checkRuns).toHaveLength(1);
  });

  it('reads the configuration from the config input, relative to the workspace', async () => {
    rmSync(join(workspace, 'blastwall.yaml'));
    mkdirSync(join(workspace, 'ci'));
    // Here Jo, the PR's author, is a principal: her AI-assisted change needs no senior sign-off (the rules read
    // from ci/blastwall.yaml; without them every author would count as junior).
    writeFileSync(
      join(workspace, 'ci', 'blastwall.yaml'),
      CONFIG.replace('level: junior', 'level: principal'),
    );

    const result = await runAction({ config: 'ci/blastwall.yaml' });

    expect(result.status, result.stderr).toBe(0);
    expect(fake.comments.get(`${OWNER}/${REPO}#7`)?.[0]?.body).not.toMatch(/ai-change-senior-signoff/);
  });
});
