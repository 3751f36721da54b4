import type { Command } from 'commander';
import {
  describeSpec,
  migrateToLatest,
  openDatabase,
  resolveDbSpec,
} from '../../../adapters/storage/index.js';
import { BlastwallError } from '../../../core/errors.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

/** Registers `blastwall migrate`: brings the database schema to the latest version. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('migrate')
    .description('Create or upgrade the blastwall database (SQLite file or PostgreSQL)')
    .option(
      '--db <path|url>',
      'SQLite file or postgres:// URL (default: $BLASTWALL_DB, else .blastwall/blastwall.db)',
    )
    .option('--json', 'machine-readable output')
    .action(async (options: { db?: string; json?: boolean }) => {
      try {
        deps.exit(await migrate(deps, options));
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall migrate: ${described.message}\n`);
        deps.exit(described.exitCode);
      }
    });
}

async function migrate(deps: CliDeps, options: { db?: string; json?: boolean }): Promise<number> {
  const spec = resolveDbSpec(options.db, deps.env, deps.cwd);
  const { db } = openDatabase(spec);
  try {
    const applied = await migrateToLatest(db).catch((error: unknown) => {
      if (error instanceof BlastwallError) throw error;
      throw new BlastwallError(
        'external',
        `cannot reach database ${describeSpec(spec)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    if (options.json) deps.stdout(`${JSON.stringify({ database: describeSpec(spec), applied })}\n`);
    else if (applied.length === 0) deps.stdout(`${describeSpec(spec)}: schema is up to date\n`);
    else deps.stdout(`${describeSpec(spec)}: applied ${applied.join(', ')}\n`);
    return EXIT.ok;
  } finally {
    await db.destroy().catch(() => undefined);
  }
}
