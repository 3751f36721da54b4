import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** What a kube context resolves to: its cluster's API server and its namespace. */
export interface KubeTarget {
  server?: string;
  namespace?: string;
}

/**
 * Every context of the kubeconfig files kubectl would read (`KUBECONFIG`, colon-separated, else
 * `~/.kube/config`), resolved to its cluster's server. As kubectl merges, the first file to name a context
 * or cluster wins. Unreadable or malformed files are skipped: their contexts then resolve to nothing.
 */
export function readKubeContexts(
  env: Record<string, string | undefined>,
  home: string,
): Record<string, KubeTarget> {
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(':').filter(Boolean) : [join(home, '.kube', 'config')];
  const contexts = new Map<string, { cluster?: string; namespace?: string }>();
  const clusters = new Map<string, string>();
  for (const file of files) {
    const doc = readYaml(file);
    for (const entry of list(doc?.contexts)) {
      const name = text(entry.name);
      const context = record(entry.context);
      if (name === undefined || contexts.has(name)) continue;
      const cluster = text(context?.cluster);
      const namespace = text(context?.namespace);
      contexts.set(name, { ...(cluster ? { cluster } : {}), ...(namespace ? { namespace } : {}) });
    }
    for (const entry of list(doc?.clusters)) {
      const name = text(entry.name);
      const server = text(record(entry.cluster)?.server);
      if (name !== undefined && server !== undefined && !clusters.has(name)) clusters.set(name, server);
    }
  }
  const resolved: Record<string, KubeTarget> = {};
  for (const [name, context] of contexts) {
    const server = context.cluster !== undefined ? clusters.get(context.cluster) : undefined;
    resolved[name] = {
      ...(server !== undefined ? { server } : {}),
      ...(context.namespace !== undefined ? { namespace: context.namespace } : {}),
    };
  }
  return resolved;
}

function readYaml(file: string): Record<string, unknown> | undefined {
  try {
    return record(parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(record).filter((v) => v !== undefined) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
