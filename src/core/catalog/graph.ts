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

const GLOB_CHARS = /[*?[\]{}()!+@]/;
const SLASH = 47;

/**
 * One service's path glob. Compiling thousands of globs up front costs more than a check, so each is compiled on
 * first use; the common `dir/**` needs no regular expression at all. A class rather than a closure per glob:
 * the graph of a 5,000-service catalog is built on every check's path.
 */
class PathRule {
  private matcher: ((path: string) => boolean) | undefined;

  constructor(
    readonly service: Service,
    private readonly glob: string,
    /** The folder of a `folder/**` glob whose folder has no glob characters; undefined for any other glob. */
    private readonly under: string | undefined,
  ) {}

  test(path: string): boolean {
    const under = this.under;
    if (under !== undefined) return path.startsWith(under) && path.charCodeAt(under.length) === SLASH;
    this.matcher ??= picomatch(this.glob, { dot: true });
    return this.matcher(path);
  }
}

/** Indexes services by the literal directory prefix of their path globs, so a lookup tests only a few globs. */
export function buildServiceGraph(list: readonly Service[]): ServiceGraph {
  const services = new Map<string, Service>();
  const byPrefix = new Map<string, PathRule[]>();
  const anywhere: PathRule[] = [];
  const dependents = new Map<string, string[]>();
  for (const service of list) {
    services.set(service.id, service);
    for (const glob of service.paths) {
      const normalised = glob.startsWith('/') ? glob.slice(1) : glob.startsWith('./') ? glob.slice(2) : glob;
      const firstGlobChar = normalised.search(GLOB_CHARS);
      const prefix = literalPrefix(normalised, firstGlobChar);
      // `folder/**`: the first glob character is the first `*` of the ending `/**`, after a non-empty folder.
      const isFolder =
        firstGlobChar > 1 && firstGlobChar === normalised.length - 2 && normalised.endsWith('/**');
      const rule = new PathRule(service, normalised, isFolder ? prefix : undefined);
      if (prefix === '') anywhere.push(rule);
      else {
        const rules = byPrefix.get(prefix);
        if (rules) rules.push(rule);
        else byPrefix.set(prefix, [rule]);
      }
    }
  }
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

/**
 * The directories before the first glob character (at `firstGlobChar`; -1 when there is none):
 * `services/pay/**` → `services/pay`. A glob without glob characters is its own prefix (a file or a directory).
 */
function literalPrefix(glob: string, firstGlobChar: number): string {
  if (firstGlobChar === -1) return glob;
  const slash = glob.lastIndexOf('/', firstGlobChar);
  return slash <= 0 ? '' : glob.slice(0, slash);
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
