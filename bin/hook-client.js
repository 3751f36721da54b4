// @ts-check
// The thin client of `blastwall hook`: hands the hook run to a warm per-user daemon (bin/hook-daemon.js) over a
// unix socket, so a tool call costs Node's start-up and one round trip instead of loading and running the bundle.
// It loads only Node built-ins on that path. Anything short of a valid answer from a daemon of this very build —
// no daemon, refused, a wrong folder, an error, a malformed answer, no answer within the time limit — and the
// hook is decided in-process exactly as before (bin/hook-bundle.js), which fails closed. A daemon failure
// therefore costs time, never an allow. How it works and its limits: docs/hooks.md.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, like bin/blastwall.js */
'use strict';

const { fnv1a } = require('./fnv1a.js');

const { fstatSync, lstatSync, readFileSync, statSync, writeSync } = require('node:fs');
const { homedir } = require('node:os');
const { dirname, join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'hook', 'hook.cjs');
const COMPILED = join(__dirname, '..', 'dist', 'main.js');
const DAEMON = join(__dirname, 'hook-daemon.js');
// A warm daemon answers in a few milliseconds; a daemon that takes this long is treated as broken.
const DEFAULT_TIMEOUT_MS = 2000;
// Beyond this the in-process path refuses the payload anyway (4 MiB); answers are a few kilobytes.
const MAX_STDIN_BYTES = 4 * 1024 * 1024;
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
// sockaddr_un holds 108 bytes on Linux (104 on macOS) with the terminating NUL.
const MAX_SOCKET_PATH = 100;

/** @param {string} message */
function debug(message) {
  if (/\bblastwall\b/i.test(process.env.NODE_DEBUG ?? ''))
    process.stderr.write(`BLASTWALL ${process.pid}: ${message}\n`);
}

/**
 * The build a daemon must run to answer for this client: the bundle's path, size, time and inode and the Node
 * build. Undefined when there is no current bundle (the in-process path then runs the full CLI).
 */
function buildId() {
  try {
    const stat = statSync(BUNDLE);
    if (stat.mtimeMs < statSync(COMPILED).mtimeMs) return undefined;
    return [BUNDLE, stat.size, stat.mtimeMs, stat.ino, process.version, process.arch, process.execPath].join(
      '|',
    );
  } catch {
    return undefined;
  }
}

/**
 * The per-user folder of the daemon's socket: $XDG_RUNTIME_DIR/blastwall (a per-user tmpfs made for sockets),
 * else `run/` in blastwall's cache folder ($BLASTWALL_CACHE_DIR — which also takes precedence, so an isolated
 * cache means an isolated daemon — $XDG_CACHE_HOME/blastwall, ~/.cache/blastwall), else /tmp/blastwall-<uid>.
 * @param {NodeJS.ProcessEnv} env
 */
function socketDir(env) {
  const cache = env.BLASTWALL_CACHE_DIR;
  if (env.XDG_RUNTIME_DIR?.startsWith('/') && cache === undefined)
    return join(env.XDG_RUNTIME_DIR, 'blastwall');
  const dir = cache ?? join(env.XDG_CACHE_HOME ?? join(env.HOME || homedir(), '.cache'), 'blastwall');
  return dir.startsWith('/') ? join(dir, 'run') : fallbackDir();
}

function fallbackDir() {
  return `/tmp/blastwall-${uid()}`;
}

/** This user's id; only called once daemonOff has found unix user ids here. */
function uid() {
  if (typeof process.getuid !== 'function') throw new Error('no unix user ids here');
  return process.getuid();
}

/**
 * The socket of this build's daemon: a short hashed name, in /tmp/blastwall-<uid> when the path would be too long.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} build
 */
function socketPath(env, build) {
  const name = `hook-${fnv1a(build)}.sock`;
  const full = join(socketDir(env), name);
  return Buffer.byteLength(full) <= MAX_SOCKET_PATH ? full : join(fallbackDir(), name);
}

/**
 * Why a folder must not hold the socket, or undefined when it may: it must be a real directory (not a link) of
 * this user that nobody else can enter, or another user could answer in the daemon's place.
 * @param {string} dir
 */
function unsafeDir(dir) {
  let stat;
  try {
    stat = lstatSync(dir);
  } catch (error) {
    const { code } = /** @type {NodeJS.ErrnoException} */ (error);
    return code === 'ENOENT' ? 'missing' : String(code ?? error);
  }
  if (!stat.isDirectory()) return `${dir} is not a directory`;
  if (stat.uid !== uid()) return `${dir} belongs to another user`;
  if ((stat.mode & 0o077) !== 0)
    return `${dir} is open to other users (mode ${(stat.mode & 0o777).toString(8)})`;
  // Whoever may rename entries of the folder above could swap this one between the check and the connect;
  // a sticky folder (/tmp) lets only the owner rename.
  const parent = dirname(dir);
  let above;
  try {
    above = statSync(parent);
  } catch (error) {
    return `${parent}: ${String(/** @type {NodeJS.ErrnoException} */ (error).code ?? error)}`;
  }
  if ((above.mode & 0o022) !== 0 && (above.mode & 0o1000) === 0)
    return `${parent} can be changed by other users (mode ${(above.mode & 0o7777).toString(8)})`;
  return undefined;
}

/**
 * Why this run cannot use the daemon, or undefined when it may.
 * @param {readonly string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
function daemonOff(argv, env) {
  const setting = (env.BLASTWALL_HOOK_DAEMON ?? '').trim().toLowerCase();
  if (['0', 'off', 'false', 'no'].includes(setting))
    return `BLASTWALL_HOOK_DAEMON=${env.BLASTWALL_HOOK_DAEMON}`;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return 'no unix sockets here';
  if (argv.length < 2 || argv.some((a) => a === '-h' || a === '--help')) return 'arguments for the full CLI';
  try {
    // A terminal or nothing on stdin: reading it first would wait on a person; the full CLI explains instead.
    const stdin = fstatSync(0);
    if (!stdin.isFIFO() && !stdin.isFile() && !stdin.isSocket()) return 'stdin is not a pipe or file';
  } catch {
    return 'no stdin';
  }
  return undefined;
}

/**
 * Runs `blastwall hook …` through the daemon when it can, else in-process. Resolves to the exit code, or to
 * undefined when the arguments are for the full CLI (the caller runs it).
 * @param {readonly string[]} argv
 * @returns {Promise<number | undefined>}
 */
async function runHook(argv) {
  const env = process.env;
  const off = daemonOff(argv, env);
  const build = off ? undefined : buildId();
  if (off || !build) {
    debug(`hook in-process (${off ?? 'no current hook bundle'})`);
    return inProcess(argv, undefined);
  }
  let stdin;
  try {
    stdin = readFileSync(0);
  } catch (error) {
    // EAGAIN (a non-blocking pipe) and the like: the in-process path reads stdin as a stream.
    debug(`hook in-process (stdin: ${/** @type {NodeJS.ErrnoException} */ (error).code ?? error})`);
    return inProcess(argv, undefined);
  }
  const payload = stdin.toString('utf8');
  consumed = payload;
  if (stdin.length > MAX_STDIN_BYTES) {
    debug('hook in-process (payload too large for the daemon)');
    return inProcess(argv, payload);
  }
  const socket = socketPath(env, build);
  const dir = join(socket, '..');
  const unsafe = unsafeDir(dir);
  if (unsafe && unsafe !== 'missing') {
    debug(`hook in-process (socket folder not used: ${unsafe})`);
    return inProcess(argv, payload);
  }
  const timeout = Number(env.BLASTWALL_HOOK_DAEMON_TIMEOUT_MS) || DEFAULT_TIMEOUT_MS;
  const result = unsafe
    ? { failure: 'no daemon yet', unreachable: true }
    : await ask(socket, { argv, cwd: process.cwd(), env, stdin: payload, build }, build, timeout);
  if (result.answer) {
    debug(`hook answered by the daemon (${socket})`);
    write(1, result.answer.stdout);
    write(2, result.answer.stderr);
    return answerLost ? 2 : result.answer.exitCode;
  }
  debug(`hook in-process (daemon: ${result.failure})`);
  const code = inProcess(argv, payload);
  if (!result.unreachable || code === undefined) return code;
  // Nobody listens: start a daemon for the next call once this one is answered, without waiting for it.
  return code.finally(() => startDaemon(socket, build, env));
}

// The payload once this client has read stdin: the full CLI, when it answers after all, must not read it again.
/** @type {string | undefined} */
let consumed;

/** What the client read of stdin, if it did (see bin/blastwall.js runCli). */
function consumedStdin() {
  return consumed;
}

/**
 * @param {readonly string[]} argv
 * @param {string | undefined} stdin
 * @returns {Promise<number | undefined> | undefined}
 */
function inProcess(argv, stdin) {
  return require('./hook-bundle.js').runBundledHook(argv, stdin === undefined ? {} : { stdin });
}

/**
 * One request, one answer. Resolves to `{ answer }` only for a well-formed answer of this build with an exit
 * code; otherwise `{ failure, unreachable }` — unreachable when no daemon is listening at all.
 * @param {string} path
 * @param {unknown} request
 * @param {string} build
 * @param {number} timeoutMs
 * @returns {Promise<AskResult>}
 */
function ask(path, request, build, timeoutMs) {
  const net = require('node:net');
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let settled = false;
    const socket = net.createConnection(path);
    const done = (/** @type {AskResult} */ result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ failure: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.on('connect', () => socket.end(JSON.stringify(request)));
    socket.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) done({ failure: 'answer too large' });
      else chunks.push(chunk);
    });
    socket.on('end', () => done(readAnswer(Buffer.concat(chunks).toString('utf8'), build)));
    socket.on('close', () => done({ failure: 'connection closed without an answer' }));
    socket.on('error', (/** @type {NodeJS.ErrnoException} */ error) =>
      done({
        failure: error.code ?? error.message,
        unreachable: error.code === 'ENOENT' || error.code === 'ECONNREFUSED',
      }),
    );
  });
}

/**
 * What a daemon's answer said, or why it is not one.
 * @typedef {{ answer?: { stdout: string, stderr: string, exitCode: number }, failure?: string, unreachable?: boolean }} AskResult
 */

/**
 * @param {string} text
 * @param {string} build
 * @returns {AskResult}
 */
function readAnswer(text, build) {
  let answer;
  try {
    answer = JSON.parse(text);
  } catch {
    return { failure: 'malformed answer' };
  }
  if (typeof answer !== 'object' || answer === null) return { failure: 'malformed answer' };
  if (answer.build !== build) return { failure: 'answer from another build' };
  if (typeof answer.fallback === 'string') return { failure: answer.fallback };
  const { stdout, stderr, exitCode } = answer;
  if (typeof stdout !== 'string' || typeof stderr !== 'string') return { failure: 'malformed answer' };
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) return { failure: 'malformed answer' };
  return { answer: { stdout, stderr, exitCode } };
}

/**
 * Starts a detached daemon with a minimal environment: every request brings its own.
 * @param {string} socket
 * @param {string} build
 * @param {NodeJS.ProcessEnv} env
 */
function startDaemon(socket, build, env) {
  try {
    /** @type {Record<string, string>} */
    const daemonEnv = { PATH: env.PATH ?? '/usr/bin:/bin' };
    for (const key of [
      'BLASTWALL_HOOK_DAEMON_IDLE_MS',
      'BLASTWALL_CACHE_DIR',
      'BLASTWALL_CACHE',
      'XDG_CACHE_HOME',
    ])
      if (env[key] !== undefined) daemonEnv[key] = env[key];
    const child = require('node:child_process').spawn(process.execPath, [DAEMON, socket, build], {
      detached: true,
      stdio: 'ignore',
      env: daemonEnv,
      cwd: '/',
    });
    child.on('error', () => undefined);
    child.unref();
    debug(`started a hook daemon (pid ${child.pid})`);
  } catch (error) {
    // Only speed is lost: the next hook runs in-process again.
    debug(`could not start a hook daemon: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Writes straight to the file descriptor (see writeAll in hook.ts); a full non-blocking pipe uses the stream.
 * @param {1 | 2} fd
 * @param {string} text
 */
function write(fd, text) {
  if (!text) return;
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === 'EAGAIN') {
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(written));
      return;
    }
    // The agent stopped reading (EPIPE): its answer is lost, and silence with exit 0 reads as "go ahead"
    // to some agents, so the hook blocks instead.
    if (fd === 1) answerLost = true;
  }
}

/** Set when the answer could not be written to the agent. */
let answerLost = false;

module.exports = { runHook, buildId, socketPath, unsafeDir, consumedStdin };
