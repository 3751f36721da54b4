#!/usr/bin/env node
// cc-safety-net on the blind corpora (test/corpus-blind*/, written without reading either tool), beside the numbers
// blastwall's own run of it prints (`npx vitest run test/corpus-blind.spec.ts`, which also runs the two-step chains).
/* global process, console */
// Usage: node bench/corpus-blind.mjs
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { share, table } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORPORA = [
  'corpus-blind',
  'corpus-blind-2',
  'corpus-blind-3',
  'corpus-blind-4',
  'corpus-blind-5',
  'corpus-blind-6',
  'corpus-blind-7',
];
const read = (dir, name) =>
  readFileSync(join(root, 'test', dir, name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));

const home = mkdtempSync(join(os.tmpdir(), 'bw-blind-'));
try {
  // an empty home keeps the user's own cc-safety-net rules out of the comparison
  mkdirSync(join(home, 'project'), { recursive: true });
  process.env.HOME = home;
  process.env.CC_SAFETY_NET_HOME = join(home, '.cc-safety-net');
  const { checkCommand } = await import('cc-safety-net/api');
  const rows = [];
  for (const dir of CORPORA)
    for (const level of ['standard', 'strict']) {
      process.env.CC_SAFETY_NET_LEVEL = level;
      const stopped = (line) =>
        checkCommand({ command: line.command, cwd: join(home, 'project') }).kind !== 'allow';
      const destructive = read(dir, 'destructive.jsonl');
      const everyday = read(dir, 'everyday.jsonl');
      const caught = destructive.filter(stopped).length;
      const wrong = everyday.filter(stopped).length;
      rows.push([
        dir,
        `cc-safety-net (${level})`,
        share(caught, destructive.length),
        share(wrong, everyday.length),
      ]);
    }
  console.log(table(['corpus', 'tool', 'destructive stopped', 'everyday stopped'], rows));
} finally {
  rmSync(home, { recursive: true, force: true });
}
