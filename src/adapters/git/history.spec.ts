import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyMetrics, parseNumstat, rangeMetrics } from './history.js';

const T0 = 1_600_000_000;
const DAY = 86_400;
let repo: string;

function git(args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: repo, env: { ...process.env, ...env }, encoding: 'utf8' });
}

function commit(author: string, at: number, message: string): void {
  const who = {
    GIT_AUTHOR_NAME: author,
    GIT_AUTHOR_EMAIL: `${author}@example.com`,
    GIT_COMMITTER_NAME: author,
    GIT_COMMITTER_EMAIL: `${author}@example.com`,
  };
  const when = { GIT_AUTHOR_DATE: `@${at} +0000`, GIT_COMMITTER_DATE: `@${at} +0000` };
  git(['add', '-A']);
  git(['commit', '-q', '-m', message], { ...who, ...when });
}

function lines(n: number, tag = 'line'): string {
  return Array.from({ length: n }, (_, i) => `${tag} ${i + 1}\n`).join('');
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'blastwall-history-'));
  git(['init', '-q', '-b', 'main']);
  mkdirSync(join(repo, 'a'));
  mkdirSync(join(repo, 'b'));
  writeFileSync(join(repo, 'a/x.txt'), lines(10));
  writeFileSync(join(repo, 'b/y.txt'), lines(5, 'why'));
  commit('alice', T0, 'initial');
  writeFileSync(
    join(repo, 'a/x.txt'),
    lines(10).replace('line 3\n', 'LINE 3\n').replace('line 7\n', 'LINE 7\n'),
  );
  commit('bob', T0 + 2 * DAY, 'Fix crash in x');
  git(['mv', 'b/y.txt', 'b/z.txt']);
  writeFileSync(join(repo, 'b/z.txt'), lines(6, 'why'));
  mkdirSync(join(repo, 'a/sub'));
  writeFileSync(join(repo, 'a/sub/w.txt'), lines(3, 'w'));
  commit('alice', T0 + 400 * DAY, 'Rename y to z');
  mkdirSync(join(repo, 'bin'));
  writeFileSync(join(repo, 'bin/data.bin'), Buffer.from([0, 1, 2, 0, 255, 0]));
  commit('bob', T0 + 401 * DAY, 'Add data');
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('historyMetrics on a real repository', () => {
  // Hand-computed from the four commits above.
  const expected = [
    {
      ns: 2,
      nd: 2,
      nf: 2,
      entropy: 0.9183,
      la: 15,
      ld: 0,
      lt: 0,
      fix: 0,
      ndev: 0,
      age: 0,
      nuc: 0,
      exp: 0,
      rexp: 0,
      sexp: 0,
    },
    {
      ns: 1,
      nd: 1,
      nf: 1,
      entropy: 0,
      la: 2,
      ld: 2,
      lt: 10,
      fix: 1,
      ndev: 1,
      age: 2,
      nuc: 1,
      exp: 0,
      rexp: 0,
      sexp: 0,
    },
    // Rename keeps y's history: lt 5, ndev 1, age 400 days (w.txt is new); alice's c1 is one whole year back → rexp 1/2; sexp = a:1 + b:1.
    {
      ns: 2,
      nd: 2,
      nf: 2,
      entropy: 0.8113,
      la: 4,
      ld: 0,
      lt: 5,
      fix: 0,
      ndev: 1,
      age: 400,
      nuc: 1,
      exp: 1,
      rexp: 0.5,
      sexp: 2,
    },
    // Binary file: counted as a file, no lines; bob's c2 was 399 days ago → rexp 1/2; no earlier work in "bin".
    {
      ns: 1,
      nd: 1,
      nf: 1,
      entropy: 0,
      la: 0,
      ld: 0,
      lt: 0,
      fix: 0,
      ndev: 0,
      age: 0,
      nuc: 0,
      exp: 1,
      rexp: 0.5,
      sexp: 0,
    },
  ];

  it.each(expected.map((metrics, i) => [i + 1, metrics] as const))(
    'commit %i has the hand-computed metrics',
    async (n, metrics) => {
      const history = await historyMetrics({ repo });

      const actual = history[n - 1]?.metrics;

      expect(history).toHaveLength(4);
      expect({ ...actual, entropy: Number(actual?.entropy.toFixed(4)) }).toEqual(metrics);
    },
  );

  it('reads the rename as one file with its old path', async () => {
    const history = await historyMetrics({ repo });

    const files = history[2]?.commit.files ?? [];

    expect(files).toContainEqual({ path: 'b/z.txt', oldPath: 'b/y.txt', added: 1, deleted: 0 });
  });

  it('computes one commit of a range against its full history', async () => {
    const all = await historyMetrics({ repo });
    const sha = all[2]?.commit.sha ?? '';

    const single = await rangeMetrics(repo, sha);
    const range = await rangeMetrics(repo, 'HEAD~2..HEAD');

    expect(single.map((c) => c.metrics)).toEqual([all[2]?.metrics]);
    expect(range.map((c) => c.commit.sha)).toEqual([all[2]?.commit.sha, all[3]?.commit.sha]);
  });

  it('reports progress once per commit', async () => {
    const seen: number[] = [];

    await historyMetrics({ repo, onProgress: (n) => seen.push(n) });

    expect(seen).toEqual([1, 2, 3, 4]);
  });
});

describe('parseNumstat', () => {
  it.each([
    ['1\t2\tsrc/a.ts', { path: 'src/a.ts', added: 1, deleted: 2 }],
    ['-\t-\timg/logo.png', { path: 'img/logo.png', added: 0, deleted: 0 }],
    ['3\t0\told.txt => new.txt', { path: 'new.txt', oldPath: 'old.txt', added: 3, deleted: 0 }],
    ['0\t1\tsrc/{old => new}/f.ts', { path: 'src/new/f.ts', oldPath: 'src/old/f.ts', added: 0, deleted: 1 }],
    ['0\t0\tsrc/{ => sub}/f.ts', { path: 'src/sub/f.ts', oldPath: 'src/f.ts', added: 0, deleted: 0 }],
    ['1\t1\t"dir/tab\\there.txt"', { path: 'dir/tab\there.txt', added: 1, deleted: 1 }],
  ])('parses %j', (line, expected) => {
    expect(parseNumstat(line)).toEqual(expected);
  });
});
