import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/cli-testing.js';
import { jitDataDir } from '../../../test-support/jit-data.js';

let dir: string;
let repo: string;

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv, { cwd: dir });
  return { code, out: stdout, err: stderr };
}

const HEADER = ',_id,date,bug,__,ns,nd,nf,entrophy,la,ld,lt,fix,ndev,age,nuc,exp,rexp,sexp';

/** A CSV where bigger changes are buggier, so a model has something to learn. */
function csv(rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const la = (i * 37) % 500;
    const bug = la + ((i * 13) % 200) > 350 ? 1 : 0;
    lines.push(
      `${i},sha${i},${1_000 + i},${bug},${bug},1,1,2,0.5,${la},${la % 40},300,0,3,10.5,12,${i},${i / 2},${i % 30}`,
    );
  }
  return lines.join('\n');
}

function commit(message: string, at: number, email = 'dev@example.com'): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Dev',
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: 'Dev',
    GIT_COMMITTER_EMAIL: email,
    GIT_AUTHOR_DATE: `@${at} +0000`,
    GIT_COMMITTER_DATE: `@${at} +0000`,
  };
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blastwall-risk-cli-'));
  repo = join(dir, 'repo');
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  // 12 rounds: a feature commit writes a file, a later fix rewrites one of its lines, so SZZ finds 12 inducing commits.
  for (let i = 0; i < 12; i++) {
    writeFileSync(join(repo, `f${i}.txt`), `one\ntwo ${i}\nthree\n`);
    commit(`Add feature ${i}`, 1_000 + i * 100);
    writeFileSync(join(repo, `doc${i}.md`), `notes ${i}\n`);
    commit(`Document feature ${i}`, 1_010 + i * 100);
  }
  for (let i = 0; i < 12; i++) {
    writeFileSync(join(repo, `f${i}.txt`), `one\ntwo ${i} fixed\nthree\n`);
    commit(`Fix bug in feature ${i}`, 5_000 + i * 100);
  }
  writeFileSync(join(repo, 'ai.txt'), 'x\n'.repeat(50));
  commit('Add generated file\n\nCo-authored-by: Claude <noreply@anthropic.com>', 9_000);
  writeFileSync(join(dir, 'good.csv'), csv(400));
  writeFileSync(join(dir, 'bad.csv'), `${csv(5)}\n6,shaX,2000,0,0,1,1,1,0.0,oops,0,1,0,1,1,1,1,1,1`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('blastwall risk eval', () => {
  it('prints every figure as JSON', async () => {
    const { code, out } = await run(['risk', 'eval', '--data', 'good.csv', '--json']);

    const report = JSON.parse(out) as Record<string, number>;

    expect(code).toBe(0);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['auc', 'popt', 'recallAt20Effort', 'caughtAt5', 'caughtAt10', 'caughtAt20']),
    );
    expect(report.testChanges).toBe(80);
    expect(report.auc).toBeGreaterThan(0.8);
  });

  it.each([
    [['risk', 'eval', '--data', 'bad.csv'], 'bad.csv:7: la is not a number: "oops"'],
    [['risk', 'eval', '--data', 'missing.csv'], 'missing.csv: cannot read (ENOENT)'],
  ])('%j fails with exit 2 and one line naming the problem', async (argv, message) => {
    const { code, err } = await run(argv);

    expect(code).toBe(2);
    expect(err).toBe(`blastwall risk eval: ${message}\n`);
  });
});

describe('blastwall risk score', () => {
  it('scores the commits of a range with the shipped model and flags AI provenance', async () => {
    const { code, out } = await run(['risk', 'score', 'HEAD~2..HEAD', '--repo', 'repo', '--json']);

    const scored = JSON.parse(out) as Array<{
      subject: string;
      score: number;
      aiAssisted: boolean;
      metrics: { la: number; fix: number };
    }>;

    expect(code).toBe(0);
    expect(scored.map((c) => [c.subject, c.aiAssisted, c.metrics.la])).toEqual([
      ['Fix bug in feature 11', false, 1],
      ['Add generated file', true, 50],
    ]);
    expect(scored.every((c) => c.score >= 0 && c.score <= 100)).toBe(true);
  });

  it.each([
    [['risk', 'score', 'no-such-rev', '--repo', 'repo'], 'no such commit or range "no-such-rev" in'],
    [['risk', 'score', '--repo', 'missing-dir'], 'missing-dir: no such directory'],
  ])('%j is a usage error with one line', async (argv, message) => {
    const { code, err } = await run(argv);

    expect(code).toBe(2);
    expect(err).toContain(`blastwall risk score: ${message}`);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('says which model file is wrong', async () => {
    writeFileSync(join(dir, 'nonsense.json'), '{"format":"other"}');

    const { code, err } = await run(['risk', 'score', '--repo', 'repo', '--model', 'nonsense.json']);

    expect(code).toBe(2);
    expect(err).toContain('nonsense.json: not a blastwall risk model');
  });
});

describe('blastwall risk train', () => {
  it("labels the repository's history with SZZ and writes a model the scorer accepts", async () => {
    const { code, out } = await run(['risk', 'train', '--repo', 'repo', '--out', 'own.json']);

    const model = JSON.parse(readFileSync(join(dir, 'own.json'), 'utf8')) as {
      trainedOn: { changes: number; buggyShare: number };
    };
    const rescored = await run(['risk', 'score', 'HEAD', '--repo', 'repo', '--model', 'own.json']);

    expect(code).toBe(0);
    expect(out).toContain('37 commits, 12 bug-inducing');
    // Its newest 20% are the fixes: nothing there to catch, which is said rather than shown as a number.
    expect(out).toMatch(/AUC n\/a, precision \S+, recall n\/a .*the newest part has no bug-inducing changes/);
    expect(model.trainedOn.changes).toBe(37);
    expect(rescored.code).toBe(0);
  });

  it('prints its quality on the newest 20% after training on the oldest 80%, and keeps it in the model', async () => {
    const { code, out } = await run(['risk', 'train', '--data', 'good.csv', '--out', 'csv-model.json']);

    const model = JSON.parse(readFileSync(join(dir, 'csv-model.json'), 'utf8')) as {
      heldOut: { trainChanges: number; testChanges: number; testBuggy: number; auc: number };
    };
    const line =
      /held-back quality: AUC (\S+), precision (\S+), recall (\S+) at probability ≥ 0\.5 \((\d+) of 80 flagged, (\d+) bug-inducing\); trained on the oldest 80% by date, tested on the newest 20%/.exec(
        out,
      );
    expect(code).toBe(0);
    expect(line).not.toBeNull();
    const [, auc, precision, recall, , buggy] = line ?? [];
    expect(Number(auc)).toBeGreaterThan(0.8);
    expect(Number(precision)).toBeGreaterThan(0.5);
    expect(Number(recall)).toBeGreaterThan(0.5);
    // The newest 80 rows of good.csv, counted here independently of the model.
    const newest = csv(400).split('\n').slice(321);
    expect(Number(buggy)).toBe(newest.filter((row) => row.split(',')[3] === '1').length);
    expect(model.heldOut).toMatchObject({ trainChanges: 320, testChanges: 80 });
    expect(model.heldOut.auc).toBeCloseTo(Number(auc), 3);
  });

  it('measures the held-back quality on the JIT data (jdt): AUC near the published protocol', async () => {
    const data = jitDataDir('risk train on jdt.csv');
    if (!data) return;

    const { code, out } = await run(['risk', 'train', '--data', join(data, 'jdt.csv'), '--out', 'jdt.json']);

    expect(code).toBe(0);
    const auc = Number(/AUC (\S+),/.exec(out)?.[1]);
    expect(auc).toBeGreaterThan(0.7);
  }, 120_000);

  it.each(['0', '1', 'half'])('rejects --threshold %s', async (threshold) => {
    const { code, err } = await run(['risk', 'train', '--data', 'good.csv', '--threshold', threshold]);

    expect(code).toBe(2);
    expect(err).toContain('--threshold must be a probability between 0 and 1');
  });
});
