import type { Command } from 'commander';
import { loadConfig } from '../../../adapters/config/load-config.js';
import { openDeliveryStore, type DeliveryStore } from '../../../adapters/storage/delivery-store.js';
import { resolveDbSpec } from '../../../adapters/storage/open-store.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { reportFromHistory } from '../../../core/delivery/report.js';
import { formatReport, REPORT_FORMATS, type ReportFormat } from '../../../core/delivery/report-format.js';
import { BlastwallError } from '../../../core/errors.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

interface ReportOptions {
  since?: string;
  until?: string;
  format: string;
  json?: boolean;
  db?: string;
  config?: string;
  window: string;
}

const DAY = 86_400_000;

/** An ISO date or time given on the command line, as an ISO time; a usage error names the flag. */
export function parseWhen(value: string, flag: string): string {
  const at = Date.parse(value);
  if (Number.isNaN(at))
    throw new BlastwallError(
      'usage',
      `${flag}: "${value}" is not a date (use YYYY-MM-DD or an ISO-8601 time)`,
    );
  return new Date(at).toISOString();
}

/** Registers `blastwall report`: the promise-vs-reality table of AI-assisted against human change. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('report')
    .description(
      'Promise vs reality: failure rate, Sev1/Sev2, lead time, restore time and senior review load, AI-assisted vs human, against the previous period',
    )
    .option('--since <date>', 'start of the period (default: 28 days before --until)')
    .option('--until <date>', 'end of the period (default: now)')
    .option('--format <format>', `output: ${REPORT_FORMATS.join('|')}`, 'text')
    .option('--json', 'same as --format json')
    .option('--window <hours>', 'hours before an incident in which a deployment is a suspect', '24')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .option('--config <file>', 'blastwall.yaml with the services (default: at the repository root)')
    .action((options: ReportOptions) => run(deps, options));
}

async function run(deps: CliDeps, options: ReportOptions): Promise<void> {
  let store: DeliveryStore | undefined;
  try {
    const format = (options.json ? 'json' : options.format) as ReportFormat;
    if (!REPORT_FORMATS.includes(format))
      throw new BlastwallError('usage', `--format must be one of ${REPORT_FORMATS.join(', ')}`);
    const windowHours = Number(options.window);
    if (!Number.isFinite(windowHours) || windowHours <= 0)
      throw new BlastwallError('usage', '--window must be a positive number of hours');
    const until = options.until ? parseWhen(options.until, '--until') : new Date().toISOString();
    const since = options.since
      ? parseWhen(options.since, '--since')
      : new Date(Date.parse(until) - 28 * DAY).toISOString();
    if (Date.parse(since) >= Date.parse(until))
      throw new BlastwallError('usage', '--since must be before --until');
    const repo = findRepoRoot(deps.cwd);
    const { config } = await loadConfig(repo, options.config);
    store = await openDeliveryStore(resolveDbSpec(options.db, deps.env, deps.cwd), { mustExist: true });
    // The previous period is as long as this one; deployments a window earlier can still be suspects.
    const previousFrom = new Date(2 * Date.parse(since) - Date.parse(until)).toISOString();
    const [deployments, incidents, verdicts, reviews] = await Promise.all([
      store.listDeployments({
        since: new Date(Date.parse(previousFrom) - windowHours * 3_600_000).toISOString(),
        until,
      }),
      store.listIncidents({ since: previousFrom, until }),
      store.listVerdicts(),
      store.listReviews(),
    ]);
    const report = reportFromHistory({
      deployments,
      incidents,
      services: config.services,
      reviews,
      verdicts,
      since,
      until,
      windowHours,
    });
    deps.stdout(formatReport(report, format));
    deps.exit(EXIT.ok);
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall report: ${described.message}\n`);
    deps.exit(described.exitCode);
  } finally {
    await store?.close().catch(() => undefined);
  }
}
