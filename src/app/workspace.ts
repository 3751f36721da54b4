import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildServiceGraph, type ServiceGraph } from '../core/catalog/graph.js';
import { createOwnerMatcher } from '../core/codeowners/index.js';
import type { Config } from '../core/model.js';
import type { PolicyEngine } from '../core/policy/engine.js';
import { loadConfig, type LoadedConfig } from '../adapters/config/load-config.js';
import { loadPolicyEngine } from './policies.js';

/** A repository's configuration compiled for evaluation: config, policies, service graph, owners. */
export interface Workspace {
  repo: string;
  loaded: LoadedConfig;
  config: Config;
  engine: PolicyEngine;
  graph: ServiceGraph;
  ownersOf(path: string): string[];
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
export async function openWorkspace(repo: string, configPath?: string): Promise<Workspace> {
  const loaded = await loadConfig(repo, configPath);
  const engine = loadPolicyEngine(repo);
  const graph = buildServiceGraph(loaded.config.services);
  const owners = createOwnerMatcher(loaded.config.codeowners);
  return { repo, loaded, config: loaded.config, engine, graph, ownersOf: (path) => owners.ownersOf(path) };
}
