import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { runCheck } from '../../../app/check.js';
import type { RunningDemo, SeedSummary } from '../../../app/demo/index.js';
import { buildExampleRepo } from '../../../app/demo/example-repo.js';
import { DEMO_PEOPLE, DEMO_REVIEWER } from '../../../app/demo/organisation.js';
import { EXIT, type CliDeps } from '../deps.js';
import { checkReportText } from '../format/check-report.js';
import { paint } from '../format/colour.js';
import { describeError } from '../errors.js';

interface DemoFlags {
  port: string;
  dir?: string;
  serve: boolean;
  check?: boolean;
  keep?: boolean;
  json?: boolean;
}

/** `blastwall demo`: an example organisation seeded through the server's own routes, and its dashboard. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('demo')
    .description(
      'Seed an example organisation (people, services, six months of AI-assisted history) and serve its dashboard',
    )
    .option('--port <n>', 'TCP port of the dashboard (0 picks a free one)', '4600')
    .option(
      '--dir <dir>',
      'where the demo repository and .blastwall/blastwall.db go (default: a new temporary folder)',
    )
    .option('--no-serve', 'seed, print the summary and the sign-in token, and exit')
    .option('--check', 'instead: build a small example repository and check it branch by branch')
    .option('--keep', 'with --check: keep the example repository (its path is printed)')
    .option('--json', 'with --check: one JSON report per line; with --no-serve: the summary as JSON')
    .addHelpText(
      'after',
      `
What it builds: 40 people (junior to principal) in 8 teams, 60 services in tiers 1-4 that depend on
payments, ledger, auth and the message bus, and a git repository with over 400 commits on 130 pull
requests over six months, a rising share of them written with Claude Code, Copilot, Cursor, Codex and
Gemini. That history is replayed through the API a real organisation uses - change checks, sign-offs,
the agent gate, deployment and incident ingest - on a clock that walks through the six months, so
every decision, approval and audit record carries its historical time. Seeding takes 30-60 s.

The agents' commands show the gate's three answers: tests, builds and dev or staging work run;
reversible production work (scaling to zero, draining a node) and edits to the guardrails wait for a
senior person; irreversible production deletes (terraform destroy, DROP TABLE, deleting a namespace),
force-pushes to main and anything beyond the delegating engineer's own authority are denied.

The seeded folder is a normal repository: run \`blastwall check\`, \`gate\` or \`report\` in it.
Stop the server with Ctrl-C; run again with the same --dir to serve the same data (with a new token).

Examples:
  blastwall demo                           seed into a temporary folder and serve on port 4600
  blastwall demo --dir ./shop --port 0     keep the data in ./shop, any free port
  blastwall demo --no-serve --dir ./shop   seed only; print the token (for scripts and tests)
  blastwall demo --check --json            the small branch-by-branch example`,
    )
    .action(async (flags: DemoFlags) => {
      if (flags.check) return checkExample(deps, flags);
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65535) {
        deps.stderr(`blastwall demo: --port must be a number from 0 to 65535, not "${flags.port}"\n`);
        return deps.exit(EXIT.usage);
      }
      await serveDemo(deps, flags, port);
    });
}

async function serveDemo(deps: CliDeps, flags: DemoFlags, port: number): Promise<void> {
  const p = paint(deps.isTty && !deps.env.NO_COLOR);
  const progress = (line: string): void => deps.stderr(`${p.dim(line)}\n`);
  const dir = flags.dir !== undefined ? resolve(deps.cwd, flags.dir) : undefined;
  try {
    const { seedDemo, startDemo, isSeeded, reissueReviewerToken } =
      await import('../../../app/demo/index.js');
    // The demo runs the real server: its composition root is handed over, not imported by app/.
    const server = await import('../../../serve.js');
    if (!flags.serve) {
      const target = dir ?? mkdtempSync(join(tmpdir(), 'blastwall-demo-'));
      if (isSeeded(target)) {
        const token = await reissueReviewerToken(target);
        deps.stdout(
          flags.json ? `${JSON.stringify({ dir: target, token })}\n` : `${usage(p, target, token)}\n`,
        );
        return deps.exit(EXIT.ok);
      }
      const summary = await seedDemo({ dir: target, log: progress, server });
      if (flags.json) deps.stdout(`${JSON.stringify(summary)}\n`);
      else deps.stdout(`${summaryText(p, summary)}\n${usage(p, summary.dir, summary.reviewer.token)}\n`);
      return deps.exit(EXIT.ok);
    }
    // A folder the person did not name is theirs to forget: it goes when the server stops.
    const demo = await startDemo({
      port,
      log: progress,
      server,
      ...(dir !== undefined ? { dir } : { removeOnClose: true }),
    });
    if (demo.summary) deps.stdout(`${summaryText(p, demo.summary)}\n`);
    deps.stdout(
      `${usage(p, demo.dir, demo.token, demo.url)}\n${p.dim(
        dir !== undefined
          ? 'Ctrl-C stops the server; the data stays in that folder.'
          : 'Ctrl-C stops the server and removes that folder (pass --dir DIR to keep the data).',
      )}\n`,
    );
    await untilStopped(deps, demo);
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall demo: ${described.message}\n`);
    deps.exit(described.exitCode);
  }
}

function summaryText(p: ReturnType<typeof paint>, s: SeedSummary): string {
  const changes = Object.values(s.counts.changes).reduce((a, b) => a + b, 0);
  const actions = s.counts.actions;
  return [
    p.bold('blastwall demo: an example organisation'),
    `  ${s.people} people in ${s.teams} teams, ${s.services} services in tiers 1-4`,
    `  ${s.commits} commits on ${s.pullRequests} pull requests, ${s.aiAssistedPullRequests} of them AI-assisted`,
    `  ${changes} change checks (${s.counts.changes['needs-approval'] ?? 0} needed sign-off), ${s.counts.signOffs} sign-offs, ${s.counts.deniedChanges} turned down`,
    `  agent actions: ${actions.allow ?? 0} allowed, ${actions['needs-approval'] ?? 0} held (${s.counts.heldPending} still waiting), ${actions.deny ?? 0} denied`,
    `  ${s.counts.deployments} deployments, ${s.counts.incidents} incidents, ${s.counts.verdicts} verdicts on suspects`,
    p.dim(`  seeded in ${s.seconds} s into ${s.dir}`),
  ].join('\n');
}

function usage(p: ReturnType<typeof paint>, dir: string, token: string, url?: string): string {
  const base = url ?? 'http://127.0.0.1:4600';
  const reviewer = DEMO_PEOPLE.find((person) => person.id === DEMO_REVIEWER);
  const who = reviewer ? ` (${reviewer.name}, ${reviewer.level}, ${reviewer.team})` : '';
  return [
    '',
    ...(url ? [`${p.bold('Dashboard:')} ${url}`] : []),
    `${p.bold('Sign in')} as a senior reviewer${who} — open this link once (it signs the tab in and leaves the address bar):`,
    `  ${base}/#token=${encodeURIComponent(token)}`,
    `${p.bold('Sign-in token')}, to paste into the dashboard's sign-in or call the API with:`,
    `  ${token}`,
    `  curl -H 'Authorization: Bearer ${token}' '${base}/v1/approvals?status=pending'`,
    `Repository and database: ${dir}`,
    // Run from where `npx blastwall demo` ran (the clone): npx finds blastwall there, not in the demo folder.
    `  npx blastwall report --db ${join(dir, '.blastwall', 'blastwall.db')} --config ${join(dir, 'blastwall.yaml')}`,
    `      AI-assisted vs human delivery, last 28 days`,
    ...(url ? [] : [`  npx blastwall demo --dir ${dir}      serves it`]),
  ].join('\n');
}

/** Waits for Ctrl-C or SIGTERM, then closes the server (in-flight requests finish first). */
function untilStopped(deps: CliDeps, demo: RunningDemo): Promise<void> {
  return new Promise<void>((done) => {
    const stop = (signal: string): void => {
      deps.stderr(`blastwall demo: ${signal}, stopping\n`);
      demo.close().then(
        () => {
          deps.exit(EXIT.ok);
          done();
        },
        (error: unknown) => {
          deps.stderr(`blastwall demo: closing failed: ${describeError(error).message}\n`);
          deps.exit(EXIT.internal);
          done();
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** The small example repository, checked branch by branch (the demo before the dashboard). */
async function checkExample(deps: CliDeps, options: DemoFlags): Promise<void> {
  const p = paint(deps.isTty && !deps.env.NO_COLOR);
  let built: ReturnType<typeof buildExampleRepo> | undefined;
  try {
    built = buildExampleRepo();
    if (!options.json)
      deps.stdout(`${p.bold('blastwall demo --check')}: example repository at ${built.repo.dir}\n\n`);
    for (const branch of built.branches) {
      const report = await runCheck({ repo: built.repo.dir, range: `main..${branch.name}`, approvals: [] });
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
      if (!options.keep) deps.stdout(p.dim('(the repository is deleted on exit; pass --keep to keep it)\n'));
    }
    deps.exit(EXIT.ok);
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall demo: ${described.message}\n`);
    deps.exit(described.exitCode);
  } finally {
    if (built && !options.keep) built.repo.remove();
  }
}
