// Attestation costs: what recording an allowed write adds to a hook (warm, as in the hook daemon, and cold, the
// first write of a fresh process), and `blastwall check` on the 2,000-file bench change (bench/check.mjs) with an
// empty store against a store of 100,000 attested lines. Needs `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentiles, ms } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const LINES = Number(process.env.BENCH_ATTESTED ?? 100_000);
const ROOT = join(import.meta.dirname, '..');
const dist = (file) => join(ROOT, 'dist', file);

const home = mkdtempSync(join(tmpdir(), 'bw-bench-attest-'));
const env = { HOME: home, BLASTWALL_DATA_DIR: join(home, 'data') };
const { allowedWrites } = await import(dist('interfaces/hooks/attest-writes.js'));
const { recordWrites } = await import(dist('app/attest-record.js'));
const { appendAttestation } = await import(dist('adapters/attest/store.js'));
const { attestPaths } = await import(dist('adapters/attest/key.js'));
const { lineHash, normaliseLine } = await import(dist('core/provenance/attestation.js'));

/** A Claude Code Write payload of a 40-line file. */
function writePayload(i) {
  const content = Array.from(
    { length: 40 },
    (_, n) => `  const value${i}_${n} = compute(${n}, "${i}");`,
  ).join('\n');
  return JSON.stringify({
    session_id: 's',
    hook_event_name: 'PreToolUse',
    cwd: home,
    tool_name: 'Write',
    tool_input: { file_path: join(home, `f${i}.ts`), content },
  });
}

try {
  const context = { cwd: home, home, env, onBehalfOf: 'jo', workspaceOf: () => home };
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const raw = writePayload(i);
    const started = performance.now();
    const found = allowedWrites('claude-code', raw, context);
    recordWrites(found.writes, found.origin, env);
    times.push(performance.now() - started);
  }
  const warm = percentiles(times.slice(1));
  // Cold: a fresh process's first write (key read and parsed, crypto initialised), as a hook without the daemon.
  const coldScript = `
    const { allowedWrites } = await import(${JSON.stringify(dist('interfaces/hooks/attest-writes.js'))});
    const { recordWrites } = await import(${JSON.stringify(dist('app/attest-record.js'))});
    const env = ${JSON.stringify(env)};
    const raw = ${JSON.stringify(writePayload(0))};
    const started = performance.now();
    const found = allowedWrites('claude-code', raw, { cwd: env.HOME, home: env.HOME, env, workspaceOf: () => env.HOME });
    recordWrites(found.writes, found.origin, env);
    console.log(performance.now() - started);`;
  const cold = [];
  for (let i = 0; i < 15; i++)
    cold.push(
      Number(execFileSync(process.execPath, ['--input-type=module', '-e', coldScript], { encoding: 'utf8' })),
    );
  const coldP = percentiles(cold);
  console.log(`attest in the hook: a 40-line Write, ${RUNS} runs`);
  console.log(`  warm (hook daemon)  median ${ms(warm.p50)}  p90 ${ms(warm.p90)}`);
  console.log(`  cold (fresh process, first write)  median ${ms(coldP.p50)}  p90 ${ms(coldP.p90)}`);

  // A store of LINES attested lines: the bench change's own lines, then lines of other work, 50 per record.
  const store = { HOME: home, BLASTWALL_DATA_DIR: join(home, 'store') };
  const paths = attestPaths(store);
  const hashes = [];
  for (let i = 0; i < 2000; i++) hashes.push(lineHash(normaliseLine(`export const changed${i} = true;`)));
  for (let i = hashes.length; i < LINES; i++) hashes.push(lineHash(`other line ${i}`));
  for (let i = 0; i < hashes.length; i += 50)
    appendAttestation(paths, {
      v: 1,
      file: `/work/f${i}.ts`,
      lines: hashes.slice(i, i + 50),
      agent: 'claude-code',
      tool: 'Write',
      session: 's',
      at: new Date().toISOString(),
    });
  const runCheckBench = (dataDir) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bench', 'check.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, BLASTWALL_DATA_DIR: dataDir, BENCH_RUNS: process.env.BENCH_CHECK_RUNS ?? '5' },
    });
    const line = /blastwall check\s+([\d.]+) ms/.exec(result.stdout);
    if (!line) throw new Error(`bench/check.mjs said: ${result.stdout}${result.stderr}`);
    return Number(line[1]);
  };
  const without = runCheckBench(join(home, 'empty'));
  const withStore = runCheckBench(join(home, 'store'));
  console.log(`check on the 2,000-file change (bench/check.mjs, median)`);
  console.log(`  no attestations              ${without.toFixed(0)} ms`);
  console.log(
    `  ${LINES} attested lines      ${withStore.toFixed(0)} ms  = ${(withStore / without).toFixed(2)}x (goal ≤ 1.2x)`,
  );
} finally {
  rmSync(home, { recursive: true, force: true });
}
