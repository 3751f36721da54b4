import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** Repository root, the CLI entry point and the test MCP server. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/blastwall.js');
export const CLOUD_DB = join(ROOT, 'test/mcp/fixtures/cloud-db-server.mjs');
export const RAW_SERVER = join(ROOT, 'test/mcp/fixtures/raw-server.mjs');

/** Fails with a clear message when the CLI has not been built (`npm test` builds it first). */
export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist/interfaces/cli/commands/mcp-proxy.js'))) {
    throw new Error('dist/ is missing the mcp-proxy verb: run `npm run build` first');
  }
}

const CONFIG = `people:
  - { id: jo, level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
  - { id: pat, level: senior, emails: [pat@example.com] }
services:
  - { id: billing, tier: 1, owner: billing, paths: ["billing/**"] }
environments:
  prod: { protected: true, match: { awsProfile: ["prod*"], kubeContext: ["prod-*"], host: ["*.prod.*"] } }
  dev: { protected: false, match: { awsProfile: ["dev*"] } }
mcp:
  servers:
    cloud-db:
      tools:
        cleanup: { operation: delete, reversible: false }
      sqlArguments: [sql]
      environmentArguments: [account, database]
`;

// Workspaces made by this test file, removed once its tests are done.
const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary workspace with a blastwall.yaml that maps the test server's tools. */
export function workspace(): { dir: string; callLog: string; pidFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'blastwall-mcp-'));
  created.push(dir);
  writeFileSync(join(dir, 'blastwall.yaml'), CONFIG);
  return { dir, callLog: join(dir, 'calls.jsonl'), pidFile: join(dir, 'server.pid') };
}

/** Arguments that start the proxy in front of a server command. */
export function proxyArgs(
  cwd: string,
  server: string[],
  serverName = 'cloud-db',
  onBehalfOf = 'sam',
): string[] {
  return [
    BIN,
    'mcp-proxy',
    '--server-name',
    serverName,
    '--cwd',
    cwd,
    '--agent',
    'claude-code',
    '--on-behalf-of',
    onBehalfOf,
    '--',
    ...server,
  ];
}

/** A proxy process driven line by line, for what an SDK client would never send. */
export interface RawSession {
  proc: ChildProcessWithoutNullStreams;
  send(text: string): void;
  /** The next message written by the proxy (rejects after a timeout, so nothing hangs). */
  next(timeoutMs?: number): Promise<Record<string, unknown>>;
  /** The next line written by the proxy, as written. */
  nextText(timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stderr(): string;
}

/** Starts the proxy in front of the test server with raw stdio. */
export function rawSession(
  cwd: string,
  env: Record<string, string> = {},
  server: string[] = [process.execPath, CLOUD_DB],
): RawSession {
  const proc = spawn(process.execPath, proxyArgs(cwd, server), {
    env: { ...process.env, ...env },
    cwd,
  });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffer = '';
  let errors = '';
  proc.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  proc.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (let i = buffer.indexOf('\n'); i !== -1; i = buffer.indexOf('\n')) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
  const nextText = (timeoutMs = 45_000): Promise<string> =>
    new Promise((done, fail) => {
      const queued = lines.shift();
      if (queued !== undefined) return done(queued);
      const timer = setTimeout(
        () => fail(new Error(`no message from the proxy within ${timeoutMs} ms; stderr: ${errors}`)),
        timeoutMs,
      );
      waiters.push((line) => {
        clearTimeout(timer);
        done(line);
      });
    });
  return {
    proc,
    send: (text) => proc.stdin.write(`${text}\n`),
    next: async (timeoutMs = 45_000) => JSON.parse(await nextText(timeoutMs)) as Record<string, unknown>,
    nextText,
    exited,
    stderr: () => errors,
  };
}

/** The initialize request every session starts with. */
export const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

/** Whether a process is still running. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
