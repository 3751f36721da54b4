import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../core/model.js';
import { changedPaths, pathspecs, readExpertise } from './expertise.js';
import { createScratchRepo, type ScratchRepo } from './scratch-repo.js';

const DAY = 86_400_000;
const AS_OF = Date.UTC(2026, 5, 1);
const PEOPLE: Person[] = [
  { id: 'sam', level: 'senior', emails: ['sam@example.com'], teams: [], logins: ['sam'] },
  { id: 'kim', level: 'senior', emails: ['KIM@example.com'], teams: [], logins: ['kim-gh'] },
];
const SAM = { name: 'Sam', email: 'sam@example.com' };
const KIM_NOREPLY = { name: 'Kim', email: '123+kim-gh@users.noreply.github.com' };
const STRANGER = { name: 'Stranger', email: 'who@elsewhere.org' };

let repo: ScratchRepo;
afterEach(() => repo?.remove());

function daysAgo(days: number): Date {
  return new Date(AS_OF - days * DAY);
}

function lines(count: number): string {
  return Array.from({ length: count }, (_, i) => `line ${i}`).join('\n') + '\n';
}

describe('readExpertise on a real repository', () => {
  it('gives each configured person their commits, lines and dates per touched file inside the window', async () => {
    repo = createScratchRepo();
    repo.commit('too old', { 'src/a.ts': lines(50) }, SAM, daysAgo(120));
    const first = repo.commit('sam edits a', { 'src/a.ts': lines(60) }, SAM, daysAgo(20));
    const second = repo.commit(
      'sam edits a and a binary',
      { 'src/a.ts': lines(57), 'src/logo.png': Buffer.from([0, 1, 2, 0]) },
      SAM,
      daysAgo(5),
    );
    const kims = repo.commit(
      'kim edits b and other',
      { 'src/b.ts': lines(4), 'src/other.ts': lines(9), 'src/weird[1].ts': 'x\n' },
      KIM_NOREPLY,
      daysAgo(3),
    );
    repo.commit('a stranger edits a', { 'src/a.ts': lines(58) }, STRANGER, daysAgo(2));
    repo.commit('after the moment asked about', { 'src/a.ts': lines(70) }, SAM, daysAgo(-1));

    const reading = await readExpertise({
      repo: repo.dir,
      paths: ['src/a.ts', 'src/b.ts', 'src/logo.png', 'src/weird[1].ts'],
      people: PEOPLE,
      sinceDays: 90,
      asOf: AS_OF / 1000,
    });

    const at = (d: number) => daysAgo(d).getTime() / 1000;
    expect(Object.fromEntries([...(reading.byPerson.get('sam') ?? [])])).toEqual({
      'src/a.ts': [
        { sha: second, at: at(5), added: 0, deleted: 3 },
        { sha: first, at: at(20), added: 10, deleted: 0 },
      ],
      'src/logo.png': [{ sha: second, at: at(5), added: 0, deleted: 0 }],
    });
    expect(Object.fromEntries([...(reading.byPerson.get('kim') ?? [])])).toEqual({
      'src/b.ts': [{ sha: kims, at: at(3), added: 4, deleted: 0 }],
      'src/weird[1].ts': [{ sha: kims, at: at(3), added: 1, deleted: 0 }],
    });
    expect(reading.unknownAuthors).toEqual(['who@elsewhere.org']);
    expect(reading.commits).toBe(4);
  });

  it('reads nothing when no paths are touched, and the paths of a range both sides of a rename', async () => {
    repo = createScratchRepo();
    repo.commit('base', { 'old/name.ts': lines(10), 'keep.ts': 'k\n' }, SAM);
    repo.git('checkout', '-q', '-b', 'feature');
    repo.commit('move and edit', { 'old/name.ts': null, 'new/name.ts': lines(10), 'added.ts': 'a\n' }, SAM);

    const none = await readExpertise({ repo: repo.dir, paths: [], people: PEOPLE });
    const paths = await changedPaths(repo.dir, 'main', 'feature');

    expect(none.byPerson.size).toBe(0);
    expect(paths.sort()).toEqual(['added.ts', 'new/name.ts', 'old/name.ts']);
  });
});

describe('pathspecs of a large change', () => {
  const files = (count: number, folder: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => `${folder(i)}/f${i}.ts`);

  it.each([
    ['a few files are themselves', files(3, () => 'src/a'), ['src/a/f0.ts', 'src/a/f1.ts', 'src/a/f2.ts']],
    [
      '300 files in 30 folders are their folders',
      files(300, (i) => `svc/s${i % 30}/src`),
      files(30, (i) => `svc/s${i}/src`).map((p) => p.slice(0, p.lastIndexOf('/'))),
    ],
    [
      '300 files in 300 folders of 3 parents are the parents',
      files(300, (i) => `p${i % 3}/d${i}`),
      ['p0', 'p1', 'p2'],
    ],
    ['300 top-level files are every file', files(300, () => '').map((p) => p.slice(1)), []],
  ])('%s', (_, paths, expected) => {
    expect(pathspecs(paths).sort()).toEqual([...expected].sort());
  });

  it('reads the same history through folders as through the files, and nothing else', async () => {
    repo = createScratchRepo();
    const wanted = files(300, (i) => `svc/s${i % 30}`);
    repo.commit('base', Object.fromEntries(wanted.map((p) => [p, 'a\n'])), SAM, daysAgo(10));
    // A file beside the wanted ones, in a folder the pass is widened to, and one elsewhere.
    repo.commit(
      'edits',
      { 'svc/s0/f0.ts': 'a\nb\n', 'svc/s0/other.ts': 'x\n', 'elsewhere.ts': 'y\n' },
      SAM,
      daysAgo(5),
    );

    const reading = await readExpertise({
      repo: repo.dir,
      paths: wanted,
      people: PEOPLE,
      asOf: AS_OF / 1000,
    });

    const sam = reading.byPerson.get('sam')!;
    expect(sam.size).toBe(300);
    expect(sam.has('svc/s0/other.ts') || sam.has('elsewhere.ts')).toBe(false);
    expect(sam.get('svc/s0/f0.ts')!.map((t) => t.added)).toEqual([1, 1]);
  });
});
