import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseZeroContextDiff, szzLabels } from './szz-labels.js';

let repo: string;
const shas: Record<string, string> = {};

function commit(name: string, message: string, at: number): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'a',
    GIT_AUTHOR_EMAIL: 'a@x',
    GIT_COMMITTER_NAME: 'a',
    GIT_COMMITTER_EMAIL: 'a@x',
    GIT_AUTHOR_DATE: `@${at} +0000`,
    GIT_COMMITTER_DATE: `@${at} +0000`,
  };
  execFileSync('git', ['add', '-A'], { cwd: repo });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: repo, env });
  shas[name] = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), 'blastwall-szz-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  writeFileSync(join(repo, 'f.txt'), 'a\nb\nc\n');
  commit('base', 'Add f', 1_000);
  writeFileSync(join(repo, 'f.txt'), 'a\nB-broken\nc\n');
  commit('culprit', 'Change b', 2_000);
  writeFileSync(join(repo, 'g.txt'), 'new\n');
  commit('clean', 'Add g', 3_000);
  writeFileSync(join(repo, 'f.txt'), 'a\nb\nc\nd\n');
  commit('fix', 'Fix broken b (closes #7)', 4_000);
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('szzLabels', () => {
  it('labels the commit that last touched the lines a fix changed, and only that one', async () => {
    const { changes, fixes } = await szzLabels(repo);

    const buggy = changes.filter((c) => c.bug === 1).map((c) => c.sha);

    expect(fixes).toBe(1);
    expect(buggy).toEqual([shas.culprit]);
    expect(changes).toHaveLength(4);
  });
});

describe('parseZeroContextDiff', () => {
  it('collects old-side ranges of changed and deleted lines, skipping pure additions and new files', () => {
    const diff = [
      'diff --git a/x.ts b/x.ts',
      '--- a/x.ts',
      '+++ b/x.ts',
      '@@ -3 +3 @@',
      '@@ -10,2 +9,0 @@',
      '@@ -20,0 +19,4 @@',
      'diff --git a/new.ts b/new.ts',
      '--- /dev/null',
      '+++ b/new.ts',
      '@@ -0,0 +1,2 @@',
    ].join('\n');

    expect(parseZeroContextDiff(diff)).toEqual([
      {
        path: 'x.ts',
        ranges: [
          [3, 1],
          [10, 2],
        ],
      },
    ]);
  });
});
