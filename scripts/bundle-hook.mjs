#!/usr/bin/env node
// Bundles the hook process (src/hook-main.ts, the `blastwall hook` verb's own entry) into one file, dist/hook/hook.cjs, run by bin/blastwall.js.
// An agent starts the hook process before every tool call, so its start-up is most of its cost: resolving and
// compiling ~120 ES modules took longer than the decision itself. One CommonJS file is compiled once and kept in
// V8's code cache by the bin. Runs after `tsc` (it bundles dist/, exactly the code the rest of the CLI runs).
// Measured in docs/benchmarks.md; `NODE_DEBUG=blastwall blastwall hook …` says whether a hook ran from the bundle.
// `BUNDLE_MINIFY=0 node scripts/bundle-hook.mjs` keeps the names, for a readable `node --cpu-prof` of a hook or check.
/* global process, console */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'hook-main.js');
// Two folders below the package root, like every dist/<layer>/<file>.js: PACKAGE_ROOT ('../../') still resolves.
const outfile = join(root, 'dist', 'hook', 'hook.cjs');
// Node built-ins the hook reaches only on some paths (git runs only to list catalog files): bundled as stubs
// that load the real module on first call, so a hook that never calls them never loads them.
const LAZY_BUILTINS = ['node:child_process'];

/** esbuild plugin: `import { execFile } from 'node:child_process'` → a function that requires it when called. */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(${LAZY_BUILTINS.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin' ? undefined : { path: args.path, namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, async (args) => {
      const real = await import(args.path);
      const names = Object.keys(real).filter(
        (name) => typeof real[name] === 'function' && /^[a-z]\w*$/i.test(name),
      );
      const lines = names.map(
        (name) => `export function ${name}(...args) { return load().${name}(...args); }`,
      );
      return {
        contents: `let real;\nconst load = () => (real ??= require(${JSON.stringify(args.path)}));\n${lines.join('\n')}\n`,
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

// The probes (a deploy's dry-run, identities) are their own bundle, loaded by src/app/probes.ts only when a command
// needs them: the hook bundle leaves their module out. A push's change check is in the hook bundle itself (a lazily
// initialised module): it shares the configuration, catalog and policy code the hook has loaded.
const probesEntry = join(root, 'dist', 'app', 'local-probes.js');
const probesOutfile = join(root, 'dist', 'hook', 'probes.cjs');
const probesOutside = {
  name: 'probes-outside',
  setup(b) {
    b.onResolve({ filter: /\/local-probes\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

if (!existsSync(entry)) {
  console.error(`bundle-hook: ${relative(root, entry)} is missing; run \`tsc -p tsconfig.build.json\` first`);
  process.exit(1);
}
mkdirSync(dirname(outfile), { recursive: true });
const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.BUNDLE_MINIFY !== '0',
  // Loaded at run time from node_modules, and only when needed: WebAssembly packages read their .wasm next to
  // themselves, and zod/yaml are reached through createRequire (cache misses only), which esbuild leaves alone.
  external: ['@cedar-policy/cedar-wasm', '@cedar-policy/cedar-wasm/*', 'libpg-query'],
  // Modules find the package's files (policies/, schema/) and node_modules from their own URL, which the bin
  // passes in as __bundleUrl. `performance.now()` (decision timing) would load perf_hooks: the same monotonic
  // clock is read through process.hrtime.
  define: { 'import.meta.url': '__bundleUrl', 'performance.now': '__hookNow' },
  banner: { js: '"use strict";const __hookNow = () => Number(process.hrtime.bigint()) / 1e6;' },
  plugins: [lazyBuiltins, probesOutside],
  logLevel: 'warning',
  metafile: true,
});
await build({
  entryPoints: [probesEntry],
  outfile: probesOutfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.BUNDLE_MINIFY !== '0',
  external: ['@cedar-policy/cedar-wasm', '@cedar-policy/cedar-wasm/*', 'libpg-query'],
  // Two folders below the package root like the hook bundle, so PACKAGE_ROOT ('../../') still resolves.
  define: { 'import.meta.url': '__probesUrl' },
  banner: { js: '"use strict";const __probesUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
// `check … --no-risk` (an agent's push check, a CI step) is its own bundle: the check's modules only, none of the
// hook's classifiers, gate or policy engine; Cedar and the risk model stay outside (loaded only by a run that needs
// them). Same folder depth and the same __bundleUrl as the hook bundle, loaded by bin/hook-bundle.js.
const checkEntry = join(root, 'dist', 'interfaces', 'cli', 'check-process.js');
const checkOutfile = join(root, 'dist', 'hook', 'check.cjs');
const checkResult = await build({
  entryPoints: [checkEntry],
  outfile: checkOutfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: process.env.BUNDLE_MINIFY !== '0',
  external: ['@cedar-policy/cedar-wasm', '@cedar-policy/cedar-wasm/*', 'libpg-query'],
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: '"use strict";' },
  plugins: [lazyBuiltins],
  logLevel: 'warning',
  metafile: true,
});
const checkInputs = Object.keys(checkResult.metafile.inputs).length;
console.log(
  `bundle-hook: ${relative(root, checkOutfile)} — ${checkInputs} modules, ${(statSync(checkOutfile).size / 1024).toFixed(0)} KiB`,
);
const inputs = Object.keys(result.metafile.inputs).length;
const size = statSync(outfile).size;
console.log(`bundle-hook: ${relative(root, outfile)} — ${inputs} modules, ${(size / 1024).toFixed(0)} KiB`);
