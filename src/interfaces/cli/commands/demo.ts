import type { Command } from 'commander';
import { runCheck } from '../../../app/check.js';
import { buildExampleRepo } from '../../../app/demo/example-repo.js';
import { EXIT, type CliDeps } from '../deps.js';
import { checkReportText } from '../format/check-report.js';
import { paint } from '../format/colour.js';
import { describeError } from '../errors.js';

/** `blastwall demo`: an example organisation and repository, checked branch by branch. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('demo')
    .description(
      'Build an example organisation and git repository in a temporary folder and check every branch',
    )
    .option('--keep', 'keep the example repository (its path is printed) instead of deleting it')
    .option('--json', 'print the reports as JSON lines')
    .action(async (options: { keep?: boolean; json?: boolean }) => {
      const p = paint(deps.isTty && !deps.env.NO_COLOR);
      let built: ReturnType<typeof buildExampleRepo> | undefined;
      try {
        built = buildExampleRepo();
        if (!options.json)
          deps.stdout(`${p.bold('blastwall demo')}: example repository at ${built.repo.dir}\n\n`);
        for (const branch of built.branches) {
          const report = await runCheck({
            repo: built.repo.dir,
            range: `main..${branch.name}`,
            approvals: [],
          });
          if (options.json) {
            deps.stdout(`${JSON.stringify({ branch: branch.name, story: branch.story, report })}\n`);
            continue;
          }
          deps.stdout(`${p.bold(`▸ ${branch.name}`)} — ${branch.story}\n`);
          deps.stdout(`${checkReportText(report, p)}\n`);
        }
        if (!options.json) {
          deps.stdout(
            `Try it yourself:\n  cd ${built.repo.dir}\n  blastwall check main..jo/claude-payment-retries --approval sam --approval noor\n`,
          );
          if (!options.keep)
            deps.stdout(p.dim('(the repository is deleted on exit; pass --keep to keep it)\n'));
        }
        deps.exit(EXIT.ok);
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall demo: ${described.message}\n`);
        deps.exit(described.exitCode);
      } finally {
        if (built && !options.keep) built.repo.remove();
      }
    });
}
