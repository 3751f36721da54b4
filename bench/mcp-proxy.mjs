#!/usr/bin/env node
// Added latency of `blastwall mcp-proxy` per tool call: the same test server called directly, through a do-nothing
// byte relay (the floor for any proxy that is a separate process) and through the proxy, interleaved in one run.
/* global process, console */
// Usage: npm run build && node bench/mcp-proxy.mjs [calls] [--json]   (goal: p99 added ≤ 1 ms)
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'test/mcp/fixtures/cloud-db-server.mjs');
const calls = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 5000);
const warmup = 500;

const cwd = mkdtempSync(join(tmpdir(), 'blastwall-mcp-bench-'));
writeFileSync(
  join(cwd, 'blastwall.yaml'),
  'mcp:\n  servers:\n    cloud-db:\n      tools:\n        cleanup: { operation: delete }\n',
);
// The floor: a process that only copies bytes both ways. Whatever it adds, any stdio proxy adds too.
const relayScript = join(cwd, 'relay.mjs');
writeFileSync(
  relayScript,
  `import { spawn } from 'node:child_process';
const child = spawn(process.argv[2], process.argv.slice(3), { stdio: ['pipe', 'pipe', 'inherit'] });
process.stdin.on('data', (chunk) => child.stdin.write(chunk));
process.stdin.on('end', () => child.stdin.end());
child.stdout.on('data', (chunk) => process.stdout.write(chunk));
child.on('exit', () => process.exit(0));
`,
);

async function connect(args) {
  const transport = new StdioClientTransport({ command: process.execPath, args, cwd, stderr: 'ignore' });
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(transport);
  await client.listTools();
  return { client, pid: transport.pid };
}

// CPU time (user + system) a process has used so far, in ms; undefined where /proc is not there.
function cpuMs(pid) {
  const file = `/proc/${pid}/stat`;
  if (!existsSync(file)) return undefined;
  const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sides = {
  direct: await connect([server]),
  relay: await connect([relayScript, process.execPath, server]),
  proxied: await connect([
    join(root, 'bin/blastwall.js'),
    'mcp-proxy',
    '--server-name',
    'cloud-db',
    '--cwd',
    cwd,
    '--',
    process.execPath,
    server,
  ]),
};
const names = Object.keys(sides);
const request = { name: 'get_volume', arguments: { volume_id: 'vol-1', account: 'prod-admin' } };

const loadBefore = loadavg();
const times = { direct: [], relay: [], proxied: [] };
const cpuBefore = {};
for (let i = 0; i < warmup + calls; i++) {
  if (i === warmup) for (const name of names) cpuBefore[name] = cpuMs(sides[name].pid);
  // Interleaved and rotated, so load on the machine hits every side alike.
  for (let k = 0; k < names.length; k++) {
    const name = names[(i + k) % names.length];
    const start = process.hrtime.bigint();
    const result = await sides[name].client.callTool(request);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.isError) throw new Error(`${name} call failed: ${JSON.stringify(result)}`);
    if (i >= warmup) times[name].push(elapsed);
  }
}
const cpuPerCall = {};
for (const name of names) {
  const after = cpuMs(sides[name].pid);
  if (after !== undefined && cpuBefore[name] !== undefined)
    cpuPerCall[name] = ((after - cpuBefore[name]) * 1000) / calls;
}
const loadAfter = loadavg();
for (const side of Object.values(sides)) await side.client.close();

const rows = {};
for (const [name, list] of Object.entries(times)) {
  const sorted = [...list].sort((a, b) => a - b);
  rows[name] = { p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9) };
}
const minus = (a, b) => ({ p50: a.p50 - b.p50, p99: a.p99 - b.p99 });
const added = minus(rows.proxied, rows.direct);
const relayAdded = minus(rows.relay, rows.direct);
const overRelay = minus(rows.proxied, rows.relay);
const fmt = (ms) => `${ms.toFixed(3).padStart(7)} ms`;
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
console.log(
  `mcp-proxy bench: ${calls} tools/call (get_volume, allowed and forwarded) per side, interleaved, after ${warmup} warm-up calls`,
);
console.log(`  load average before ${load(loadBefore)}, after ${load(loadAfter)} (${process.platform})`);
for (const name of names) {
  const cpu = cpuPerCall[name] === undefined ? '' : `  process CPU ${cpuPerCall[name].toFixed(0)} µs/call`;
  console.log(
    `  ${name.padEnd(8)} p50 ${fmt(rows[name].p50)}  p99 ${fmt(rows[name].p99)}  p99.9 ${fmt(rows[name].p999)}${cpu}`,
  );
}
console.log(
  `  relay − direct     p50 ${fmt(relayAdded.p50)}  p99 ${fmt(relayAdded.p99)}  (one more process hop)`,
);
console.log(
  `  proxied − relay    p50 ${fmt(overRelay.p50)}  p99 ${fmt(overRelay.p99)}  (blastwall's own work)`,
);
console.log(
  `  proxied − direct   p50 ${fmt(added.p50)}  p99 ${fmt(added.p99)}  (goal: p99 added ≤ 1 ms: ${added.p99 <= 1 ? 'met' : 'NOT met'})`,
);
// Where the added time goes: the in-process decision (classification + Cedar gate) for the same call.
const { createGate } = await import(join(root, 'dist/app/gate.js'));
const { classifyToolCall } = await import(join(root, 'dist/core/actions/tool-call.js'));
const gate = await createGate({ cwd, env: process.env });
const inProcess = { classify: [], gate: [] };
for (let i = 0; i < warmup + calls; i++) {
  const t0 = process.hrtime.bigint();
  const operations = classifyToolCall({
    server: 'cloud-db',
    tool: request.name,
    args: request.arguments,
    annotations: { readOnlyHint: true },
  });
  const t1 = process.hrtime.bigint();
  gate.evaluateOperations({ description: 'mcp__cloud-db__get_volume', operations, cwd, agent: 'bench' });
  const t2 = process.hrtime.bigint();
  if (i >= warmup) {
    inProcess.classify.push(Number(t1 - t0) / 1e6);
    inProcess.gate.push(Number(t2 - t1) / 1e6);
  }
}
for (const [name, list] of Object.entries(inProcess)) {
  const sorted = [...list].sort((a, b) => a - b);
  rows[`in-process ${name}`] = { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  console.log(
    `  in-process ${name.padEnd(8)} p50 ${fmt(rows[`in-process ${name}`].p50)}  p99 ${fmt(rows[`in-process ${name}`].p99)}`,
  );
}
if (process.argv.includes('--json'))
  console.log(
    JSON.stringify({ calls, loadBefore, loadAfter, cpuPerCall, ...rows, added, relayAdded, overRelay }),
  );
