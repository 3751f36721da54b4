#!/usr/bin/env node
// Gate evaluations per second over HTTP with a durable audit record each: `blastwall serve` in its own
// process, the load generator in another (keep-alive fetch, N concurrent workers), loopback only.
/* global process, console, fetch, performance */
// Usage: npm run build && node bench/serve.mjs [requests=20000] [concurrency=32]   (goal on SQLite: ≥ 3,000/s, p99 ≤ 20 ms)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
else await main();

/** The load generator process: sends `total` evaluations with `concurrency` workers, at most `seconds` long; prints JSON. */
async function load(url, token, total, concurrency, seconds) {
  const latencies = [];
  const statuses = {};
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  async function worker(w) {
    while (next < total && performance.now() < deadline) {
      const i = next++;
      const body = JSON.stringify({ command: COMMANDS[i % COMMANDS.length], sessionId: `w${w}` });
      const t0 = performance.now();
      const response = await fetch(`${url}/v1/actions/evaluate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  process.stdout.write(
    JSON.stringify({
      requests: latencies.length,
      seconds: elapsed,
      perSecond: latencies.length / elapsed,
      p50: at(50),
      p99: at(99),
      max: latencies.at(-1),
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
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db, '--repo', cwd], {
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

async function runBackend(name, db, cwd, total, concurrency) {
  const token = JSON.parse(
    cli(['token', 'create', '--role', 'agent', '--agent', 'bench', '--db', db, '--json'], cwd),
  ).token;
  const server = await startServer(cwd, db);
  try {
    const run = (n) => {
      const result = spawnSync(
        process.execPath,
        [fileURLToPath(import.meta.url), '--load', server.url, token, String(n), String(concurrency), '60'],
        { encoding: 'utf8' },
      );
      if (result.status !== 0) throw new Error(result.stderr);
      return JSON.parse(result.stdout);
    };
    run(Math.min(2000, total)); // warm-up: JIT, statement caches, connection pool
    const measured = run(total);
    const verify = cli(['audit', 'verify', '--db', db], cwd).trim();
    return { name, ...measured, verify };
  } finally {
    server.child.kill('SIGTERM');
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
  try {
    results.push(await runBackend('sqlite', join(cwd, 'bench.db'), cwd, total, concurrency));
    const pg = await postgresDatabase();
    if (pg) {
      try {
        results.push(await runBackend('postgres', pg.spec, cwd, total, concurrency));
      } finally {
        await pg.drop();
      }
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  console.log('backend   | requests | per second | p50 ms | p99 ms | max ms | statuses | audit');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(9)} | ${String(r.requests).padStart(8)} | ${r.perSecond.toFixed(0).padStart(10)} | ${r.p50.toFixed(2).padStart(6)} | ${r.p99.toFixed(2).padStart(6)} | ${r.max.toFixed(1).padStart(6)} | ${JSON.stringify(r.statuses)} | ${r.verify}`,
    );
  }
}
