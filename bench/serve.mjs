#!/usr/bin/env node
// Gate evaluations per second over HTTP with a durable audit record each: `blastwall serve` in its own
// process, the load generator in another (autocannon, N keep-alive connections), loopback only.
// Baseline in the same run: a bare node:http server (parse the JSON body, answer a fixed JSON) under the
// same load generator — what this machine can do over HTTP at this moment, whatever else runs on it.
// Also measured, in its own process: the store calls of one evaluation without HTTP (token lookup,
// approval look-up when held, the audited decision), to tell storage cost from the HTTP layer's.
/* global process, console, performance */
// Usage: npm run build && node bench/serve.mjs [requests=20000] [concurrency=32]   (goal on SQLite: ≥ 3,000/s, p99 ≤ 20 ms)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'blastwall.js');

// A mix like an agent session: mostly reads and builds, some held, a few denied.
const COMMANDS = [
  'ls -la',
  'git status',
  'npm test',
  'cat package.json',
  'rg TODO src',
  'git diff HEAD~1',
  'npm run build',
  'kubectl --context kind-dev get pods',
  'kubectl --context prod-eu scale deployment shop --replicas=0',
  'terraform destroy -auto-approve',
];

if (process.argv[2] === '--load')
  await load(
    process.argv[3],
    process.argv[4],
    Number(process.argv[5]),
    Number(process.argv[6]),
    Number(process.argv[7]),
  );
else if (process.argv[2] === '--floor') await floorServer();
else if (process.argv[2] === '--store')
  await storeOnly(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
else await main();

/** The baseline server: node:http, reads and parses the body, answers a fixed JSON decision. */
async function floorServer() {
  const { createServer } = await import('node:http');
  const answer = JSON.stringify({ decision: 'allow', reasons: [], operations: [], requirements: [] });
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      JSON.parse(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    });
  });
  server.listen(0, '127.0.0.1', () =>
    process.stderr.write(`listening on http://127.0.0.1:${server.address().port}\n`),
  );
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
  server.keepAliveTimeout = 60_000;
}

/** The store calls of `total` evaluations with `concurrency` callers, in this process; prints JSON. */
async function storeOnly(spec, total, concurrency) {
  const { openStore } = await import(join(root, 'dist', 'adapters', 'storage', 'open-store.js'));
  const { hashToken } = await import(join(root, 'dist', 'adapters', 'storage', 'tokens.js'));
  const store = await openStore(spec, { checkpointInBackground: true });
  const secret = `bench-${randomBytes(8).toString('hex')}`;
  const token = await store.createToken(
    { role: 'agent', agentId: 'bench', hash: hashToken(secret) },
    'bench',
  );
  const requirement = { approvals: 1, notAuthor: true, authors: [], policies: ['bench'] };
  async function run(count) {
    let next = 0;
    const latencies = [];
    async function caller(w) {
      while (next < count) {
        const i = next++;
        const command = COMMANDS[i % COMMANDS.length];
        const held = i % COMMANDS.length >= 8;
        const t0 = performance.now();
        await store.findTokenByHash(hashToken(secret));
        const at = Date.now();
        if (held)
          await store.findApprovedAction({
            command,
            agent: 'bench',
            sessionId: `w${w}`,
            since: new Date(at - 3_600_000).toISOString(),
          });
        await store.recordActionDecision(
          {
            command,
            agent: 'bench',
            sessionId: `w${w}`,
            operations: [{ kind: 'read', summary: command }],
            decision: held ? 'needs-approval' : 'allow',
            reasons: [held ? 'held' : 'allowed'],
            detail: { requirements: [], warnings: [] },
          },
          `token:${token.id}`,
          held ? { requirement, expiresAt: new Date(at + 3_600_000).toISOString() } : undefined,
        );
        latencies.push(performance.now() - t0);
      }
    }
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    await Promise.all(Array.from({ length: concurrency }, (_, w) => caller(w)));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    return {
      perSecond: count / seconds,
      cpuMicros: (cpu.user + cpu.system) / count,
      p50: at(50),
      p99: at(99),
    };
  }
  await run(Math.min(2000, total));
  const measured = await run(total);
  const verdict = await store.verifyAudit();
  await store.close();
  process.stdout.write(JSON.stringify({ ...measured, intact: verdict.ok }));
}

/**
 * The load generator process: autocannon (its own HTTP/1.1 client over keep-alive sockets, one connection per
 * concurrent caller) sends `total` evaluations cycling through the command mix, at most `seconds` long; prints JSON.
 * Node's fetch costs more CPU per request than the servers it measures, so on 2 cores it was the bottleneck.
 */
async function load(url, token, total, concurrency, seconds) {
  const { default: autocannon } = await import('autocannon');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let lastResponse = started;
  const result = await new Promise((done, fail) => {
    const instance = autocannon(
      {
        url,
        connections: concurrency,
        amount: total,
        duration: seconds,
        timeout: 30,
        requests: COMMANDS.map((command) => ({
          method: 'POST',
          path: '/v1/actions/evaluate',
          headers,
          body: JSON.stringify({ command, sessionId: 'bench' }),
        })),
      },
      (error, finished) => (error ? fail(error) : done(finished)),
    );
    instance.on('response', () => (lastResponse = performance.now()));
  });
  // The rate runs to the last answer: autocannon ends a run only on a tick of its one-second sampler.
  const elapsed = (lastResponse - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const statuses = {};
  for (const kind of ['1xx', '2xx', '3xx', '4xx', '5xx']) if (result[kind]) statuses[kind] = result[kind];
  if (result.errors) statuses.errors = result.errors;
  if (result.timeouts) statuses.timeouts = result.timeouts;
  const requests = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  process.stdout.write(
    JSON.stringify({
      requests,
      seconds: elapsed,
      perSecond: requests / elapsed,
      // autocannon's histogram holds whole milliseconds.
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      loaderCpuMicros: (cpu.user + cpu.system) / requests,
      statuses,
    }),
  );
}

function cli(args, cwd) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`blastwall ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function startServer(cwd, db) {
  // BENCH_CPU_PROF=DIR writes a V8 CPU profile of the server (open it in Chrome DevTools) when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)]
    : [];
  const args =
    db === undefined
      ? [fileURLToPath(import.meta.url), '--floor']
      : [...profile, BIN, 'serve', '--port', '0', '--db', db, '--repo', cwd];
  const child = spawn(process.execPath, args, {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((done, fail) => {
    let log = '';
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(log);
      if (match) done({ url: match[1], child });
    });
    child.on('exit', () => fail(new Error(`serve exited:\n${log}`)));
  });
}

/** User + system CPU milliseconds of a process so far (Linux /proc; undefined elsewhere). */
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Runs a script of this file in its own process and parses the JSON it prints. */
function child(args) {
  const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

/** `db` undefined: the bare node:http baseline. */
async function runBackend(name, db, cwd, total, concurrency) {
  const token =
    db === undefined
      ? 'none'
      : JSON.parse(cli(['token', 'create', '--role', 'agent', '--agent', 'bench', '--db', db, '--json'], cwd))
          .token;
  const server = await startServer(cwd, db);
  try {
    const run = (n) => child(['--load', server.url, token, String(n), String(concurrency), '60']);
    run(Math.min(2000, total)); // warm-up: JIT, statement caches, connection pool
    const cpu0 = processCpuMs(server.child.pid);
    const measured = run(total);
    const cpu1 = processCpuMs(server.child.pid);
    // CPU time does not grow while a process waits for a core, so it says more than wall time on a busy machine.
    measured.cpuMicros =
      cpu0 === undefined || cpu1 === undefined ? undefined : ((cpu1 - cpu0) * 1000) / measured.requests;
    const verify = db === undefined ? '' : cli(['audit', 'verify', '--db', db], cwd).trim();
    return { name, ...measured, verify };
  } finally {
    const exited = new Promise((done) => server.child.once('exit', done));
    server.child.kill('SIGTERM');
    await exited;
  }
}

async function postgresDatabase() {
  const base = process.env.BLASTWALL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const { default: pg } = await import('pg');
  const name = `bw_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    console.log(`PostgreSQL skipped: ${error.message}`);
    return undefined;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    spec: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function main() {
  const total = Number(process.argv[2] ?? 20000);
  const concurrency = Number(process.argv[3] ?? 32);
  const cwd = mkdtempSync(join(tmpdir(), 'blastwall-serve-bench-'));
  writeFileSync(
    join(cwd, 'blastwall.yaml'),
    [
      'people:',
      '  - { id: sam, level: senior, emails: [sam@example.com] }',
      'environments:',
      '  prod: { protected: true, match: { kubeContext: ["prod-*"] } }',
      '  dev:  { protected: false, match: { kubeContext: ["kind-*"] } }',
      '',
    ].join('\n'),
  );
  console.log(
    `${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )} (shared machine), ${total} evaluations, ${concurrency} concurrent, keep-alive, server and load generator in separate processes`,
  );
  const results = [];
  const stores = [];
  try {
    const floor = await runBackend('node:http', undefined, cwd, total, concurrency);
    results.push(floor);
    // BENCH_BACKENDS=sqlite (or postgres) measures one backend only.
    const backends = (process.env.BENCH_BACKENDS ?? 'sqlite,postgres').split(',');
    if (backends.includes('sqlite')) {
      results.push(await runBackend('sqlite', join(cwd, 'bench.db'), cwd, total, concurrency));
      stores.push({
        name: 'sqlite',
        ...child(['--store', join(cwd, 'store.db'), String(total), String(concurrency)]),
      });
    }
    for (const spec of backends.includes('postgres') ? [0, 1] : []) {
      const pg = await postgresDatabase();
      if (!pg) break;
      try {
        if (spec === 0) results.push(await runBackend('postgres', pg.spec, cwd, total, concurrency));
        else
          stores.push({
            name: 'postgres',
            ...child(['--store', pg.spec, String(total), String(concurrency)]),
          });
      } finally {
        await pg.drop();
      }
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const floor = results[0];
  console.log(
    `load average after: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log('\nOver HTTP (baseline: node:http answering a fixed JSON, same load generator, same run)');
  console.log(
    'server    | requests | per second | × baseline | server CPU µs/request | × baseline | load generator CPU µs/request | p50 ms | p99 ms | max ms | statuses | audit',
  );
  const cpu = (r) => (r.cpuMicros === undefined ? '?' : r.cpuMicros.toFixed(0));
  const cpuRatio = (r) =>
    r.cpuMicros === undefined || floor.cpuMicros === undefined
      ? '?'
      : (r.cpuMicros / floor.cpuMicros).toFixed(1);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(9)} | ${String(r.requests).padStart(8)} | ${r.perSecond.toFixed(0).padStart(10)} | ${(r.perSecond / floor.perSecond).toFixed(2).padStart(10)} | ${cpu(r).padStart(21)} | ${cpuRatio(r).padStart(10)} | ${r.loaderCpuMicros.toFixed(0).padStart(29)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} | ${r.max.toFixed(1).padStart(6)} | ${JSON.stringify(r.statuses)} | ${r.verify}`,
    );
  }
  console.log(
    '\nStore calls of one evaluation, no HTTP (token lookup, approval look-up when held, audited decision)',
  );
  console.log('backend   | per second | CPU µs per evaluation | p50 ms | p99 ms | chain');
  for (const r of stores) {
    console.log(
      `${r.name.padEnd(9)} | ${r.perSecond.toFixed(0).padStart(10)} | ${r.cpuMicros.toFixed(0).padStart(21)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} | ${r.intact ? 'intact' : 'BROKEN'}`,
    );
  }
}
