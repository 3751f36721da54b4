import { describe, expect, it } from 'vitest';
import { candidateScore, describeExpertise, expertiseOf, touchWeight } from './score.js';

const DAY = 86_400;
const NOW = 1_800_000_000;

describe('touchWeight', () => {
  it.each([
    // [age in days, lines, half-life, expected]
    [0, 0, 30, 1],
    [0, Math.E - 1, 30, 2],
    [30, 0, 30, 0.5],
    [60, 0, 30, 0.25],
    [10, 0, 10, 0.5],
    [-5, 0, 30, 1], // a commit dated after asOf counts as new, never more
  ])('a touch %i days old with %f lines (half-life %i) weighs %f', (age, lines, halfLife, expected) => {
    const weight = touchWeight({ sha: 'a', at: NOW - age * DAY, added: lines, deleted: 0 }, NOW, halfLife);

    expect(weight).toBeCloseTo(expected, 6);
  });
});

describe('candidateScore', () => {
  it.each([
    [0, 0, 0],
    [1, 0, 1],
    [3, 0, 2],
    [3, 2, 1],
    [7, 1, 2.5],
    [0, 4, -2],
  ])('expertise %f with %i open reviews scores %f', (expertise, open, expected) => {
    expect(candidateScore(expertise, open)).toBeCloseTo(expected, 6);
  });

  it('weighs load by the configured penalty', () => {
    expect(candidateScore(3, 2, { loadPenalty: 1 })).toBeCloseTo(0, 6);
  });
});

describe('expertiseOf', () => {
  it('sums over files, counts distinct commits and reports the newest touch', () => {
    const history = {
      asOf: NOW,
      byPerson: new Map([
        [
          'sam',
          new Map([
            ['a.ts', [{ sha: 'c1', at: NOW - 2 * DAY, added: 10, deleted: 0 }]],
            [
              'b.ts',
              [
                { sha: 'c1', at: NOW - 2 * DAY, added: 5, deleted: 5 },
                { sha: 'c2', at: NOW - 40 * DAY, added: 1, deleted: 0 },
              ],
            ],
          ]),
        ],
      ]),
    };

    const summary = expertiseOf('sam', history);

    expect(summary).toMatchObject({ commits: 2, lines: 21, files: 2, lastAt: NOW - 2 * DAY });
    expect(expertiseOf('nobody', history)).toMatchObject({ expertise: 0, commits: 0 });
    expect(describeExpertise(summary, 1, NOW)).toBe(
      '2 recent commits (21 lines) to 2 touched files, last 2 days before the change; 1 open review',
    );
  });
});
