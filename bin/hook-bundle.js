// @ts-check
// Runs `blastwall hook` from its one-file bundle (dist/hook/hook.cjs, made by scripts/bundle-hook.mjs) with V8's
// code cache. An agent starts the hook before every tool call, so start-up is most of what it costs: the bundle
// saves resolving and loading ~120 modules, and the code cache saves compiling them. Node 20 has no built-in
// compile cache (module.enableCompileCache() is Node 22), so the bundle is compiled through vm.Script with
// cachedData, kept in blastwall's cache folder, keyed by the bundle's path, size and time and by the Node build.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, like bin/blastwall.js */
'use strict';

const { fnv1a } = require('./fnv1a.js');

const {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require('node:fs');
const nodeModule = require('node:module');
const { homedir } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '..', 'dist', 'hook', 'hook.cjs');
// `check … --no-risk` has its own smaller bundle (scripts/bundle-hook.mjs): only the modules a check needs.
const CHECK_BUNDLE = join(__dirname, '..', 'dist', 'hook', 'check.cjs');
// The probes (a deploy's dry-run, identities) are a bundle of their own that the hook bundle requires
// on first use (src/app/probes.ts); it is as large as the hook bundle, so it is compiled with a code cache too.
const PROBES_BUNDLE = join(__dirname, '..', 'dist', 'hook', 'probes.cjs');
// tsc rewrites every file of dist/: a bundle older than dist/main.js was made from older code, so it is not used.
const COMPILED = join(__dirname, '..', 'dist', 'main.js');
// One cache file per installed bundle, Node build and V8 flags: other installs and Node versions sharing the folder
// keep theirs. V8 rejects a cache made under other flags, and it reads the flags when the cache is made and when it
// is used, so a process that has set `--liftoff-only` (see `wasmFlags`) reads and writes the caches of that state.
/** @param {string} bundle */
const cachePrefix = (bundle) =>
  `hook-code-${fnv1a([bundle, process.version, process.arch, process.execPath, ...(liftoffOnly ? ['--liftoff-only'] : [])].join('\0'))}-`;
// Packages that compile WebAssembly when loaded (Cedar, the PostgreSQL parser); see `wasmFlags`.
const WASM_PACKAGES = /^(@cedar-policy\/cedar-wasm|libpg-query)(\/|$)/;

/**
 * What bin/ uses of the bundle's exports (the hook verb's module, see scripts/bundle-hook.mjs).
 * @typedef {object} HookBundleExports
 * @property {(argv: readonly string[]) => unknown} parseHookArgs
 * @property {(argv: readonly string[], input: { stdin?: string }) => Promise<number | undefined>} runHookProcess
 * @property {(request: unknown, build: string) => Promise<unknown>} answerDaemonRequest
 */

/**
 * What bin/ uses of the check bundle's exports (src/interfaces/cli/check-process.ts).
 * @typedef {object} CheckBundleExports
 * @property {(argv: readonly string[]) => unknown} parseCheckArgs
 * @property {(argv: readonly string[]) => Promise<number | undefined>} runCheckProcess
 */

/**
 * `NODE_DEBUG=blastwall` says which way the hook ran (bundle or full CLI, code cache hit or miss).
 * @param {string} message
 */
function debug(message) {
  if (/\bblastwall\b/i.test(process.env.NODE_DEBUG ?? ''))
    process.stderr.write(`BLASTWALL ${process.pid}: ${message}\n`);
}

/**
 * Runs the hook verb from the bundle and resolves to its exit code. Undefined when there is no current bundle
 * or the arguments are not the plain `hook <agent> [options]` form: the caller then runs the full CLI.
 * `input.stdin` is the payload when the caller has already read it (bin/hook-client.js tried the daemon first).
 * @param {readonly string[]} argv
 * @param {{ stdin?: string }} [input]
 * @returns {Promise<number | undefined> | undefined}
 */
function runBundledHook(argv, input = {}) {
  const bundle = loadBundle();
  if (!bundle || !bundle.hook.parseHookArgs(argv)) {
    debug(bundle ? 'hook arguments for the full CLI' : 'no current hook bundle, full CLI');
    return undefined;
  }
  const running = bundle.hook.runHookProcess(argv, input);
  // Written after the run, so the functions this run compiled lazily are in the cache too.
  running.then(saveCodeCaches, () => undefined);
  return running;
}

/**
 * Runs `check … --no-risk` from its own bundle (dist/hook/check.cjs, see src/interfaces/cli/check-process.ts) and
 * resolves to its exit code; undefined when there is no current bundle or the arguments need the full CLI.
 * @param {readonly string[]} argv
 * @returns {Promise<number | undefined> | undefined}
 */
function runBundledCheck(argv) {
  const bundle = loadCheckBundle();
  if (!bundle || !bundle.check.parseCheckArgs(argv)) {
    debug(bundle ? 'check arguments for the full CLI' : 'no current check bundle, full CLI');
    return undefined;
  }
  const running = bundle.check.runCheckProcess(argv);
  running.then(saveCodeCaches, () => undefined);
  return running;
}

/** @returns {{ check: CheckBundleExports, saveCodeCache: () => void } | undefined} */
function loadCheckBundle() {
  const loaded = loadFile(CHECK_BUNDLE, ['parseCheckArgs', 'runCheckProcess'], false);
  return (
    loaded && {
      check: /** @type {CheckBundleExports} */ (loaded.exported),
      saveCodeCache: loaded.saveCodeCache,
    }
  );
}

/**
 * Loads the current hook bundle, or undefined. `longRunning` (the hook daemon, bin/hook-daemon.js) keeps V8's
 * default WebAssembly tiers: a process that answers many hooks gains from optimised code.
 * @param {{ longRunning?: boolean }} [options]
 * @returns {{ hook: HookBundleExports, saveCodeCache: () => void } | undefined}
 */
function loadBundle({ longRunning = false } = {}) {
  const loaded = loadFile(BUNDLE, ['runHookProcess', 'parseHookArgs', 'answerDaemonRequest'], longRunning);
  return (
    loaded && {
      hook: /** @type {HookBundleExports} */ (loaded.exported),
      saveCodeCache: loaded.saveCodeCache,
    }
  );
}

/**
 * Compiles and runs one bundle (with its code cache) and returns its exports, or undefined when it is missing,
 * older than dist/, fails to load or lacks one of the `required` functions.
 * @param {string} file
 * @param {readonly string[]} required
 * @param {boolean} longRunning
 * @returns {{ exported: Record<string, unknown>, saveCodeCache: () => void } | undefined}
 */
function loadFile(file, required, longRunning) {
  let source;
  let stat;
  try {
    stat = statSync(file);
    if (stat.mtimeMs < statSync(COMPILED).mtimeMs) return undefined;
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const cacheFile = codeCacheFile(file, stat);
  let cachedData;
  try {
    if (cacheFile) cachedData = readFileSync(cacheFile);
  } catch {
    // No code cache yet: compiled from source, and the cache written after the run.
  }
  let script;
  /** @type {Record<string, unknown>} */
  let exported;
  /** @type {() => void} */
  let save = () => undefined;
  const saveCodeCache = () => {
    save();
    save = () => undefined;
  };
  const name = file.slice(join(file, '..').length + 1).replace(/\.cjs$/, '');
  try {
    script = new Script(
      `(function (exports, require, module, __filename, __dirname, __bundleUrl) {${source}\n})`,
      { filename: file, ...(cachedData && { cachedData }) },
    );
    /** @type {{ exports: Record<string, unknown> }} */
    const bundleModule = { exports: {} };
    script.runInThisContext()(
      bundleModule.exports,
      bundleRequire(file, longRunning),
      bundleModule,
      file,
      join(file, '..'),
      pathToFileURL(file).href,
    );
    exported = bundleModule.exports;
    if (required.some((name) => typeof exported[name] !== 'function')) return undefined;
  } catch (error) {
    debug(
      `bundle ${file} failed to load (${error instanceof Error ? error.message : String(error)}), ${name === 'probes' ? 'compiled by require' : 'full CLI'}`,
    );
    return undefined;
  }
  const hit = cachedData !== undefined && !script.cachedDataRejected;
  debug(
    `${name} bundle, code cache ${cacheFile ? (hit ? 'hit' : 'miss') : 'off'}${liftoffOnly ? ' (--liftoff-only)' : ''}`,
  );
  if (cacheFile) {
    const compiled = script;
    // The cache is written for the flags V8 has when it is made: when a WebAssembly package set them after the
    // bundle was compiled from a hit, the cache of that other state is still worth writing.
    save = () => {
      const target = codeCacheFile(file, stat);
      if (target && !(hit && target === cacheFile)) writeCodeCache(compiled, target, cachePrefix(file));
    };
    savers.push(saveCodeCache);
  }
  return { exported, saveCodeCache };
}

/**
 * The code cache writers of the bundles this process loaded, see `saveCodeCaches`.
 * @type {(() => void)[]}
 */
const savers = [];

/**
 * Writes the code caches of every bundle loaded so far (each at most once): after the run, so the functions it
 * compiled lazily are in the cache too, or before V8's flags change (see `wasmFlags`).
 */
function saveCodeCaches() {
  for (const save of savers) save();
}

/**
 * The probes bundle's exports once loaded (see `loadProbes`).
 * @type {Record<string, unknown> | undefined}
 */
let probes;

/**
 * The probes bundle, compiled with its code cache like the hook bundle. When that fails (missing or older than
 * dist/, a load error), Node's own require compiles it from source: exactly what ran before there was a cache, so
 * its errors reach the gate as they always did, and the gate holds the push.
 * @param {NodeJS.Require} real
 * @param {string} id
 * @param {boolean} longRunning
 */
function loadProbes(real, id, longRunning) {
  if (probes) return probes;
  const loaded = loadFile(PROBES_BUNDLE, ['effect', 'identities'], longRunning);
  probes = loaded ? loaded.exported : /** @type {Record<string, unknown>} */ (real(id));
  return probes;
}

/**
 * The `require` a bundle runs with: its own, except that loading a WebAssembly package first writes the code
 * caches and sets V8's flags (unless `longRunning`) — directly (libpg-query) or through `createRequire` (Cedar is
 * loaded lazily that way) — and that the probes bundle (required through `createRequire`) is loaded with its cache.
 * @param {string} file
 * @param {boolean} longRunning
 */
function bundleRequire(file, longRunning) {
  /** @type {(real: NodeJS.Require) => NodeJS.Require} */
  const guard = (real) =>
    Object.assign((/** @type {string} */ id) => {
      if (WASM_PACKAGES.test(id)) {
        debug(`loading ${id}`);
        if (!longRunning) {
          // V8 keeps its flags in the code cache's key: the caches of this state are written before they change.
          saveCodeCaches();
          wasmFlags();
        }
      }
      if (id === 'node:module' || id === 'module') return moduleApi;
      if (id.endsWith('probes.cjs') && real.resolve(id) === PROBES_BUNDLE)
        return loadProbes(real, id, longRunning);
      return real(id);
    }, real);
  const moduleApi = Object.assign(Object.create(nodeModule), {
    createRequire: (/** @type {string | URL} */ from) => guard(nodeModule.createRequire(from)),
  });
  return guard(nodeModule.createRequire(file));
}

/**
 * A hook runs a few WebAssembly calls and exits: V8's optimising wasm tier would only burn CPU compiling code
 * the process never gets to use. Set only when a WebAssembly package is loaded (most hooks answer from the
 * decision record and never load one), since loading node:v8 has a cost of its own.
 */
function wasmFlags() {
  if (liftoffOnly) return;
  require('node:v8').setFlagsFromString('--liftoff-only');
  liftoffOnly = true;
}

/** Whether this process has set `--liftoff-only`: part of the code cache's key (see `cachePrefix`). */
let liftoffOnly = false;

/**
 * The code cache file for this bundle and Node build, or undefined when caching is off.
 * @param {string} file
 * @param {import('node:fs').Stats} stat
 */
function codeCacheFile(file, stat) {
  const env = process.env;
  if (env.BLASTWALL_CACHE === 'off') return undefined;
  const dir =
    env.BLASTWALL_CACHE_DIR ?? join(env.XDG_CACHE_HOME ?? join(env.HOME || homedir(), '.cache'), 'blastwall');
  if (dir === 'off') return undefined;
  // V8 checks its own version and flags but not the source text: the key must change whenever the bundle does.
  const key = fnv1a([stat.size, stat.mtimeMs, stat.ino].join('\0'));
  return join(dir, `${cachePrefix(file)}${key}.bin`);
}

/**
 * Writes the code cache and removes caches of earlier bundles; a cache that cannot be written only costs speed.
 * Written whole to a temporary file, then renamed: V8 checks a cache's version, flags, source length and size, but
 * (in release builds) not a checksum of its contents, so a half-written file must never be seen. The folder is
 * blastwall's own cache, which the gate's self-protection guards like the install itself.
 * @param {import('node:vm').Script} script
 * @param {string} file
 * @param {string} prefix
 */
function writeCodeCache(script, file, prefix) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const data = script.createCachedData();
    const dir = join(file, '..');
    mkdirSync(dir, { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, file);
    const name = file.slice(dir.length + 1);
    for (const other of readdirSync(dir))
      if (other.startsWith(prefix) && other.endsWith('.bin') && other !== name) unlinkSync(join(dir, other));
  } catch {
    // Read-only or full disk: the next run compiles from source again.
    try {
      unlinkSync(temp);
    } catch {
      // There was no temporary file.
    }
  }
}

module.exports = { runBundledHook, runBundledCheck, loadBundle };
