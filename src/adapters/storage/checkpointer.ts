import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * Copies a SQLite WAL back into the database file from a worker thread, for a long-running server.
 *
 * By default SQLite checkpoints inside whichever commit pushes the WAL past 1,000 pages, and a
 * checkpoint fsyncs the WAL and the database file: milliseconds on this class of disk, during
 * which the server's event loop (better-sqlite3 is synchronous) answers nobody. Measured with
 * `bench/serve.mjs`, those stalls were most of the p99 latency. Here the serving connection stops
 * checkpointing and a worker with its own connection runs PASSIVE checkpoints, which never block
 * the writer. Durability is unchanged: a commit is in the WAL before it is acknowledged, and the
 * WAL is what a restart recovers from. If the worker fails, the connection checkpoints itself again.
 */
export interface Checkpointer {
  stop(): Promise<void>;
}

// The worker is a CommonJS script given as text, so it runs the same from src/ (tests) and dist/.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
let failures = 0;
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    failures = 0;
  } catch (error) {
    // Busy or locked for a moment: the next round tries again. Failing for seconds on end (a read-only
    // file, an I/O error), the worker ends, and the serving connection checkpoints itself again.
    if (++failures >= workerData.maxFailures) {
      clearInterval(timer);
      process.exit(1);
    }
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Moves checkpoints of the SQLite file at `path` off `connection` into a worker thread. */
export function startCheckpointer(
  connection: BetterSqlite3.Database,
  path: string,
  options: { intervalMs?: number; log?: (line: string) => void } = {},
): Checkpointer {
  const intervalMs = options.intervalMs ?? 200;
  const autocheckpoint = Number(connection.pragma('wal_autocheckpoint', { simple: true }));
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      intervalMs,
      maxFailures: Math.max(1, Math.ceil(5000 / intervalMs)),
    },
  });
  worker.unref();
  let stopping = false;
  let restored = false;
  const restore = (why: string) => {
    if (stopping || restored || !connection.open) return;
    restored = true;
    connection.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    // Said once, so that an operator who sees p99 rise knows why.
    options.log?.(`WAL checkpoint worker stopped (${why}); checkpoints run inside commits again`);
  };
  worker.on('error', (error) => restore(error.message));
  worker.on('exit', (code) => restore(`exit code ${code}`));
  connection.pragma('wal_autocheckpoint = 0');
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      if (connection.open) connection.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
