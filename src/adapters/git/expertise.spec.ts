import { afterEach, describe, expect, it } from 'vitest';
import type { Person } from '../../core/model.js';
import { changedPaths, readExpertise } from './expertise.js';
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
