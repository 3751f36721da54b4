#!/usr/bin/env node
// Added latency of `blastwall mcp-proxy` per tool call: the same test server called directly and through the proxy, in one run.
/* global process, console */
// Usage: npm run build && node bench/mcp-proxy.mjs [calls]   (goal: p99 added ≤ 1 ms)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const server = join(root, 'test/mcp/fixtures/cloud-db-server.mjs');
const calls = Number(process.argv[2] ?? 2000);
const warmup = 200;

const cwd = mkdtempSync(join(tmpdir(), 'blastwall-mcp-bench-'));
writeFileSync(
  join(cwd, 'blastwall.yaml'),
  'mcp:\n  servers:\n    cloud-db:\n      tools:\n        cleanup: { operation: delete }\n',
);

async function connect(args) {
  const client = new Client({ name: 'bench', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args, cwd, stderr: 'ignore' }));
  await client.listTools();
  return client;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const direct = await connect([server]);
const proxied = await connect([
  join(root, 'bin/blastwall.js'),
  'mcp-proxy',
  '--server-name',
  'cloud-db',
  '--cwd',
  cwd,
  '--',
  process.execPath,
  server,
]);
const request = { name: 'get_volume', arguments: { volume_id: 'vol-1', account: 'prod-admin' } };

const times = { direct: [], proxied: [] };
for (let i = 0; i < warmup + calls; i++) {
  // Interleaved, so load on the machine hits both sides alike.
  for (const [name, client] of i % 2 === 0
    ? [
        ['direct', direct],
        ['proxied', proxied],
      ]
    : [
        ['proxied', proxied],
        ['direct', direct],
      ]) {
    const start = process.hrtime.bigint();
    const result = await client.callTool(request);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.isError) throw new Error(`${name} call failed: ${JSON.stringify(result)}`);
    if (i >= warmup) times[name].push(elapsed);
  }
}
await direct.close();
await proxied.close();

const rows = {};
for (const [name, list] of Object.entries(times)) {
  const sorted = [...list].sort((a, b) => a - b);
  rows[name] = { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}
const added = { p50: rows.proxied.p50 - rows.direct.p50, p99: rows.proxied.p99 - rows.direct.p99 };
const fmt = (ms) => `${ms.toFixed(3)} ms`;
console.log(
  `mcp-proxy bench: ${calls} tools/call (get_volume, allowed and forwarded) each way, interleaved, after ${warmup} warm-up calls`,
);
console.log(`  direct   p50 ${fmt(rows.direct.p50)}  p99 ${fmt(rows.direct.p99)}`);
console.log(`  proxied  p50 ${fmt(rows.proxied.p50)}  p99 ${fmt(rows.proxied.p99)}`);
console.log(
  `  added    p50 ${fmt(added.p50)}  p99 ${fmt(added.p99)}  (goal: p99 added ≤ 1 ms: ${added.p99 <= 1 ? 'met' : 'NOT met'})`,
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
if (process.argv.includes('--json')) console.log(JSON.stringify({ calls, ...rows, added }));
