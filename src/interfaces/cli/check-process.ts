import { resolve } from 'node:path';
import { isatty } from 'node:tty';
import { attestationLookup } from '../../app/attest.js';
import { runCheck } from '../../app/check.js';
import { findRepoRoot } from '../../app/workspace.js';
import { EXIT } from './deps.js';
import { describeError } from './errors.js';
import { checkReportMarkdown, checkReportText } from './format/check-report.js';
import { paint } from './format/colour.js';
import { writeAll } from './write-fd.js';

/** The plain `check` form the bundle answers; anything else goes through the full CLI. */
interface CheckArgs {
  range?: string;
  repo: string;
  config?: string;
  approvals: string[];
  labels: string[];
  format: 'text' | 'json' | 'markdown';
  reviewers: boolean;
}

/**
 * Reads `check [RANGE] --no-risk [--json] [--format F] [--no-reviewers] [--repo D] [--config F] [--approval ID]…
 * [--label L]…` without commander; undefined for anything else (`--help`, the risk model, an unknown option),
 * which the full CLI answers.
 */
export function parseCheckArgs(argv: readonly string[]): CheckArgs | undefined {
  if (argv[0] !== 'check') return undefined;
  const args: CheckArgs = { repo: '.', approvals: [], labels: [], format: 'text', reviewers: true };
  let noRisk = false;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg];
    const value = (): string | undefined => {
      const next = inline ?? argv[++i];
      return next === undefined || (inline === undefined && next.startsWith('-')) ? undefined : next;
    };
    if (flag === '--json' && inline === undefined) args.format = 'json';
    else if (flag === '--no-risk' && inline === undefined) noRisk = true;
    else if (flag === '--no-reviewers' && inline === undefined) args.reviewers = false;
    else if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json' && format !== 'markdown') return undefined;
      if (args.format !== 'json') args.format = format;
    } else if (flag === '--repo' || flag === '--config' || flag === '--approval' || flag === '--label') {
      const given = value();
      if (given === undefined) return undefined;
      if (flag === '--repo') args.repo = given;
      else if (flag === '--config') args.config = given;
      else if (flag === '--approval') args.approvals.push(given);
      else args.labels.push(given);
    } else if (!arg.startsWith('-') && args.range === undefined) args.range = arg;
    else return undefined;
  }
  // The risk model reads files next to the package and the history; it stays with the full CLI.
  return noRisk ? args : undefined;
}

/**
 * `blastwall check … --no-risk` as its own process entry, bundled alone (scripts/bundle-hook.mjs →
 * dist/hook/check.cjs, none of the hook's modules) so a push check or a CI step pays for one small compiled file
 * instead of the whole CLI. Resolves to the exit code, or
 * undefined when the arguments need the full CLI. Output and exit codes are those of the `check` verb.
 */
export async function runCheckProcess(argv: readonly string[]): Promise<number | undefined> {
  const args = parseCheckArgs(argv);
  if (!args) return undefined;
  const cwd = process.cwd();
  try {
    const repo = findRepoRoot(resolve(cwd, args.repo));
    const report = await runCheck({
      repo,
      ...(args.range !== undefined ? { range: args.range } : {}),
      ...(args.config !== undefined ? { configPath: resolve(cwd, args.config) } : {}),
      approvals: args.approvals,
      ...(args.labels.length > 0 ? { labels: args.labels } : {}),
      reviewers: args.reviewers,
      // The same attestations as the full CLI: a push check or CI step must not lose the agent's lines.
      attestations: attestationLookup(repo, process.env),
    });
    // A reader that went away (`check … | head`) loses the report, not the decision: its exit code stands.
    writeAll(
      1,
      args.format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : args.format === 'markdown'
          ? checkReportMarkdown(report)
          : checkReportText(report, paint(isatty(1) && !process.env.NO_COLOR)),
    );
    return report.decision === 'allow' ? EXIT.ok : EXIT.notAllowed;
  } catch (error) {
    const described = describeError(error);
    writeAll(2, `blastwall check: ${described.message}\n`);
    return described.exitCode;
  }
}
