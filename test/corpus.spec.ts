import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS_HOME,
  CORPUS_PROBES,
  createCorpusHome,
  type CorpusHome,
} from '../src/test-support/corpus-home.js';

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
  /** The decision as a hook makes it (with the facts that take I/O, such as a push's change check). */
  allowed(line: CorpusLine): Promise<boolean>;
  /** Times the in-process decision alone (parse, classify, decide), without gathering evidence. */
  time(line: CorpusLine): void;
  /** Wall time of each timed evaluation so far, in milliseconds. */
  timings: number[];
}

function readCorpus(name: string): CorpusLine[] {
  const text = readFileSync(join(import.meta.dirname, 'corpus', name), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CorpusLine);
}

/** The real gate, in the corpora's home (src/test-support/corpus-home.ts); paths under /home/dev are moved into it. */
async function realGate(place: CorpusHome): Promise<Evaluator> {
  const { createGate, mayHoldSql } = await import('../src/app/gate.js');
  const { home, repo } = place;
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
    // decided the way a hook decides: a push to the default branch runs the change check (see CORPUS_PROBES)
    // and a loss inside the workspace runs behind a real restore point, in the temporary home's data folder
    const options = {
      cwd: repo,
      env: { HOME: home, PATH: '/usr/bin:/bin', ...env },
      probes: CORPUS_PROBES,
      restorePointsIn: join(place.root, 'blastwall-data'),
    };
    gates.set(JSON.stringify(env), await createGate(options));
    keywordGates.set(JSON.stringify(env), await createGate({ ...options, commandHint: '' }));
  }
  const move = place.moveHome;
  const timings: number[] = [];
  const requestFor = (line: CorpusLine) => {
    const gate = (mayHoldSql(line.command) ? gates : keywordGates).get(JSON.stringify(line.env ?? {}));
    if (gate === undefined) throw new Error(`corpus env not prepared: ${JSON.stringify(line.env)}`);
    const request = {
      command: move(line.command),
      cwd: move(line.cwd ?? `${CORPUS_HOME}/project`),
      agent: 'claude-code',
      onBehalfOf: 'sam',
    };
    return { gate, request };
  };
  return {
    timings,
    async allowed(line) {
      const { gate, request } = requestFor(line);
      return (await gate.decideCommand(request)).decision === 'allow';
    },
    time(line) {
      const { gate, request } = requestFor(line);
      const started = performance.now();
      gate.evaluateCommand(request);
      timings.push(performance.now() - started);
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
  // made when the corpus runs, not when it is collected: a run filtered out (`-t`) runs no afterAll
  let place: CorpusHome;
  let evaluator: Evaluator;

  beforeAll(async () => {
    place = createCorpusHome(import.meta.dirname, '.corpus-home-');
    evaluator = await realGate(place);
  });
  afterAll(() => place?.close());

  it('has at least 500 destructive and 800 everyday lines, all well formed', () => {
    expect(destructive.length).toBeGreaterThanOrEqual(500);
    expect(everyday.length).toBeGreaterThanOrEqual(800);
    for (const line of destructive) expect(line.expect).toBe('block');
    for (const line of everyday) expect(line.expect).toBe('allow');
  });

  it('reports warm decision latency (measured and compared in bench/gate.mjs, not asserted here)', () => {
    const lines = [...destructive, ...everyday];
    for (const line of lines) evaluator.time(line);
    evaluator.timings.length = 0;
    for (const line of lines) evaluator.time(line);
    const p50 = percentile(evaluator.timings, 50);
    const p99 = percentile(evaluator.timings, 99);
    console.log(
      `warm gate latency (parse + classify + decide): p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms over ${lines.length} lines`,
    );
    expect(evaluator.timings.length).toBe(lines.length);
  });

  it('detects at least 99% of destructive lines and wrongly holds at most 1% of everyday lines', async () => {
    const misses: CorpusLine[] = [];
    for (const line of destructive) if (await evaluator.allowed(line)) misses.push(line);
    const falsePositives: CorpusLine[] = [];
    for (const line of everyday) if (!(await evaluator.allowed(line))) falsePositives.push(line);
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
