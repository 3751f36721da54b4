import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
        const repo = resolve(deps.cwd, options.repo);
        const written = initRepository(repo, options.force === true);
        deps.stdout(
          `wrote ${written.join(', ')}\nnext: edit people, services and environments in blastwall.yaml, then run \`npx blastwall check\`\n`,
        );
        if (!isInGit(repo))
          deps.stderr(
            `blastwall init: note: ${repo} is not inside a git repository; \`blastwall check\` reads changes from git, so run \`git init\` (or init inside your repository)\n`,
          );
        deps.exit(EXIT.ok);
      } catch (error) {
        const described = describeError(error);
        deps.stderr(`blastwall init: ${described.message}\n`);
        deps.exit(described.exitCode);
      }
    });
}

/** Whether a folder is inside a git work tree (a `.git` folder or file at or above it). */
function isInGit(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return true;
    if (dirname(at) === at) return false;
  }
}
