#!/usr/bin/env node
// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose, see below */
// CommonJS (bin/package.json): an ES-module entry point makes Node load its ES-module loader first, a
// measurable share of a hook process that starts before every tool call an agent makes. dist/ stays ESM.
'use strict';

const argv = process.argv.slice(2);
// The agent hooks read "exit 2" as "block"; any other failure code would let the tool run. So when the
// verb is `hook`, every failure that happens before or outside the verb's own handling exits 2.
const isHook = argv[0] === 'hook';
const failure = isHook ? 2 : 4;

/** @param {unknown} error */
function fail(error) {
  process.stderr.write(
    `blastwall: internal error: ${error instanceof Error ? error.message : String(error)}${isHook ? ' — blocked' : ''}\n`,
  );
  process.exitCode = failure;
}

process.on('uncaughtException', fail);

/**
 * What this file uses of dist/main.js, declared here so that type-checking bin/ does not need a build.
 * @typedef {object} CliModule
 * @property {(argv: string[], deps?: object) => Promise<number>} main
 * @property {() => object} processDeps
 */
// A variable, so the type checker takes the module's type from CliModule rather than look for dist/.
const CLI = '../dist/main.js';
// A reader that went away (`blastwall report | head`) is not an error: stop quietly with the code so far.
// An agent that stops reading a hook's answer gets none, which fails closed: a hook exits 2 (blocked).
/** @param {NodeJS.ErrnoException} error */
function onClosedPipe(error) {
  if (error && error.code === 'EPIPE') process.exit(isHook ? 2 : (process.exitCode ?? 0));
  fail(error);
}
process.stdout.on('error', onClosedPipe);
process.stderr.on('error', onClosedPipe);

/** The whole CLI (dist/main.js), loaded only for the verb it runs. */
function runCli() {
  // Short-lived verbs run a few WebAssembly calls and exit: V8's optimising wasm tier would only burn CPU
  // compiling code the process never gets to use. Long-running verbs keep it.
  if (!['serve', 'mcp-proxy', 'demo'].includes(argv[0] ?? '')) {
    require('node:v8').setFlagsFromString('--liftoff-only');
  }
  // A hook whose stdin the thin client already read hands that payload on instead of an empty stdin.
  const payload = isHook ? require('./hook-client.js').consumedStdin() : undefined;
  /** @type {Promise<CliModule>} */ (import(CLI)).then(
    ({ main, processDeps }) =>
      main(
        argv,
        payload === undefined ? undefined : { ...processDeps(), readStdin: async () => payload },
      ).then((code) => {
        process.exitCode = isHook && code === 4 ? 2 : code;
      }, fail),
    fail,
  );
}

// The hook is answered by the warm hook daemon when one is running, else from its one-file bundle when there
// is a current one (bin/hook-client.js; both fail closed); everything else, and `hook --help`, goes through the
// full CLI.
if (isHook) {
  /** @type {Promise<number | undefined>} */
  let hookCode;
  try {
    hookCode = require('./hook-client.js').runHook(argv);
  } catch (error) {
    hookCode = Promise.reject(error);
  }
  hookCode.then((code) => {
    if (code === undefined) runCli();
    // Anything but a plain answer blocks: 2 is the code every supported agent reads as "blocked".
    else process.exitCode = Number.isInteger(code) && code !== 4 ? code : 2;
  }, fail);
} else if (argv[0] === 'check') {
  // `check … --no-risk` (a push check, a CI step) runs from the bundle when there is a current one.
  let checkCode;
  try {
    checkCode = require('./hook-bundle.js').runBundledCheck(argv);
  } catch {
    checkCode = undefined;
  }
  if (checkCode === undefined) runCli();
  else
    checkCode.then((/** @type {number | undefined} */ code) => {
      if (code === undefined) runCli();
      else process.exitCode = code;
    }, fail);
} else if (argv[0] === 'creds' && ['postgres', 'aws', 'kubernetes'].includes(argv[1] ?? '')) {
  // A credential plugin (AWS credential_process, kubectl exec plugin) runs before SDK calls: from its own small
  // bundle when the arguments allow (bin/creds-plugin.js), which fails closed; anything else, the full CLI.
  let pluginCode;
  try {
    pluginCode = require('./creds-plugin.js').runCredsPlugin(argv);
  } catch {
    pluginCode = undefined;
  }
  if (pluginCode === undefined) runCli();
  else
    pluginCode.then((/** @type {number | undefined} */ code) => {
      if (code === undefined) runCli();
      else process.exitCode = code;
    }, fail);
} else {
  runCli();
}
