// `blastwall check` on a generated repository of 50,000 files with a 5,000-service catalog and a
// 2,000-file change, against `git diff --numstat` of the same range in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentiles, runTimed, timeProcess, ms } from './lib.mjs';

const FILES = Number(process.env.BENCH_FILES ?? 50_000);
const SERVICES = Number(process.env.BENCH_SERVICES ?? 5_000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
// NODE_EXTRA_CA_CERTS (set on some machines) costs every Node start ~100 ms of certificate parsing.
delete process.env.NODE_EXTRA_CA_CERTS;
const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');

function random(seed) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Builds the repository with git fast-import: one commit on main, one 2,000-file commit on a branch. */
export function buildRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'bw-bench-check-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const rand = random(42);
  const lines = ['people:'];
  lines.push('  - { id: dev, level: junior, emails: [dev@example.com] }');
  lines.push('  - { id: lead, level: senior, emails: [lead@example.com], teams: [team-1] }');
  lines.push('services:');
  for (let i = 0; i < SERVICES; i++) {
    const deps = [];
    for (let d = 0; d < 3 && i > 0; d++) if (rand() < 0.5) deps.push(`s${Math.floor(rand() * i)}`);
    const tier = 1 + Math.floor(rand() * 4);
    lines.push(
      `  - { id: s${i}, tier: ${tier}, owner: team-${i % 50}, paths: ["svc/s${i}/**"], dependsOn: [${[...new Set(deps)].join(', ')}] }`,
    );
  }
  const config = `${lines.join('\n')}\n`;
  const chunks = [];
  let mark = 0;
  const blob = (content) => {
    mark++;
    chunks.push(`blob\nmark :${mark}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    return mark;
  };
  const files = [];
  for (let i = 0; i < FILES; i++) files.push(`svc/s${i % SERVICES}/src/file${Math.floor(i / SERVICES)}.ts`);
  const tree = files.map((path, i) => [path, blob(`export const v${i} = ${i};\n`.repeat(5))]);
  tree.push(['blastwall.yaml', blob(config)]);
  const commit = (branch, message, entries, parent) => {
    const data = `${message}\n`;
    chunks.push(
      `commit refs/heads/${branch}\ncommitter Dev <dev@example.com> 1767600000 +0000\ndata ${Buffer.byteLength(data)}\n${data}`,
    );
    if (parent) chunks.push(`from ${parent}\n`);
    for (const [path, m] of entries) chunks.push(`M 100644 :${m} ${path}\n`);
    chunks.push('\n');
  };
  commit('main', 'initial', tree);
  const step = Math.floor(FILES / CHANGED);
  const changed = [];
  for (let i = 0; i < CHANGED; i++)
    changed.push([files[i * step], blob(`export const changed${i} = true;\n`.repeat(3))]);
  commit(
    'feature',
    'change 2000 files\n\nCo-authored-by: Claude <noreply@anthropic.com>',
    changed,
    'refs/heads/main',
  );
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: dir });
  return dir;
}

const started = performance.now();
// BENCH_REPO reuses a repository an earlier run kept (BENCH_KEEP=1), for profiling the same change again.
const dir = process.env.BENCH_REPO ?? buildRepo();
process.stderr.write(
  `built ${FILES} files, ${SERVICES} services, ${CHANGED}-file change in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
try {
  const git = percentiles(
    timeProcess('git', ['diff', '--numstat', 'main', 'feature'], { cwd: dir, runs: RUNS }),
  );
  const check = percentiles(
    timeProcess(process.execPath, [BIN, 'check', 'main..feature', '--json'], { cwd: dir, runs: RUNS }),
  );
  const bare = percentiles(
    timeProcess(process.execPath, [BIN, 'check', 'main..feature', '--json', '--no-risk', '--no-reviewers'], {
      cwd: dir,
      runs: RUNS,
    }),
  );
  const { runCheck } = await import('../dist/app/check.js');
  const inProcess = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    await runCheck({ repo: dir, range: 'main..feature', approvals: [] });
    if (i > 0) inProcess.push(performance.now() - started); // the first run loads modules and fills caches
  }
  const warm = percentiles(inProcess);
  const nodeBaseline = percentiles(timeProcess(process.execPath, ['-e', '0'], { runs: RUNS }));
  console.log(`check: ${FILES} files, ${SERVICES} services, ${CHANGED}-file change (median of ${RUNS} runs)`);
  console.log(`  git diff --numstat   ${ms(git.p50)}`);
  console.log(`  node -e 0            ${ms(nodeBaseline.p50)}`);
  console.log(`  blastwall check      ${ms(check.p50)}  (with risk score and reviewer suggestions)`);
  console.log(`  check --no-risk --no-reviewers  ${ms(bare.p50)}`);
  console.log(
    `  ratio check / git diff --numstat = ${(check.p50 / git.p50).toFixed(2)}x; without risk and reviewers ${(bare.p50 / git.p50).toFixed(2)}x (goal ≤ 3x)`,
  );
  console.log(
    `  check in process, warm (no Node start-up, no risk/reviewers) ${ms(warm.p50)} = ${(warm.p50 / git.p50).toFixed(2)}x git diff --numstat`,
  );
  // CPU time (GNU time) does not grow while a process waits for a core: the ratio that survives a busy machine.
  const cpu = (command, args) =>
    percentiles(
      Array.from({ length: RUNS }, () => runTimed(command, args, { cwd: dir, cpu: true }).cpuMs ?? NaN),
    );
  const gitCpu = cpu('git', ['diff', '--numstat', 'main', 'feature']);
  const nodeCpu = cpu(process.execPath, ['-e', '0']);
  const checkCpu = cpu(process.execPath, [
    BIN,
    'check',
    'main..feature',
    '--json',
    '--no-risk',
    '--no-reviewers',
  ]);
  console.log(
    `  wall: check --no-risk --no-reviewers / (node -e 0 + git diff --numstat) = ${(bare.p50 / (nodeBaseline.p50 + git.p50)).toFixed(2)}x (goal ≤ 1.5x)`,
  );
  console.log(
    `  CPU (user+sys): git diff --numstat ${ms(gitCpu.p50)}, node -e 0 ${ms(nodeCpu.p50)}, check --no-risk --no-reviewers ${ms(checkCpu.p50)} = ${(checkCpu.p50 / (nodeCpu.p50 + gitCpu.p50)).toFixed(2)}x`,
  );
  console.log(
    `  load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
} finally {
  if (process.env.BENCH_KEEP === '1' || process.env.BENCH_REPO) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
