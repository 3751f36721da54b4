import type { Service } from '../model.js';

/** A problem with one entity of a catalog file; `document` counts the file's `---` documents from 1. */
export interface CatalogError {
  file: string;
  document: number;
  /** Unknown here: the adapter hands over documents already parsed from YAML. */
  line?: number;
  message: string;
}

/** The entity kinds that become services; every other kind (API, Group, User, Domain …) is ignored. */
const SERVICE_KINDS: Readonly<Record<string, Service['kind']>> = {
  component: 'component',
  resource: 'resource',
  system: 'system',
};
const TIER_ANNOTATION = 'blastwall.dev/tier';
const PATHS_ANNOTATION = 'blastwall.dev/paths';
/** Tier when neither the annotation nor a `tier_N` tag or label says otherwise. */
export const DEFAULT_TIER = 3;
const NAME = /^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$/;
const TIER_TAG = /^tier[-_]?([1-4])$/i;

type Fields = Record<string, unknown>;

/** What one catalog file yields. */
export interface CatalogEntities {
  services: Service[];
  errors: CatalogError[];
  /** Reverse edges whose dependent is not in this file (for `linkDependents` across files). */
  dependents: DependentEdge[];
}

function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `group:default/payments` → `payments`; `resource:ops/db` → `ops/db`; undefined for kinds that are not services. */
function refToId(ref: string, allowedKinds?: readonly string[]): string | undefined {
  let rest = ref.trim();
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const kind = rest.slice(0, colon).toLowerCase();
    if (allowedKinds && !allowedKinds.includes(kind)) return undefined;
    rest = rest.slice(colon + 1);
  }
  if (rest.startsWith('default/')) rest = rest.slice('default/'.length);
  return rest || undefined;
}

/** The directory of a repo-relative file, as a glob of everything beneath it. */
function directoryGlob(file: string): string {
  const normalised = file.replace(/\\/g, '/').replace(/^\.?\//, '');
  const slash = normalised.lastIndexOf('/');
  return slash < 0 ? '**' : `${normalised.slice(0, slash)}/**`;
}

/** `blastwall.dev/paths` globs are repo-relative; `./x` is relative to the catalog file's directory. */
function pathsFromAnnotation(value: string, file: string): string[] {
  const dir = directoryGlob(file).slice(0, -2);
  return value
    .split(',')
    .map((glob) => glob.trim())
    .filter((glob) => glob !== '')
    .map((glob) => (glob.startsWith('./') ? `${dir}${glob.slice(2)}` : glob.replace(/^\/+/, '')));
}

function tierFromTags(metadata: Fields): number | undefined {
  const tags = Array.isArray(metadata.tags) ? metadata.tags : [];
  for (const tag of tags) {
    const match = typeof tag === 'string' ? TIER_TAG.exec(tag) : null;
    if (match) return Number(match[1]);
  }
  const labels = isFields(metadata.labels) ? metadata.labels : {};
  for (const [key, value] of Object.entries(labels)) {
    const text = String(value);
    const match = TIER_TAG.exec(text) ?? (key.toLowerCase() === 'tier' ? /^([1-4])$/.exec(text) : null);
    if (match) return Number(match[1]);
  }
  return undefined;
}

function refList(value: unknown, field: string, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    problems.push(`${field} must be a list of entity references like "component:payments"`);
    return [];
  }
  const ids: string[] = [];
  for (const ref of value as string[]) {
    const id = refToId(ref, ['component', 'resource', 'system']);
    if (id !== undefined && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

interface ParsedEntity {
  service: Service;
  /** Services this entity says depend on it (`spec.dependencyOf`, and a component's `spec.system`). */
  dependencyOf: string[];
}

function parseEntity(
  doc: Fields,
  kind: Service['kind'],
  file: string,
  problems: string[],
): ParsedEntity | undefined {
  const metadata = isFields(doc.metadata) ? doc.metadata : {};
  const spec = isFields(doc.spec) ? doc.spec : {};
  const name = metadata.name;
  if (typeof name !== 'string' || !NAME.test(name) || name.length > 63) {
    problems.push(
      `metadata.name ${typeof name === 'string' ? `"${name}" is not a valid entity name` : 'is missing'}`,
    );
    return undefined;
  }
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  const id = namespace === 'default' ? name : `${namespace}/${name}`;
  const annotations = isFields(metadata.annotations) ? metadata.annotations : {};

  let tier = tierFromTags(metadata) ?? DEFAULT_TIER;
  const tierValue = annotations[TIER_ANNOTATION];
  if (tierValue !== undefined) {
    const parsed = Number(tierValue);
    if (Number.isInteger(parsed) && parsed >= 1 && parsed <= 4) tier = parsed;
    else
      problems.push(
        `annotation ${TIER_ANNOTATION} must be a number from 1 to 4, got ${JSON.stringify(tierValue)}`,
      );
  }

  let paths: string[] = kind === 'system' ? [] : [directoryGlob(file)];
  const pathsValue = annotations[PATHS_ANNOTATION];
  if (typeof pathsValue === 'string') paths = pathsFromAnnotation(pathsValue, file);
  else if (pathsValue !== undefined)
    problems.push(`annotation ${PATHS_ANNOTATION} must be a comma-separated string of globs`);

  let owner: string | undefined;
  if (typeof spec.owner === 'string') owner = refToId(spec.owner);
  else if (spec.owner !== undefined)
    problems.push('spec.owner must be an entity reference like "group:payments"');

  const dependsOn = refList(spec.dependsOn, 'spec.dependsOn', problems);
  const dependencyOf = refList(spec.dependencyOf, 'spec.dependencyOf', problems);
  if (kind !== 'system' && typeof spec.system === 'string') {
    const system = refToId(spec.system, ['system']);
    if (system !== undefined) dependencyOf.push(system);
  }
  const service: Service = { id, tier, paths, dependsOn, kind };
  if (owner !== undefined) service.owner = owner;
  return { service, dependencyOf };
}

/**
 * Services from the documents of one Backstage catalog file (`file` is repo-relative). Kinds
 * Component, Resource and System become services: `metadata.name` (prefixed by a namespace other
 * than `default`) is the id; `spec.owner` without `group:`/`user:` and `default/` is the owner;
 * `spec.dependsOn` refs are dependencies, and `spec.dependencyOf` and a component's `spec.system`
 * add the reverse edge (a system depends on its parts). Tier: annotation `blastwall.dev/tier`
 * (1–4), else a `tier_N` tag or label (OpsLevel style), else 3. Paths: annotation
 * `blastwall.dev/paths` (comma-separated, repo-relative globs; `./` is relative to the file),
 * else everything under the file's directory — except Systems, which own no paths by default.
 */
export function parseCatalogEntities(docs: readonly unknown[], file: string): CatalogEntities {
  const errors: CatalogError[] = [];
  const parsed: ParsedEntity[] = [];
  docs.forEach((doc, index) => {
    const document = index + 1;
    const report = (message: string): void => void errors.push({ file, document, message });
    if (doc === null || doc === undefined) return;
    if (!isFields(doc)) return report(`document ${document} is not a mapping`);
    if (typeof doc.apiVersion === 'string' && !doc.apiVersion.startsWith('backstage.io/')) return;
    if (typeof doc.kind !== 'string') return report(`document ${document}: kind is missing`);
    const kind = SERVICE_KINDS[doc.kind.toLowerCase()];
    if (kind === undefined) return;
    const problems: string[] = [];
    const entity = parseEntity(doc, kind, file, problems);
    const name = isFields(doc.metadata) ? doc.metadata.name : undefined;
    const label = `${doc.kind} ${typeof name === 'string' ? `"${name}" ` : ''}(document ${document})`;
    for (const problem of problems) report(`${label}: ${problem}`);
    if (!entity) return;
    if (parsed.some((other) => other.service.id === entity.service.id)) {
      return report(`${label}: "${entity.service.id}" is defined twice in this file`);
    }
    parsed.push(entity);
  });
  const services = parsed.map((entity) => entity.service);
  const edges = parsed.flatMap(({ service, dependencyOf }) =>
    dependencyOf.map((dependent) => ({ dependent, dependency: service.id })),
  );
  const unresolved = linkDependents(services, edges);
  return { services, errors, dependents: unresolved };
}

/** "`dependent` depends on `dependency`", declared from the dependency's side (`dependencyOf`, `spec.system`). */
export interface DependentEdge {
  dependent: string;
  dependency: string;
}

/**
 * Adds reverse edges to the services they name and returns those naming no service in the list;
 * a loader that reads several catalog files calls it again with all services and the leftovers.
 */
export function linkDependents(
  services: readonly Service[],
  edges: readonly DependentEdge[],
): DependentEdge[] {
  const byId = new Map(services.map((service) => [service.id, service]));
  const unresolved: DependentEdge[] = [];
  for (const edge of edges) {
    const dependent = byId.get(edge.dependent);
    if (!dependent) unresolved.push(edge);
    else if (!dependent.dependsOn.includes(edge.dependency)) dependent.dependsOn.push(edge.dependency);
  }
  return unresolved;
}
