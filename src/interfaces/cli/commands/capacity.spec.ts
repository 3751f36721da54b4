import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test-support/cli-testing.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, out: stdout, err: stderr };
}

describe('blastwall capacity', () => {
  it('compares both policies for each scenario as JSON', async () => {
    const { code, out } = await run([
      'capacity',
      '--ai-share',
      '0.3,0.8',
      '--seniors',
      '10,8',
      '--weeks',
      '4',
      '--json',
    ]);

    const scenarios = JSON.parse(out) as Array<{
      aiShare: number;
      seniors: number;
      policies: Array<{ policy: string }>;
    }>;

    expect(code).toBe(0);
    expect(scenarios.map((s) => [s.aiShare, s.seniors, s.policies.map((p) => p.policy)])).toEqual([
      [0.3, 10, ['ai-needs-senior', 'risk-based']],
      [0.8, 8, ['ai-needs-senior', 'risk-based']],
    ]);
  });

  it('prints a side-by-side table', async () => {
    const { out } = await run(['capacity', '--weeks', '4']);

    expect(out).toContain('senior review by risk');
    expect(out).toContain('wait p95');
  });

  it.each([
    [['capacity', '--ai-share', '1.5'], '--ai-share must be numbers between 0 and 1, not "1.5"'],
    [
      ['capacity', '--ai-share', '0.3,0.8', '--seniors', '1,2,3'],
      '--seniors needs one value or one per --ai-share value (2)',
    ],
    [['capacity', '--weeks', 'many'], '--weeks must be a number from 1 to 520, not "many"'],
  ])('%j is a usage error', async (argv, message) => {
    const { code, err } = await run(argv);

    expect(code).toBe(2);
    expect(err).toBe(`blastwall capacity: ${message}\n`);
  });
});

describe('blastwall capacity --from-store', () => {
  it('reads the parameters from the decided changes and the configured seniors', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openStore } = await import('../../../adapters/storage/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'bw-capacity-'));
    const db = join(dir, 'blastwall.db');
    let now = Date.now() - 20 * 86_400_000;
    const store = await openStore(db, { now: () => new Date(now) });
    try {
      await store.upsertPeople(
        [
          { id: 'jo', level: 'junior', emails: [], teams: [], logins: [] },
          { id: 'sam', level: 'senior', emails: [], teams: [], logins: [] },
          { id: 'kim', level: 'principal', emails: [], teams: [], logins: [] },
        ],
        'test',
      );
      // Eight changes over two weeks: six AI-assisted, four by the junior, 100 changed lines each.
      for (let i = 0; i < 8; i++) {
        await store.recordChangeDecision(
          {
            repo: '/r',
            base: `b${i}`,
            head: `h${i}`,
            decision: 'allow',
            reasons: [],
            detail: {
              author: {
                id: i < 4 ? 'jo' : 'sam',
                name: 'x',
                email: 'x@example.com',
                level: i < 4 ? 'junior' : 'senior',
                known: true,
                commits: 1,
              },
              provenance: { aiAssisted: i < 6, tools: i < 6 ? ['claude'] : [], aiShare: 1, commits: [] },
              linesAdded: 80,
              linesDeleted: 20,
            },
          },
          'test',
        );
        now += 2 * 86_400_000;
      }
    } finally {
      await store.close();
    }
    try {
      const { code, out, err } = await run(['capacity', '--from-store', '--db', db, '--json']);
      expect(err).toBe('');
      expect(code).toBe(0);
      const result = JSON.parse(out) as {
        basis: { changes: number; weeks: number };
        params: { aiShare: number; juniorMidShare: number; seniors: number; size: { medianLines: number } };
        scenarios: Array<{ label: string; seniors: number }>;
      };
      expect(result.basis).toMatchObject({ changes: 8, weeks: 2 });
      expect(result.params).toMatchObject({ aiShare: 0.75, juniorMidShare: 0.5, seniors: 2 });
      expect(result.params.size.medianLines).toBe(100);
      // No sign-offs stored: nothing to calibrate against, so no what-if, and it says why.
      expect(result.scenarios).toEqual([]);

      const text = await run(['capacity', '--from-store', '--db', db, '--ai-share', '0.9', '--seniors', '1']);
      expect(text.out).toContain('From history: 8 changes over 2 weeks');
      expect(text.out).toContain('Observed: 0 changes signed off by a senior');
      expect(text.out).toContain(
        'No what-if: the simulation does not reproduce the observed waits within 25%.',
      );
      expect(text.out).toContain(
        '  - only 0 senior sign-offs in the period; at least 10 are needed to compare waits',
      );
      expect(text.out).not.toContain('AI 90%');
      expect((await run(['capacity', '--from-store', '--db', join(dir, 'missing.db')])).code).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('blastwall capacity and where its figures come from', () => {
  it('says an empty store has nothing to learn from, and stops', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openStore } = await import('../../../adapters/storage/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'bw-capacity-empty-'));
    const db = join(dir, 'blastwall.db');
    await (await openStore(db)).close();
    try {
      const { code, out, err } = await run(['capacity', '--from-store', '--db', db]);

      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(
        /^blastwall capacity: the store holds no changes decided in the last 12 weeks, so there is nothing to learn from\./,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the seniors from blastwall.yaml when --seniors is not given', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'bw-capacity-config-'));
    const people = (levels: string[]) =>
      `people:\n${levels.map((level, i) => `  - { id: p${i}, level: ${level}, emails: [p${i}@example.com] }\n`).join('')}`;
    try {
      writeFileSync(join(dir, 'blastwall.yaml'), people(['junior', 'senior', 'principal', 'mid', 'senior']));
      const table = await runCli(['capacity', '--weeks', '2'], { cwd: dir });
      const json = await runCli(['capacity', '--weeks', '2', '--json'], { cwd: dir });
      const asked = await runCli(['capacity', '--weeks', '2', '--seniors', '7', '--json'], { cwd: dir });

      expect(table.stdout).toContain('Seniors: 3, the people at senior level or above in blastwall.yaml.');
      expect(table.stdout).toContain('AI 30%, 3 seniors');
      expect((JSON.parse(json.stdout) as Array<{ seniors: number }>)[0]!.seniors).toBe(3);
      expect((JSON.parse(asked.stdout) as Array<{ seniors: number }>)[0]!.seniors).toBe(7);

      writeFileSync(join(dir, 'blastwall.yaml'), people(['junior', 'mid']));
      const none = await runCli(['capacity'], { cwd: dir });
      expect(none.code).toBe(2);
      expect(none.stderr).toBe(
        'blastwall capacity: blastwall.yaml names no one at senior level or above, so nobody could review; pass --seniors N to simulate anyway\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
