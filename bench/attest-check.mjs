// `check` of the 2,000-file bench change (bench/check.mjs's repository) with and without 100,000 attested lines on
// record, in process and as a process, runs alternated so machine load hits both alike; wall time and CPU (the
// figure to trust on a loaded machine). Then the attested check's steps. Needs `npm run build`; Linux (CPU of
// child processes is read from /proc).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentiles, ms } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const LINES = Number(process.env.BENCH_ATTESTED ?? 100_000);
const FILES = Number(process.env.BENCH_FILES ?? 50_000);
const CHANGED = 2000;
const dist = (file) => join(import.meta.dirname, '..', 'dist', file);
const { runCheck } = await import(dist('app/check.js'));
const { attestationLookup } = await import(dist('app/attest.js'));
const { appendAttestation } = await import(dist('adapters/attest/store.js'));
const { attestPaths } = await import(dist('adapters/attest/key.js'));
const { lineHash, normaliseLine } = await import(dist('core/provenance/attestation.js'));

/** CPU ms of this process's reaped children (git, the CLI and its git), from /proc/self/stat (10 ms ticks). */
function childrenCpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

const dir = mkdtempSync(join(tmpdir(), 'bw-bench-attest-check-'));
try {
  // The same shape as bench/check.mjs: FILES files on main, CHANGED of them changed on a branch.
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  const chunks = [];
  let mark = 0;
  const blob = (content) => {
    chunks.push(`blob\nmark :${++mark}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    return mark;
  };
  const files = Array.from(
    { length: FILES },
    (_, i) => `svc/s${i % 5000}/src/file${Math.floor(i / 5000)}.ts`,
  );
  const tree = files.map((path, i) => [path, blob(`export const v${i} = ${i};\n`.repeat(5))]);
  tree.push(['blastwall.yaml', blob('people:\n  - { id: dev, level: junior, emails: [dev@example.com] }\n')]);
  const commit = (branch, message, entries, parent) => {
    chunks.push(
      `commit refs/heads/${branch}\ncommitter Dev <dev@example.com> 1767600000 +0000\ndata ${message.length + 1}\n${message}\n`,
    );
    if (parent) chunks.push(`from ${parent}\n`);
    for (const [path, m] of entries) chunks.push(`M 100644 :${m} ${path}\n`);
    chunks.push('\n');
  };
  commit('main', 'initial', tree);
  const step = Math.floor(FILES / CHANGED);
  const changed = Array.from({ length: CHANGED }, (_, i) => [
    files[i * step],
    blob(`export const changed${i} = true;\n`.repeat(3)),
  ]);
  commit('feature', 'change 2000 files', changed, 'refs/heads/main');
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: chunks.join(''), maxBuffer: 1 << 30 });

  const env = { HOME: dir, BLASTWALL_DATA_DIR: join(dir, '.data') };
  const paths = attestPaths(env);
  // Each changed file's three lines, as the agent wrote them.
  const hashes = Array.from({ length: CHANGED * 3 }, (_, i) =>
    lineHash(normaliseLine(`export const changed${Math.floor(i / 3)} = true;`)),
  );
  for (let i = hashes.length; i < LINES; i++) hashes.push(lineHash(`other line ${i}`));
  for (let i = 0; i < hashes.length; i += 50)
    appendAttestation(paths, {
      v: 1,
      file: `/w/f${i}.ts`,
      lines: hashes.slice(i, i + 50),
      agent: 'claude-code',
      tool: 'Write',
      at: 'now',
    });

  const request = { repo: dir, range: 'main..feature', approvals: [] };
  const withStore = { ...request, attestations: attestationLookup(dir, env) };
  // Wall time, this process's CPU, and CPU with git's (its children, reaped: /proc/self/stat), per run.
  const plain = { wall: [], cpu: [], all: [] };
  const attested = { wall: [], cpu: [], all: [] };
  const time = async (into, keep, work) => {
    const [wall, cpu, children] = [performance.now(), process.cpuUsage(), childrenCpu()];
    const result = await work();
    const used = process.cpuUsage(cpu);
    if (keep) {
      into.wall.push(performance.now() - wall);
      into.cpu.push((used.user + used.system) / 1000);
      into.all.push((used.user + used.system) / 1000 + childrenCpu() - children);
    }
    return result;
  };
  let report;
  for (let i = 0; i <= RUNS; i++) {
    // The first run also writes the verified checkpoint and the line index.
    await time(plain, i > 0, () => runCheck(request));
    report = await time(attested, i > 0, () => runCheck(withStore));
  }
  // The attested check's steps, this process's CPU, median of RUNS.
  const { readChangeAndPatch, parseRange } = await import(dist('adapters/git/read-change.js'));
  const { readAddedLines } = await import(dist('adapters/attest/added-lines.js'));
  const { readAttestations } = await import(dist('adapters/attest/store.js'));
  const { indexAttestations } = await import(dist('core/provenance/attestation.js'));
  const { addedLineHashes, matchAddedLines } = await import(dist('core/provenance/attestation-match.js'));
  const steps = new Map();
  for (let i = 0; i < RUNS; i++) {
    let t = process.cpuUsage();
    const lap = (what) => {
      const used = process.cpuUsage(t);
      steps.set(what, [...(steps.get(what) ?? []), (used.user + used.system) / 1000]);
      t = process.cpuUsage();
    };
    await readChangeAndPatch(dir, parseRange('main..feature'), false);
    lap('read the change (git diff --raw --numstat)');
    const { change, patch } = await readChangeAndPatch(dir, parseRange('main..feature'), true);
    lap('the same with its patch (-p -U0)');
    const added = await readAddedLines(dir, change.base, change.head, ['x'], patch);
    lap('parse the added lines');
    const known = new Map();
    const wanted = addedLineHashes([added.change], known);
    lap('hash the added lines');
    const read = readAttestations(paths, wanted);
    lap('read the store (line index)');
    const index = indexAttestations(read.records);
    lap('index the records found');
    matchAddedLines(index, added.change, known);
    lap('match');
  }
  console.log(`steps of the attested check, this process's CPU, median of ${RUNS}`);
  for (const [what, values] of steps) console.log(`  ${what.padEnd(44)} ${ms(percentiles(values).p50)}`);
  // The CLI, as bench/check.mjs times it: a process per run, with and without the store, alternated. With
  // --no-reviewers too: attested lines make this change need a sign-off, and the default CLI then suggests reviewers
  // from the history of its 2,000 files, work the unattested (allowed) change never asks for.
  const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');
  const cli = {};
  const base = { ...process.env, HOME: dir };
  delete base.NODE_EXTRA_CA_CERTS;
  for (let i = 0; i < RUNS; i++)
    for (const flags of [[], ['--no-reviewers']])
      for (const [key, dataDir] of [
        ['plain', join(dir, '.empty')],
        ['attested', env.BLASTWALL_DATA_DIR],
      ]) {
        const [started, children] = [performance.now(), childrenCpu()];
        const run = spawnSync(process.execPath, [BIN, 'check', 'main..feature', '--json', ...flags], {
          cwd: dir,
          env: { ...base, BLASTWALL_DATA_DIR: dataDir },
          encoding: 'utf8',
          maxBuffer: 1 << 28,
        });
        if (!run.stdout.includes('"decision"')) throw new Error(`check failed: ${run.stderr}`);
        const into = (cli[`${flags.join(' ')}|${key}`] ??= { wall: [], all: [] });
        into.wall.push(performance.now() - started);
        into.all.push(childrenCpu() - children);
      }
  const ratio = (a, b, what) => {
    const [x, y] = [percentiles(a[what]).p50, percentiles(b[what]).p50];
    return `${ms(x)} → ${ms(y)} = ${(y / x).toFixed(2)}x`;
  };
  for (const flags of ['', '--no-reviewers']) {
    console.log(
      `blastwall check main..feature --json ${flags} (process), median of ${RUNS}, no attestations → ${LINES} attested lines (goal ≤ 1.2x)`,
    );
    console.log(`  wall                   ${ratio(cli[`${flags}|plain`], cli[`${flags}|attested`], 'wall')}`);
    console.log(`  CPU (node and git)     ${ratio(cli[`${flags}|plain`], cli[`${flags}|attested`], 'all')}`);
  }
  console.log(
    `check in process, ${FILES} files, ${CHANGED}-file change, median of ${RUNS}, no attestations → ${LINES} attested lines (goal ≤ 1.2x); attested ${report.provenance.attested.attestedLines} of ${report.provenance.attested.addedLines}`,
  );
  console.log(`  wall                   ${ratio(plain, attested, 'wall')}`);
  console.log(`  CPU (this process)     ${ratio(plain, attested, 'cpu')}`);
  console.log(`  CPU (with git's)       ${ratio(plain, attested, 'all')}`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
