import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveEntriesOf } from './archive-entries.js';
import { gitChangesIn, reusedGitChanges } from './git-changes.js';

// The readers behind git-landing.ts and landed-trees.ts, on a real repository and real archives: what they answer,
// and that a ref git lacks, a slow git or a file that is no archive never reads as "nothing changes".

let root: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=D', '-c', 'user.email=d@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root, GIT_CONFIG_NOSYSTEM: '1' },
  }).trim();

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bw-git-changes-'));
  git('init', '-q', '-b', 'main');
  writeFileSync(join(root, 'a.txt'), 'a\n');
  git('add', '.');
  git('commit', '-q', '-m', 'a');
  git('checkout', '-q', '-b', 'side');
  writeFileSync(join(root, 'blastwall.yaml'), 'people: []\n');
  git('add', '.');
  git('commit', '-q', '-m', 'b');
  git('checkout', '-q', 'main');
  writeFileSync(join(root, 'a.txt'), 'stashed\n');
  git('stash', '-q');
  execFileSync('tar', ['-cf', 'x.tar', 'a.txt'], { cwd: root });
  writeFileSync(join(root, 'not.tar'), 'plain text');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('gitChangesIn', () => {
  it('answers the files each kind of query would change', () => {
    expect(gitChangesIn(root, { kind: 'since-fork', ref: 'side' })).toEqual({
      kind: 'files',
      top: root,
      files: ['blastwall.yaml'],
    });
    expect(gitChangesIn(root, { kind: 'between', from: 'HEAD', to: 'side' })).toMatchObject({
      files: ['blastwall.yaml'],
    });
    expect(gitChangesIn(root, { kind: 'commits', revs: ['side'] })).toMatchObject({
      files: ['blastwall.yaml'],
    });
    expect(gitChangesIn(root, { kind: 'commits', revs: ['main..side'] })).toMatchObject({
      files: ['blastwall.yaml'],
    });
    expect(gitChangesIn(root, { kind: 'stash', ref: 'stash@{0}' })).toMatchObject({ files: ['a.txt'] });
  });

  it('tells a ref git lacks from an answer it cannot give', () => {
    expect(gitChangesIn(root, { kind: 'since-fork', ref: 'ghost' }).kind).toBe('missing');
    expect(gitChangesIn(root, { kind: 'stash', ref: 'stash@{5}' }).kind).toBe('missing');
    expect(gitChangesIn(root, { kind: 'since-fork', ref: 'side' }, 1).kind).toBe('unknown');
    expect(gitChangesIn(tmpdir(), { kind: 'since-fork', ref: 'side' }).kind).toBe('unknown');
  });
});

describe('reusedGitChanges', () => {
  it("asks git once for one decision's passes, and again once the answer is older than it may be reused", () => {
    let clock = 0;
    let asked = 0;
    const ask = reusedGitChanges(
      (repo, query) => {
        asked++;
        return gitChangesIn(repo, query);
      },
      () => clock,
      250,
    );
    const merge = { kind: 'since-fork', ref: 'side' } as const;
    const first = ask(root, merge);
    clock = 200;
    expect(ask(root, merge)).toEqual(first);
    expect(asked).toBe(1);
    // another question is asked of git
    ask(root, { kind: 'stash', ref: 'stash@{0}' });
    expect(asked).toBe(2);
    // past the window, git is asked again and what changed since is seen
    clock = 460;
    expect(ask(root, merge)).toEqual(first);
    expect(asked).toBe(3);
  });
});

describe('archiveEntriesOf', () => {
  it('lists an archive, and says when there is none or it cannot be listed', () => {
    expect(archiveEntriesOf(join(root, 'x.tar'))).toEqual({ kind: 'entries', entries: ['a.txt'] });
    expect(archiveEntriesOf(join(root, 'none.tar'))).toEqual({ kind: 'missing' });
    expect(archiveEntriesOf(join(root, 'not.tar')).kind).toBe('unknown');
  });
});
