import { describe, expect, it } from 'vitest';
import { chronologicalSplit, parseJitCsv } from './dataset.js';

const HEADER = ',_id,date,bug,__,ns,nd,nf,entrophy,la,ld,lt,fix,ndev,age,nuc,exp,rexp,sexp';
const ROW = (id: string, date: number, bug: number): string =>
  `0,${id},${date},${bug},${bug},1,1,1,0.0,2,2,1098,0,57,12.7,211,307,15.5,105`;

describe('parseJitCsv', () => {
  it('reads the columns of the JIT data, entrophy as entropy', () => {
    const rows = parseJitCsv([HEADER, ROW('abc', 10, 1)].join('\n'));

    expect(rows).toEqual([
      {
        sha: 'abc',
        date: 10,
        bug: 1,
        metrics: {
          ns: 1,
          nd: 1,
          nf: 1,
          entropy: 0,
          la: 2,
          ld: 2,
          lt: 1098,
          fix: 0,
          ndev: 57,
          age: 12.7,
          nuc: 211,
          exp: 307,
          rexp: 15.5,
          sexp: 105,
        },
      },
    ]);
  });

  it.each([
    [
      'a non-number',
      [HEADER, ROW('a', 1, 0), ROW('b', 2, 0).replace('1098', 'lots')],
      'f.csv:3: lt is not a number: "lots"',
    ],
    ['a short row', [HEADER, ROW('a', 1, 0), '', '0,b,2,0'], 'f.csv:4: expected 19 columns, found 4'],
    ['a bad label', [HEADER, ROW('a', 1, 2)], 'f.csv:2: bug must be 0 or 1, found "2"'],
    ['a missing column', [HEADER.replace(',sexp', ''), ROW('a', 1, 0)], 'f.csv:1: missing column(s) sexp'],
  ])('names the line of %s', (_what, lines, message) => {
    expect(() => parseJitCsv(lines.join('\n'), 'f.csv')).toThrow(message);
  });
});

describe('chronologicalSplit', () => {
  it('sorts by date and keeps the first 80% for training', () => {
    const rows = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6].map((date) => ({ date }));

    const { train, test } = chronologicalSplit(rows);

    expect(train.map((r) => r.date)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(test.map((r) => r.date)).toEqual([9, 10]);
  });
});
