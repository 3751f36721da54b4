import type { Command } from 'commander';
import {
  comparePolicies,
  DEFAULT_CAPACITY,
  POLICY_WORDS,
  type CapacityParams,
  type CapacityResult,
} from '../../../core/capacity/simulate.js';
import { CALENDAR_PER_WORKING_HOUR } from '../../../core/capacity/calibrate.js';
import { EXIT, type CliDeps } from '../deps.js';
import { withStore } from '../with-store.js';

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
  fromStore?: boolean;
  db?: string;
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
    .option(
      '--from-store',
      'read changes per week, AI share, authors’ levels, sizes and the number of seniors from the stored history ' +
        '(what `serve` decided); --ai-share/--seniors then add what-if scenarios',
    )
    .option(
      '--db <spec>',
      'with --from-store: SQLite path or postgres:// URL (default $BLASTWALL_DB or .blastwall/)',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  blastwall capacity --ai-share 0.3,0.8 --seniors 10,8   # AI share 30% → 80% while seniors drop by a fifth\n' +
        '  blastwall capacity --from-store --weeks 26            # the same question, starting from your own history',
    )
    .action(async (options: CapacityOptions, command: Command) => {
      if (options.fromStore) return fromStore(deps, options, command);
      let note = '';
      if (command.getOptionValueSource('seniors') !== 'cli') {
        const configured = await seniorsInConfig(deps);
        if (typeof configured === 'string') {
          deps.stderr(`blastwall capacity: ${configured}\n`);
          return deps.exit(EXIT.usage);
        }
        if (configured?.seniors === 0) {
          deps.stderr(
            `blastwall capacity: ${configured.file} names no one at senior level or above, so nobody could review; pass --seniors N to simulate anyway\n`,
          );
          return deps.exit(EXIT.usage);
        }
        if (configured) {
          options.seniors = String(configured.seniors);
          note = `Seniors: ${configured.seniors}, the people at senior level or above in ${configured.file}.\n`;
        }
      }
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
      else deps.stdout(note + renderTable(results));
      deps.exit(EXIT.ok);
    });
}

/**
 * The number of seniors in the repository's blastwall.yaml, undefined when there is none (the default
 * stands), or the configuration problem in words.
 */
async function seniorsInConfig(
  deps: CliDeps,
): Promise<{ seniors: number; file: string } | undefined | string> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { findRepoRoot } = await import('../../../app/workspace.js');
  const { readConfigFile } = await import('../../../adapters/config/load-config.js');
  const { countSeniors } = await import('../../../app/capacity.js');
  const path = join(findRepoRoot(deps.cwd), 'blastwall.yaml');
  if (!existsSync(path)) return undefined;
  try {
    return { seniors: countSeniors(readConfigFile(path).people), file: 'blastwall.yaml' };
  } catch (error) {
    return (error as Error).message;
  }
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
  /** From the store: waits as history measures them, calendar hours to a senior's sign-off. */
  signoffs = false,
): string {
  const header = [
    'scenario',
    'policy',
    'senior reviews',
    signoffs ? 'sign-off p50' : 'wait p50',
    signoffs ? 'sign-off p95' : 'wait p95',
    'senior utilisation',
    'riskiest 10% seen by a senior',
  ];
  const rows = results.flatMap((r) =>
    r.policies.map((p) => [
      `AI ${Math.round(r.aiShare * 100)}%, ${r.seniors} ${r.seniors === 1 ? 'senior' : 'seniors'}`,
      POLICY_WORDS[p.policy],
      String(p.seniorReviews),
      signoffs ? hours(p.signoffHoursP50 * CALENDAR_PER_WORKING_HOUR) : hours(p.waitHoursP50),
      signoffs ? hours(p.signoffHoursP95 * CALENDAR_PER_WORKING_HOUR) : hours(p.waitHoursP95),
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
    (signoffs
      ? 'Sign-off is in calendar hours from the request to a senior’s sign-off, as history measures it; simulated, seeded, same changes for both policies.\n'
      : 'Waiting is in working hours until a senior starts the review; simulated, seeded, same changes for both policies.\n')
  );
}

/** `--from-store`: the parameters come from history; explicit --ai-share/--seniors become what-if scenarios. */
async function fromStore(deps: CliDeps, options: CapacityOptions, command: Command): Promise<void> {
  const given = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  const weeks = Number(options.weeks);
  if (!(Number.isInteger(weeks) && weeks >= 1 && weeks <= 104)) {
    deps.stderr(`blastwall capacity: --weeks must be a whole number from 1 to 104, not "${options.weeks}"\n`);
    return deps.exit(EXIT.usage);
  }
  const whatIf = given('aiShare') || given('seniors') ? parseScenarios(options) : [];
  if (typeof whatIf === 'string') {
    deps.stderr(`blastwall capacity: ${whatIf}\n`);
    return deps.exit(EXIT.usage);
  }
  const { openDashboardReader } = await import('../../../adapters/storage/dashboard-reader.js');
  const { resolveDbSpec } = await import('../../../adapters/storage/index.js');
  const { planCapacity } = await import('../../../app/capacity-plan.js');
  const { isOpen } = await import('../../../core/policy/eligibility.js');
  await withStore(deps, 'capacity', options.db, async (store) => {
    const reader = await openDashboardReader(resolveDbSpec(options.db, deps.env, deps.cwd));
    try {
      const now = new Date();
      const from = new Date(now.getTime() - weeks * 7 * 86_400_000).toISOString();
      const [decisions, people, signoffs, pending] = await Promise.all([
        reader.firstDecisions(from),
        store.listPeople(),
        reader.changeSignoffs(from),
        reader.approvals({ subjectKind: 'change', status: 'pending' }),
      ]);
      if (decisions.length === 0) {
        deps.stderr(
          `blastwall capacity: the store holds no changes decided in the last ${weeks} weeks, so there is nothing to learn from. ` +
            'Record checks with `blastwall serve` first, or simulate from parameters without --from-store.\n',
        );
        return EXIT.usage;
      }
      const plan = planCapacity(
        {
          decisions,
          people,
          signoffs,
          waitingSince: pending.filter((a) => isOpen(a, now)).map((a) => a.createdAt),
          from,
          to: now.toISOString(),
        },
        {
          // Only the what-ifs asked for: today plus one per --ai-share/--seniors pair.
          defaults: false,
          ...(given('aiShare') && { aiShares: whatIf.map((p) => p.aiShare) }),
          ...(given('seniors') && { seniors: whatIf.map((p) => p.seniors) }),
          ...(given('reviewHours') && { reviewHours: Number(options.reviewHours) }),
          ...(given('seed') && { seed: Number(options.seed) }),
        },
      );
      const { estimate, calibration } = plan;
      if (options.json) {
        deps.stdout(
          `${JSON.stringify({ basis: estimate.basis, params: estimate.params, defaulted: estimate.defaulted, calibration, scenarios: plan.scenarios }, null, 2)}\n`,
        );
        return EXIT.ok;
      }
      deps.stdout(renderHistory(plan));
      if (plan.scenarios.length > 0)
        deps.stdout(
          renderTable(
            plan.scenarios.map((r) => ({ aiShare: r.aiShare, seniors: r.seniors, policies: r.policies })),
            true,
          ),
        );
      return EXIT.ok;
    } finally {
      await reader.close();
    }
  });
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What history says, what the simulation reproduces of it, and why no what-if when it does not. */
function renderHistory(plan: import('../../../app/capacity-plan.js').CapacityPlan): string {
  const { basis, params } = plan.estimate;
  const { observed, fit, reproduces, missing } = plan.calibration;
  const h = (value: number | null): string => (value === null ? '—' : `${value} h`);
  const lines = [
    `From history: ${plural(basis.changes, 'change')} over ${basis.weeks} weeks → ${params.changesPerWeek} a week, ` +
      `${Math.round(params.aiShare * 100)}% AI-assisted, ${Math.round(params.juniorMidShare * 100)}% by junior or mid authors, ` +
      `median ${params.size.medianLines} lines; ${plural(params.seniors, 'senior')} configured.`,
    `Observed: ${plural(observed.signoffs, 'change')} signed off by a senior, waiting ${h(observed.waitHoursP50)} (median) and ` +
      `${h(observed.waitHoursP95)} (95th percentile); ${observed.signoffsPerSeniorWeek} sign-offs per senior a week; ` +
      `${observed.stillWaiting} still waiting.`,
  ];
  if (fit)
    lines.push(
      `Simulated: ${h(fit.waitHoursP50)} and ${h(fit.waitHoursP95)} at ${fit.reviewHoursPerWeek} review hours per senior a week; ` +
        `${fit.signoffsPerSeniorWeek} sign-offs per senior a week.`,
    );
  if (reproduces)
    lines.push('The simulation reproduces both waits within 25%, so the what-ifs start from there.');
  else
    lines.push(
      'No what-if: the simulation does not reproduce the observed waits within 25%.',
      ...missing.map((m) => `  - ${m}`),
    );
  return `${lines.join('\n')}\n\n`;
}
