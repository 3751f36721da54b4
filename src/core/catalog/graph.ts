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

/**
 * Indexes services by the literal directory prefix of their path globs, so a lookup tests only a few globs.
 *
 * The hot loops here and in `blastRadiusOf` are indexed rather than `for…of`: a check runs them over thousands of
 * services and files in a process that exits before V8 optimises them, and unoptimised `for…of` allocates an
 * iterator result per step. That garbage fills the young generation, and each collection of it copies the live
 * catalog again: it was a sixth of a check's time.
 */
export function buildServiceGraph(list: readonly Service[]): ServiceGraph {
  const services = new Map<string, Service>();
  const byPrefix = new Map<string, PathRule[]>();
  const anywhere: PathRule[] = [];
  // One dependent as the bare id, an array from the second on: an array that grows by push takes 17 slots.
  const dependents = new Map<string, string | string[]>();
  for (let s = 0; s < list.length; s++) {
    const service = list[s]!;
    services.set(service.id, service);
    const paths = service.paths;
    for (let p = 0; p < paths.length; p++) {
      const glob = paths[p]!;
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
  for (let s = 0; s < list.length; s++) {
    const service = list[s]!;
    const dependsOn = service.dependsOn;
    for (let d = 0; d < dependsOn.length; d++) {
      const dependency = dependsOn[d]!;
      const existing = dependents.get(dependency);
      if (existing === undefined) dependents.set(dependency, service.id);
      else if (typeof existing === 'string') dependents.set(dependency, [existing, service.id]);
      else existing.push(service.id);
    }
  }
  return {
    services,
    servicesForPath(path) {
      let found = addMatching(byPrefix.get(path), path, undefined);
      for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
        found = addMatching(byPrefix.get(path.slice(0, slash)), path, found);
      }
      return addMatching(anywhere, path, found) ?? [];
    },
    dependentsOf(id) {
      const found = dependents.get(id);
      if (found === undefined) return [];
      if (typeof found !== 'string') return found;
      const one = [found];
      dependents.set(id, one);
      return one;
    },
  };
}

/**
 * `found` with the services of `rules` that match `path` added, each once, in the rules' order. The array is made
 * at the first match, with one element: most paths belong to one service, and `[]` grown by push takes 16 slots.
 */
function addMatching(
  rules: readonly PathRule[] | undefined,
  path: string,
  found: Service[] | undefined,
): Service[] | undefined {
  if (rules === undefined) return found;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    if (found !== undefined && found.includes(rule.service)) continue;
    if (!rule.test(path)) continue;
    if (found === undefined) found = [rule.service];
    else found.push(rule.service);
  }
  return found;
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
    const entry = impactedEntry(id, service, true, []);
    impacted.set(id, entry);
    queue.push(entry);
  }
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head]!;
    const dependents = graph.dependentsOf(current.id);
    for (let d = 0; d < dependents.length; d++) {
      const dependentId = dependents[d]!;
      if (impacted.has(dependentId)) continue;
      const service = graph.services.get(dependentId);
      if (!service) continue;
      // concat makes an array of exactly the right size; a spread copy takes twice the memory.
      const entry = impactedEntry(dependentId, service, false, current.via.concat(current.id));
      impacted.set(dependentId, entry);
      queue.push(entry);
    }
  }
  const services = orderImpacted(impacted);
  let mostCriticalTier = 5;
  let dependentMostCriticalTier: number | undefined;
  let score = 0;
  for (let i = 0; i < services.length; i++) {
    const service = services[i]!;
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

/** One impacted service; `owner` last and only when there is one, as the report has always shown it. */
function impactedEntry(id: string, service: Service, direct: boolean, via: string[]): ImpactedService {
  return service.owner
    ? { id, tier: service.tier, direct, via, owner: service.owner }
    : { id, tier: service.tier, direct, via };
}

/**
 * Impacted services by tier, direct before dependent, then by id in code-unit order (stable across machines and
 * locales). Grouped first and each group's ids sorted by the built-in comparison: a JavaScript comparator, called
 * some 50,000 times for a radius of thousands, was a share of every check in a process that exits before V8
 * optimises it.
 */
function orderImpacted(impacted: ReadonlyMap<string, ImpactedService>): ImpactedService[] {
  const groups = new Map<number, { direct: string[]; dependent: string[] }>();
  impacted.forEach((service) => {
    let group = groups.get(service.tier);
    if (!group) groups.set(service.tier, (group = { direct: [], dependent: [] }));
    (service.direct ? group.direct : group.dependent).push(service.id);
  });
  const ordered: ImpactedService[] = [];
  for (const tier of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(tier)!;
    // sort() without a comparator orders strings by UTF-16 code units, as `<` does.
    for (const ids of [group.direct.sort(), group.dependent.sort()])
      for (let i = 0; i < ids.length; i++) ordered.push(impacted.get(ids[i]!)!);
  }
  return ordered;
}

/** The most critical tier among the directly touched services (5 when none). */
export function directMostCriticalTier(radius: BlastRadius): number {
  let tier = 5;
  for (const service of radius.services) if (service.direct) tier = Math.min(tier, service.tier);
  return tier;
}
