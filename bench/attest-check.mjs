// In-process `check` of the 2,000-file bench change (bench/check.mjs's repository) with and without 100,000
// attested lines on record, runs alternated so machine load hits both alike. Needs `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentiles, ms } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const LINES = Number(process.env.BENCH_ATTESTED ?? 100_000);
const FILES = Number(process.env.BENCH_FILES ?? 50_000);
const CHANGED = 2000;
const dist = (file) => join(import.meta.dirname, '..', 'dist', file);
const { runCheck } = await import(dist('app/check.js'));
const { attestationFor } = await import(dist('app/attest.js'));
const { appendAttestation } = await import(dist('adapters/attest/store.js'));
const { attestPaths } = await import(dist('adapters/attest/key.js'));
const { lineHash, normaliseLine } = await import(dist('core/provenance/attestation.js'));

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
  const withStore = { ...request, attestations: (change) => attestationFor(dir, change, env) };
  const plain = [];
  const attested = [];
  let report;
  for (let i = 0; i <= RUNS; i++) {
    let started = performance.now();
    await runCheck(request);
    if (i > 0) plain.push(performance.now() - started);
    started = performance.now();
    report = await runCheck(withStore);
    if (i > 0) attested.push(performance.now() - started); // the first run also writes the verified checkpoint
  }
  const { readAddedLines } = await import(dist('adapters/attest/added-lines.js'));
  const { readAttestations } = await import(dist('adapters/attest/store.js'));
  const { indexAttestations } = await import(dist('core/provenance/attestation.js'));
  const { addedLineHashes, matchAddedLines } = await import(dist('core/provenance/attestation-match.js'));
  let t = performance.now();
  const lap = (what) => {
    const now = performance.now();
    console.log(`  ${what} ${ms(now - t)}`);
    t = now;
  };
  const added = await readAddedLines(dir, 'main', 'feature', ['x']);
  lap('git diff -U0');
  const wanted = addedLineHashes([added.change]);
  lap('hash added lines');
  const read = readAttestations(paths, wanted);
  lap('read store');
  const index = indexAttestations(read.records);
  lap('index');
  matchAddedLines(index, added.change);
  lap('match');
  const a = percentiles(plain).p50;
  const b = percentiles(attested).p50;
  // The CLI, as bench/check.mjs times it: a process per run, with and without the store, alternated.
  const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');
  const cli = { plain: [], attested: [] };
  const base = { ...process.env, HOME: dir };
  delete base.NODE_EXTRA_CA_CERTS;
  for (let i = 0; i < RUNS; i++)
    for (const [key, dataDir] of [
      ['plain', join(dir, '.empty')],
      ['attested', env.BLASTWALL_DATA_DIR],
    ]) {
      const started = performance.now();
      const run = spawnSync(process.execPath, [BIN, 'check', 'main..feature', '--json'], {
        cwd: dir,
        env: { ...base, BLASTWALL_DATA_DIR: dataDir },
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      if (!run.stdout.includes('"decision"')) throw new Error(`check failed: ${run.stderr}`);
      cli[key].push(performance.now() - started);
    }
  const [c, d] = [percentiles(cli.plain).p50, percentiles(cli.attested).p50];
  console.log(`blastwall check (process), median of ${RUNS}`);
  console.log(`  no attestations       ${ms(c)}`);
  console.log(`  ${LINES} attested lines  ${ms(d)} = ${(d / c).toFixed(2)}x (goal ≤ 1.2x)`);
  console.log(`check in process, ${FILES} files, ${CHANGED}-file change, median of ${RUNS}`);
  console.log(`  no attestations       ${ms(a)}`);
  console.log(
    `  ${LINES} attested lines  ${ms(b)} = ${(b / a).toFixed(2)}x (goal ≤ 1.2x); attested ${report.provenance.attested.attestedLines} of ${report.provenance.attested.addedLines}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
