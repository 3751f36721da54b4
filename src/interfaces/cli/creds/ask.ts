import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConfigFile } from '../../../adapters/config/load-config.js';
import { serverSettings, type ServerSettings } from '../../../app/approval-client.js';
import type { CredentialAsk } from '../../../app/creds/client.js';
import { findRepoRoot } from '../../../app/workspace.js';
import type { IssuedResponse } from '../../../app/creds/creds-contract.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';
import type { ServerFlags } from '../server-client.js';
import { askOrSettle, parseMinutes } from './plugin.js';

/** Flags every `creds` subcommand shares. */
export interface AskFlags extends ServerFlags {
  write?: boolean;
  minutes?: string;
  session?: string;
  json?: boolean;
}

/** Adds the shared flags to a `creds` subcommand. */
export function askOptions(command: Command): Command {
  return command
    .option(
      '--write',
      'ask for the elevated credentials (held until a person approves; exit 3 with the approval id)',
    )
    .option(
      '--minutes <n>',
      "how long elevated credentials are asked for (at most the environment's maxGrant)",
    )
    .option('--session <id>', 'the agent session (default: $BLASTWALL_SESSION_ID, else "default")')
    .option(
      '--server <url>',
      'server URL (default: $BLASTWALL_SERVER_URL, else server.url in blastwall.yaml)',
    )
    .option('--token <token>', 'the agent token (default: $BLASTWALL_TOKEN, else server.token)')
    .option('--config <file>', 'configuration file (default: blastwall.yaml of the repository here)')
    .option('--json', 'print the whole answer as JSON');
}

/** The server to ask, from flags, environment or blastwall.yaml; reports and returns undefined when none. */
export function settingsFor(flags: ServerFlags, deps: CliDeps, verb: string): ServerSettings | undefined {
  try {
    const env = {
      ...deps.env,
      ...(flags.server && { BLASTWALL_SERVER_URL: flags.server }),
      ...(flags.token && { BLASTWALL_TOKEN: flags.token }),
    };
    let file;
    if (!env.BLASTWALL_SERVER_URL) {
      const path =
        flags.config !== undefined
          ? resolve(deps.cwd, flags.config)
          : join(findRepoRoot(deps.cwd), 'blastwall.yaml');
      file = flags.config !== undefined || existsSync(path) ? readConfigFile(path) : undefined;
    }
    const settings = serverSettings(file, env);
    if (settings) return settings;
    deps.stderr(
      `blastwall ${verb}: no server configured (--server, $BLASTWALL_SERVER_URL, or server.url in blastwall.yaml)\n`,
    );
    deps.exit(EXIT.usage);
  } catch (error) {
    const described = describeError(error);
    deps.stderr(`blastwall ${verb}: ${described.message}\n`);
    deps.exit(described.exitCode);
  }
  return undefined;
}

/** The ask a subcommand's flags describe. */
export function askFrom(
  kind: string,
  environment: string,
  flags: AskFlags,
  deps: CliDeps,
): CredentialAsk | string {
  const minutes = parseMinutes(flags.minutes);
  if (minutes instanceof Error) return minutes.message;
  return {
    environment,
    kind,
    scope: flags.write ? 'write' : 'read',
    sessionId: flags.session ?? deps.env.BLASTWALL_SESSION_ID ?? 'default',
    ...(minutes !== undefined && { minutes }),
  };
}

/**
 * Asks the server and settles the outcome: the issued answer, or undefined after reporting (exit 3 held
 * with the approval id, 1 refused, 2 not configured, 4 unreachable or failing issuer). Never credentials on error.
 */
export async function askOrReport(
  settings: ServerSettings,
  ask: CredentialAsk,
  deps: CliDeps,
  verb: string,
  json: boolean,
): Promise<IssuedResponse | undefined> {
  const settled = await askOrSettle(settings, ask, deps, verb, json);
  if (typeof settled !== 'number') return settled;
  deps.exit(settled);
  return undefined;
}
