import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { generateToken, hashToken } from '../../src/adapters/storage/tokens.js';
import { lineHash, normaliseLine } from '../../src/core/provenance/attestation.js';
import { startServer } from '../../src/serve.js';
import type { RunningServer } from '../../src/app/server-types.js';
import { postgresAvailable } from '../../src/test-support/services.js';
import {
  postgresBackend,
  sqliteBackend,
  type TestBackend,
  type TestDatabase,
} from '../../src/test-support/test-backends.js';
import { startFakeGithub, type FakeGithub } from '../github/fake-github.js';
import { commit, CONFIG, file, OWNER, prPayload, REPO, SECRET, webhook } from '../github/fixtures.js';

// The hooks report to the server: the built `blastwall hook claude-code` queues each allowed write, `blastwall attest
// flush` sends the queue to a real `serve` (SQLite and PostgreSQL), which takes who wrote it from the token and signs
// it on receipt; the GitHub App's check of a pull request then finds those lines with no trailer in sight.

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');
const BACKENDS: TestBackend[] = [sqliteBackend, ...((await postgresAvailable()) ? [postgresBackend] : [])];
const run = promisify(execFile);

const AGENT_LINES = [
  'export function docsIndex(pages: string[]) {',
  '  const sorted = [...pages].sort((a, b) => a.localeCompare(b));',
  '  return sorted.map((page, i) => `${i + 1}. ${page}`).join("\\n");',
  '}',
];

let repo: ScratchRepo;
let data: string;
let fake: FakeGithub;
let database: TestDatabase;
let server: RunningServer;
let agentToken: string;
let raw: TestDatabase['raw'];

function hookEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: data,
    BLASTWALL_DATA_DIR: join(data, 'blastwall'),
    BLASTWALL_CACHE: 'off',
    BLASTWALL_HOOK_DAEMON: '0',
    BLASTWALL_SERVER_URL: server.url,
    BLASTWALL_TOKEN: agentToken,
    ...extra,
  };
}

async function blastwall(args: string[], env: Record<string, string>, input?: string) {
  const child = run(process.execPath, [BIN, ...args], { cwd: repo.dir, env, encoding: 'utf8' });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

function writePayload(path: string, content: string): string {
  return JSON.stringify({
    session_id: 'sess-7',
    cwd: repo.dir,
    hook_event_name: 'PreToolUse',
    tool_name: 'Write',
    tool_input: { file_path: join(repo.dir, path), content },
  });
}

describe.each(BACKENDS)('attestations sent to the server on $name', (backend) => {
  beforeEach(async () => {
    repo = createScratchRepo('bw-attest-srv-');
    repo.commit('init', { 'blastwall.yaml': CONFIG, 'docs/index.md': '# Docs\n' });
    data = mkdtempSync(join(tmpdir(), 'bw-attest-data-'));
    fake = await startFakeGithub();
    database = await backend.create();
    raw = database.raw;
    const { privateKey } = generateKeyPairSync('ed25519');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      repo: repo.dir,
      db: database.spec,
      env: {
        BLASTWALL_CACHE: 'off',
        BLASTWALL_AUDIT_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        BLASTWALL_GITHUB_WEBHOOK_SECRET: SECRET,
        BLASTWALL_GITHUB_TOKEN: 'test-token',
        BLASTWALL_GITHUB_API_URL: fake.baseUrl,
      },
      log: () => undefined,
    });
    agentToken = generateToken();
    await server.store.createToken(
      { role: 'agent', agentId: 'claude-code', personId: 'jo', hash: hashToken(agentToken) },
      'test',
    );
  }, 60_000);

  afterEach(async () => {
    await server.close();
    await fake.close();
    await database.drop();
    repo.remove();
    rmSync(data, { recursive: true, force: true });
  });

  it('the hook queues its records, a flush sends them, and the App check of a trailer-less PR finds them', async () => {
    const wrote = await blastwall(
      ['hook', 'claude-code', '--on-behalf-of', 'jo'],
      hookEnv({ BLASTWALL_ATTEST_AUTOFLUSH: 'off' }),
      writePayload('docs/index.ts', AGENT_LINES.join('\n')),
    );
    expect(wrote.code).toBe(0);
    const outbox = join(data, 'blastwall', 'attest-outbox.jsonl');
    expect(readFileSync(outbox, 'utf8').trim().split('\n')).toHaveLength(1);

    const flushed = await blastwall(['attest', 'flush'], hookEnv());
    expect(flushed).toMatchObject({ code: 0 });
    expect(existsSync(outbox) ? readFileSync(outbox, 'utf8') : '').toBe('');
    const rows = await raw('SELECT agent, on_behalf_of, session_id, server_sig, key_id FROM attestations');
    expect(rows).toHaveLength(1);
    // Who wrote it is the token's agent and person; the session is the hook's (the token is not pinned).
    expect(rows[0]).toMatchObject({ agent: 'claude-code', on_behalf_of: 'jo', session_id: 'sess-7' });
    expect(rows[0]!.server_sig).toEqual(expect.any(String));

    // Jo's PR to the tier-4 docs: no AI trailer. Only the attested lines make it need a senior.
    const patch = ['@@ -0,0 +1,4 @@', ...AGENT_LINES.map((line) => `+${line}`)].join('\n');
    fake.pulls.set(`${OWNER}/${REPO}#7`, {
      pull: {
        number: 7,
        state: 'open',
        title: 'Docs index',
        html_url: `https://github.example/${OWNER}/${REPO}/pull/7`,
        user: { login: 'jo-writes' },
        base: { sha: 'b'.repeat(40) },
        head: { sha: 'c'.repeat(40) },
        labels: [],
      },
      commits: [commit('c'.repeat(40), 'Docs index')],
      files: [file('docs/index.ts', { additions: 4, deletions: 0, changes: 4, status: 'added', patch })],
      reviews: [],
    });
    const response = await fetch(
      `${server.url}/webhooks/github`,
      webhook('pull_request', prPayload('opened')) as RequestInit,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ decision: 'needs-approval' });
    const output = JSON.stringify(fake.checkRuns.at(-1)?.body);
    expect(output).toContain('ai-change-senior-signoff');
    expect(output).toMatch(/attested/);
  }, 60_000);

  it('takes who wrote a record from the token: a record naming someone else is refused, a resend is stored once', async () => {
    const lines = AGENT_LINES.map((line) => lineHash(normaliseLine(line)));
    const post = (records: unknown[], token = agentToken) =>
      fetch(`${server.url}/v1/attestations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ records }),
      });
    const base = { file: '/w/docs/a.ts', lines, tool: 'Write', at: '2026-01-05T10:00:00.000Z' };

    const first = await post([
      base,
      { ...base, agent: 'codex' },
      { ...base, onBehalfOf: 'sam' },
      { ...base, session: 'other', agent: 'claude-code', onBehalfOf: 'jo' },
    ]);
    const again = await post([base]);

    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      stored: 2,
      refused: [
        { index: 1, code: 'wrong-agent' },
        { index: 2, code: 'wrong-person' },
      ],
    });
    expect(await again.json()).toMatchObject({ stored: 0, duplicates: 1, refused: [] });
    const rows = await raw('SELECT agent, on_behalf_of FROM attestations');
    expect(rows.map((r) => [r.agent, r.on_behalf_of])).toEqual([
      ['claude-code', 'jo'],
      ['claude-code', 'jo'],
    ]);
    const audit = await raw(`SELECT kind FROM audit_records WHERE kind = 'attestations.received'`);
    expect(audit).toHaveLength(2);

    // People's tokens cannot report writes.
    const reviewer = generateToken();
    await server.store.createToken({ role: 'reviewer', personId: 'sam', hash: hashToken(reviewer) }, 'test');
    expect((await post([base], reviewer)).status).toBe(403);
  });

  it('a hook starts the flush itself, off its own path: the record reaches the server without a command', async () => {
    const wrote = await blastwall(
      ['hook', 'claude-code', '--on-behalf-of', 'jo'],
      hookEnv(),
      writePayload('docs/b.ts', AGENT_LINES.join('\n')),
    );
    expect(wrote.code).toBe(0);
    // The detached flush runs after the hook answered; wait for it, bounded.
    let rows: Record<string, unknown>[] = [];
    for (const started = Date.now(); rows.length === 0 && Date.now() - started < 20_000;) {
      await new Promise((done) => setTimeout(done, 100));
      rows = await raw('SELECT agent FROM attestations');
    }
    expect(rows).toEqual([{ agent: 'claude-code' }]);
  }, 60_000);

  it('keeps queued records while the server cannot take them and sends them once it can', async () => {
    const wrote = await blastwall(
      ['hook', 'claude-code', '--on-behalf-of', 'jo'],
      hookEnv({ BLASTWALL_SERVER_URL: 'http://127.0.0.1:9', BLASTWALL_ATTEST_AUTOFLUSH: 'off' }),
      writePayload('docs/a.ts', AGENT_LINES.join('\n')),
    );
    expect(wrote.code).toBe(0);

    const down = await blastwall(
      ['attest', 'flush'],
      hookEnv({ BLASTWALL_SERVER_URL: 'http://127.0.0.1:9' }),
    );
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('could not be reached');
    const outbox = join(data, 'blastwall', 'attest-outbox.jsonl');
    const queued = readFileSync(outbox, 'utf8').trim().split('\n');
    expect(queued).toHaveLength(1);

    // The queued entry names the server the hook had; pointed at the real one, it is delivered.
    const entry = JSON.parse(queued[0]!) as Record<string, unknown>;
    entry.server = server.url;
    rmSync(outbox);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(outbox, `${JSON.stringify(entry)}\n`);
    const up = await blastwall(['attest', 'flush'], hookEnv());
    expect(up.code).toBe(0);
    expect(await raw('SELECT agent FROM attestations')).toHaveLength(1);
  }, 60_000);
});
