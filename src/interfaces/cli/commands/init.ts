import { resolve } from 'node:path';
import type { Command } from 'commander';
import { initRepository } from '../../../app/init.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';

/** `blastwall init`: a commented starter config and the default policies. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('init')
    .description('Write a commented starter blastwall.yaml and the default Cedar policies into a repository')
    .option('--repo <dir>', 'repository to write into', '.')
    .option('--force', 'overwrite existing files')
    .action((options: { repo: string; force?: boolean }) => {
      try {
        const written = initRepository(resolve(deps.cwd, options.repo), options.force === true);
        deps.stdout(
          `wrote ${written.join(', ')}\nnext: edit people, services and environments in blastwall.yaml, then run \`blastwall check\`\n`,
        );
        deps.exit(EXIT.ok);
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall init: ${described.message}\n`);
        deps.exit(described.exitCode);
      }
    });
}
