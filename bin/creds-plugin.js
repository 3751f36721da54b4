// @ts-check
// Runs `blastwall creds postgres|aws|kubernetes ENV` from its one-file bundle (dist/creds/plugin.cjs, made by
// scripts/bundle-creds-plugin.mjs): AWS runs it as a credential_process and kubectl as an exec plugin before SDK
// calls that need credentials, so it loads Node built-ins and one small file instead of the whole CLI.
// `NODE_DEBUG=blastwall` says which way it ran.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, like bin/blastwall.js */
'use strict';

const { statSync } = require('node:fs');
const { join } = require('node:path');

const BUNDLE = join(__dirname, '..', 'dist', 'creds', 'plugin.cjs');
// tsc rewrites every file of dist/: a bundle older than dist/main.js was made from older code, so it is not used.
const COMPILED = join(__dirname, '..', 'dist', 'main.js');

/** @param {string} message */
function debug(message) {
  if (/\bblastwall\b/i.test(process.env.NODE_DEBUG ?? ''))
    process.stderr.write(`BLASTWALL ${process.pid}: ${message}\n`);
}

/**
 * Runs the plugin from the bundle and resolves to its exit code. Undefined when there is no current bundle or
 * the arguments need the full CLI (`--help`, `--config`, a server or token only blastwall.yaml gives).
 * @param {readonly string[]} argv
 * @returns {Promise<number | undefined> | undefined}
 */
function runCredsPlugin(argv) {
  /** @type {{ runCredsPlugin?: (argv: readonly string[]) => Promise<number | undefined> }} */
  let bundle;
  try {
    if (statSync(BUNDLE).mtimeMs < statSync(COMPILED).mtimeMs) {
      debug('credential plugin bundle older than dist/, full CLI');
      return undefined;
    }
    bundle = require(BUNDLE);
  } catch {
    debug('no credential plugin bundle, full CLI');
    return undefined;
  }
  if (typeof bundle.runCredsPlugin !== 'function') return undefined;
  return bundle.runCredsPlugin(argv).then((code) => {
    debug(
      code === undefined
        ? 'credential plugin arguments for the full CLI'
        : 'credential plugin answered from its bundle',
    );
    return code;
  });
}

module.exports = { runCredsPlugin };
