import { describe, expect, it } from 'vitest';
import { changeDetail } from '../../core/change/stored-detail.js';
import { changeFacts, namedPicks, SUMMARY_DETAIL_PATHS, type DetailPath } from './change-summary.js';

describe('the stored change detail paths', () => {
  it('are checked against StoredChangeDetail at compile time', () => {
    // @ts-expect-error a field the stored detail does not have (renaming a report field lands here)
    const renamed: DetailPath = ['provenance', 'aiAssistedd'];
    // @ts-expect-error a top-level field that is not kept
    const unknown: DetailPath = ['reasons'];
    const kept: DetailPath = ['blastRadius', 'mostCriticalTier'];

    expect([renamed, unknown, kept]).toHaveLength(3);
  });

  it('read back what changeDetail wrote, in SUMMARY_DETAIL_PATHS order', () => {
    const detail = changeDetail(
      {
        decision: 'allow',
        range: { base: 'a', head: 'b' },
        commits: 2,
        files: 3,
        linesAdded: 30,
        linesDeleted: 12,
        author: { id: 'jo', name: 'Jo', email: 'jo@x', level: 'junior', known: true, commits: 2 },
        authors: [],
        provenance: { aiAssisted: true, tools: ['claude'], aiShare: 1, commits: [] },
        blastRadius: {
          services: [
            { id: 'payments', tier: 1, direct: true, via: [] },
            { id: 'checkout', tier: 1, direct: false, via: ['payments'] },
          ],
          mostCriticalTier: 1,
          dependentMostCriticalTier: 1,
          unownedFiles: 0,
          codeowners: [],
          score: 9,
        },
        risk: { score: 42, reasons: [] },
        requirements: [],
        reasons: [],
        notes: [],
      },
      { title: 'Retry payments' },
    );
    // What the database picks: the value at each path, as JSON (SQLite answers true as 1).
    const picked = SUMMARY_DETAIL_PATHS.map((path) =>
      path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], detail),
    ).map((value) => (value === true ? 1 : value));

    expect(changeFacts(namedPicks(picked))).toEqual({
      title: 'Retry payments',
      author: { id: 'jo', name: 'Jo', level: 'junior', known: true },
      aiAssisted: true,
      tools: ['claude'],
      riskScore: 42,
      mostCriticalTier: 1,
      directServices: ['payments'],
      lines: 42,
      assignedReviewers: [],
    });
  });

  it('leaves out what an older record lacks or holds in another shape', () => {
    expect(changeFacts(namedPicks([null, { id: 7 }, 'yes', 'claude', '42']))).toEqual({
      aiAssisted: false,
      tools: [],
      directServices: [],
      lines: 0,
      assignedReviewers: [],
    });
  });
});
