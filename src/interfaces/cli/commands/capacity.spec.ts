import { describe, expect, it } from 'vitest';
import { main } from '../../../main.js';
import type { CliDeps } from '../deps.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const deps: CliDeps = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => '',
    cwd: '.',
    env: {},
    isTty: false,
    exit: () => undefined,
  };
  return { code: await main(argv, deps), out, err };
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
