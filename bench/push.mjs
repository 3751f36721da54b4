// An agent's `git push origin main` of a typical 20-file AI-assisted change, decided through the Claude Code hook
// process (the change check on the pushed range runs inside it), against `node -e 0` in the same rounds: cold
// in-process (BLASTWALL_HOOK_DAEMON=0: the first call, or one after the daemon stopped) and through the warm daemon
// (every later call). Goal (issue 14): decided within 150 ms.
//   node bench/push.mjs                                  # BENCH_RUNS=15 rounds
//   BENCH_BASELINE=/path/to/other/checkout node bench/push.mjs   # that tree's hook too, in the same rounds
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchRepo } from '../dist/adapters/git/scratch-repo.js';
import { createGate } from '../dist/app/gate.js';
import { createLocalProbes } from '../dist/app/probes.js';
import { ms, percentiles, runTimed } from './lib.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
delete process.env.NODE_EXTRA_CA_CERTS;
const BIN = join(import.meta.dirname, '..', 'bin', 'blastwall.js');

const services = [];
for (let i = 0; i < 200; i++)
  services.push(
    `  - { id: s${i}, tier: ${1 + (i % 4)}, owner: team-${i % 10}, paths: ["svc/s${i}/**"]${i > 0 ? `, dependsOn: [s${i - 1}]` : ''} }`,
  );
const config = `people:\n  - { id: jo, level: junior, emails: [jo@example.com] }\n  - { id: sam, level: senior, emails: [sam@example.com] }\nservices:\n${services.join('\n')}\n`;
const remote = mkdtempSync(join(tmpdir(), 'bw-bench-push-remote-'));
execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
const repo = createScratchRepo('bw-bench-push-');
const base = { 'blastwall.yaml': config };
for (let i = 0; i < 2000; i++) base[`svc/s${i % 200}/src/f${i}.ts`] = `export const v = ${i};\n`;
repo.commit('initial', base);
repo.git('remote', 'add', 'origin', remote);
repo.git('push', '-q', 'origin', 'main');
const change = {};
for (let i = 0; i < 20; i++) change[`svc/s${i * 7}/src/f${i * 7}.ts`] = `export const v = ${i} + 1;\n`;
repo.commit('twenty files\n\nCo-authored-by: Claude <noreply@anthropic.com>\n', change, {
  name: 'Jo',
  email: 'jo@example.com',
});

const payload = JSON.stringify({
  session_id: 'bench',
  hook_event_name: 'PreToolUse',
  tool_name: 'Bash',
  tool_input: { command: 'git push origin main', description: 'bench' },
  cwd: repo.dir,
});
const env = { ...process.env, HOME: repo.dir, BLASTWALL_HOOK_DAEMON: '0' };
// The steady state: the hook client hands the payload to a warm per-user daemon (bin/hook-client.js), which this
// run starts in a runtime folder of its own and stops at the end.
const runtime = mkdtempSync(join(tmpdir(), 'bw-bench-push-rt-'));
chmodSync(runtime, 0o700);
const daemonEnv = { ...env, XDG_RUNTIME_DIR: runtime };
delete daemonEnv.BLASTWALL_HOOK_DAEMON;
const daemons = [];
/** Starts `bin`'s daemon and waits until it answers; false when it never does. */
function warmDaemon(bin) {
  for (let i = 0; i < 100; i++) {
    const probe = runTimed(process.execPath, [bin, 'hook', 'claude-code'], {
      cwd: repo.dir,
      input: payload,
      env: { ...daemonEnv, NODE_DEBUG: 'blastwall' },
    });
    const pid = Number(/started a hook daemon \(pid (\d+)\)/.exec(probe.stderr)?.[1]);
    if (pid > 0) daemons.push(pid);
    if (/hook answered by the daemon/.test(probe.stderr)) return true;
  }
  return false;
}
try {
  const gate = await createGate({ cwd: repo.dir, env, probes: createLocalProbes({ env }) });
  const inProcess = [];
  let decision;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    decision = await gate.decideCommand({ command: 'git push origin main', agent: 'claude-code' });
    if (i > 0) inProcess.push(performance.now() - started);
  }
  // BENCH_BASELINE=<other checkout> also runs that tree's hook in the same rounds (its own `npm run build`).
  const trees = [['', BIN]];
  if (process.env.BENCH_BASELINE)
    trees.push([' (baseline)', join(process.env.BENCH_BASELINE, 'bin', 'blastwall.js')]);
  const variants = [{ name: 'node -e 0', args: ['-e', '0'], input: '', env }];
  for (const [label, bin] of trees) {
    const warm = warmDaemon(bin);
    variants.push({
      name: `hook, cold in-process${label}`,
      args: [bin, 'hook', 'claude-code'],
      input: payload,
      env,
    });
    variants.push({
      name: `hook, warm daemon${label}${warm ? '' : ' (NEVER ANSWERED: in-process)'}`,
      args: [bin, 'hook', 'claude-code'],
      input: payload,
      env: daemonEnv,
    });
  }
  // Every variant once per round, so the machine's load falls on all of them alike; CPU through GNU time (the
  // warm rows' CPU is the client's: the daemon decides in its own process).
  for (const v of variants) Object.assign(v, { wall: [], cpu: [] });
  for (let round = 0; round < RUNS; round++)
    for (const v of variants) {
      const run = runTimed(process.execPath, v.args, {
        cwd: repo.dir,
        input: v.input,
        env: v.env,
        cpu: true,
      });
      v.wall.push(run.ms);
      v.cpu.push(run.cpuMs ?? NaN);
    }
  const warm = percentiles(inProcess);
  console.log(`push check: git push origin main of a 20-file AI-assisted change (median of ${RUNS} rounds)`);
  console.log(`  decision: ${decision.decision} — ${decision.reasons[0]?.slice(0, 120)}…`);
  console.log(`  in process (gate.decideCommand, warm)   ${ms(warm.p50)}`);
  const node = percentiles(variants[0].wall);
  for (const v of variants) {
    const wall = percentiles(v.wall);
    console.log(
      `  ${v.name.padEnd(40)} wall ${ms(wall.p50).padStart(9)} (${(wall.p50 / node.p50).toFixed(2)}× node -e 0), CPU ${ms(percentiles(v.cpu).p50)}${v.name.startsWith('hook') ? '  (goal ≤ 150 ms wall)' : ''}`,
    );
  }
  console.log(
    `  load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
} finally {
  for (const pid of daemons)
    try {
      process.kill(pid);
    } catch {
      // It exited already.
    }
  rmSync(runtime, { recursive: true, force: true });
  repo.remove();
  rmSync(remote, { recursive: true, force: true });
}
