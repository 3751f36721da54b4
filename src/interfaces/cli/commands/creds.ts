import type { Command } from 'commander';
import { askFrom, askOptions, askOrReport, settingsFor, type AskFlags } from '../creds/ask.js';
import { EXIT, type CliDeps } from '../deps.js';

/** Registers `blastwall creds …`: credentials brokered by the blastwall server, read-only unless approved (docs/creds.md). */
export function register(program: Command, deps: CliDeps): void {
  const creds = program
    .command('creds')
    .description(
      'Short-lived credentials from the blastwall server: read-only by default, elevated after approval',
    );

  askOptions(
    creds
      .command('postgres')
      .description('Print a PostgreSQL connection URL of a login role brokered for this agent session')
      .argument('<env>', 'environment (credentials.<env>.postgres in blastwall.yaml)'),
  ).action(async (environment: string, flags: AskFlags) => {
    const verb = 'creds postgres';
    const ask = askFrom('postgres', environment, flags, deps);
    if (typeof ask === 'string') {
      deps.stderr(`blastwall ${verb}: ${ask}\n`);
      deps.exit(EXIT.usage);
      return;
    }
    const settings = settingsFor(flags, deps, verb);
    if (!settings) return;
    const issued = await askOrReport(settings, ask, deps, verb, flags.json === true);
    if (!issued) return;
    deps.stdout(flags.json ? `${JSON.stringify(issued)}\n` : `${String(issued.credential.url)}\n`);
    deps.exit(EXIT.ok);
  });
}
