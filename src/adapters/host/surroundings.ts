import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ActionSurroundings } from '../../core/actions/types.js';

/** Gathers what an action's environment depends on: cwd, workspace, kube context, terraform workspace. */
export function readSurroundings(
  cwd: string,
  workspace: string,
  env: Record<string, string | undefined>,
): ActionSurroundings {
  const home = env.HOME ?? homedir();
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) clean[key] = value;
  const surroundings: ActionSurroundings = { cwd: resolve(cwd), workspace, home, env: clean };
  const kubeContext = currentKubeContext(env, home);
  if (kubeContext) surroundings.kubeContext = kubeContext;
  const dockerContext = currentDockerContext(env, home);
  if (dockerContext) surroundings.dockerContext = dockerContext;
  // TF_WORKSPACE is read per command (classifiers' envVar), since the line itself may set or unset it.
  const terraformWorkspace = terraformWorkspaceIn(cwd);
  if (terraformWorkspace) surroundings.terraformWorkspace = terraformWorkspace;
  const toplevel = gitToplevel(surroundings.cwd, env, home);
  if (toplevel !== undefined) surroundings.gitToplevel = toplevel;
  return surroundings;
}

// What could make `git rev-parse --show-toplevel` print another directory than the one holding `.git`.
const GIT_LOCATION_VARIABLES = [
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_COUNT',
  'GIT_CONFIG_PARAMETERS',
];
const MOVES_WORK_TREE = /worktree|include/i;

/**
 * The directory `git rev-parse --show-toplevel` prints in `dir`, when it can be told without running git:
 * the nearest directory holding a `.git` folder, unless the environment or a git config file could move
 * the work tree (`GIT_WORK_TREE`, `core.worktree`, an include that might set it). Undefined otherwise, and
 * for worktrees and submodules (`.git` is a file): a path that depends on it is then unknown.
 */
function gitToplevel(dir: string, env: Record<string, string | undefined>, home: string): string | undefined {
  if (GIT_LOCATION_VARIABLES.some((name) => env[name] !== undefined)) return undefined;
  for (let at = dir; ; at = dirname(at)) {
    const dotGit = join(at, '.git');
    if (existsSync(dotGit)) {
      const configs = [
        join(dotGit, 'config'),
        join(home, '.gitconfig'),
        join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'git', 'config'),
        '/etc/gitconfig',
      ];
      if (!existsSync(join(dotGit, 'HEAD'))) return undefined;
      return configs.some((file) => MOVES_WORK_TREE.test(readTrimmed(file) ?? '')) ? undefined : at;
    }
    if (dirname(at) === at) return undefined;
  }
}

/** The terraform workspace selected in a directory (`terraform workspace select` writes `.terraform/environment`). */
export function terraformWorkspaceIn(dir: string): string | undefined {
  return readTrimmed(join(dir, '.terraform', 'environment'));
}

/** The `current-context` of the first readable kubeconfig; read with a line scan, not a YAML parse, for speed. */
function currentKubeContext(env: Record<string, string | undefined>, home: string): string | undefined {
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(':') : [join(home, '.kube', 'config')];
  for (const file of files) {
    const text = readTrimmed(file);
    if (!text) continue;
    const match = /^current-context:\s*["']?([^"'\s#]+)/m.exec(text);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

/**
 * The docker CLI's `currentContext` (`docker context use` writes it to config.json): where docker commands go when
 * neither `--context`, `-H` nor DOCKER_HOST/DOCKER_CONTEXT says. A config that cannot be read as JSON names an
 * unknown context, never the local default.
 */
function currentDockerContext(env: Record<string, string | undefined>, home: string): string | undefined {
  const text = readTrimmed(join(env.DOCKER_CONFIG ?? join(home, '.docker'), 'config.json'));
  if (text === undefined) return undefined;
  try {
    const context = (JSON.parse(text) as { currentContext?: unknown }).currentContext;
    return typeof context === 'string' && context !== '' ? context : undefined;
  } catch {
    return '(a docker config.json that is not JSON)';
  }
}

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
