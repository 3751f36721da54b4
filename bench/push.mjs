// An agent's `git push origin main` of a typical 20-file AI-assisted change, decided through the Claude Code hook
// process (the change check on the pushed range runs inside it), against `node -e 0` in the same run.
// Goal (issue 14): decided within 150 ms.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchRepo } from '../dist/adapters/git/scratch-repo.js';
import { createGate } from '../dist/app/gate.js';
import { createLocalProbes } from '../dist/app/probes.js';
import { ms, percentiles, runTimed, timeProcess } from './lib.mjs';

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
try {
  const gate = await createGate({ cwd: repo.dir, env, probes: createLocalProbes({ env }) });
  const inProcess = [];
  let decision;
  for (let i = 0; i <= RUNS; i++) {
    const started = performance.now();
    decision = await gate.decideCommand({ command: 'git push origin main', agent: 'claude-code' });
    if (i > 0) inProcess.push(performance.now() - started);
  }
  const hook = percentiles(
    timeProcess(process.execPath, [BIN, 'hook', 'claude-code'], {
      cwd: repo.dir,
      input: payload,
      env,
      runs: RUNS,
    }),
  );
  const node = percentiles(timeProcess(process.execPath, ['-e', '0'], { runs: RUNS }));
  const warm = percentiles(inProcess);
  console.log(`push check: git push origin main of a 20-file AI-assisted change (median of ${RUNS})`);
  console.log(`  decision: ${decision.decision} — ${decision.reasons[0]?.slice(0, 120)}…`);
  console.log(`  in process (gate.decideCommand, warm)   ${ms(warm.p50)}`);
  console.log(`  hook process (claude-code, in-process)  ${ms(hook.p50)}  (goal ≤ 150 ms)`);
  console.log(`  node -e 0                               ${ms(node.p50)}`);
  const cpu = (command, args, input) =>
    percentiles(
      Array.from(
        { length: RUNS },
        () => runTimed(command, args, { cwd: repo.dir, input, env, cpu: true }).cpuMs ?? NaN,
      ),
    );
  const hookCpu = cpu(process.execPath, [BIN, 'hook', 'claude-code'], payload);
  const nodeCpu = cpu(process.execPath, ['-e', '0']);
  console.log(`  CPU (user+sys, git included): hook ${ms(hookCpu.p50)}, node -e 0 ${ms(nodeCpu.p50)}`);
  console.log(
    `  load average: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} cores`,
  );
} finally {
  repo.remove();
  rmSync(remote, { recursive: true, force: true });
}
