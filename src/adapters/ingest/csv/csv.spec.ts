import { describe, expect, it } from 'vitest';
import { testDeps } from '../../../test-support/ingest-test-deps.js';
import { source } from './index.js';
import { parseCsvRows } from './parse-csv.js';

const HEADER = 'id,severity,services,startedAt,resolvedAt,rootCauseDeployment,rootCauseCommit';

describe('CSV incidents', () => {
  it('keeps good rows and reports bad ones with their line', () => {
    const text = [
      HEADER,
      'i1,sev1,checkout;payments,2026-02-01T12:00:00Z,2026-02-01T14:00:00Z,d1,',
      'i2,sev9,checkout,2026-02-01T12:00:00Z,,,',
      'i3,SEV3,docs,2026-02-02T12:00:00Z,,,abc123',
      'i4,sev2,,2026-02-01T12:00:00Z,,,',
    ].join('\n');

    const result = source.parse(text, testDeps());

    expect(result.records).toEqual([
      {
        kind: 'incident',
        incident: {
          id: 'i1',
          severity: 'sev1',
          services: ['checkout', 'payments'],
          startedAt: '2026-02-01T12:00:00Z',
          resolvedAt: '2026-02-01T14:00:00Z',
          rootCause: { deployment: 'd1' },
        },
      },
      {
        kind: 'incident',
        incident: {
          id: 'i3',
          severity: 'sev3',
          services: ['docs'],
          startedAt: '2026-02-02T12:00:00Z',
          rootCause: { commit: 'abc123' },
        },
      },
    ]);
    expect(result.issues.map((issue) => issue.where)).toEqual([
      'line 3, field severity',
      'line 5, field services',
    ]);
  });

  it('reports a header without the required columns', () => {
    expect(source.parse('id,when\ni1,now', testDeps()).issues).toEqual([
      { where: 'line 1', message: 'header lacks column(s) severity, services, startedAt' },
    ]);
  });

  it('reports progress up to the total', () => {
    const progress: Array<[number, number]> = [];
    const rows = Array.from({ length: 250 }, (_, i) => `i${i},sev3,docs,2026-02-01T12:00:00Z,,,`);

    source.parse([HEADER, ...rows].join('\n'), testDeps(progress));

    expect(progress.at(-1)).toEqual([250, 250]);
    expect(progress.length).toBeGreaterThan(10);
  });

  it('parses quoted cells with commas, quotes and newlines, and counts lines', () => {
    expect(parseCsvRows('a,"b,c","say ""hi""\nthere"\r\nd,e,f\n')).toEqual([
      { line: 1, cells: ['a', 'b,c', 'say "hi"\nthere'] },
      { line: 3, cells: ['d', 'e', 'f'] },
    ]);
  });
});
