import { describe, expect, it } from 'vitest';
import { directoryOf, MetricsCalculator, subsystemOf } from './metrics.js';
import { isFixCommit } from './fix-commit.js';

const DAY = 86_400;

describe('MetricsCalculator', () => {
  it('sums nuc over files and unions developers', () => {
    const calc = new MetricsCalculator();
    calc.next({
      sha: '1',
      author: 'a',
      time: 0,
      message: 'one',
      files: [
        { path: 'p/f', added: 4, deleted: 0 },
        { path: 'p/g', added: 4, deleted: 0 },
      ],
    });
    calc.next({
      sha: '2',
      author: 'b',
      time: DAY,
      message: 'two',
      files: [{ path: 'p/f', added: 1, deleted: 1 }],
    });

    const m = calc.next({
      sha: '3',
      author: 'a',
      time: 3 * DAY,
      message: 'three',
      files: [
        { path: 'p/f', added: 2, deleted: 0 },
        { path: 'p/g', added: 0, deleted: 2 },
      ],
    });

    // f: 2 changes by a, b, last 2 days ago, 4 lines; g: 1 change by a, 3 days ago, 4 lines.
    expect(m).toMatchObject({
      nf: 2,
      nd: 1,
      ns: 1,
      lt: 8,
      nuc: 3,
      ndev: 2,
      age: 2.5,
      exp: 1,
      sexp: 1,
      entropy: 1,
    });
  });

  // A file's developers are kept as one id until a second appears: one, two, the same one again, three, and a
  // rename carrying them over must all count as a set would.
  it('counts each developer of a file once, across renames, and remembers history as next() does', () => {
    const history = [
      { sha: '1', author: 'a', time: 0, message: 'one', files: [{ path: 'f', added: 3, deleted: 0 }] },
      { sha: '2', author: 'a', time: DAY, message: 'two', files: [{ path: 'f', added: 1, deleted: 0 }] },
      {
        sha: '3',
        author: 'b',
        time: 2 * DAY,
        message: 'three',
        files: [{ path: 'g', added: 2, deleted: 0 }],
      },
      {
        sha: '4',
        author: 'b',
        time: 3 * DAY,
        message: 'move',
        files: [{ path: 'h', oldPath: 'f', added: 0, deleted: 1 }],
      },
      { sha: '5', author: 'c', time: 4 * DAY, message: 'five', files: [{ path: 'h', added: 1, deleted: 0 }] },
      { sha: '6', author: 'a', time: 5 * DAY, message: 'six', files: [{ path: 'h', added: 1, deleted: 0 }] },
    ];
    const change = {
      sha: '7',
      author: 'd',
      time: 6 * DAY,
      message: 'seven',
      files: [
        { path: 'h', added: 1, deleted: 0 },
        { path: 'g', added: 1, deleted: 0 },
      ],
    };
    const measured = new MetricsCalculator();
    const remembered = new MetricsCalculator();
    for (const commit of history) {
      measured.next(commit);
      remembered.remember(commit);
    }

    const m = remembered.next(change);

    expect(m).toEqual(measured.next(change));
    // h: a, b (the rename), c; g: b
    expect(m.ndev).toBe(3);
    expect(m.nuc).toBe(5 + 1);
  });

  it('weights recent experience by whole years', () => {
    const calc = new MetricsCalculator();
    const year = 365 * DAY;
    for (const time of [0, 0.5 * year, 2.5 * year])
      calc.next({ sha: String(time), author: 'a', time, message: 'x', files: [] });

    const m = calc.next({ sha: 'now', author: 'a', time: 3 * year, message: 'x', files: [] });

    // Ages 3, 2.5 and 0.5 years → 1/4 + 1/3 + 1/1.
    expect(m.rexp).toBeCloseTo(1 / 4 + 1 / 3 + 1, 10);
    expect(m.exp).toBe(3);
  });
});

describe('paths', () => {
  it.each([
    ['src/core/a.ts', 'src', 'src/core'],
    ['README.md', '', ''],
  ])('%s is in subsystem %j and directory %j', (path, subsystem, directory) => {
    expect(subsystemOf(path)).toBe(subsystem);
    expect(directoryOf(path)).toBe(directory);
  });
});

describe('isFixCommit', () => {
  it.each([
    ['Fix null check in parser', true],
    ['Bug 12345 - crash on empty input', true],
    ['Closes: PROJ-42', true],
    ['Add prefix option', false],
    ['Merge branch "fix-parser"', false],
    ['Revert "Fix parser"', false],
    ['Suffix handling for paths', false],
  ])('%j → %s', (message, expected) => {
    expect(isFixCommit(message)).toBe(expected);
  });
});
