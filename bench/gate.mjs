#!/usr/bin/env node
// The agent gate against cc-safety-net, measured in one run: in-process decision latency over the corpus, whole-process
// hook latency beside `node -e 0`, and what each tool catches on the corpus, grouped as the corpus groups its lines.
/* global process, console */
// Usage: npm run build && node bench/gate.mjs   (BENCH_PASSES=5 passes over the corpus, BENCH_RUNS=30 processes per variant)
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ms, percentiles, progress, runTimed, share, table } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PASSES = Number(process.env.BENCH_PASSES ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
// BENCH_PARTS=latency,hooks,catches runs only some parts (all by default).
const PARTS = new Set((process.env.BENCH_PARTS ?? 'latency,hooks,catches').split(','));
const CORPUS_HOME = '/home/dev';
const BIN = join(root, 'bin', 'blastwall.js');
const CCSN = join(root, 'node_modules', 'cc-safety-net', 'dist', 'bin', 'cc-safety-net.js');

// The example configuration of DESIGN.md, exactly as test/corpus.spec.ts uses it.
const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs,     tier: 4, owner: docs, paths: ["docs/**"] }
environments:
  prod: { protected: true, match: { kubeContext: ["prod-*"], awsProfile: ["prod*"], terraformWorkspace: ["prod"], host: ["*.prod.*"] } }
  dev:  { protected: false, match: { kubeContext: ["kind-*", "dev-*"], awsProfile: ["dev*"], terraformWorkspace: ["dev"] } }
`;
const ENVS = [
  {},
  { AWS_PROFILE: 'prod' },
  { TF_WORKSPACE: 'prod' },
  { AWS_PROFILE: 'dev', TF_WORKSPACE: 'dev' },
];

function readCorpus(name) {
  return readFileSync(join(root, 'test', 'corpus', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

/** The everyday corpus's own sections (BUILD, SHELL, …), read from everyday.mjs, which exports only their union. */
async function everydaySections() {
  const source = readFileSync(join(root, 'test', 'corpus', 'everyday.mjs'), 'utf8');
  const names = [...source.matchAll(/^const ([A-Z_]+) = \[/gm)].map((m) => m[1]);
  const url = `data:text/javascript,${encodeURIComponent(`${source}\nexport { ${names.join(', ')} };`)}`;
  const sections = await import(url);
  const byCommand = new Map();
  for (const name of names)
    for (const command of sections[name])
      if (!byCommand.has(command)) byCommand.set(command, name.toLowerCase().replace('_', ' '));
  return byCommand;
}

// What a destructive line acts on, for lines whose command is written out (evasion lines are their own group).
const DOMAINS = [
  ['interpreter one-liners', /\b(python3?|node|perl|ruby|deno|awk)\b\s+(-c|-e|--eval|eval|'BEGIN|-\s*<<)/],
  [
    'SQL and data stores',
    /\b(psql|mysql|mariadb|sqlite3|mongosh|redis-cli|dropdb|prisma|rails|rake|manage\.py|sequelize-cli|flyway)\b|pg:reset/,
  ],
  [
    'infrastructure as code',
    /\b(terraform|tofu|terragrunt|pulumi|cdk|sam|serverless|sls|cloudformation|eksctl)\b/,
  ],
  ['Kubernetes and containers', /\b(kubectl|helm|argocd|docker|docker-compose)\b/],
  ['platforms', /\b(gh|heroku|fly|flyctl|vercel)\b|npm unpublish/],
  ['cloud CLIs and HTTP DELETE', /\b(aws|gcloud|gsutil|az|doctl|curl|wget|http)\b/],
  ['git', /\bgit\b/],
];
function domainOf(command) {
  return DOMAINS.find(([, pattern]) => pattern.test(command))?.[0] ?? 'filesystem and system';
}

/** A temporary home/dev/project tree and the gates for each corpus env. */
async function setUp(base) {
  const home = join(base, 'home', 'dev');
  const repo = join(home, 'project');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'blastwall.yaml'), CONFIG);
  // cc-safety-net reads its rules from $HOME; an empty home keeps the user's own rules out of the comparison.
  process.env.HOME = home;
  process.env.CC_SAFETY_NET_HOME = join(home, '.cc-safety-net');
  const { createGate } = await import(pathToFileURL(join(root, 'dist', 'app', 'gate.js')).href);
  const { checkCommand } = await import('cc-safety-net/api');
  const gates = new Map();
  for (const env of ENVS)
    gates.set(
      JSON.stringify(env),
      await createGate({ cwd: repo, env: { HOME: home, PATH: '/usr/bin:/bin', ...env } }),
    );
  return { home, repo, gates, checkCommand };
}

/** Each corpus line as both tools' requests, paths under /home/dev moved into the temporary tree. */
function requests(lines, { home, gates }) {
  const move = (text) => text.split(CORPUS_HOME).join(home);
  return lines.map((line) => ({
    line,
    gate: gates.get(JSON.stringify(line.env ?? {})),
    request: {
      command: move(line.command),
      cwd: move(line.cwd ?? `${CORPUS_HOME}/project`),
      agent: 'claude-code',
      onBehalfOf: 'sam',
    },
  }));
}

/** Wall and CPU time of every decision of one pass; CPU time does not grow while another process has the core. */
function pass(items, decide, into) {
  for (const item of items) {
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    decide(item);
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    const used = process.cpuUsage(cpu);
    into.wall.push(wall);
    into.cpu.push((used.user + used.system) / 1000);
  }
}

/** Each line's median CPU over the passes: what a line costs once one-off pauses (GC, preemption) are set aside. */
function perLineMedians(values, lines) {
  const medians = [];
  for (let i = 0; i < lines; i++) {
    const runs = [];
    for (let at = i; at < values.length; at += lines) runs.push(values[at]);
    medians.push(percentiles(runs).p50);
  }
  return percentiles(medians);
}

function latencyRow(name, t, lines) {
  const wall = percentiles(t.wall);
  const cpu = percentiles(t.cpu);
  const steady = perLineMedians(t.cpu, lines);
  const mean = t.cpu.reduce((a, b) => a + b, 0) / t.cpu.length;
  return [
    name,
    ms(wall.p50),
    ms(wall.p90),
    ms(wall.p99),
    ms(Math.max(...t.wall)),
    `${ms(cpu.p50)} / ${ms(cpu.p99)}`,
    `${ms(steady.p50)} / ${ms(steady.p99)}`,
    ms(mean),
    String(wall.n),
  ];
}

/** In-process latency: one warm-up pass each, then PASSES passes, alternating which tool goes first. */
function inProcess(items, tools) {
  for (const tool of tools) pass(items, tool.decide, { wall: [], cpu: [] });
  const times = new Map(tools.map((t) => [t.name, { wall: [], cpu: [] }]));
  for (let p = 0; p < PASSES; p++) {
    for (const tool of p % 2 === 0 ? tools : [...tools].reverse())
      pass(items, tool.decide, times.get(tool.name));
    progress('in-process passes', p + 1, PASSES);
  }
  return times;
}

function claudePayload(command, cwd) {
  return JSON.stringify({
    session_id: 'bench',
    transcript_path: '/t.jsonl',
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command, description: 'bench' },
    tool_use_id: 'toolu_bench',
  });
}

function answer(result) {
  if (result.status !== 0) return `exit ${result.status}`;
  if (result.stdout.trim() === '') return 'allow';
  try {
    return JSON.parse(result.stdout).hookSpecificOutput?.permissionDecision ?? 'allow';
  } catch {
    return 'unreadable';
  }
}

/** Whether dist/hook/hook.cjs is at least as new as dist/main.js (the bin runs the hook from it only then). */
function bundleIsCurrent() {
  try {
    return (
      statSync(join(root, 'dist', 'hook', 'hook.cjs')).mtimeMs >=
      statSync(join(root, 'dist', 'main.js')).mtimeMs
    );
  } catch {
    return false;
  }
}

/**
 * Whole-process hook latency: every variant once per round, so load on the machine falls on all of them alike.
 * blastwall's hook runs two ways: through its warm daemon (the steady state of an agent calling it before every
 * tool call; bin/hook-client.js) and cold in-process (BLASTWALL_HOOK_DAEMON=0, what the first call or a call
 * after a daemon failure costs). The daemon lives in a runtime folder of this run and is killed at the end.
 */
function hooks(base, home) {
  const project = join(base, 'hook-project');
  mkdirSync(project, { recursive: true });
  execFileSync('git', ['init', '-q', project]);
  writeFileSync(join(project, 'blastwall.yaml'), CONFIG);
  // A repository with an index, like any real one: without it every hook runs `git ls-files` (the catalog file
  // list is cached against the index), a git process per call that no real repository pays.
  execFileSync('git', ['-C', project, 'add', 'blastwall.yaml']);
  const runtime = join(base, 'rt');
  mkdirSync(runtime, { recursive: true });
  chmodSync(runtime, 0o700);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    CC_SAFETY_NET_HOME: join(home, '.cc-safety-net'),
    XDG_RUNTIME_DIR: runtime,
  };
  const inProcessEnv = { ...env, BLASTWALL_HOOK_DAEMON: '0' };
  const payloads = [
    ['git status', 'harmless'],
    ['git reset --hard origin/main', 'destructive'],
    ['kubectl --context prod-eu delete namespace payments', 'destructive, prod'],
  ];
  const variants = [{ name: '`node -e 0`', args: ['-e', '0'], input: '' }];
  for (const [command, kind] of payloads) {
    const input = claudePayload(command, project);
    variants.push({
      name: `blastwall hook claude-code, warm daemon — \`${command}\` (${kind})`,
      tool: 'blastwall',
      args: [BIN, 'hook', 'claude-code'],
      input,
    });
    variants.push({
      name: `blastwall hook claude-code, in-process (\`BLASTWALL_HOOK_DAEMON=0\`) — \`${command}\` (${kind})`,
      tool: 'blastwall-in-process',
      args: [BIN, 'hook', 'claude-code'],
      input,
      env: inProcessEnv,
    });
    variants.push({
      name: `cc-safety-net hook --coding-cli — \`${command}\` (${kind})`,
      tool: 'ccsn',
      args: [CCSN, 'hook', '--coding-cli'],
      input,
    });
  }
  for (const v of variants) Object.assign(v, { times: [], cpu: [] });
  // Which way the hook ran: its one-file bundle (npm run build makes it) or, when that is missing or older than
  // dist/, the whole CLI — a much slower start that these numbers would otherwise measure without saying so.
  const probe = runTimed(process.execPath, variants[1].args, {
    cwd: project,
    input: variants[1].input,
    env: { ...env, NODE_DEBUG: 'blastwall' },
  });
  const path = /hook bundle/.test(probe.stderr) ? 'its one-file bundle (dist/hook/hook.cjs)' : undefined;
  const daemonPid = Number(/started a hook daemon \(pid (\d+)\)/.exec(probe.stderr)?.[1]);
  console.log(
    path
      ? `blastwall's hook runs from ${path}, with V8's code cache after the first run.\n`
      : 'WARNING: the hook ran through the whole CLI, not its bundle (run `npm run build`): these are not the shipped numbers.\n',
  );
  // Steady state: wait until the daemon that run started answers.
  let warm = false;
  for (let i = 0; i < 100 && !warm; i++) {
    const check = runTimed(process.execPath, variants[1].args, {
      cwd: project,
      input: variants[1].input,
      env: { ...env, NODE_DEBUG: 'blastwall' },
    });
    warm = /hook answered by the daemon/.test(check.stderr);
  }
  if (!warm)
    console.log('WARNING: the hook daemon never answered: the "warm daemon" rows are in-process runs.\n');
  try {
    return measureHooks(variants, project, env, path);
  } finally {
    if (daemonPid > 0)
      try {
        process.kill(daemonPid);
      } catch {
        // It exited already.
      }
  }
}

function measureHooks(variants, project, env, path) {
  const warmup = 2;
  let staleRounds = 0;
  for (let i = 0; i < warmup + RUNS; i++) {
    // Another build of dist/ during the run makes the bundle stale and the hook fall back to the whole CLI.
    if (path && !bundleIsCurrent()) staleRounds++;
    for (const v of i % 2 === 0 ? variants : [...variants].reverse()) {
      const result = runTimed(process.execPath, v.args, {
        cwd: project,
        input: v.input,
        env: v.env ?? env,
        cpu: true,
      });
      v.answer = answer(result);
      if (i >= warmup) {
        v.times.push(result.ms);
        if (result.cpuMs !== undefined) v.cpu.push(result.cpuMs);
      }
    }
    if (i >= warmup) progress('hook rounds', i - warmup + 1, RUNS);
  }
  if (staleRounds > 0)
    console.log(
      `WARNING: dist/ was rebuilt during the run; in ${staleRounds} of ${warmup + RUNS} rounds the hook ran through the whole CLI.\n`,
    );
  return variants;
}

const destructive = readCorpus('destructive.jsonl');
const everyday = readCorpus('everyday.jsonl');
const loadAtStart = os.loadavg();
const cpus = os.cpus();
console.log(`# agent gate bench — ${new Date().toISOString()}`);
console.log(
  `machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, ${os.platform()} ${os.release()}; ` +
    `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min)${loadAtStart[0] > cpus.length * 2 ? ' — BUSY: wall times are inflated, compare the CPU column' : ''}`,
);
console.log(`corpus: ${destructive.length} destructive + ${everyday.length} everyday lines (test/corpus/)\n`);

// Under bench/out (ignored by git), not below /tmp: the corpus treats /tmp as disposable, and its fake home must not be.
mkdirSync(join(root, 'bench', 'out'), { recursive: true });
const base = mkdtempSync(join(root, 'bench', 'out', 'gate-'));
try {
  const setup = await setUp(base);
  const items = requests([...destructive, ...everyday], setup);
  // cc-safety-net reads its level from the environment on each call; the default is "standard".
  const ccsn = (item) =>
    setup.checkCommand({ command: item.request.command, cwd: setup.repo }).kind !== 'allow';
  const tools = [
    {
      name: 'blastwall `evaluateCommand`',
      decide: (item) => item.gate.evaluateCommand(item.request).decision !== 'allow',
    },
    { name: 'cc-safety-net `checkCommand` (standard)', decide: ccsn },
  ];

  if (PARTS.has('latency')) {
    console.log(
      `## 1. In-process decision latency (${PASSES} warm passes over all ${items.length} lines, after one warm-up pass)\n`,
    );
    const times = inProcess(items, tools);
    console.log(
      table(
        [
          'tool',
          'p50',
          'p90',
          'p99',
          'max',
          'CPU p50 / p99',
          'per-line median CPU p50 / p99',
          'CPU mean',
          'decisions',
        ],
        tools.map((t) => latencyRow(t.name, times.get(t.name), items.length)),
      ),
    );
    console.log(
      "\nWall and CPU columns are over every decision; the per-line column takes each line's median over the passes first, so a GC pause or a preemption that hit one pass drops out.",
    );
    const bw = times.get(tools[0].name);
    const wallP99 = percentiles(bw.wall).p99;
    const steadyP99 = perLineMedians(bw.cpu, items.length).p99;
    const verdict = (value) => (value <= 0.5 ? 'met' : 'NOT met');
    console.log(
      `\ngoal: blastwall p99 ≤ 0.5 ms — wall ${verdict(wallP99)} (${ms(wallP99)}), per-line median CPU ${verdict(steadyP99)} (${ms(steadyP99)}); ` +
        `load average now ${os.loadavg()[0].toFixed(2)}\n`,
    );
  }
  if (PARTS.has('hooks')) {
    console.log(
      `## 2. Whole-process hook latency (${RUNS} runs per variant, interleaved, after 2 warm-up rounds)\n`,
    );
    const variants = hooks(base, setup.home);
    const baseline = percentiles(variants[0].times).p50;
    const cpuBaseline = variants[0].cpu.length > 0 ? percentiles(variants[0].cpu).p50 : undefined;
    const cpuCells = (v) => {
      if (cpuBaseline === undefined) return ['–', '–'];
      const c = percentiles(v.cpu).p50;
      return [ms(c), `${(c / cpuBaseline).toFixed(2)}×`];
    };
    console.log(
      table(
        ['process', 'median', 'p90', '× `node -e 0`', 'CPU median', 'CPU × `node -e 0`', 'answer'],
        variants.map((v) => {
          const p = percentiles(v.times);
          return [
            v.name,
            ms(p.p50),
            ms(p.p90),
            `${(p.p50 / baseline).toFixed(2)}×`,
            ...cpuCells(v),
            v.answer ?? 'exit 0',
          ];
        }),
      ),
    );
    console.log(
      "\nCPU is the child's user+system time from GNU time (10 ms resolution; the wrapper adds the same ~1 ms to every variant's wall time). " +
        "The warm-daemon rows' CPU is the client's only: the daemon's share of each decision runs in the daemon process.",
    );
    const median = (tool) => percentiles(variants.filter((v) => v.tool === tool).flatMap((v) => v.times)).p50;
    const bw = median('blastwall');
    const cold = median('blastwall-in-process');
    const peer = median('ccsn');
    console.log(
      `\ngoals (warm daemon, the steady state): blastwall hook median ≤ 1.5× \`node -e 0\` — ${bw <= 1.5 * baseline ? 'met' : 'NOT met'} (${(bw / baseline).toFixed(2)}×); ` +
        `below cc-safety-net's — ${bw < peer ? 'met' : 'NOT met'} (${ms(bw)} vs ${ms(peer)}); ` +
        `in-process (cold) ${ms(cold)} (${(cold / baseline).toFixed(2)}×); load average now ${os.loadavg()[0].toFixed(2)}\n`,
    );
  }
  if (PARTS.has('catches')) {
    console.log('## 3. What each tool catches on the corpus\n');
    const verdicts = items.map((item) => ({
      ...item,
      blocked: { blastwall: tools[0].decide(item), standard: ccsn(item) },
    }));
    process.env.CC_SAFETY_NET_LEVEL = 'strict';
    for (const v of verdicts) v.blocked.strict = ccsn(v);
    delete process.env.CC_SAFETY_NET_LEVEL;
    const sections = await everydaySections();
    const grouped = (lines, key) => {
      const groups = new Map();
      for (const v of lines) groups.set(key(v), [...(groups.get(key(v)) ?? []), v]);
      return [...groups.entries(), ['**all**', lines]];
    };
    const rows = (groups, counted) =>
      groups.map(([name, lines]) => [
        name,
        ...['blastwall', 'standard', 'strict'].map((t) =>
          share(lines.filter((v) => counted(v.blocked[t])).length, lines.length),
        ),
      ]);
    const header = (what) => [what, 'blastwall', 'cc-safety-net (standard)', 'cc-safety-net (strict)'];
    const bad = verdicts.filter((v) => v.line.expect === 'block');
    const good = verdicts.filter((v) => v.line.expect === 'allow');
    console.log('Destructive lines held or denied, by the corpus note (how the command is written):\n');
    console.log(
      table(
        header('corpus note'),
        rows(
          grouped(bad, (v) => v.line.note ?? '(none)'),
          (b) => b,
        ),
      ),
    );
    console.log(
      '\nDestructive lines held or denied, by what they act on (written-out lines: notes other than `evasion`):\n',
    );
    console.log(
      table(
        header('domain'),
        rows(
          grouped(
            bad.filter((v) => v.line.note !== 'evasion'),
            (v) => domainOf(v.line.command),
          ),
          (b) => b,
        ),
      ),
    );
    console.log(
      '\nEveryday lines wrongly held or denied (false positives), by the section of `everyday.mjs` or the corpus note:\n',
    );
    console.log(
      table(
        header('everyday section'),
        rows(
          grouped(good, (v) => v.line.note ?? sections.get(v.line.command) ?? '(unsectioned)'),
          (b) => b,
        ),
      ),
    );
    const missed = bad.filter((v) => !v.blocked.blastwall).map((v) => v.line.command);
    const falsePositives = good.filter((v) => v.blocked.blastwall).map((v) => v.line.command);
    if (missed.length) console.log(`\nblastwall misses: ${missed.map((c) => JSON.stringify(c)).join(', ')}`);
    if (falsePositives.length)
      console.log(`blastwall false positives: ${falsePositives.map((c) => JSON.stringify(c)).join(', ')}`);
  }
  console.log(
    `\nload average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ')}`,
  );
} finally {
  rmSync(base, { recursive: true, force: true });
}
