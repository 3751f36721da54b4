import type { Command } from 'commander';
import { askFrom, askOptions, settingsFor, type AskFlags } from '../creds/ask.js';
import { registerExec } from '../creds/exec.js';
import { PLUGINS, runPlugin } from '../creds/plugin.js';
import { registerSetup } from '../creds/setup.js';
import { EXIT, type CliDeps } from '../deps.js';

/**
 * Registers `blastwall creds …`: credentials brokered by the blastwall server, read-only unless approved
 * (docs/creds.md). The plugins usually run from the thin plugin process (src/creds-plugin-main.ts); this path
 * answers the rest (`--config`, a server or token only blastwall.yaml gives, `--help`) the same way.
 */
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
      deps.exit(await runPlugin(plugin, settings, ask, deps, flags.json === true));
    });
  }
  registerExec(creds, deps);
  registerSetup(creds, deps);
}
