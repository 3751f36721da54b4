/* global process, console, Buffer, performance */
// Change-risk benchmark: Kamei metrics for every commit of a large history, as a ratio to plain
// `git log --numstat` over the same history in the same run; then the eval figures of the four JIT projects.
// Run after `npm run build`: node bench/risk.mjs [--repo DIR] [--commits N] [--data DIR]
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { historyGitArgs, historyMetrics } from '../dist/adapters/git/history.js';
import { parseJitCsv } from '../dist/core/risk/dataset.js';
import { evaluateChronologically } from '../dist/core/risk/eval-protocol.js';

const { values } = parseArgs({
  options: {
    repo: { type: 'string' },
    commits: { type: 'string', default: '5000' },
    data: { type: 'string', default: process.env.BLASTWALL_JIT_DATA ?? findJitData() },
  },
});

/** The nearest `shared/data/jit` beside the project or one of its parents (`../shared/data/jit`), or ''. */
function findJitData() {
  for (let dir = dirname(join(import.meta.dirname, '..')); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'jit');
    if (existsSync(join(candidate, 'jdt.csv'))) return candidate;
    if (dirname(dir) === dir) return '';
  }
}

/** A deterministic synthetic history written with git fast-import (thousands of commits in seconds). */
function generateRepo(commits) {
  const dir = mkdtempSync(join(tmpdir(), 'blastwall-bench-'));
  execFileSync('git', ['init', '-q', '-b', 'main', dir]);
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const files = new Map();
  const authors = Array.from({ length: 40 }, (_, i) => `dev${i} <dev${i}@example.com>`);
  const chunks = [];
  for (let c = 0; c < commits; c++) {
    const touched = 1 + Math.floor(random() ** 2 * 6);
    const at = 1_500_000_000 + c * 3_600;
    const message = random() < 0.2 ? `Fix bug ${c}` : `Change ${c}`;
    chunks.push(
      `commit refs/heads/main\nmark :${c + 1}\nauthor ${authors[Math.floor(random() * authors.length)]} ${at} +0000\ncommitter bench <bench@example.com> ${at} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`,
    );
    if (c > 0) chunks.push(`from :${c}\n`);
    for (let k = 0; k < touched; k++) {
      const path = `mod${Math.floor(random() * 12)}/dir${Math.floor(random() * 8)}/file${Math.floor(random() * 30)}.ts`;
      const lines = files.get(path) ?? [];
      const edits = 1 + Math.floor(random() * 20);
      for (let e = 0; e < edits; e++) {
        const at2 = Math.floor(random() * (lines.length + 1));
        if (random() < 0.3 && lines.length > 0) lines.splice(at2, 1);
        else lines.splice(at2, 0, `line ${c}-${e} ${random().toString(36).slice(2)}`);
      }
      files.set(path, lines);
      const body = lines.join('\n') + '\n';
      chunks.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(body)}\n${body}\n`);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  return dir;
}

/** Time of the same git log read to the end and thrown away: the floor for any one-pass reader. */
function gitLogOnly(repo) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('git', historyGitArgs('HEAD'), { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', () => undefined);
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

function progressBar(total) {
  let last = -1;
  return (n) => {
    const pct = Math.floor((100 * n) / total);
    if (pct === last && n !== total) return;
    last = pct;
    const width = 30;
    const full = Math.round((width * n) / total);
    process.stderr.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${n}/${total} commits`);
    if (n >= total) process.stderr.write('\n');
  };
}

const generated = !values.repo;
const repo = values.repo ?? generateRepo(Number(values.commits));
try {
  const total = Number(
    execFileSync('git', ['rev-list', '--count', '--no-merges', 'HEAD'], {
      cwd: repo,
      encoding: 'utf8',
    }).trim(),
  );
  await gitLogOnly(repo); // warm the object cache so neither side pays for cold reads
  // Alternate the two, three times each, and compare medians: the machine is shared and noisy.
  const gitTimes = [];
  const ourTimes = [];
  let history = [];
  for (let rep = 0; rep < 3; rep++) {
    gitTimes.push(await gitLogOnly(repo));
    const started = performance.now();
    history = await historyMetrics({ repo, onProgress: rep === 0 ? progressBar(total) : undefined });
    ourTimes.push(performance.now() - started);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[1];
  const gitMs = median(gitTimes);
  const oursMs = median(ourTimes);
  console.log(`history: ${history.length} commits (${generated ? 'generated' : repo})`);
  console.log(
    `git log --numstat alone: ${gitMs.toFixed(0)} ms; metrics for every commit: ${oursMs.toFixed(0)} ms; ratio ${(oursMs / gitMs).toFixed(2)}x (goal <= 2x)`,
  );
} finally {
  if (generated) rmSync(repo, { recursive: true, force: true });
}

const projects = ['qt', 'openstack', 'jdt', 'platform'];
const published = { qt: 0.744, openstack: 0.749, jdt: 0.676, platform: 0.771 };
if (values.data && projects.every((p) => existsSync(join(values.data, `${p}.csv`)))) {
  const rows = [];
  for (const p of projects) {
    const r = evaluateChronologically(parseJitCsv(readFileSync(join(values.data, `${p}.csv`), 'utf8'), p));
    rows.push({
      project: p,
      published: published[p],
      auc: r.auc,
      popt: r.popt,
      recallAt20Effort: r.recallAt20Effort,
      caughtAt5: r.caughtAt5,
      caughtAt10: r.caughtAt10,
      caughtAt20: r.caughtAt20,
      poptPerLine: r.effortAware.popt,
      recallAt20EffortPerLine: r.effortAware.recallAt20Effort,
    });
  }
  const fmt = (v) => (typeof v === 'number' ? v.toFixed(3) : v);
  console.log(
    [
      'project',
      'best published',
      'auc',
      'popt',
      'recall@20%effort',
      'caught@5%',
      'caught@10%',
      'caught@20%',
      'popt/line',
      'recall@20%/line',
    ].join('\t'),
  );
  for (const r of rows) console.log(Object.values(r).map(fmt).join('\t'));
  const mean = rows.reduce((s, r) => s + r.auc, 0) / rows.length;
  console.log(
    `mean AUC ${mean.toFixed(3)} (goal >= 0.760); below published best: ${
      rows
        .filter((r) => r.auc < r.published)
        .map((r) => r.project)
        .join(', ') || 'none'
    }`,
  );
} else {
  console.log(
    `SKIPPED: risk eval figures — JIT data not found ${values.data ? `in ${values.data}` : 'beside the project'} (--data DIR or BLASTWALL_JIT_DATA)`,
  );
}
