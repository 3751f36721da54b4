import type { Command } from 'commander';
import { runCheck } from '../../../app/check.js';
import { attestationLookup } from '../../../app/attest.js';
import { changeRisk, loadRiskModel } from '../../../adapters/git/change-risk.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { EXIT, type CliDeps } from '../deps.js';
import { checkReportMarkdown, checkReportText } from '../format/check-report.js';
import { paint } from '../format/colour.js';
import { describeError } from '../errors.js';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runGit } from '../../../adapters/git/run-git.js';
import { runGithubAction } from '../github-action.js';
import { readConfigFile } from '../../../adapters/config/load-config.js';
import { readRepositoryIdentity } from '../../../adapters/git/repo-name.js';
import { clientFor, reportClientError } from '../server-client.js';

/** `blastwall check [BASE..HEAD]`: may this change merge yet? */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('check')
    .description('Evaluate a change: who wrote it, what it reaches, and whose sign-off it still needs')
    .argument('[range]', 'BASE..HEAD (default: merge-base with the default branch ..HEAD)')
    .option('--repo <dir>', 'repository to read', '.')
    .option('--config <file>', 'configuration file (default: <repo>/blastwall.yaml)')
    .option('--approval <id>', 'a person who signed off (repeatable)', collect, [] as string[])
    .option('--label <name>', 'a label of the pull request (repeatable)', collect, [] as string[])
    .option('--format <format>', 'text | json | markdown', 'text')
    .option('--json', 'same as --format json')
    .option('--no-risk', 'skip the change-risk score (it reads the repository history once)')
    .option(
      '--risk-model <file>',
      'a trained risk model (blastwall risk train) instead of risk.model or the shipped one',
    )
    .option('--no-reviewers', 'skip suggesting reviewers for missing sign-offs')
    .option(
      '--report',
      'also have the blastwall server (server.url or $BLASTWALL_SERVER_URL) judge and record the change, under this repository and head',
    )
    .option(
      '--github-pr',
      "in GitHub Actions: judge the run's pull request through the API and publish the check run and comment with GITHUB_TOKEN",
    )
    .addHelpText(
      'after',
      `
Exit codes: 0 allowed, 1 not allowed yet (waiting for sign-off or denied), 2 usage or config error, 4 internal error.

Examples:
  blastwall check                        # the current branch against main
  blastwall check main..feature --approval sam
  blastwall check --format markdown      # a pull-request comment
  blastwall check --report               # and record it on the server, where the deploy gates look`,
    )
    .action(
      async (
        range: string | undefined,
        options: {
          repo: string;
          config?: string;
          approval: string[];
          label: string[];
          format: string;
          json?: boolean;
          risk: boolean;
          riskModel?: string;
          reviewers: boolean;
          githubPr?: boolean;
          report?: boolean;
        },
      ) => {
        const format = options.json ? 'json' : options.format;
        if (!['text', 'json', 'markdown'].includes(format)) {
          deps.stderr(`blastwall check: --format must be text, json or markdown, not "${format}"\n`);
          return deps.exit(EXIT.usage);
        }
        try {
          const repo = findRepoRoot(resolve(deps.cwd, options.repo));
          // In GitHub Actions the pull request is read through the API: no local history is needed.
          if (options.githubPr) {
            const configPath = options.config ? resolve(deps.cwd, options.config) : undefined;
            const { report, published, ref } = await runGithubAction(repo, configPath, deps.env);
            if (format === 'json') deps.stdout(`${JSON.stringify({ ...report, published }, null, 2)}\n`);
            else deps.stdout(checkReportText(report, paint(false)));
            deps.stderr(
              `blastwall: published check run ${published.checkRunId} and the comment (${published.comment}) on ${ref.owner}/${ref.repo}#${ref.number}\n`,
            );
            return deps.exit(report.decision === 'allow' ? EXIT.ok : EXIT.notAllowed);
          }
          const inGit = await runGit(repo, ['rev-parse', '--git-dir'], { allowFailure: true });
          if (inGit.trim() === '') {
            deps.stderr(
              `blastwall check: ${repo} is not inside a git repository; a change is a range of commits, so run it in a repository or pass --repo DIR\n`,
            );
            return deps.exit(EXIT.usage);
          }
          if (!options.config && !existsSync(join(repo, 'blastwall.yaml')))
            deps.stderr(
              `blastwall check: no blastwall.yaml in ${repo}, so the default policies run with no people and no services ` +
                '(every author counts as junior, no change reaches a service); `npx blastwall init` writes one to start from\n',
            );
          const report = await runCheck({
            repo,
            ...(range ? { range } : {}),
            ...(options.config ? { configPath: resolve(deps.cwd, options.config) } : {}),
            approvals: options.approval,
            ...(options.label.length ? { labels: options.label } : {}),
            reviewers: options.reviewers,
            attestations: attestationLookup(repo, deps.env),
            ...(options.risk
              ? {
                  risk: async (dir: string, base: string, head: string, model?: string) =>
                    changeRisk(dir, base, head, model ? await loadRiskModel(model) : undefined),
                }
              : {}),
            ...(options.riskModel ? { riskModel: resolve(deps.cwd, options.riskModel) } : {}),
          });
          if (format === 'json') deps.stdout(`${JSON.stringify(report, null, 2)}\n`);
          else if (format === 'markdown') deps.stdout(checkReportMarkdown(report));
          else deps.stdout(checkReportText(report, paint(deps.isTty && !deps.env.NO_COLOR)));
          if (options.report) return await reportToServer(repo, report.range, options.config, deps);
          deps.exit(report.decision === 'allow' ? EXIT.ok : EXIT.notAllowed);
        } catch (error) {
          const described = describeError(error);
          deps.stderr(`blastwall check: ${described.message}\n`);
          deps.exit(described.exitCode);
        }
      },
    );
}

/**
 * `check --report`: the server judges the same range of its own checkout and records it under the change's identity
 * — this repository's full name (`repository` of blastwall.yaml, else the origin remote) and the head commit — the
 * identity the GitHub App's webhook and the deploy gates use. The server's decision, not this one, is what counts:
 * the exit code follows it.
 */
async function reportToServer(
  repo: string,
  range: { base: string; head: string },
  config: string | undefined,
  deps: CliDeps,
): Promise<void> {
  const client = await clientFor(config !== undefined ? { config } : {}, deps, 'check');
  if (!client) return;
  try {
    const configPath = config !== undefined ? resolve(deps.cwd, config) : join(repo, 'blastwall.yaml');
    const configured = existsSync(configPath) ? readConfigFile(configPath).repository : undefined;
    const repository = await readRepositoryIdentity(repo, configured);
    const recorded = await client.checkChange({ range: `${range.base}..${range.head}`, repository });
    deps.stderr(
      `blastwall check: ${client.url} recorded ${recorded.changeId}: ${recorded.decision}` +
        `${recorded.approvalId !== undefined ? ` (approval ${recorded.approvalId})` : ''}\n`,
    );
    deps.exit(recorded.decision === 'allow' ? EXIT.ok : EXIT.notAllowed);
  } catch (error) {
    reportClientError(error, deps, 'check');
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
