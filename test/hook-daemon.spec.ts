import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The warm hook daemon (bin/hook-client.js, bin/hook-daemon.js) with real processes: it must answer exactly as the
// in-process hook does, for each request's own cwd and environment, and every failure of it must fall back to the
// in-process decision — never to an allow. Every daemon started here is killed by pid in afterAll.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'blastwall.js');
const client = createRequire(import.meta.url)('../bin/hook-client.js') as {
  buildId(): string | undefined;
  socketPath(env: Record<string, string | undefined>, build: string): string;
};

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

let base: string;
let repo: string;
let other: string;
const daemons = new Set<number>();
const servers: net.Server[] = [];

const CONFIG = (devContexts: string) =>
  [
    'people:',
    '  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }',
    'services:',
    '  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }',
    'environments:',
    '  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"] } }',
    `  dev:  { protected: false, match: { kubeContext: [${devContexts}], awsProfile: ["dev*"] } }`,
    '',
  ].join('\n');

function payload(command: string, cwd: string): string {
  return JSON.stringify({
    session_id: 's1',
    transcript_path: '/t.jsonl',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'd' },
    tool_use_id: 'toolu_1',
  });
}

/** A runtime folder of its own (0700, like $XDG_RUNTIME_DIR): its own daemon. */
function runtimeDir(): string {
  const dir = mkdtempSync(path.join(base, 'rt-'));
  chmodSync(dir, 0o700);
  return dir;
}

/** Runs the hook as an agent would (asynchronously: fake daemons in this process must keep answering). */
function hook(
  stdin: string,
  options: { runtime: string; env?: Record<string, string>; cwd?: string; args?: string[] },
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'hook', 'claude-code', ...(options.args ?? [])], {
      cwd: options.cwd ?? repo,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: base,
        XDG_RUNTIME_DIR: options.runtime,
        NODE_DEBUG: 'blastwall',
        ...options.env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      for (const match of stderr.matchAll(/started a hook daemon \(pid (\d+)\)/g))
        daemons.add(Number(match[1]));
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}

function decision(result: Result): string {
  if (result.status !== 0) return `exit ${result.status}`;
  if (result.stdout === '') return 'allow';
  return (JSON.parse(result.stdout) as { hookSpecificOutput: { permissionDecision: string } })
    .hookSpecificOutput.permissionDecision;
}

function socketOf(runtime: string): string {
  return client.socketPath({ XDG_RUNTIME_DIR: runtime }, client.buildId()!);
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function listening(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createConnection(socket);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts a daemon for `runtime` (one hook run) and waits until it listens; returns its pid. */
async function warmDaemon(runtime: string): Promise<number> {
  const first = await hook(payload('git status', repo), { runtime });
  const pid = Number(/started a hook daemon \(pid (\d+)\)/.exec(first.stderr)?.[1]);
  expect(pid, first.stderr).toBeGreaterThan(0);
  await until(() => listening(socketOf(runtime)), 'the daemon to listen');
  return pid;
}

/** A fake daemon at this runtime folder's socket that answers each connection with `reply` (or never). */
async function fakeDaemon(runtime: string, reply: ((request: string) => string) | undefined): Promise<void> {
  const socket = socketOf(runtime);
  mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  const server = net.createServer({ allowHalfOpen: true }, (connection) => {
    let request = '';
    connection.on('data', (chunk: Buffer) => (request += chunk.toString()));
    connection.on('end', () => {
      if (reply) connection.end(reply(request));
    });
    connection.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
}

beforeAll(() => {
  const bundle = path.join(ROOT, 'dist', 'hook', 'hook.cjs');
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(path.join(ROOT, 'dist', 'main.js')).mtimeMs)
    throw new Error('dist/hook/hook.cjs is missing or older than dist/: run `npm run build`');
  // Short paths: the socket must fit a unix socket address without falling back to /tmp/blastwall-<uid>.
  base = mkdtempSync(path.join(tmpdir(), 'bwd-'));
  repo = path.join(base, 'repo');
  other = path.join(base, 'other');
  for (const [dir, contexts] of [
    [repo, '"dev-*"'],
    [other, '"dev-*", "staging-*"'],
  ] as const) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'blastwall.yaml'), CONFIG(contexts));
    spawnSync('git', ['init', '-q', dir]);
  }
  writeFileSync(path.join(base, 'kubeconfig-prod'), 'current-context: prod-eu\n');
  writeFileSync(path.join(base, 'kubeconfig-dev'), 'current-context: dev-eu\n');
});

afterAll(async () => {
  for (const server of servers) server.close();
  for (const pid of daemons) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone (idle timeout, or killed by the test).
    }
  }
  await until(() => [...daemons].every((pid) => !alive(pid)), 'every daemon to end');
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('blastwall hook through the warm daemon (real processes)', () => {
  it("answers exactly as the in-process hook, with each request's own cwd and environment", async () => {
    const runtime = runtimeDir();
    await warmDaemon(runtime);
    const cases: {
      name: string;
      stdin: string;
      env?: Record<string, string>;
      cwd?: string;
      expect: string;
    }[] = [
      { name: 'harmless', stdin: payload('git status', repo), expect: 'allow' },
      { name: 'destructive', stdin: payload('git reflog expire --expire=now --all', repo), expect: 'deny' },
      {
        name: 'prod kube by --context',
        stdin: payload('kubectl --context prod-eu delete namespace payments', repo),
        expect: 'deny',
      },
      {
        name: 'prod kube by KUBECONFIG',
        stdin: payload('kubectl delete namespace payments', repo),
        env: { KUBECONFIG: path.join(base, 'kubeconfig-prod') },
        expect: 'deny',
      },
      {
        name: 'dev kube by KUBECONFIG',
        stdin: payload('kubectl delete namespace payments', repo),
        env: { KUBECONFIG: path.join(base, 'kubeconfig-dev') },
        expect: 'allow',
      },
      {
        name: 'AWS_PROFILE=prod',
        stdin: payload('aws s3 rb s3://payments-data --force', repo),
        env: { AWS_PROFILE: 'prod' },
        expect: 'deny',
      },
      {
        name: 'AWS_PROFILE=dev',
        stdin: payload('aws s3 rb s3://payments-data --force', repo),
        env: { AWS_PROFILE: 'dev' },
        expect: 'allow',
      },
      {
        // An unknown context is treated as protected in repo; the other workspace calls it dev.
        name: 'staging in repo',
        stdin: payload('kubectl --context staging-eu delete namespace payments', repo),
        expect: 'deny',
      },
      {
        name: 'staging in another cwd and configuration',
        stdin: payload('kubectl --context staging-eu delete namespace payments', other),
        cwd: other,
        expect: 'allow',
      },
    ];
    for (const c of cases) {
      const options = { runtime, ...(c.env && { env: c.env }), ...(c.cwd && { cwd: c.cwd }) };
      const inProcess = await hook(c.stdin, { ...options, env: { ...c.env, BLASTWALL_HOOK_DAEMON: '0' } });
      const viaDaemon = await hook(c.stdin, options);
      expect(inProcess.stderr, c.name).toContain('hook in-process (BLASTWALL_HOOK_DAEMON=0)');
      expect(viaDaemon.stderr, c.name).toContain('hook answered by the daemon');
      expect(decision(viaDaemon), `${c.name}: ${viaDaemon.stdout}`).toBe(c.expect);
      expect({ status: viaDaemon.status, stdout: viaDaemon.stdout }, c.name).toEqual({
        status: inProcess.status,
        stdout: inProcess.stdout,
      });
    }
  });

  it('still blocks when the daemon was killed, and starts a new one', async () => {
    const runtime = runtimeDir();
    const pid = await warmDaemon(runtime);
    process.kill(pid, 'SIGKILL');
    await until(() => !alive(pid), 'the daemon to die');
    const after = await hook(payload('git reflog expire --expire=now --all', repo), { runtime });
    expect(after.stderr).toContain('hook in-process (daemon: ECONNREFUSED)');
    expect(decision(after)).toBe('deny');
    expect(after.stderr).toMatch(/started a hook daemon/);
    await until(() => listening(socketOf(runtime)), 'the new daemon to listen');
    const next = await hook(payload('git reflog expire --expire=now --all', repo), { runtime });
    expect(next.stderr).toContain('hook answered by the daemon');
    expect(decision(next)).toBe('deny');
  });

  it('decides in-process when a daemon never answers', async () => {
    const runtime = runtimeDir();
    await fakeDaemon(runtime, undefined);
    const result = await hook(payload('git reflog expire --expire=now --all', repo), {
      runtime,
      env: { BLASTWALL_HOOK_DAEMON_TIMEOUT_MS: '300' },
    });
    expect(result.stderr).toContain('hook in-process (daemon: no answer within 300 ms)');
    expect(decision(result)).toBe('deny');
  });

  it.each([
    ['garbage', () => 'not json at all', 'malformed answer'],
    [
      'an allow for another build',
      () => JSON.stringify(allowFor('another build')),
      'answer from another build',
    ],
    [
      'an allow without an exit code',
      () => JSON.stringify({ ...allowFor(client.buildId()!), exitCode: 'x' }),
      'malformed answer',
    ],
  ])('decides in-process when a daemon answers %s', async (_name, reply, why) => {
    const runtime = runtimeDir();
    await fakeDaemon(runtime, reply);
    const result = await hook(payload('git reflog expire --expire=now --all', repo), { runtime });
    expect(result.stderr).toContain(`hook in-process (daemon: ${why})`);
    expect(decision(result)).toBe('deny');
  });

  it('does not use a socket folder other users can enter', async () => {
    const runtime = runtimeDir();
    // A "daemon" that allows everything, in a folder open to everyone: it must not be asked.
    await fakeDaemon(runtime, () => JSON.stringify(allowFor(client.buildId()!)));
    chmodSync(path.dirname(socketOf(runtime)), 0o755);
    const result = await hook(payload('git reflog expire --expire=now --all', repo), { runtime });
    expect(result.stderr).toMatch(/hook in-process \(socket folder not used: .* is open to other users/);
    expect(decision(result)).toBe('deny');
    expect(result.stderr).not.toMatch(/started a hook daemon/);
  });

  it('does not use a socket folder inside a folder others may change (not sticky)', async () => {
    const runtime = runtimeDir();
    await fakeDaemon(runtime, () => JSON.stringify(allowFor(client.buildId()!)));
    // Others could rename the socket folder away and put their own in its place between check and connect.
    chmodSync(runtime, 0o777);
    try {
      const result = await hook(payload('git reflog expire --expire=now --all', repo), { runtime });
      expect(result.stderr).toMatch(
        /hook in-process \(socket folder not used: .* can be changed by other users/,
      );
      expect(decision(result)).toBe('deny');
    } finally {
      chmodSync(runtime, 0o700);
    }
  });

  it.each(['0', 'off', 'False', 'no'])('is not used with BLASTWALL_HOOK_DAEMON=%s', async (setting) => {
    const runtime = runtimeDir();
    const result = await hook(payload('git status', repo), {
      runtime,
      env: { BLASTWALL_HOOK_DAEMON: setting },
    });
    expect(result.stderr).toContain(`hook in-process (BLASTWALL_HOOK_DAEMON=${setting})`);
    expect(result.stderr).not.toMatch(/started a hook daemon/);
    expect(readdirSync(runtime)).toEqual([]);
  });

  it('exits after its idle time and removes its socket', async () => {
    const runtime = runtimeDir();
    const first = await hook(payload('git status', repo), {
      runtime,
      env: { BLASTWALL_HOOK_DAEMON_IDLE_MS: '1500' },
    });
    const pid = Number(/started a hook daemon \(pid (\d+)\)/.exec(first.stderr)?.[1]);
    await until(() => listening(socketOf(runtime)), 'the daemon to listen');
    const answered = await hook(payload('git status', repo), { runtime });
    expect(answered.stderr).toContain('hook answered by the daemon');
    await until(() => !alive(pid), 'the daemon to exit when idle');
    expect(existsSync(socketOf(runtime))).toBe(false);
  });

  it("holds an agent's removal of the daemon's socket folder (self-protection)", async () => {
    const runtime = runtimeDir();
    for (const target of [path.join(runtime, 'blastwall'), `/tmp/blastwall-${process.getuid!()}`]) {
      const result = await hook(payload(`rm -rf ${target}`, repo), {
        runtime,
        env: { BLASTWALL_HOOK_DAEMON: '0' },
      });
      expect(['ask', 'deny'], `${target}: ${result.stdout}`).toContain(decision(result));
      expect(result.stdout).toContain('[agent-self-protection] deletes');
      expect(result.stdout).toContain("blastwall's store or cache");
    }
  });
});

function allowFor(build: string) {
  return { build, stdout: '', stderr: '', exitCode: 0 };
}
