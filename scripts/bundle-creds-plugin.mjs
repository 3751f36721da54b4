#!/usr/bin/env node
// Bundles the credential plugin process (src/creds-plugin-main.ts) into one dependency-free file,
// dist/creds/plugin.cjs, run by bin/blastwall.js for `blastwall creds postgres|aws|kubernetes ENV`. AWS runs it as a
// credential_process and kubectl as an exec plugin before SDK calls that need credentials, so its start-up is
// nearly all it costs: Node built-ins and one HTTP request, no commander, YAML or schema modules (issue 20).
// Runs after `tsc`, like scripts/bundle-hook.mjs. Measured by bench/creds.mjs.
/* global process, console */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'creds-plugin-main.js');
const outfile = join(root, 'dist', 'creds', 'plugin.cjs');

if (!existsSync(entry)) {
  console.error(
    `bundle-creds-plugin: ${relative(root, entry)} is missing; run \`tsc -p tsconfig.build.json\` first`,
  );
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
  minify: true,
  // Nothing outside Node itself: a package reached from here is a mistake that would slow every plugin run.
  external: [],
  plugins: [
    {
      name: 'built-ins-only',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('node:')
            ? { path: args.path, external: true }
            : { errors: [{ text: `${args.path}: the credential plugin bundle takes Node built-ins only` }] },
        );
      },
    },
  ],
  logLevel: 'warning',
  metafile: true,
});
const inputs = Object.keys(result.metafile.inputs).length;
const size = statSync(outfile).size;
console.log(
  `bundle-creds-plugin: ${relative(root, outfile)} — ${inputs} modules, ${(size / 1024).toFixed(0)} KiB`,
);
