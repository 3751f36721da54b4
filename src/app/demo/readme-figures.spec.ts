import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as server from '../../serve.js';
import { seedDemo, type SeedSummary } from './index.js';

// The figures the README's quick start quotes for `blastwall demo` are read from the README and compared with what
// the demo seeds (the summary it prints), so neither can drift from the other unnoticed (issue 17).
const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');

/** The first match of `pattern` in the README's paragraph about the demo, as numbers. */
function quoted(pattern: RegExp): number[] {
  const start = README.indexOf('`blastwall demo` seeds an example organisation');
  expect(start, 'the README describes the demo').toBeGreaterThanOrEqual(0);
  const paragraph = README.slice(start, README.indexOf('\n\n', start));
  const match = pattern.exec(paragraph.replace(/\s+/g, ' '));
  expect(match, `the README quotes ${pattern}`).not.toBeNull();
  return match!.slice(1).map(Number);
}

const [people, teams, services] = quoted(
  /(\d+) people from junior to principal in (\d+) teams, (\d+) services/,
);
const seededOn = /as seeded on (\d{4}-\d{2}-\d{2})/.exec(README)?.[1];
const [commits, pullRequests] = quoted(/\((\d+) and (\d+) as seeded on/);
const [fastest, slowest] = quoted(/Seeding took (\d+)[–-](\d+) s/);

let root: string;
let summary: SeedSummary;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'bw-demo-readme-'));
  // The history ends at the moment it is seeded; the README's figures are for noon (UTC) of the day it names.
  summary = await seedDemo({ dir: join(root, 'shop'), now: new Date(`${seededOn}T12:00:00Z`), server });
}, 600_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the README’s figures for blastwall demo', () => {
  it('are the organisation the demo seeds', () => {
    expect([summary.people, summary.teams, summary.services]).toEqual([people, teams, services]);
  });

  it('are the commits and pull requests the demo writes for the day the README names', () => {
    expect([summary.commits, summary.pullRequests]).toEqual([commits, pullRequests]);
  });

  it('give the seeding time as a measured range, which the demo reports in seconds', () => {
    // Timing depends on the machine and its load, so only the form is held: a range, and a time the demo measured.
    expect(fastest).toBeLessThan(slowest!);
    expect(summary.seconds).toBeGreaterThan(0);
  });
});
