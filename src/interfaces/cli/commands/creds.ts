import type { Command } from 'commander';
import type { IssuedResponse } from '../../../app/creds/creds-contract.js';
import { askFrom, askOptions, askOrReport, settingsFor, type AskFlags } from '../creds/ask.js';
import { registerExec } from '../creds/exec.js';
import { registerSetup } from '../creds/setup.js';
import { EXIT, type CliDeps } from '../deps.js';

/** One credential plugin: its kind, what it says it does, and how it prints what the server issued. */
interface Plugin {
  kind: 'postgres' | 'aws' | 'kubernetes';
  description: string;
  render(issued: IssuedResponse, flags: AskFlags): string;
}

const PLUGINS: Plugin[] = [
  {
    kind: 'postgres',
    description: 'Print a PostgreSQL connection URL of a login role brokered for this agent session',
    render: (issued, flags) => (flags.json ? JSON.stringify(issued) : String(issued.credential.url)),
  },
  {
    kind: 'aws',
    description:
      'Print AWS credential_process JSON (Version 1): STS credentials of the read-only role, or the elevated one after approval',
    render: (issued) => JSON.stringify(issued.credential),
  },
  {
    kind: 'kubernetes',
    description:
      'Print a client.authentication.k8s.io/v1 ExecCredential: a short-lived service-account token, elevated after approval',
    render: (issued) => JSON.stringify(issued.credential),
  },
];

/** Registers `blastwall creds …`: credentials brokered by the blastwall server, read-only unless approved (docs/creds.md). */
export function register(program: Command, deps: CliDeps): void {
  const creds = program
    .command('creds')
    .description(
      'Short-lived credentials from the blastwall server: read-only by default, elevated after approval',
    );

  for (const plugin of PLUGINS) {
    askOptions(
      creds
        .command(plugin.kind)
        .description(plugin.description)
        .argument('<env>', `environment (credentials.<env>.${plugin.kind} in blastwall.yaml)`),
    ).action(async (environment: string, flags: AskFlags) => {
      const verb = `creds ${plugin.kind}`;
      const ask = askFrom(plugin.kind, environment, flags, deps);
      if (typeof ask === 'string') {
        deps.stderr(`blastwall ${verb}: ${ask}\n`);
        deps.exit(EXIT.usage);
        return;
      }
      const settings = settingsFor(flags, deps, verb);
      if (!settings) return;
      const issued = await askOrReport(settings, ask, deps, verb, flags.json === true);
      if (!issued) return;
      deps.stdout(`${plugin.render(issued, flags)}\n`);
      deps.exit(EXIT.ok);
    });
  }
  registerExec(creds, deps);
  registerSetup(creds, deps);
}
