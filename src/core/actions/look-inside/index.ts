import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { playbookOperations } from './ansible.js';
import { composeOperations } from './compose.js';
import { dbtMacroOperations } from './dbt-macros.js';
import { djangoCommandOperations } from './django.js';
import { dockerfileOperations } from './dockerfile.js';
import { gitOperations } from './git-config.js';
import { goGenerateOperations } from './go-generate.js';
import { gitLandingOperations } from './git-landing.js';
import { inlineCodeOperations } from './inline-code.js';
import { justOperations } from './justfile.js';
import { landedTreeOperations } from './landed-trees.js';
import { makeOperations } from './makefile.js';
import { packageScriptOperations } from './package-scripts.js';
import { patchOperations } from './patches.js';
import { preCommitOperations } from './pre-commit.js';
import { rakeOperations } from './rakefile.js';
import { scriptOperations } from './scripts.js';
import { settingOperations } from './settings.js';
import { taskOperations } from './taskfile.js';
import { taskRunnerOperations } from './task-runners.js';
import { toolConfigOperations } from './tool-configs.js';
import type { LookContext } from './trail.js';
import { windowsShellOperations } from './windows-shells.js';

export { newTrail, type Trail, type Classify } from './trail.js';

/**
 * Look inside what a command runs — scripts, interpreter programs, Makefile recipes, package scripts and
 * lifecycle hooks, justfile recipes, rake tasks, compose services, git's executing config and hooks — as the files stand at decision time,
 * so a file the agent wrote in one call cannot carry what the gate would stop in the next.
 */
export function lookInside(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const settings = settingOperations(command, surroundings, ctx);
  if (ctx.deps.readRunFile === undefined) return settings;
  const runs = whatRuns(command, surroundings, ctx);
  return settings.length === 0 ? runs : [...settings, ...runs];
}

function whatRuns(command: SimpleCommand, surroundings: ActionSurroundings, ctx: LookContext): Operation[] {
  switch (command.name) {
    case 'make':
    case 'gmake':
      return makeOperations(command, surroundings, ctx);
    case 'rake':
    case 'rails':
      return [
        ...rakeOperations(command, surroundings, ctx),
        ...scriptOperations(command, surroundings, ctx),
        ...toolConfigOperations(command, surroundings, ctx),
      ];
    case 'docker':
    case 'podman':
    case 'docker-compose':
      return [
        ...composeOperations(command, surroundings, ctx),
        ...dockerfileOperations(command, surroundings, ctx),
        ...scriptOperations(command, surroundings, ctx),
      ];
    case 'dbt':
      return dbtMacroOperations(command, surroundings, ctx);
    case 'buildah':
      return dockerfileOperations(command, surroundings, ctx);
    case 'just':
      return justOperations(command, surroundings, ctx);
    case 'task':
      return taskOperations(command, surroundings, ctx);
    case 'git':
      return [
        ...gitOperations(command, surroundings, ctx),
        ...patchOperations(command, surroundings, ctx),
        // what merge, pull, checkout, rebase, cherry-pick, stash pop … would land in the work tree
        ...gitLandingOperations(command, surroundings, ctx),
      ];
    case 'go':
      return goGenerateOperations(command, surroundings, ctx);
    case 'patch':
      return patchOperations(command, surroundings, ctx);
    case 'ansible-playbook':
      return playbookOperations(command, surroundings, ctx);
    case 'powershell':
    case 'pwsh':
    case 'powershell_ise':
    case 'cmd':
      return windowsShellOperations(command, surroundings, ctx);
    case 'pre-commit':
      return preCommitOperations(command, surroundings, ctx);
    case 'django-admin':
      return djangoCommandOperations(command, surroundings, ctx);
    case 'npm':
    case 'yarn':
      return packageScriptOperations(command, surroundings, ctx);
    case 'pnpm':
      return [
        ...packageScriptOperations(command, surroundings, ctx),
        ...toolConfigOperations(command, surroundings, ctx),
      ];
    case 'bun':
      return [
        ...packageScriptOperations(command, surroundings, ctx),
        ...scriptOperations(command, surroundings, ctx),
        ...inlineCodeOperations(command, surroundings, ctx),
      ];
    default:
      return [
        // what an archive unpacked or a folder copied would land (tar, unzip, cp, mv, rsync; none for the rest)
        ...landedTreeOperations(command, surroundings, ctx),
        ...scriptOperations(command, surroundings, ctx),
        ...inlineCodeOperations(command, surroundings, ctx),
        ...djangoCommandOperations(command, surroundings, ctx),
        ...toolConfigOperations(command, surroundings, ctx),
        ...taskRunnerOperations(command, surroundings, ctx),
      ];
  }
}
