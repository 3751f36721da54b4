import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConfigFile } from '../../adapters/config/load-config.js';
import {
  createApprovalClient,
  serverSettings,
  ServerRefusal,
  ServerUnreachable,
  type ApprovalClient,
} from '../../app/approval-client.js';
import { findRepoRoot } from '../../app/workspace.js';
import { EXIT, type CliDeps } from './deps.js';
import { describeError } from './errors.js';

/** Flags of the verbs that talk to a blastwall server. */
export interface ServerFlags {
  server?: string;
  token?: string;
  config?: string;
}

/** A client from `--server/--token`, else the environment, else `server:` of blastwall.yaml; reports and returns undefined when none. */
export async function clientFor(
  flags: ServerFlags,
  deps: CliDeps,
  verb: string,
): Promise<ApprovalClient | undefined> {
  try {
    const path =
      flags.config !== undefined
        ? resolve(deps.cwd, flags.config)
        : join(findRepoRoot(deps.cwd), 'blastwall.yaml');
    const file = flags.config !== undefined || existsSync(path) ? readConfigFile(path) : undefined;
    const env = {
      ...deps.env,
      ...(flags.server && { BLASTWALL_SERVER_URL: flags.server }),
      ...(flags.token && { BLASTWALL_TOKEN: flags.token }),
    };
    const settings = serverSettings(file, env);
    if (settings) return createApprovalClient(settings);
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

/** One line and an exit code for a failed server call: refusals are 1 (2 for bad requests), an unreachable server 4. */
export function reportClientError(error: unknown, deps: CliDeps, verb: string): void {
  if (error instanceof ServerRefusal) {
    deps.stderr(`blastwall ${verb}: refused (${error.status} ${error.code}): ${error.message}\n`);
    deps.exit(error.status === 400 || error.status === 401 ? EXIT.usage : EXIT.notAllowed);
    return;
  }
  if (error instanceof ServerUnreachable) {
    deps.stderr(`blastwall ${verb}: ${error.message}\n`);
    deps.exit(EXIT.internal);
    return;
  }
  const described = describeError(error);
  deps.stderr(`blastwall ${verb}: ${described.message}\n`);
  deps.exit(described.exitCode);
}
