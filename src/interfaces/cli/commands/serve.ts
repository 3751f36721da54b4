import { resolve } from 'node:path';
import type { Command } from 'commander';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

interface ServeFlags {
  port: string;
  host: string;
  db?: string;
  repo?: string;
  config?: string;
  metricsAuth?: boolean;
}

/** Registers `blastwall serve`: the HTTP API (gate, change check, approvals, audit, metrics, webhooks). */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('serve')
    .description(
      'Run the HTTP API: agent gate, change check, approvals, audit log, /metrics, GitHub webhooks',
    )
    .option('--port <n>', 'TCP port (0 picks a free one)', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .option(
      '--repo <dir>',
      'repository whose blastwall.yaml and policies apply and which /v1/changes/check reads',
      '.',
    )
    .option('--config <file>', 'configuration file (default: blastwall.yaml of --repo)')
    .option('--metrics-auth', 'require a bearer token for /metrics too')
    .action(async (flags: ServeFlags) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        deps.stderr(`blastwall serve: --port must be a number from 0 to 65535, not "${flags.port}"\n`);
        return deps.exit(EXIT.usage);
      }
      const { startServer } = await import('../../../serve.js');
      let server: Awaited<ReturnType<typeof startServer>>;
      try {
        server = await startServer({
          port,
          host: flags.host,
          repo: resolve(deps.cwd, flags.repo ?? '.'),
          env: deps.env,
          log: (line) => deps.stderr(`${line}\n`),
          ...(flags.db !== undefined && { db: flags.db }),
          ...(flags.config !== undefined && { configPath: resolve(deps.cwd, flags.config) }),
          ...(flags.metricsAuth && { metricsAuth: true }),
        });
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall serve: ${described.message}\n`);
        return deps.exit(described.exitCode);
      }
      await new Promise<void>((done) => {
        const stop = (signal: string): void => {
          deps.stderr(`blastwall serve: ${signal}, finishing in-flight requests\n`);
          server.close().then(done, (error: unknown) => {
            deps.stderr(`blastwall serve: closing failed: ${describeError(error).message}\n`);
            deps.exit(EXIT.internal);
            done();
          });
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
      });
    });
}
