import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  compilePolicies,
  type CompiledPolicies,
  type PolicyEngine,
  type PolicySource,
  type StoredDecision,
} from '../core/policy/engine.js';
import { contentKey, type JsonCache } from '../adapters/cache/file-cache.js';

/** The package's own folder (the one holding policies/ and schema/), from src/app or dist/app alike. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The shipped default policy files. */
export function defaultPolicySources(): PolicySource[] {
  return readPolicyDir(join(PACKAGE_ROOT, 'policies'), 'blastwall:policies/');
}

/** The shipped Cedar schema text. */
export function schemaText(): string {
  return readFileSync(join(PACKAGE_ROOT, 'schema', 'blastwall.cedarschema'), 'utf8');
}

/** Reads every `*.cedar` file of a folder, sorted by name. */
export function readPolicyDir(dir: string, label = `${dir}/`): PolicySource[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cedar'))
    .sort()
    .map((name) => ({ file: `${label}${name}`, text: readFileSync(join(dir, name), 'utf8') }));
}

/**
 * The shipped defaults plus a repository's own `policies/*.cedar`. A repository can only add policies: with a
 * base permit and forbids, no added permit can lift a forbid, so a repository cannot loosen the defaults.
 */
export function loadPolicyEngine(repo: string, cache?: JsonCache, layered?: PolicySource[]): PolicyEngine {
  // `layered`: every layer's sources (defaults → organisation → user → repository), from app/layers.ts
  const sources = layered ?? defaultPolicySources();
  const repoDir = join(repo, 'policies');
  const shipped = join(PACKAGE_ROOT, 'policies');
  if (!layered && repoDir !== shipped && repoDir !== shipped.replace(/\/$/, '')) {
    for (const source of readPolicyDir(repoDir, 'policies/')) {
      if (sources.some((s) => s.text === source.text)) continue; // `blastwall init` copies the defaults; don't load them twice
      sources.push(source);
    }
  }
  const schema = schemaText();
  if (!cache) return compilePolicies(sources, schema);
  const key = contentKey('policies-v2', schema, ...sources.flatMap((s) => [s.file, s.text]));
  return compilePolicies(sources, schema, {
    get: () => cache.get<CompiledPolicies>(key),
    set: (compiled) => cache.set(key, compiled),
    decisions: decisionStore(cache, `${key}-decisions`),
  });
}

/** Most decisions kept per policy set; the set is rebuilt from scratch when full. */
const MAX_STORED_DECISIONS = 2048;

/**
 * Decisions of one policy set, kept on disk so a short-lived hook process can answer a request it (or an
 * earlier process) has seen without loading Cedar. The key is a hash of the policies, so a changed policy
 * can never be answered from here.
 */
function decisionStore(
  cache: JsonCache,
  key: string,
): NonNullable<Parameters<typeof compilePolicies>[2]>['decisions'] {
  let decisions: Record<string, StoredDecision> | undefined;
  const load = (): Record<string, StoredDecision> =>
    (decisions ??= cache.get<Record<string, StoredDecision>>(key) ?? {});
  return {
    get: (requestKey) => load()[requestKey],
    set(requestKey, decision) {
      const current = load();
      if (Object.keys(current).length >= MAX_STORED_DECISIONS) decisions = {};
      load()[requestKey] = decision;
      cache.set(key, decisions);
    },
  };
}
