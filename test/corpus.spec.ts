import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Runs the whole corpus through the real agent gate (parser, classifiers, environments, Cedar policies)
// and reports detection and false-positive rates. Fails below 99% detection or above 1% false positives.

interface CorpusLine {
  command: string;
  expect: 'block' | 'allow';
  cwd?: string;
  env?: Record<string, string>;
  note?: string;
}

interface Evaluator {
  allowed(line: CorpusLine): boolean;
  /** Wall time of each evaluation so far, in milliseconds. */
  timings: number[];
}

const CORPUS_HOME = '/home/dev';

// The example configuration of DESIGN.md: prod contexts/profiles/hosts protected, kind/dev ones not.
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

function readCorpus(name: string): CorpusLine[] {
  const text = readFileSync(join(import.meta.dirname, 'corpus', name), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
}

/** The real gate, in a temporary home/dev/project tree; corpus paths under /home/dev are moved into it. */
async function realGate(root: string): Promise<Evaluator> {
  const { createGate, mayHoldSql } = await import('../src/app/gate.js');
  const home = join(root, 'home', 'dev');
  const repo = join(home, 'project');
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, 'blastwall.yaml'), CONFIG);
  const gates = new Map<string, Awaited<ReturnType<typeof createGate>>>();
  // A hook builds its gate with the command as a hint and skips the SQL parser when the command cannot
  // hold SQL; the corpus goes through that same path (the keyword gate) for every such line.
  const keywordGates = new Map<string, Awaited<ReturnType<typeof createGate>>>();
  for (const env of [
    {},
    { AWS_PROFILE: 'prod' },
    { TF_WORKSPACE: 'prod' },
    { AWS_PROFILE: 'dev', TF_WORKSPACE: 'dev' },
  ]) {
    const options = { cwd: repo, env: { HOME: home, PATH: '/usr/bin:/bin', ...env } };
    gates.set(JSON.stringify(env), await createGate(options));
    keywordGates.set(JSON.stringify(env), await createGate({ ...options, commandHint: '' }));
  }
  const move = (text: string): string => text.split(CORPUS_HOME).join(home);
  const timings: number[] = [];
  return {
    timings,
    allowed(line) {
      const gate = (mayHoldSql(line.command) ? gates : keywordGates).get(JSON.stringify(line.env ?? {}));
      if (gate === undefined) throw new Error(`corpus env not prepared: ${JSON.stringify(line.env)}`);
      const request = {
        command: move(line.command),
        cwd: move(line.cwd ?? `${CORPUS_HOME}/project`),
        agent: 'claude-code',
        onBehalfOf: 'sam',
      };
      const started = performance.now();
      const decision = gate.evaluateCommand(request);
      timings.push(performance.now() - started);
      return decision.decision === 'allow';
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function rate(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(2)}%`;
}

describe('agent gate corpus', () => {
  const destructive = readCorpus('destructive.jsonl');
  const everyday = readCorpus('everyday.jsonl');
  // not below /tmp: the corpus treats /tmp as disposable, and its fake home must not be
  const root = mkdtempSync(join(import.meta.dirname, '.corpus-home-'));
  let evaluator: Evaluator;

  beforeAll(async () => {
    evaluator = await realGate(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('has at least 500 destructive and 800 everyday lines, all well formed', () => {
    expect(destructive.length).toBeGreaterThanOrEqual(500);
    expect(everyday.length).toBeGreaterThanOrEqual(800);
    for (const line of destructive) expect(line.expect).toBe('block');
    for (const line of everyday) expect(line.expect).toBe('allow');
  });

  it('reports warm decision latency (measured and compared in bench/gate.mjs, not asserted here)', () => {
    const lines = [...destructive, ...everyday];
    for (const line of lines) evaluator.allowed(line);
    evaluator.timings.length = 0;
    for (const line of lines) evaluator.allowed(line);
    const p50 = percentile(evaluator.timings, 50);
    const p99 = percentile(evaluator.timings, 99);
    console.log(
      `warm gate latency (parse + classify + decide): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${lines.length} lines`,
    );
    expect(evaluator.timings.length).toBe(lines.length);
  });

  it('detects at least 99% of destructive lines and wrongly holds at most 1% of everyday lines', () => {
    const misses = destructive.filter((line) => evaluator.allowed(line));
    const falsePositives = everyday.filter((line) => !evaluator.allowed(line));
    const detection = (destructive.length - misses.length) / destructive.length;
    const fpRate = falsePositives.length / everyday.length;
    console.log(
      [
        `detection: ${rate(destructive.length - misses.length, destructive.length)} (${destructive.length - misses.length}/${destructive.length})`,
        `false positives: ${rate(falsePositives.length, everyday.length)} (${falsePositives.length}/${everyday.length})`,
        ...misses.map((l) => `  missed: ${JSON.stringify(l.command)}`),
        ...falsePositives.map((l) => `  false positive: ${JSON.stringify(l.command)}`),
      ].join('\n'),
    );
    expect(detection).toBeGreaterThanOrEqual(0.99);
    expect(fpRate).toBeLessThanOrEqual(0.01);
  });
});
