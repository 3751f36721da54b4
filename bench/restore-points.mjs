#!/usr/bin/env node
// What a restore point adds to a decision (DESIGN.md's agent-undoable-workspace): the gate deciding `git clean -fd`,
// `git reset --hard` and `rm -rf notes` in a repository with uncommitted work, in process and warm, against the same
// gate deciding `git status` (no restore point) and against git itself doing the reads a restore point needs
// (`git clean -n` + `git stash create`, as processes) in the same run.
/* global process, console */
// Usage: npm run build && node bench/restore-points.mjs   (BENCH_PASSES=40 decisions per command)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ms, percentiles, table, timeProcess } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PASSES = Number(process.env.BENCH_PASSES ?? 40);
const home = mkdtempSync(join(os.tmpdir(), 'bw-bench-restore-'));
const repo = join(home, 'project');
const data = join(home, 'data');
try {
  mkdirSync(repo, { recursive: true });
  const git = (...args) =>
    execFileSync('git', ['-c', 'user.name=b', '-c', 'user.email=b@example.com', ...args], { cwd: repo });
  writeFileSync(join(repo, 'blastwall.yaml'), 'people: []\nservices: []\n');
  // 200 tracked source files, 40 of them changed; 60 untracked notes of 2 KiB; a node_modules that is not kept
  for (let i = 0; i < 200; i++) {
    mkdirSync(join(repo, 'src', `m${i % 10}`), { recursive: true });
    writeFileSync(join(repo, 'src', `m${i % 10}`, `f${i}.ts`), `export const v${i} = ${i};\n`.repeat(20));
  }
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'init');
  for (let i = 0; i < 40; i++) writeFileSync(join(repo, 'src', `m${i % 10}`, `f${i}.ts`), `changed ${i}\n`);
  mkdirSync(join(repo, 'notes'), { recursive: true });
  for (let i = 0; i < 60; i++) writeFileSync(join(repo, 'notes', `n${i}.md`), 'x'.repeat(2048));
  mkdirSync(join(repo, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(repo, 'node_modules', 'x', 'index.js'), 'module.exports = 1;\n');

  const { createGate } = await import(pathToFileURL(join(root, 'dist', 'app', 'gate.js')).href);
  const env = { HOME: home, PATH: process.env.PATH ?? '/usr/bin:/bin', BLASTWALL_CACHE: 'off' };
  const gate = await createGate({ cwd: repo, env, restorePointsIn: data });
  const time = (command) => {
    const times = [];
    for (let i = 0; i < PASSES; i++) {
      const started = performance.now();
      const decision = gate.evaluateCommand({ command });
      times.push(performance.now() - started);
      if (decision.decision !== 'allow') throw new Error(`${command} was not allowed: ${decision.reasons}`);
    }
    return percentiles(times);
  };
  const rows = [];
  const status = time('git status');
  rows.push(['git status (no restore point)', ms(status.p50), ms(status.p99), '—']);
  const clean = percentiles(timeProcess('git', ['clean', '-n', '-d'], { runs: PASSES, cwd: repo }));
  const stash = percentiles(timeProcess('git', ['stash', 'create'], { runs: PASSES, cwd: repo }));
  const reads = { p50: clean.p50 + stash.p50, p99: clean.p99 + stash.p99 };
  rows.push(['baseline: git clean -n + git stash create (processes)', ms(reads.p50), ms(reads.p99), '1.00×']);
  for (const command of ['git clean -fd', 'git reset --hard', 'rm -rf notes']) {
    const t = time(command);
    rows.push([
      `${command} (restore point taken)`,
      ms(t.p50),
      ms(t.p99),
      `${(t.p50 / reads.p50).toFixed(2)}×`,
    ]);
  }
  console.log(table(['decision (warm gate, in process)', 'p50', 'p99', 'p50 vs git baseline'], rows));
  console.log(
    `\n${PASSES} decisions each; repository: 200 tracked files (40 changed), 60 untracked 2 KiB notes, node_modules (named, not kept)`,
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
