import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../src/adapters/git/scratch-repo.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');

function blastwall(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let repo: ScratchRepo;
afterEach(() => repo?.remove());

describe('the blastwall process', () => {
  it('init writes a config and the default policies, and check runs on it', () => {
    repo = createScratchRepo();
    const init = blastwall(['init'], repo.dir);
    expect(init.code).toBe(0);
    expect(existsSync(join(repo.dir, 'blastwall.yaml'))).toBe(true);
    expect(existsSync(join(repo.dir, 'policies', 'agents.cedar'))).toBe(true);
    repo.commit('add config', {}, { name: 'Sam', email: 'sam@example.com' });
    repo.git('checkout', '-q', '-b', 'work');
    repo.commit(
      'AI change\n\nCo-authored-by: Claude <noreply@anthropic.com>\n',
      { 'services/payments/a.ts': 'x\n' },
      { name: 'Jo', email: 'jo@example.com' },
    );

    const waiting = blastwall(['check', '--json'], repo.dir);
    const approved = blastwall(['check', '--approval', 'sam', '--format', 'markdown'], repo.dir);

    expect(waiting.code).toBe(1);
    const report = JSON.parse(waiting.stdout);
    expect(report).toMatchObject({
      decision: 'needs-approval',
      provenance: { aiAssisted: true, tools: ['claude'] },
      author: { id: 'jo', level: 'junior' },
    });
    expect(report.blastRadius.services).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'checkout', tier: 1, direct: false })]),
    );
    expect(approved.stdout).toMatch(/ai-change-senior-signoff/);
    expect(blastwall(['init'], repo.dir).code).toBe(2);
  });

  it('rejects an invalid config with file, line and exit 2 — no stack trace', () => {
    repo = createScratchRepo();
    writeFileSync(join(repo.dir, 'blastwall.yaml'), 'people:\n  - { id: jo, level: boss }\n');
    repo.commit('config', {});

    const result = blastwall(['check', 'HEAD..HEAD'], repo.dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/blastwall\.yaml:2: people\.0\.level/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for an unknown approver and for a range that is not a commit', () => {
    repo = createScratchRepo();
    repo.commit('one', { 'a.txt': 'a' });

    expect(blastwall(['check', 'HEAD..HEAD', '--approval', 'ghost'], repo.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no person with that id/),
    });
    expect(blastwall(['check', 'nope..HEAD'], repo.dir)).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/"nope" is not a commit/),
    });
  });

  it('gate exits 0 / 3 / 1 and --batch writes one decision per line, in order', () => {
    repo = createScratchRepo();
    const env = 'prod: { protected: true, match: { kubeContext: ["prod-*"] } }';
    writeFileSync(join(repo.dir, 'blastwall.yaml'), `environments:\n  ${env}\n`);
    const lines = [
      '{"command": "ls -la"}',
      '{"command": "kubectl --context prod-1 scale deploy x --replicas=0"}',
      'not json',
      '{"command": "terraform destroy"}',
    ];
    writeFileSync(join(repo.dir, 'batch.jsonl'), lines.join('\n'));

    expect(blastwall(['gate', '--', 'ls', '-la'], repo.dir).code).toBe(0);
    expect(
      blastwall(['gate', '--command', 'kubectl --context prod-1 scale deploy x --replicas=0'], repo.dir).code,
    ).toBe(3);
    expect(blastwall(['gate', '--command', 'terraform destroy'], repo.dir).code).toBe(1);
    const batch = blastwall(['gate', '--batch', 'batch.jsonl'], repo.dir);
    const decisions = batch.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(decisions.map((d) => d.decision)).toEqual(['allow', 'needs-approval', 'deny', 'deny']);
    expect(decisions.every((d) => Array.isArray(d.reasons))).toBe(true);
    expect(batch.code).toBe(1);
  });

  it('gate --batch decides each line under the configuration of its own cwd repository', () => {
    repo = createScratchRepo();
    const other = createScratchRepo();
    try {
      const team = (protectedEnv: boolean) =>
        `environments:\n  team: { protected: ${protectedEnv}, match: { kubeContext: ["team-*"] } }\n`;
      writeFileSync(join(repo.dir, 'blastwall.yaml'), team(false));
      writeFileSync(join(other.dir, 'blastwall.yaml'), team(true));
      const command = 'kubectl --context team-1 scale deploy x --replicas=0';
      const lines = [JSON.stringify({ command }), JSON.stringify({ command, cwd: other.dir })];
      writeFileSync(join(repo.dir, 'batch.jsonl'), lines.join('\n'));

      const batch = blastwall(['gate', '--batch', 'batch.jsonl'], repo.dir);
      const decisions = batch.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));

      expect(decisions.map((d) => d.decision)).toEqual(['allow', 'needs-approval']);
    } finally {
      other.remove();
    }
  });

  it('demo --check builds an example repository and checks every branch', () => {
    const result = blastwall(['demo', '--check', '--json'], process.cwd());

    expect(result.code).toBe(0);
    const rows = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const decisions = Object.fromEntries(rows.map((r) => [r.branch, r.report.decision]));
    expect(decisions['sam/docs-runbook']).toBe('allow');
    expect(decisions['jo/claude-payment-retries']).toBe('needs-approval');
    expect(blastwall(['demo', '--help'], process.cwd()).stdout).toMatch(/Examples:[\s\S]*--no-serve/);
  });

  it('demo seeds the full example organisation, prints a working token, serves it and stops on Ctrl-C', async () => {
    const root = mkdtempSync(join(tmpdir(), 'blastwall-demo-cli-'));
    let served: ReturnType<typeof spawn> | undefined;
    try {
      const dir = join(root, 'shop');
      const seeded = blastwall(['demo', '--no-serve', '--json', '--dir', dir], process.cwd());
      expect(seeded.code).toBe(0);
      const summary = JSON.parse(seeded.stdout);
      expect(summary).toMatchObject({ people: 40, teams: 8, services: 60, reviewer: { level: 'senior' } });
      expect(summary.commits).toBeGreaterThanOrEqual(300);
      expect(summary.counts.heldPending).toBeGreaterThanOrEqual(4);
      expect(summary.counts.incidents).toBeGreaterThanOrEqual(8);
      expect(seeded.stderr).toMatch(/replaying \d{4}-\d{2}/);
      expect(blastwall(['demo', '--no-serve', '--dir', process.cwd()], root).code).toBe(2);

      const server = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--dir', dir], {
        env: { ...process.env, NO_COLOR: '1' },
      });
      served = server;
      let out = '';
      server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const url = await new Promise<string>((done, fail) => {
        server.once('exit', () => fail(new Error(`demo exited early: ${out}`)));
        const poll = setInterval(() => {
          const match = /Dashboard: (http:\/\/\S+)/.exec(out);
          if (!match) return;
          clearInterval(poll);
          done(match[1]!);
        }, 50);
      });
      const token = /Sign-in token[^\n]*\n\s+(bw_\S+)/.exec(out)?.[1];
      const pending = await fetch(`${url}/v1/approvals?status=pending`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
      server.kill('SIGINT');

      expect(pending.status).toBe(200);
      expect(((await pending.json()) as { approvals: unknown[] }).approvals.length).toBeGreaterThan(5);
      expect(await exited).toBe(0);
      // The printed hint runs as printed from where the demo ran (npx finds blastwall there).
      const hint = /npx blastwall (report [^\n]+)/.exec(out)?.[1];
      expect(hint).toContain(`--db ${join(dir, '.blastwall', 'blastwall.db')}`);
      const report = blastwall(hint!.split(' '), process.cwd());
      expect(report.stderr).toBe('');
      expect(report.code).toBe(0);
      expect(out).toContain('the data stays in that folder');
      expect(existsSync(join(dir, 'blastwall.yaml'))).toBe(true);
    } finally {
      if (served && served.exitCode === null) served.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
    }
  }, 300_000);

  it('demo without --dir removes its temporary folder on Ctrl-C', async () => {
    const server = spawn(process.execPath, [BIN, 'demo', '--port', '0'], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let folder: string | undefined;
    try {
      folder = await new Promise<string>((done, fail) => {
        server.once('exit', () => fail(new Error(`demo exited early: ${out}`)));
        const poll = setInterval(() => {
          const match = /Repository and database: (\S+)/.exec(out);
          if (!match || !out.includes('Ctrl-C')) return;
          clearInterval(poll);
          done(match[1]!);
        }, 50);
      });
      expect(existsSync(join(folder, 'blastwall.yaml'))).toBe(true);
      expect(out).toContain(
        'Ctrl-C stops the server and removes that folder (pass --dir DIR to keep the data).',
      );
      const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
      // Give the server a moment past its first output to be listening for the signal, as a person would.
      await new Promise((done) => setTimeout(done, 500));
      server.kill('SIGINT');

      expect(await exited).toBe(0);
      expect(existsSync(folder)).toBe(false);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);

  it('prints help that teaches', () => {
    const help = blastwall(['gate', '--help'], process.cwd());
    expect(help.stdout).toMatch(/Exit codes/);
    expect(readFileSync(BIN, 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
    expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).trim()).toMatch(
      /\d+\.\d+\.\d+/,
    );
  });
});
