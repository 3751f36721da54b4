// Process-level helpers: a real `blastwall serve` and real CLI processes, as an operator would run them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

/** The CLI entry point. */
export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'blastwall.js');

/** A command that the shipped agent policies hold for a senior's approval (stopping a prod deployment). */
export const HELD_COMMAND = 'kubectl --context prod-eu scale deployment shop --replicas=0';

/** A repository with two seniors, a junior, one tier-1 service and a prod environment. */
export function createServerRepo(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bw-serve-'));
  writeFileSync(
    join(dir, 'blastwall.yaml'),
    `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
  - { id: pat, level: senior, emails: [pat@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*"] } }
`,
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What a finished CLI process said. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `blastwall ARGS` to completion (asynchronously, so several can race). */
export function cli(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', BLASTWALL_CACHE: 'off', ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    child.stdin?.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Creates a token with `blastwall token create` and returns the secret. */
export async function createToken(
  cwd: string,
  db: string,
  role: string,
  who: { person?: string; agent?: string } = {},
): Promise<string> {
  const args = [
    'token',
    'create',
    '--role',
    role,
    '--db',
    db,
    '--json',
    ...(who.person ? ['--person', who.person] : []),
    ...(who.agent ? ['--agent', who.agent] : []),
  ];
  const result = await cli(args, cwd);
  if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { token: string }).token;
}

/** A running `blastwall serve` process. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `blastwall serve --port 0` and resolves once it logged its URL. */
export function startServe(cwd: string, db: string, extra: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db, '--repo', cwd, ...extra], {
    cwd,
    env: { ...process.env, BLASTWALL_CACHE: 'off' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start in time:\n${log}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        done({
          url: match[1]!,
          child,
          log: () => log,
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      fail(new Error(`serve exited before listening:\n${log}`));
    });
  });
}

/** A JSON request to the server on a connection of its own (a refused oversize body must not poison a pool); resolves to status and parsed body. */
export function api(
  url: string,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((done, fail) => {
    const request = httpRequest(
      `${url}${path}`,
      {
        method,
        agent: false,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          }),
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          try {
            done({
              status: response.statusCode ?? 0,
              body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            });
          } catch (error) {
            fail(error as Error);
          }
        });
      },
    );
    // The server may answer (413) and close before the whole body is sent; the answer is what counts.
    let answered = false;
    request.on('response', () => (answered = true));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return fail(error);
      request.on('close', () => answered || fail(error));
    });
    request.end(payload);
  });
}
