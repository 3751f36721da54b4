#!/usr/bin/env node
// Runs every benchmark in bench/ one after another, each in its own process, so one's heap and JIT state never colour
// another's numbers. `npm run bench` builds first; `node bench/run.mjs gate check` runs only the named ones.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const NOT_BENCHMARKS = new Set(['lib.mjs', 'run.mjs']);
const available = readdirSync(here)
  .filter((name) => name.endsWith('.mjs') && !NOT_BENCHMARKS.has(name))
  .map((name) => name.slice(0, -'.mjs'.length))
  .sort();

const wanted = process.argv.slice(2).map((name) => name.replace(/\.mjs$/, ''));
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`bench: no benchmark named ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}

const failed = [];
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n=== bench/${name}.mjs ===\n`);
  const started = Date.now();
  const result = spawnSync(process.execPath, [join(here, `${name}.mjs`)], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`\n--- ${name}: done in ${seconds} s`);
  else {
    failed.push(name);
    console.log(`\n--- ${name}: FAILED (${result.signal ?? `exit ${result.status}`}) after ${seconds} s`);
  }
}
if (failed.length > 0) {
  console.error(`bench: ${failed.length} benchmark(s) failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
