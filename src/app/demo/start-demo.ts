import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_SQLITE_PATH, openStore } from '../../adapters/storage/open-store.js';
import { BlastwallError } from '../../core/errors.js';
import type { ServerWiring } from '../server-types.js';
import { issueToken } from './demo-client.js';
import { DEMO_REVIEWER } from './organisation.js';
import { demoEnv, seedDemo, type DemoSize, type SeedSummary } from './seed.js';

/** How to start the demo. */
export interface DemoOptions {
  /** TCP port; 0 picks a free one (default 4600). */
  port?: number;
  /** Where the demo repository and `.blastwall/blastwall.db` live (default: a fresh temporary folder). */
  dir?: string;
  /** Receives progress lines while seeding and the server's log. */
  log?: (line: string) => void;
  /** `small` seeds a shorter history (tests); the default is the full demo. */
  size?: DemoSize;
  /** The present of the seeded history (default: now). */
  now?: Date;
  /** Delete `dir` on `close()` (for tests; default: keep it, so it can be served again). */
  removeOnClose?: boolean;
  /** The server's composition root (src/serve.ts), which seeds and then serves the demo. */
  server: ServerWiring;
}

/** A seeded demo being served. */
export interface RunningDemo {
  /** Where the dashboard is, e.g. `http://127.0.0.1:4600`. */
  url: string;
  /** A senior reviewer's bearer token for signing in. */
  token: string;
  dir: string;
  /** What was seeded; absent when an earlier demo in `dir` was reused. */
  summary?: SeedSummary;
  /** Stops the server and closes the store. */
  close(): Promise<void>;
}

/** Whether `dir` already holds a seeded demo. */
export function isSeeded(dir: string): boolean {
  return existsSync(join(dir, '.blastwall', 'demo.json'));
}

/** A fresh sign-in token for the demo's senior reviewer in an already seeded folder. */
export async function reissueReviewerToken(dir: string): Promise<string> {
  const file = join(dir, '.blastwall', 'demo.json');
  let recorded: { reviewer?: { id?: string } };
  try {
    recorded = JSON.parse(readFileSync(file, 'utf8')) as typeof recorded;
  } catch (error) {
    throw new BlastwallError(
      'config',
      `${file} cannot be read (${error instanceof Error ? error.message : String(error)}); delete ${dir} to seed the demo again`,
    );
  }
  const store = await openStore(join(dir, DEFAULT_SQLITE_PATH));
  try {
    return await issueToken(store, { role: 'reviewer', personId: recorded.reviewer?.id ?? DEMO_REVIEWER });
  } finally {
    await store.close();
  }
}

/**
 * Seeds the example organisation into `dir` (or reuses one seeded there before, with a fresh
 * token) and serves the API and dashboard on localhost.
 */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const log = options.log ?? (() => undefined);
  const dir =
    options.dir !== undefined ? resolve(options.dir) : mkdtempSync(join(tmpdir(), 'blastwall-demo-'));
  const port = options.port ?? 4600;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new BlastwallError('usage', `--port must be a number from 0 to 65535, not ${port}`);
  // Seeding takes a while: find out first that the port is taken, not after.
  if (port !== 0) await assertPortFree(port, dir);
  let summary: SeedSummary | undefined;
  let token: string;
  if (isSeeded(dir)) {
    log(`reusing the demo seeded earlier in ${dir}`);
    token = await reissueReviewerToken(dir);
  } else {
    summary = await seedDemo({
      dir,
      log,
      server: options.server,
      ...(options.size !== undefined && { size: options.size }),
      ...(options.now !== undefined && { now: options.now }),
    });
    token = summary.reviewer.token;
  }
  let server: Awaited<ReturnType<ServerWiring['startServer']>>;
  try {
    server = await options.server.startServer({
      port,
      host: '127.0.0.1',
      repo: dir,
      db: join(dir, DEFAULT_SQLITE_PATH),
      env: demoEnv(),
      log,
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    throw portInUse(port, dir, error);
  }
  const running = server;
  async function close(): Promise<void> {
    await running.close();
    if (options.removeOnClose) rmSync(dir, { recursive: true, force: true });
  }
  return { url: server.url, token, dir, ...(summary && { summary }), close };
}

function portInUse(port: number, dir: string, cause: unknown): BlastwallError {
  const keep = isSeeded(dir) ? ` The seeded demo stays in ${dir}: add --dir ${dir} to serve it again.` : '';
  return new BlastwallError('usage', `port ${port} is in use; pass --port N (0 picks a free one).${keep}`, {
    cause,
  });
}

/** Fails with a clear message when something already listens on the port. */
function assertPortFree(port: number, dir: string): Promise<void> {
  return new Promise((resolveProbe, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUse(port, dir, error) : error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolveProbe()));
  });
}
