import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedGate } from '../src/app/gate.js';

// The blind corpus (test/corpus-blind/, see its README): written by someone who had not read the
// classifiers, across the families of issue 19. It measures; its misses point at weak families, which are
// fixed generically — never with a rule for one line. The goal (issue 19) is ≥ 97% destructive stopped, ≤ 1% everyday
// stopped and every chain right; the assertions below are a ratchet at what is reached now (see the README), so a
// regression fails while the gap stays visible in the printed numbers. The destructive goal is reached; the everyday
// gap is mostly framework resets against test databases, local dev containers and clusters, and pushes checked
// against the branch the checkout is on (the corpus home sits inside this repository, so on `main` a plain
// `git push` is a push to the default branch and is held until the change check runs).
const GOAL = { destructive: 0.97, everyday: 0.01 };
const REACHED = { destructive: 0.98, everyday: 0.036, twoStepWrong: 5 };

interface Line {
  command: string;
  expect: 'block' | 'allow';
  family: string;
  cwd?: string;
  env?: Record<string, string>;
}
interface TwoStep {
  steps: (
    | { write: { path: string; content: string } }
    | { command: string; cwd?: string; env?: Record<string, string> }
  )[];
  expect: 'block' | 'allow';
  family: string;
}

const CORPUS_HOME = '/home/dev';
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

function read<T>(name: string): T[] {
  return readFileSync(join(import.meta.dirname, 'corpus-blind', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

function rate(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(2)}% (${part}/${whole})`;
}

describe('blind corpus', () => {
  const destructive = read<Line>('destructive.jsonl');
  const everyday = read<Line>('everyday.jsonl');
  const twoStep = read<TwoStep>('two-step.jsonl');
  // not below /tmp: the corpus treats /tmp as disposable, and its fake home must not be
  const root = mkdtempSync(join(import.meta.dirname, '.blind-home-'));
  const home = join(root, 'home', 'dev');
  const repo = join(home, 'project');
  const gates = new Map<string, LoadedGate>();
  const move = (text: string): string =>
    text.split(CORPUS_HOME).join(home).split('/tmp/').join(`${root}/tmp/`);
  const moveHome = (text: string): string => text.split(CORPUS_HOME).join(home);

  async function gateFor(env: Record<string, string> = {}): Promise<LoadedGate> {
    const key = JSON.stringify(env);
    let gate = gates.get(key);
    if (gate === undefined) {
      const { createGate } = await import('../src/app/gate.js');
      const moved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, moveHome(v)]));
      gate = await createGate({ cwd: repo, env: { HOME: home, PATH: '/usr/bin:/bin', ...moved } });
      gates.set(key, gate);
    }
    return gate;
  }

  async function allowed(
    command: string,
    cwd: string | undefined,
    env: Record<string, string> | undefined,
    twoStepLine = false,
  ): Promise<{ allowed: boolean; reasons: string[] }> {
    const gate = await gateFor(env);
    const at = twoStepLine ? move : moveHome;
    const decision = gate.evaluateCommand({
      command: at(command),
      cwd: at(cwd ?? `${CORPUS_HOME}/project`),
      agent: 'claude-code',
      onBehalfOf: 'sam',
    });
    return { allowed: decision.decision === 'allow', reasons: decision.reasons };
  }

  beforeAll(() => {
    for (const dir of [
      repo,
      join(repo, 'src'),
      join(repo, 'frontend'),
      join(repo, '.git', 'hooks'),
      join(home, '.kube'),
      join(root, 'tmp'),
    ])
      mkdirSync(dir, { recursive: true });
    writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(repo, 'blastwall.yaml'), CONFIG);
    writeFileSync(join(home, '.kube', 'prod.yaml'), 'current-context: prod-eu\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function byFamily(lines: Line[], misses: Set<Line>): string[] {
    const families = new Map<string, { all: number; miss: number }>();
    for (const line of lines) {
      const entry = families.get(line.family) ?? { all: 0, miss: 0 };
      entry.all++;
      if (misses.has(line)) entry.miss++;
      families.set(line.family, entry);
    }
    return [...families]
      .filter(([, c]) => c.miss > 0)
      .map(([family, c]) => `  ${family}: ${c.miss}/${c.all}`);
  }

  it('stops destructive lines and lets everyday lines through (goal 97% / 1%, ratchet at what is reached)', async () => {
    const missed = new Set<Line>();
    for (const line of destructive)
      if ((await allowed(line.command, line.cwd, line.env)).allowed) missed.add(line);
    const stopped = new Set<Line>();
    const why = new Map<Line, string>();
    for (const line of everyday) {
      const result = await allowed(line.command, line.cwd, line.env);
      if (!result.allowed) {
        stopped.add(line);
        why.set(line, result.reasons.join(' | ').slice(0, 300));
      }
    }
    console.log(
      [
        `blind destructive stopped: ${rate(destructive.length - missed.size, destructive.length)}`,
        ...byFamily(destructive, missed),
        `blind everyday stopped: ${rate(stopped.size, everyday.length)}`,
        ...byFamily(everyday, stopped),
        ...[...missed].map((l) => `  missed [${l.family}]: ${l.command}`),
        ...[...stopped].map((l) => `  stopped [${l.family}]: ${l.command}\n      ${why.get(l) ?? ''}`),
      ].join('\n'),
    );
    console.log(
      `goal: ≥ ${GOAL.destructive * 100}% destructive stopped, ≤ ${GOAL.everyday * 100}% everyday stopped`,
    );
    expect((destructive.length - missed.size) / destructive.length).toBeGreaterThanOrEqual(
      REACHED.destructive,
    );
    expect(stopped.size / everyday.length).toBeLessThanOrEqual(REACHED.everyday);
  });

  it('stops two-step chains and allows their benign twins (goal: all right; ratchet at what is reached)', async () => {
    const wrong: string[] = [];
    for (const line of twoStep) {
      const written: string[] = [];
      let result = { allowed: true, reasons: [] as string[] };
      for (const step of line.steps) {
        if ('write' in step) {
          const path = move(step.write.path);
          mkdirSync(dirname(path), { recursive: true });
          writeFileSync(path, step.write.content);
          written.push(path);
        } else {
          result = await allowed(step.command, step.cwd, step.env, true);
        }
      }
      for (const path of written) rmSync(path, { force: true });
      if (result.allowed !== (line.expect === 'allow')) {
        const run = line.steps.map((s) => ('command' in s ? s.command : `write ${s.write.path}`)).join(' ; ');
        wrong.push(
          `  ${line.expect === 'block' ? 'missed' : 'stopped'} [${line.family}]: ${run}\n      ${result.reasons.join(' | ').slice(0, 300)}`,
        );
      }
    }
    console.log([`blind two-step wrong: ${wrong.length}/${twoStep.length}`, ...wrong].join('\n'));
    expect(wrong.length).toBeLessThanOrEqual(REACHED.twoStepWrong);
  });
});
