import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { EXIT, type CliDeps } from '../deps.js';
import { askFrom, askOptions, askOrReport, settingsFor, type AskFlags } from './ask.js';

/** Runs a command with extra variables, passing its exit code on (a signal counts as 128 + its number, like a shell). */
function runWith(command: string[], env: Record<string, string>, deps: CliDeps): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: deps.cwd,
      env: { ...deps.env, ...env },
      stdio: 'inherit',
    });
    child.once('error', (error) => {
      deps.stderr(`blastwall creds exec: cannot run ${command[0]}: ${error.message}\n`);
      done(127);
    });
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 + (signalNumber(signal) ?? 1) : 1)));
  });
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal as string];
}

/** Registers `blastwall creds exec ENV -- CMD…`: one command with the environment's secrets, only after approval. */
export function registerExec(creds: Command, deps: CliDeps): void {
  askOptions(
    creds
      .command('exec')
      .description(
        "Run one command with the environment's secrets (credentials.<env>.exec), after approval: held with exit 3 until then",
      )
      .argument('<env>', 'environment (credentials.<env>.exec in blastwall.yaml)')
      .argument('[command...]', 'the command, after --'),
  ).action(async (environment: string, command: string[], flags: AskFlags) => {
    const verb = 'creds exec';
    if (command.length === 0) {
      deps.stderr(`blastwall ${verb}: name the command after --\n`);
      deps.exit(EXIT.usage);
      return;
    }
    // Secrets come only elevated, so an exec always asks for the approved grant.
    const ask = askFrom('exec', environment, { ...flags, write: true }, deps);
    if (typeof ask === 'string') {
      deps.stderr(`blastwall ${verb}: ${ask}\n`);
      deps.exit(EXIT.usage);
      return;
    }
    const settings = settingsFor(flags, deps, verb);
    if (!settings) return;
    const issued = await askOrReport(settings, ask, deps, verb, flags.json === true);
    if (!issued) return;
    const env = issued.credential.env;
    if (typeof env !== 'object' || env === null) {
      deps.stderr(`blastwall ${verb}: the server's answer holds no secrets; nothing was run\n`);
      deps.exit(EXIT.internal);
      return;
    }
    deps.exit(await runWith(command, env as Record<string, string>, deps));
  });
}
