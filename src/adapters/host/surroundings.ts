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
  const terraformWorkspace = env.TF_WORKSPACE ?? terraformWorkspaceIn(cwd);
  if (terraformWorkspace) surroundings.terraformWorkspace = terraformWorkspace;
  const toplevel = gitToplevel(surroundings.cwd);
  if (toplevel !== undefined) surroundings.gitToplevel = toplevel;
  return surroundings;
}

/** The nearest directory at or above `dir` holding `.git` (a directory, or a file in worktrees and submodules). */
function gitToplevel(dir: string): string | undefined {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
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

function readTrimmed(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
