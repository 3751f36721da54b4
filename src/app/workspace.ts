import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildServiceGraph, type ServiceGraph } from '../core/catalog/graph.js';
import { createOwnerMatcher } from '../core/codeowners/index.js';
import type { Config } from '../core/model.js';
import type { PolicyEngine } from '../core/policy/engine.js';
import { loadConfig, type LoadedConfig } from '../adapters/config/load-config.js';
import { cacheDir, fileCache } from '../adapters/cache/file-cache.js';
import { loadLayeredPolicySources, withLayeredEnvironments } from './layers.js';
import { loadPolicyEngine } from './policies.js';

/** A repository's configuration compiled for evaluation: config, policies, service graph, owners. */
export interface Workspace {
  repo: string;
  loaded: LoadedConfig;
  config: Config;
  engine: PolicyEngine;
  graph: ServiceGraph;
  ownersOf(path: string): string[];
  /** What the organisation or user layer overrode in the repository's configuration, in plain words. */
  layerNotes: string[];
}

/** The nearest folder at or above `start` holding `.git` or `blastwall.yaml`; `start` itself when none does. */
export function findRepoRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'blastwall.yaml')) || existsSync(join(dir, '.git'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(start);
    dir = parent;
  }
}

/** Loads and compiles everything a check or gate needs for one repository. */
export async function openWorkspace(
  repo: string,
  configPath?: string,
  env: Record<string, string | undefined> = process.env,
): Promise<Workspace> {
  const cache = fileCache(env.BLASTWALL_CACHE === 'off' ? undefined : cacheDir(env));
  const { loaded, notes } = withLayeredEnvironments(
    await loadConfig(repo, configPath, cache, env),
    env,
    cache,
    resolve(repo),
  );
  const engine = loadPolicyEngine(repo, cache, loadLayeredPolicySources(repo, env));
  const graph = buildServiceGraph(loaded.config.services);
  const owners = createOwnerMatcher(loaded.config.codeowners);
  return {
    repo,
    loaded,
    config: loaded.config,
    engine,
    graph,
    ownersOf: (path) => owners.ownersOf(path),
    layerNotes: notes,
  };
}
