// @ts-check
// The warm hook daemon: loads the hook bundle once and answers `blastwall hook` runs handed over by the thin
// client (bin/hook-client.js) on a per-user unix socket, one JSON request and answer per connection. Started
// detached by a client that found no daemon: `node bin/hook-daemon.js SOCKET BUILD`. It decides each request
// with the request's own cwd, environment and stdin (answerDaemonRequest in src/hook-main.ts).
// It exits — removing its socket — when idle for $BLASTWALL_HOOK_DAEMON_IDLE_MS (default 30 min), when its
// bundle changes, when its socket is removed or replaced, and on any unexpected error; clients then decide
// in-process and start a new one. Nothing it does can make a hook allow: a failure only costs the client time.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, like bin/blastwall.js */
'use strict';

const { chmodSync, mkdirSync, statSync, unlinkSync } = require('node:fs');
const net = require('node:net');
const { dirname } = require('node:path');
const { buildId, unsafeDir } = require('./hook-client.js');

const [socketPath, expectedBuild] = process.argv.slice(2);
const IDLE_MS = Number(process.env.BLASTWALL_HOOK_DAEMON_IDLE_MS) || 30 * 60 * 1000;
// A request is a few kilobytes; the client sends at most a 4 MiB payload and its environment.
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
// A client that connects and sends nothing is dropped (it falls back after its own time limit anyway).
const REQUEST_TIMEOUT_MS = 10_000;

let lastUsed = Date.now();
let active = 0;
/** @type {number | undefined} */
let socketIno;

/** @param {number} code */
function exit(code) {
  removeOwnSocket();
  process.exit(code);
}

/** Removes the socket file only while it is still this daemon's (another daemon may have taken the name). */
function removeOwnSocket() {
  try {
    if (socketIno !== undefined && statSync(socketPath).ino === socketIno) unlinkSync(socketPath);
  } catch {
    // Already gone.
  }
}

process.on('uncaughtException', () => exit(1));
process.on('unhandledRejection', () => exit(1));
process.on('SIGTERM', () => exit(0));
process.on('SIGINT', () => exit(0));

const build = buildId();
if (!socketPath || !expectedBuild || build !== expectedBuild) process.exit(0);
const dir = dirname(socketPath);
try {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
} catch {
  process.exit(0);
}
// The client refuses such a folder too; a folder someone else can enter is left alone, not "fixed".
if (unsafeDir(dir) !== undefined) process.exit(0);

const bundle = require('./hook-bundle.js').loadBundle({ longRunning: true });
if (!bundle) process.exit(0);
const { answerDaemonRequest } = bundle.hook;

const server = net.createServer({ allowHalfOpen: true }, serve);
listen(true);

/** @param {boolean} retry */
function listen(retry) {
  server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code !== 'EADDRINUSE' || !retry) process.exit(0);
    // Another daemon of this build is listening (a racing client started it): leave it be. A socket file
    // nobody listens on (a daemon that was killed) is removed and bound again.
    const probe = net.createConnection(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      process.exit(0);
    });
    probe.once('error', (/** @type {NodeJS.ErrnoException} */ probeError) => {
      if (probeError.code !== 'ECONNREFUSED') process.exit(0);
      try {
        unlinkSync(socketPath);
      } catch {
        // Another daemon removed it first.
      }
      listen(false);
    });
  });
  server.listen(socketPath, () => {
    try {
      chmodSync(socketPath, 0o600);
      socketIno = statSync(socketPath).ino;
    } catch {
      exit(0);
    }
    const every = Math.min(2000, Math.max(50, Math.floor(IDLE_MS / 4)));
    setInterval(check, every);
  });
}

/** Exits when idle, when the bundle was rebuilt, or when the socket is no longer this daemon's. */
function check() {
  if (active === 0 && Date.now() - lastUsed >= IDLE_MS) exit(0);
  if (buildId() !== build) exit(0);
  try {
    if (statSync(socketPath).ino !== socketIno) process.exit(0);
  } catch {
    process.exit(0);
  }
}

/** @param {import('node:net').Socket} connection */
function serve(connection) {
  active++;
  lastUsed = Date.now();
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    active--;
    lastUsed = Date.now();
  };
  connection.setTimeout(REQUEST_TIMEOUT_MS, () => connection.destroy());
  connection.on('error', () => connection.destroy());
  connection.on('close', finish);
  connection.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) connection.destroy();
    else chunks.push(chunk);
  });
  connection.on('end', () => {
    let request;
    try {
      request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      connection.end(JSON.stringify({ build, fallback: 'malformed request' }));
      return;
    }
    // The daemon exits at start-up unless `build` is the string it was started for.
    answerDaemonRequest(request, /** @type {string} */ (build)).then(
      (answer) => connection.end(JSON.stringify(answer)),
      // answerDaemonRequest does not reject; if it ever does, no answer: the client decides in-process.
      () => connection.destroy(),
    );
  });
}
