import type { Command } from 'commander';
import {
  comparePolicies,
  DEFAULT_CAPACITY,
  POLICY_WORDS,
  type CapacityParams,
  type CapacityResult,
} from '../../../core/capacity/simulate.js';
import { EXIT, type CliDeps } from '../deps.js';

interface CapacityOptions {
  aiShare: string;
  seniors: string;
  changesPerWeek: string;
  reviewHours: string;
  juniorMidShare: string;
  riskThreshold: string;
  weeks: string;
  seed: string;
  json?: boolean;
}

/** Registers `blastwall capacity`: the senior review queue simulated under both policies, per scenario. */
export function register(program: Command, deps: CliDeps): void {
  const d = DEFAULT_CAPACITY;
  program
    .command('capacity')
    .description(
      'Simulate the senior review queue: waiting time, senior utilisation and coverage of the riskiest changes, per policy',
    )
    .option(
      '--ai-share <list>',
      'AI-assisted share(s), comma-separated: one scenario each',
      String(d.aiShare),
    )
    .option('--seniors <list>', 'number of seniors, one per scenario (or one for all)', String(d.seniors))
    .option('--changes-per-week <n>', 'changes per week', String(d.changesPerWeek))
    .option('--review-hours <n>', 'review hours per senior per week', String(d.seniorReviewHoursPerWeek))
    .option('--junior-mid-share <n>', 'share of changes by junior or mid authors', String(d.juniorMidShare))
    .option(
      '--risk-threshold <n>',
      'risk score (0-100) from which the risk policy sends a change to a senior',
      String(d.riskThreshold),
    )
    .option('--weeks <n>', 'simulated weeks', String(d.weeks))
    .option('--seed <n>', 'random seed', String(d.seed))
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample: blastwall capacity --ai-share 0.3,0.8 --seniors 10,8   # AI share 30% → 80% while seniors drop by a fifth',
    )
    .action((options: CapacityOptions) => {
      const parsed = parseScenarios(options);
      if (typeof parsed === 'string') {
        deps.stderr(`blastwall capacity: ${parsed}\n`);
        return deps.exit(EXIT.usage);
      }
      const results = parsed.map((params) => ({
        aiShare: params.aiShare,
        seniors: params.seniors,
        policies: comparePolicies(params),
      }));
      if (options.json) deps.stdout(`${JSON.stringify(results, null, 2)}\n`);
      else deps.stdout(renderTable(results));
      deps.exit(EXIT.ok);
    });
}

function numbers(text: string): number[] {
  return text.split(',').map((part) => (part.trim() === '' ? Number.NaN : Number(part)));
}

/** Builds one parameter set per scenario, or a problem in plain words. */
function parseScenarios(o: CapacityOptions): CapacityParams[] | string {
  const shares = numbers(o.aiShare);
  const seniors = numbers(o.seniors);
  if (shares.some((s) => !(s >= 0 && s <= 1)))
    return `--ai-share must be numbers between 0 and 1, not "${o.aiShare}"`;
  if (seniors.some((s) => !Number.isInteger(s) || s < 0))
    return `--seniors must be whole numbers, not "${o.seniors}"`;
  if (seniors.length !== 1 && seniors.length !== shares.length)
    return `--seniors needs one value or one per --ai-share value (${shares.length})`;
  const single: Array<[keyof CapacityOptions, string, number, number]> = [
    ['changesPerWeek', '--changes-per-week', 1, 1e6],
    ['reviewHours', '--review-hours', 0, 40],
    ['juniorMidShare', '--junior-mid-share', 0, 1],
    ['riskThreshold', '--risk-threshold', 0, 100],
    ['weeks', '--weeks', 1, 520],
    ['seed', '--seed', 0, 2 ** 32],
  ];
  const values: Record<string, number> = {};
  for (const [key, flag, min, max] of single) {
    const value = Number(o[key]);
    if (!(value >= min && value <= max))
      return `${flag} must be a number from ${min} to ${max}, not "${String(o[key])}"`;
    values[key] = value;
  }
  return shares.map((aiShare, i) => ({
    ...DEFAULT_CAPACITY,
    aiShare,
    seniors: seniors[seniors.length === 1 ? 0 : i] ?? DEFAULT_CAPACITY.seniors,
    changesPerWeek: values.changesPerWeek ?? DEFAULT_CAPACITY.changesPerWeek,
    seniorReviewHoursPerWeek: values.reviewHours ?? DEFAULT_CAPACITY.seniorReviewHoursPerWeek,
    juniorMidShare: values.juniorMidShare ?? DEFAULT_CAPACITY.juniorMidShare,
    riskThreshold: values.riskThreshold ?? DEFAULT_CAPACITY.riskThreshold,
    weeks: values.weeks ?? DEFAULT_CAPACITY.weeks,
    seed: values.seed ?? DEFAULT_CAPACITY.seed,
  }));
}

function hours(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(1)} h` : 'never';
}

function renderTable(
  results: Array<{ aiShare: number; seniors: number; policies: CapacityResult[] }>,
): string {
  const header = [
    'scenario',
    'policy',
    'senior reviews',
    'wait p50',
    'wait p95',
    'senior utilisation',
    'riskiest 10% seen by a senior',
  ];
  const rows = results.flatMap((r) =>
    r.policies.map((p) => [
      `AI ${Math.round(r.aiShare * 100)}%, ${r.seniors} seniors`,
      POLICY_WORDS[p.policy],
      String(p.seniorReviews),
      hours(p.waitHoursP50),
      hours(p.waitHoursP95),
      `${Number.isFinite(p.seniorUtilisation) ? Math.round(p.seniorUtilisation * 100) : '∞'}%${p.overloaded ? ' (overloaded)' : ''}`,
      `${Math.round(p.riskiestReviewedBySenior * 100)}%`,
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    `${cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()}\n`;
  return (
    line(header) +
    rows.map(line).join('') +
    'Waiting is in working hours until a senior starts the review; simulated, seeded, same changes for both policies.\n'
  );
}
