import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { lineHash, normaliseLine } from '../../src/core/provenance/attestation.js';
import { startFakeGithub } from '../github/fake-github.js';
import { commit, file } from '../github/fixtures.js';

// The hooks attest an agent's writes, `blastwall attest push` exports them as git notes, and a fresh clone that
// fetches the notes ref — CI, with no local store — recognises the agent's lines. Drives the built CLI.
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');
const REF = 'refs/notes/blastwall-attest';
const JO = { name: 'Jo', email: 'jo@example.com' };
const SAM = { name: 'Sam', email: 'sam@example.com' };
const AGENT_FILE = [
  'export function refund(amount: number, currency: string) {',
  '  if (amount <= 0) throw new Error("refund must be positive");',
  '  const cents = Math.round(amount * 100);',
  '  return { cents, currency, kind: "refund" as const };',
  '}',
];
const HUMAN_LINE = 'export const LIMIT_CENTS = 1_000_000; // from the finance team';

let repo: ScratchRepo;
let home: string;
let clone: string;
let env: Record<string, string>;

function blastwall(cwd: string, args: string[], input?: string, extra: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...env, ...extra },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...env, GIT_CONFIG_NOSYSTEM: '1' } });
}

beforeEach(() => {
  repo = createScratchRepo('blastwall-attest-notes-');
  home = mkdtempSync(join(tmpdir(), 'blastwall-attest-notes-home-'));
  clone = join(home, 'clone');
  env = { PATH: process.env.PATH ?? '', HOME: home, NO_COLOR: '1', BLASTWALL_DATA_DIR: join(home, 'data') };
  expect(blastwall(repo.dir, ['init']).code).toBe(0);
  repo.commit('add config', {}, SAM);
  // The agent writes through the hook; the commit carries no trailer, and a person adds a line by hand.
  repo.git('checkout', '-q', '-b', 'work');
  const file = join(repo.dir, 'services', 'payments', 'refund.ts');
  const hookPayload = JSON.stringify({
    session_id: 'sess-7',
    cwd: repo.dir,
    hook_event_name: 'PreToolUse',
    tool_name: 'Write',
    tool_input: { file_path: file, content: AGENT_FILE.join('\n') },
  });
  const hooked = blastwall(repo.dir, ['hook', 'claude-code', '--on-behalf-of', 'jo'], hookPayload, {
    CLAUDE_PROJECT_DIR: repo.dir,
  });
  expect(hooked.code, hooked.stderr).toBe(0);
  repo.commit('refunds', { 'services/payments/refund.ts': `${AGENT_FILE.join('\n')}\n` }, JO);
  repo.commit('limit', { 'services/payments/limit.ts': `${HUMAN_LINE}\n` }, JO);
});
afterEach(() => {
  repo.remove();
  rmSync(home, { recursive: true, force: true });
});

/** A fresh clone of the branch that fetches the notes ref and has an empty data folder. */
function cloneWithNotes(): void {
  git(home, 'clone', '-q', '--branch', 'work', repo.dir, clone);
  git(clone, 'branch', 'main', 'origin/main');
  git(clone, 'fetch', '-q', 'origin', `${REF}:${REF}`);
  git(clone, 'config', 'user.name', 'CI');
  git(clone, 'config', 'user.email', 'ci@example.com');
}

describe('attest push: attestations as git notes', () => {
  it('a clone without the local store sees the attested lines through the notes', () => {
    const pushed = blastwall(repo.dir, ['attest', 'push', 'main..work']);
    expect(pushed.code, pushed.stderr).toBe(0);
    expect(pushed.stdout).toContain(`1 of 2 commit(s) noted on ${REF} (1 attestation record(s))`);
    cloneWithNotes();

    const empty = { BLASTWALL_DATA_DIR: join(home, 'empty') };
    const result = blastwall(
      clone,
      ['check', 'main..work', '--json', '--no-risk', '--no-reviewers'],
      undefined,
      empty,
    );
    const report = JSON.parse(result.stdout);

    expect(report.provenance).toMatchObject({
      aiAssisted: true,
      attested: { addedLines: 6, attestedLines: 5, ignoredRecords: 0 },
    });
    expect(report.provenance.evidence).toContainEqual({
      tool: 'claude-code',
      kind: 'attestation',
      strength: 'attested',
      text: '5 of 6 added lines were written by claude-code for jo (session sess-7)',
    });
    // The text report names the commit whose lines are attested though nothing in it declares AI.
    const agentCommit = git(clone, 'rev-parse', 'work~1').trim().slice(0, 10);
    expect(blastwall(clone, ['check', 'main..work', '--no-risk'], undefined, empty).stdout).toContain(
      `attested, undeclared: ${agentCommit}`,
    );
    // Without the notes ref the same clone knows nothing of the agent.
    git(clone, 'update-ref', '-d', REF);
    const bare = JSON.parse(
      blastwall(clone, ['check', 'main..work', '--json', '--no-risk'], undefined, empty).stdout,
    );
    expect(bare.provenance.aiAssisted).toBe(false);
  });

  it('with team keys configured, takes notes signed by a listed key and reports one signed by any other', () => {
    const own = blastwall(repo.dir, ['attest', 'key']);
    expect(own.code, own.stderr).toBe(0);
    expect(blastwall(repo.dir, ['attest', 'push', 'main..work']).code).toBe(0);
    cloneWithNotes();
    const empty = { BLASTWALL_DATA_DIR: join(home, 'empty') };
    const check = (keys: string) =>
      JSON.parse(
        blastwall(clone, ['check', 'main..work', '--json', '--no-risk', '--no-reviewers'], undefined, {
          ...empty,
          BLASTWALL_ATTEST_TRUSTED_KEYS: keys,
        }).stdout,
      );
    // Anyone can sign a note with a key of their own: a key the team does not list is not trusted.
    const stranger = blastwall(repo.dir, ['attest', 'key'], undefined, {
      BLASTWALL_DATA_DIR: join(home, 'stranger'),
    }).stdout.trim();

    const trusted = check(own.stdout.trim());
    const unknown = check(stranger);

    expect(trusted.provenance.attested).toMatchObject({ attestedLines: 5, ignoredRecords: 0 });
    expect(unknown.provenance.aiAssisted).toBe(false);
    expect(unknown.provenance.attested).toMatchObject({ attestedLines: 0, ignoredRecords: 1 });
    expect(unknown.notes).toContainEqual(
      expect.stringMatching(/record 1: signed by an unknown key [0-9a-f]{16}/),
    );
  });

  it('ignores and reports a forged note: a genuine signature over altered lines', () => {
    expect(blastwall(repo.dir, ['attest', 'push', 'main..work']).code).toBe(0);
    cloneWithNotes();
    const agentCommit = git(clone, 'rev-parse', 'work~1').trim();
    const humanCommit = git(clone, 'rev-parse', 'work').trim();
    const note = JSON.parse(git(clone, 'notes', `--ref=${REF}`, 'show', agentCommit));
    // Claim the person's line with the genuine signature: it no longer verifies.
    const altered = { ...note.records[0], lines: [lineHash(normaliseLine(HUMAN_LINE))] };
    git(
      clone,
      'notes',
      `--ref=${REF}`,
      'add',
      '-f',
      '-m',
      JSON.stringify({ 'blastwall-attest': 1, records: [altered] }),
      humanCommit,
    );

    const empty = { BLASTWALL_DATA_DIR: join(home, 'empty') };
    const report = JSON.parse(
      blastwall(clone, ['check', 'main..work', '--json', '--no-risk', '--no-reviewers'], undefined, empty)
        .stdout,
    );

    expect(report.provenance.attested).toMatchObject({ attestedLines: 5, ignoredRecords: 1 });
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        new RegExp(`${REF} note on ${humanCommit.slice(0, 12)}: record 1: signature does not verify`),
      ),
    );
    expect(readFileSync(join(home, 'data', 'attestations.jsonl'), 'utf8')).toContain('"sess-7"');
  });

  it('the GitHub Action (check --github-pr) reads the fetched notes of the pull request', async () => {
    expect(blastwall(repo.dir, ['attest', 'push', 'main..work']).code).toBe(0);
    cloneWithNotes();
    const base = git(clone, 'rev-parse', 'main').trim();
    const [head, first] = git(clone, 'log', '--format=%H', 'main..work').trim().split('\n') as [
      string,
      string,
    ];
    const fake = await startFakeGithub({ token: 'ghs_t' });
    const jo = { name: 'Jo', email: 'jo@example.com' };
    fake.pulls.set('acme/shop#9', {
      pull: {
        number: 9,
        state: 'open',
        title: 'Refunds',
        html_url: 'https://github.example/acme/shop/pull/9',
        user: { login: 'jo-writes' },
        base: { sha: base },
        head: { sha: head },
        labels: [],
      },
      // No trailer anywhere: only the attestation says an agent wrote these lines.
      commits: [commit(first, 'refunds', jo), commit(head, 'limit', jo)],
      files: [
        file('services/payments/refund.ts', { status: 'added', additions: 5, deletions: 0 }),
        file('services/payments/limit.ts', { status: 'added', additions: 1, deletions: 0 }),
      ],
      reviews: [],
    });
    const event = join(home, 'event.json');
    writeFileSync(
      event,
      JSON.stringify({
        action: 'synchronize',
        number: 9,
        pull_request: { number: 9, html_url: 'https://github.com/acme/shop/pull/9', head: { sha: head } },
        repository: { name: 'shop', full_name: 'acme/shop', owner: { login: 'acme' } },
      }),
    );
    const child = spawn(process.execPath, [BIN, 'check', '--github-pr', '--json', '--repo', clone], {
      env: {
        ...env,
        BLASTWALL_DATA_DIR: join(home, 'empty'),
        BLASTWALL_CACHE: 'off',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_PATH: event,
        GITHUB_TOKEN: 'ghs_t',
        GITHUB_API_URL: fake.baseUrl,
      },
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const status = await new Promise((done) => child.on('close', done));
    await fake.close();

    expect(status).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.provenance).toMatchObject({
      aiAssisted: true,
      attested: { attestedLines: 5, addedLines: 6 },
    });
    expect(report.requirements).toContainEqual(
      expect.objectContaining({ policy: 'ai-change-senior-signoff', satisfied: false }),
    );
  });
});
