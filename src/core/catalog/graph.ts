import picomatch from 'picomatch';
import type { BlastRadius, ImpactedService, Service } from '../model.js';

/** Services indexed for path lookup and dependency walks; build once, query many times. */
export interface ServiceGraph {
  services: ReadonlyMap<string, Service>;
  /** Services whose paths match a file path. */
  servicesForPath(path: string): Service[];
  /** Services that depend on a service, directly. */
  dependentsOf(id: string): readonly string[];
}

interface PathRule {
  service: Service;
  test: (path: string) => boolean;
}

/** Compiling thousands of globs up front costs more than a check; each is compiled on first use instead. */
function lazyRule(service: Service, glob: string): PathRule {
  // The common `dir/**` needs no regular expression at all.
  const under = /^([^*?[\]{}()!+@]+)\/\*\*$/.exec(glob)?.[1];
  if (under !== undefined)
    return { service, test: (path) => path.startsWith(under) && path.charCodeAt(under.length) === 47 };
  let matcher: ((path: string) => boolean) | undefined;
  return {
    service,
    test(path) {
      matcher ??= picomatch(glob, { dot: true });
      return matcher(path);
    },
  };
}

const GLOB_CHARS = /[*?[\]{}()!+@]/;

/** Indexes services by the literal directory prefix of their path globs, so a lookup tests only a few globs. */
export function buildServiceGraph(list: readonly Service[]): ServiceGraph {
  const services = new Map<string, Service>();
  for (const service of list) services.set(service.id, service);
  const byPrefix = new Map<string, PathRule[]>();
  const anywhere: PathRule[] = [];
  for (const service of list) {
    for (const glob of service.paths) {
      const normalised = glob.replace(/^\.?\//, '');
      const rule = lazyRule(service, normalised);
      const prefix = literalPrefix(normalised);
      if (prefix === '') anywhere.push(rule);
      else {
        const rules = byPrefix.get(prefix);
        if (rules) rules.push(rule);
        else byPrefix.set(prefix, [rule]);
      }
    }
  }
  const dependents = new Map<string, string[]>();
  for (const service of list) {
    for (const dependency of service.dependsOn) {
      const existing = dependents.get(dependency);
      if (existing) existing.push(service.id);
      else dependents.set(dependency, [service.id]);
    }
  }
  return {
    services,
    servicesForPath(path) {
      const found: Service[] = [];
      const consider = (rules: PathRule[] | undefined): void => {
        if (!rules) return;
        for (const rule of rules)
          if (!found.includes(rule.service) && rule.test(path)) found.push(rule.service);
      };
      consider(byPrefix.get(path));
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        consider(byPrefix.get(path.slice(0, slash)));
      }
      consider(anywhere);
      return found;
    },
    dependentsOf(id) {
      return dependents.get(id) ?? [];
    },
  };
}

/** The directories before the first glob character: `services/pay/**` → `services/pay`. */
function literalPrefix(glob: string): string {
  const segments = glob.split('/');
  const literal: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (GLOB_CHARS.test(segment)) break;
    // A last literal segment may be a file name or a directory; index it as itself.
    if (index === segments.length - 1) {
      literal.push(segment);
      break;
    }
    literal.push(segment);
  }
  return literal.join('/');
}

const TIER_WEIGHT: Record<number, number> = { 1: 10, 2: 5, 3: 2, 4: 1 };

/**
 * Direct services plus every service that transitively depends on them. The score adds a weight per
 * impacted service by tier (10, 5, 2, 1 for tiers 1–4), halved for services reached only through dependencies.
 */
/** The blast radius of something that touches no service (a fresh object each time). */
export function emptyBlastRadius(): BlastRadius {
  return {
    services: [],
    mostCriticalTier: 5,
    unownedFiles: 0,
    codeowners: [],
    score: 0,
  };
}

export function blastRadiusOf(
  graph: ServiceGraph,
  directIds: Iterable<string>,
  extras: { unownedFiles?: number; codeowners?: string[] } = {},
): BlastRadius {
  const impacted = new Map<string, ImpactedService>();
  const queue: ImpactedService[] = [];
  for (const id of directIds) {
    const service = graph.services.get(id);
    if (!service || impacted.has(id)) continue;
    const entry: ImpactedService = { id, tier: service.tier, direct: true, via: [] };
    if (service.owner) entry.owner = service.owner;
    impacted.set(id, entry);
    queue.push(entry);
  }
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head] as ImpactedService;
    for (const dependentId of graph.dependentsOf(current.id)) {
      if (impacted.has(dependentId)) continue;
      const service = graph.services.get(dependentId);
      if (!service) continue;
      const entry: ImpactedService = {
        id: dependentId,
        tier: service.tier,
        direct: false,
        via: [...current.via, current.id],
      };
      if (service.owner) entry.owner = service.owner;
      impacted.set(dependentId, entry);
      queue.push(entry);
    }
  }
  // Code-unit order for ids: stable across machines and locales, and far cheaper than localeCompare on thousands.
  const services = [...impacted.values()].sort(
    (a, b) =>
      a.tier - b.tier || Number(b.direct) - Number(a.direct) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  let mostCriticalTier = 5;
  let dependentMostCriticalTier: number | undefined;
  let score = 0;
  for (const service of services) {
    mostCriticalTier = Math.min(mostCriticalTier, service.tier);
    if (!service.direct)
      dependentMostCriticalTier = Math.min(dependentMostCriticalTier ?? service.tier, service.tier);
    score += (TIER_WEIGHT[service.tier] ?? 1) * (service.direct ? 1 : 0.5);
  }
  return {
    services,
    mostCriticalTier,
    // Left out rather than a made-up tier 5 when no dependent is reached: tiers run 1–4 in every output.
    ...(dependentMostCriticalTier !== undefined && { dependentMostCriticalTier }),
    unownedFiles: extras.unownedFiles ?? 0,
    codeowners: extras.codeowners ?? [],
    score: Math.round(score * 10) / 10,
  };
}

/** The most critical tier among the directly touched services (5 when none). */
export function directMostCriticalTier(radius: BlastRadius): number {
  let tier = 5;
  for (const service of radius.services) if (service.direct) tier = Math.min(tier, service.tier);
  return tier;
}
