import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readConfigFile, type LoadedConfig } from '../adapters/config/load-config.js';
import type { JsonCache } from '../adapters/cache/file-cache.js';
import { ConfigError } from '../core/errors.js';
import type { Environment, EnvironmentMatch } from '../core/model.js';
import type { PolicySource } from '../core/policy/engine.js';
import { defaultPolicySources, PACKAGE_ROOT, readPolicyDir } from './policies.js';

// Configuration is layered, highest first: blastwall's shipped defaults → organisation → user → repository.
// Each layer is a folder holding an optional `blastwall.yaml` (only `environments` is read from the layers above
// the repository) and `policies/*.cedar`. The organisation folder is where a sync from the blastwall server writes
// the organisation's policies: `$BLASTWALL_ORG_DIR`, else `~/.config/blastwall/org/`. The user folder is
// `~/.config/blastwall/`. A lower layer may add restrictions (Cedar forbids, protected environments) but never
// loosen a higher one: Cedar forbids always win over permits, an environment a higher layer protects stays
// protected, and a lower layer may not redefine a higher layer's policy id. A repository nested in another (a
// folder with a `blastwall.yaml` of its own) has the enclosing repositories' environments as layers above it.

/** The layers, highest first. */
export const LAYER_NAMES = ['defaults', 'organisation', 'user', 'repository'] as const;
/** One configuration layer's name. */
export type LayerName = (typeof LAYER_NAMES)[number];

/** The folders of the organisation and user layers. */
export function layerDirs(env: Record<string, string | undefined>): { organisation: string; user: string } {
  const user = join(env.XDG_CONFIG_HOME ?? join(env.HOME ?? homedir(), '.config'), 'blastwall');
  return { organisation: env.BLASTWALL_ORG_DIR ?? join(user, 'org'), user };
}

/**
 * Policy sources of every layer, highest first. A file identical to one above is skipped (`blastwall init` copies
 * the defaults); a policy id already defined by a higher layer is rejected, naming both files.
 */
export function loadLayeredPolicySources(
  repo: string,
  env: Record<string, string | undefined>,
): PolicySource[] {
  const dirs = layerDirs(env);
  const shipped = join(PACKAGE_ROOT, 'policies');
  const layers: [LayerName, PolicySource[]][] = [
    ['defaults', defaultPolicySources()],
    // Only the organisation may relax a default rule (the two-person rule): see PolicySource.mayRelax.
    [
      'organisation',
      readPolicyDir(join(dirs.organisation, 'policies')).map((source) => ({ ...source, mayRelax: true })),
    ],
    ['user', readPolicyDir(join(dirs.user, 'policies'))],
    // blastwall's own repository holds the shipped policies: they are the defaults already
    [
      'repository',
      samePath(join(repo, 'policies'), shipped) ? [] : readPolicyDir(join(repo, 'policies'), 'policies/'),
    ],
  ];
  const sources: PolicySource[] = [];
  const owners = new Map<string, { layer: LayerName; file: string }>();
  for (const [layer, layerSources] of layers) {
    for (const source of layerSources) {
      if (sources.some((s) => s.text === source.text)) continue;
      for (const id of policyIds(source.text)) {
        const owner = owners.get(id);
        if (owner && owner.layer !== layer) {
          throw new ConfigError(
            source.file,
            undefined,
            `policy id "${id}" is already defined by the ${owner.layer} layer (${owner.file}); a ${layer} layer may add policies with new ids but not redefine a higher layer's`,
          );
        }
        owners.set(id, { layer, file: source.file });
      }
      sources.push(source);
    }
  }
  return sources;
}

/**
 * The `blastwall.yaml` files of the folders enclosing a repository, outermost first: a configuration nested in
 * another repository (a sub-folder with a `blastwall.yaml` of its own, or one the agent just made) is a layer
 * below them, so it may add protection but never loosen theirs.
 */
export function enclosingConfigFiles(repo: string): string[] {
  const files: string[] = [];
  let dir = dirname(repo);
  for (;;) {
    const file = join(dir, 'blastwall.yaml');
    if (existsSync(file)) files.unshift(file);
    const parent = dirname(dir);
    if (parent === dir) return files;
    dir = parent;
  }
}

/** One layer's environments, for merging. */
export interface EnvironmentLayer {
  name: LayerName | 'enclosing repository';
  /** Where they came from, for the notes. */
  file: string;
  environments: Environment[];
}

/** Environments of all layers in one list, and what a higher layer overrode, in plain words. */
export interface MergedEnvironments {
  environments: Environment[];
  notes: string[];
}

/**
 * Merges environments of layers given highest first. An environment keeps the union of every layer's match
 * rules and is protected when any layer protects it; a lower layer's `protected: false` for an environment a
 * higher layer protects is overridden (and noted). Protected environments come first, so an action that two
 * environments match resolves to the protected one.
 */
export function mergeEnvironments(layers: readonly EnvironmentLayer[]): MergedEnvironments {
  const merged = new Map<string, Environment & { protectedBy?: EnvironmentLayer }>();
  const notes: string[] = [];
  for (const layer of layers) {
    for (const env of layer.environments) {
      const existing = merged.get(env.id);
      if (!existing) {
        merged.set(env.id, {
          id: env.id,
          protected: env.protected,
          match: { ...env.match },
          ...(env.protected ? { protectedBy: layer } : {}),
        });
        continue;
      }
      if (existing.protectedBy && !env.protected) {
        notes.push(
          `the ${layer.name} layer (${layer.file}) marks environment "${env.id}" unprotected, but the ${existing.protectedBy.name} layer (${existing.protectedBy.file}) protects it: it stays protected`,
        );
      }
      if (env.protected && !existing.protected) existing.protectedBy = layer;
      existing.protected = existing.protected || env.protected;
      existing.match = unionMatch(existing.match, env.match);
    }
  }
  const all = [...merged.values()].map(({ id, protected: isProtected, match }) => ({
    id,
    protected: isProtected,
    match,
  }));
  return { environments: [...all.filter((e) => e.protected), ...all.filter((e) => !e.protected)], notes };
}

/**
 * The repository's configuration with the organisation's and user's environments merged in above it, and
 * those of the repositories enclosing it (`repo`, when given) between them and it.
 */
export function withLayeredEnvironments(
  loaded: LoadedConfig,
  env: Record<string, string | undefined>,
  cache?: JsonCache,
  repo?: string,
): { loaded: LoadedConfig; notes: string[] } {
  const dirs = layerDirs(env);
  const layers: EnvironmentLayer[] = [];
  const above: [EnvironmentLayer['name'], string][] = [
    ['organisation', join(dirs.organisation, 'blastwall.yaml')],
    ['user', join(dirs.user, 'blastwall.yaml')],
  ];
  const own = loaded.config.sources[0];
  for (const file of repo !== undefined ? enclosingConfigFiles(repo) : [])
    if (!above.some(([, f]) => samePath(f, file)) && (own === undefined || !samePath(own, file)))
      above.push(['enclosing repository', file]);
  for (const [name, file] of above) {
    if (!existsSync(file)) continue;
    const parsed = readConfigFile(file, cache);
    const environments = Object.entries(parsed.environments).map(([id, e]): Environment => ({
      id,
      protected: e.protected,
      match: e.match,
    }));
    layers.push({ name, file, environments });
  }
  if (layers.length === 0) return { loaded, notes: [] };
  layers.push({
    name: 'repository',
    file: loaded.config.sources[0] ?? 'blastwall.yaml',
    environments: loaded.config.environments,
  });
  const { environments, notes } = mergeEnvironments(layers);
  return { loaded: { ...loaded, config: { ...loaded.config, environments } }, notes };
}

function unionMatch(a: EnvironmentMatch, b: EnvironmentMatch): EnvironmentMatch {
  const out: Record<string, string[]> = {};
  for (const source of [a, b]) {
    for (const [key, globs] of Object.entries(source) as [string, string[] | undefined][]) {
      if (!globs) continue;
      const list = out[key] ?? [];
      for (const glob of globs) if (!list.includes(glob)) list.push(glob);
      out[key] = list;
    }
  }
  return out as EnvironmentMatch;
}

/** Policy ids a Cedar file declares, read from its `@id("…")` annotations (the compile checks them fully). */
function policyIds(text: string): string[] {
  return [...text.matchAll(/@id\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g)].map((m) => m[1] ?? '');
}

function samePath(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
