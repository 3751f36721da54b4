import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { readConfigFile } from '../../../adapters/config/load-config.js';
import { serverSettings } from '../../../app/approval-client.js';
import { askCredentials } from '../../../app/creds/client.js';
import { planSetup, type PgService } from '../../../app/creds/setup.js';
import { findRepoRoot } from '../../../app/workspace.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

interface SetupFlags {
  agent: string;
  bin: string;
  server?: string;
  token?: string;
  session?: string;
}

/** Agents whose settings file has an `env` block setup can merge into; the others get the lines to paste. */
const SETTINGS_FILES: Record<string, string> = { 'claude-code': '.claude/settings.json' };

/** Registers `blastwall creds setup ENV`: writes brokered profiles and the agents' env settings. */
export function registerSetup(creds: Command, deps: CliDeps): void {
  creds
    .command('setup')
    .description(
      "Write brokered AWS profiles, a kubeconfig and a PostgreSQL service file under .blastwall/creds, and the agent's env settings",
    )
    .argument(
      '<env>',
      'the environment the agent uses by default (AWS_PROFILE, current kube context, PGSERVICE)',
    )
    .option(
      '--agent <name>',
      'claude-code (merges .claude/settings.json env) or print (prints export lines)',
      'claude-code',
    )
    .option('--bin <path>', "how the agents' tools run blastwall", 'blastwall')
    .option(
      '--server <url>',
      'server URL (default: $BLASTWALL_SERVER_URL, else server.url in blastwall.yaml)',
    )
    .option('--token <token>', 'the agent token for the PostgreSQL read grant (default: $BLASTWALL_TOKEN)')
    .option('--session <id>', 'the agent session (default: $BLASTWALL_SESSION_ID, else "default")')
    .action(async (main: string, flags: SetupFlags) => {
      try {
        const repo = findRepoRoot(deps.cwd);
        const file = readConfigFile(join(repo, 'blastwall.yaml'));
        if (!file.credentials[main]) {
          deps.stderr(`blastwall creds setup: blastwall.yaml has no credentials.${main}\n`);
          deps.exit(EXIT.usage);
          return;
        }
        const settings = serverSettings(file, {
          ...deps.env,
          ...(flags.server && { BLASTWALL_SERVER_URL: flags.server }),
          ...(flags.token && { BLASTWALL_TOKEN: flags.token }),
        });
        const postgres: PgService[] = [];
        for (const [environment, config] of Object.entries(file.credentials)) {
          if (!config.postgres || !settings) continue;
          try {
            const answer = await askCredentials(settings, {
              environment,
              kind: 'postgres',
              scope: 'read',
              sessionId: flags.session ?? deps.env.BLASTWALL_SESSION_ID ?? 'default',
            });
            if (answer.status === 'issued')
              postgres.push({ environment, url: String(answer.credential.url) });
          } catch (error) {
            deps.stderr(`blastwall creds setup: PostgreSQL ${environment}: ${(error as Error).message}\n`);
          }
        }
        const dir = join(repo, '.blastwall', 'creds');
        const plan = planSetup({
          credentials: file.credentials,
          main,
          dir,
          bin: flags.bin,
          ...(settings && { server: settings.url }),
          postgres,
        });
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        for (const written of plan.files) {
          const path = join(dir, written.name);
          writeFileSync(path, written.content, { mode: 0o600 });
          chmodSync(path, 0o600);
          deps.stdout(`wrote ${path}\n`);
        }
        for (const note of plan.notes) deps.stderr(`blastwall creds setup: ${note}\n`);
        const settingsFile = SETTINGS_FILES[flags.agent];
        if (settingsFile === undefined) {
          for (const [name, value] of Object.entries(plan.env)) deps.stdout(`export ${name}=${value}\n`);
        } else {
          const path = join(repo, settingsFile);
          const current = existsSync(path)
            ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
            : {};
          const env = { ...((current.env as Record<string, string> | undefined) ?? {}), ...plan.env };
          mkdirSync(join(path, '..'), { recursive: true });
          writeFileSync(path, `${JSON.stringify({ ...current, env }, null, 2)}\n`);
          deps.stdout(`set ${Object.keys(plan.env).join(', ')} in ${path}\n`);
        }
        deps.exit(EXIT.ok);
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall creds setup: ${described.message}\n`);
        deps.exit(described.exitCode);
      }
    });
}
