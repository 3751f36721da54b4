import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../../../test-support/cli-testing.js';

function run(argv: string[], cwd: string, stdin = ''): Promise<CliRun> {
  return runCli(argv, { cwd, stdin });
}

const CONFIG = `people: []
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
  - { id: checkout, tier: 1, owner: shop, paths: ["services/checkout/**"], dependsOn: [payments] }
  - { id: docs, tier: 4, owner: docs, paths: ["docs/**"] }
`;

function deployment(id: string, ai: boolean, finishedAt: string, status = 'succeeded'): string {
  return JSON.stringify({
    id,
    service: 'payments',
    environment: 'prod',
    commits: ['abcdef1'],
    aiAssisted: ai,
    startedAt: finishedAt,
    finishedAt,
    status,
    firstCommitAt: '2026-01-10T00:00:00Z',
  });
}

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bw-delivery-'));
  db = join(dir, 'd.db');
  writeFileSync(join(dir, 'blastwall.yaml'), CONFIG);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('blastwall deploy record, incidents import, report', () => {
  it('records deployments and incidents, then reports AI vs human with the trend', async () => {
    const lines = [
      deployment('d1', true, '2026-01-12T10:00:00Z'),
      deployment('d2', false, '2026-01-13T10:00:00Z'),
      deployment('d3', true, '2026-01-14T10:00:00Z', 'rolled-back'),
      '{"id":"bad"}',
    ].join('\n');
    writeFileSync(
      join(dir, 'incidents.csv'),
      'id,severity,services,startedAt,resolvedAt,rootCauseDeployment,rootCauseCommit\ni1,sev1,checkout,2026-01-12T12:00:00Z,2026-01-12T15:00:00Z,,\ni2,sev7,checkout,2026-01-12T12:00:00Z,,,\n',
    );

    const recorded = await run(['deploy', 'record', '--db', db], dir, lines);
    const imported = await run(['incidents', 'import', 'incidents.csv', '--db', db], dir);
    const report = await run(
      ['report', '--since', '2026-01-12', '--until', '2026-01-19', '--json', '--db', db],
      dir,
    );

    expect(recorded).toMatchObject({ code: 1, stdout: 'recorded 3 deployment(s), skipped 1\n' });
    expect(recorded.stderr).toMatch(/skipped line 4, field service/);
    expect(imported).toMatchObject({ code: 1, stdout: 'recorded 1 incident(s), skipped 1\n' });
    expect(imported.stderr).toMatch(/skipped line 3, field severity/);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout) as Record<string, Record<string, unknown>>;
    expect(json.ai).toMatchObject({
      deployments: 2,
      failedDeployments: 2,
      changeFailureRate: 1,
      incidents: 1,
      sev1: 1,
      medianRestoreHours: 3,
    });
    expect(json.human).toMatchObject({
      deployments: 1,
      failedDeployments: 0,
      changeFailureRate: 0,
      incidents: 0,
      medianLeadTimeHours: 82,
      medianRestoreHours: null,
    });
    expect(json.previous!.ai).toMatchObject({ deployments: 0 });
  });

  it.each(['text', 'markdown', 'html'])('renders the report as %s', async (format) => {
    await run(['deploy', 'record', '--db', db], dir, deployment('d1', true, '2026-01-12T10:00:00Z'));

    const report = await run(
      ['report', '--since', '2026-01-12', '--until', '2026-01-19', '--format', format, '--db', db],
      dir,
    );

    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/change-failure rate/);
    expect(report.stdout).toMatch(/reviews per senior per week/);
  });

  it.each([
    [['report', '--since', 'last tuesday'], /--since: "last tuesday" is not a date/],
    [['report', '--format', 'pdf'], /--format must be one of/],
    [['report', '--db', 'missing.db'], /no database at/],
    [['incidents', 'import', 'nope.csv'], /cannot read nope.csv: no such file/],
    [['deploy', 'plan', '--service', 'nope'], /unknown service "nope"/],
    [['deploy', 'plan', '--service', 'payments', '--risk', '2'], /--risk must be a number from 0 to 1/],
  ])('%j is a usage error', async (argv, message) => {
    const result = await run(argv, dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('plans waves with bake times scaled by risk and blast radius', async () => {
    const result = await run(['deploy', 'plan', '--service', 'payments', '--risk', '0.5', '--json'], dir);

    const plan = JSON.parse(result.stdout) as {
      factor: number;
      waves: Array<{ wave: string; bakeMinutes: number }>;
    };
    // payments (tier 1, 10) + checkout through it (tier 1, 5) = 15 → 1 + 1 + 15/40 + 0.5.
    expect(plan.factor).toBe(2.88);
    expect(plan.waves.map((step) => [step.wave, step.bakeMinutes])).toEqual([
      ['box', 43],
      ['zone', 86],
      ['region', 173],
      ['rest', 0],
    ]);
  });
});
