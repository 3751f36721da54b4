import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { linkDependents, parseCatalogEntities, type DependentEdge } from '../../core/catalog/backstage.js';
import { parseCodeowners } from '../../core/codeowners/index.js';
import { ConfigError, type ConfigProblem } from '../../core/errors.js';
import type { Config, Environment, Person, Service } from '../../core/model.js';
import { contentKey, type JsonCache } from '../cache/file-cache.js';
import { runGit } from '../git/run-git.js';
import { gitDirs } from '../host/git-refs.js';
import { checkDuplicateIdentities } from './identities.js';
import { configFileSchema, type ConfigFile } from './schema.js';
import { checkReferences } from './check-references.js';
import { parseYaml, parseYamlAll, validateYaml, type LocatedYaml } from './yaml-errors.js';

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** A loaded configuration and the raw file it came from (for sections read by other parts, such as `mcp`). */
export interface LoadedConfig {
  config: Config;
  file?: ConfigFile;
  repo: string;
}

/** Reads blastwall.yaml, Backstage catalog files and CODEOWNERS of a repository into one Config. */
export async function loadConfig(
  repo: string,
  configPath?: string,
  cache?: JsonCache,
  /** The environment git runs with (the caller's, which a long-running hook daemon does not share). */
  env?: Record<string, string | undefined>,
): Promise<LoadedConfig> {
  const path = configPath ?? join(repo, 'blastwall.yaml');
  const sources: string[] = [];
  // Every problem is collected before failing: fixing one at a time, a run each, is what people gave up on.
  const problems: ConfigProblem[] = [];
  const collect = (error: unknown): void => {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  };
  let file: ConfigFile | undefined;
  // What the reference check reads, by content: blastwall.yaml's text (its hash) and every catalog file's.
  const referenceInputs: string[] = [];
  // Problems name the file as the person knows it: relative to the repository when it lies inside.
  const shown = relative(repo, path).startsWith('..') ? path : relative(repo, path) || path;
  if (existsSync(path)) {
    try {
      const read = readKeyedConfigFile(path, cache, shown);
      file = read.file;
      referenceInputs.push(read.key);
    } catch (error) {
      collect(error);
    }
    sources.push(relative(repo, path) || path);
  } else if (configPath) {
    throw new ConfigError(configPath, undefined, 'file not found');
  }
  // A literal rather than a spread per service: thousands of services, and this runs before V8 optimises it.
  const services: Service[] =
    file?.services.map((s) => ({
      id: s.id,
      tier: s.tier,
      owner: s.owner,
      paths: s.paths,
      dependsOn: s.dependsOn,
      kind: 'config',
    })) ?? [];
  const crossFileEdges: DependentEdge[] = [];
  if (file?.catalog.enabled ?? true) {
    for (const catalogFile of await findCatalogFiles(repo, cache, env)) {
      const fullPath = join(repo, catalogFile);
      let docs: unknown[];
      try {
        const text = readFileSync(fullPath, 'utf8');
        referenceInputs.push(catalogFile, text);
        docs = parseYamlAll(text, catalogFile).map((d) => d.value);
      } catch (error) {
        collect(error);
        continue;
      }
      const parsed = parseCatalogEntities(docs, catalogFile);
      for (const problem of parsed.errors)
        problems.push({
          file: catalogFile,
          line: problem.line,
          problem: `document ${problem.document}: ${problem.message}`,
        });
      crossFileEdges.push(...parsed.dependents);
      for (const service of parsed.services) {
        if (!services.some((s) => s.id === service.id)) services.push(service);
      }
      sources.push(catalogFile);
    }
    // A system's components may live in other catalog files: link those edges once every file is read.
    if (crossFileEdges.length > 0) linkDependents(services, crossFileEdges);
  }
  const codeowners = readCodeowners(repo, sources, problems);
  const config: Config = {
    people: (file?.people ?? []).map(toPerson),
    services,
    environments: Object.entries(file?.environments ?? {}).map(([id, env]): Environment => ({
      id,
      protected: env.protected,
      match: env.match,
    })),
    provenance: { patterns: file?.provenance.patterns ?? [], exclude: file?.provenance.exclude ?? [] },
    codeowners,
    wideBlastRadiusServices: file?.review.wideBlastRadiusServices ?? 10,
    freeze: {
      active: file?.freeze.active ?? false,
      maxRisk: file?.freeze.maxRisk ?? 30,
      ...(file?.freeze.reason ? { reason: file.freeze.reason } : {}),
    },
    ...(file?.review.protectedBranches ? { protectedBranches: file.review.protectedBranches } : {}),
    ...(file?.gate?.effectTimeoutSeconds !== undefined
      ? { effectTimeoutSeconds: file.gate.effectTimeoutSeconds }
      : {}),
    ...(file?.gate?.restorePoints !== undefined ? { restorePoints: file.gate.restorePoints } : {}),
    sources,
  };
  // The validated file may come from the cache, without lines: the text is parsed again only to place a problem.
  let located: LocatedYaml | undefined;
  const lineOf = (at: readonly PropertyKey[]): number | undefined => {
    located ??= parseYaml(readFileSync(path, 'utf8'), shown);
    return located.lineOf(at);
  };
  if (file) problems.push(...checkedReferences(config, shown, lineOf, referenceInputs, cache));
  for (const [index, source] of (config.provenance.exclude ?? []).entries()) {
    if (!compiles(source))
      problems.push({
        file: shown,
        line: lineOf(['provenance', 'exclude', index]),
        problem: `provenance.exclude.${index}: invalid regular expression "${source}"`,
      });
  }
  if (problems.length > 0) throw ConfigError.of(problems);
  return { config, repo, ...(file ? { file } : {}) };
}

/** Parses and validates one blastwall.yaml. */
export function readConfigFile(
  path: string,
  cache?: JsonCache,
  /** The name problems give the file (default: `path`). */
  name: string = path,
): ConfigFile {
  return readKeyedConfigFile(path, cache, name).file;
}

/**
 * `checkReferences` (duplicate ids, unknown dependencies, cycles) walks every service, which on a catalog of
 * thousands is a share of every check. Its result depends only on the texts it was derived from, so a clean
 * verdict is kept under their hash (`inputs`: the config's content key, then each catalog file's name and text);
 * problems are always found afresh, with their lines.
 */
function checkedReferences(
  config: Config,
  shown: string,
  lineOf: (at: readonly PropertyKey[]) => number | undefined,
  inputs: readonly string[],
  cache: JsonCache | undefined,
): ConfigProblem[] {
  const key = cache && inputs.length > 0 ? contentKey('config-references-v1', ...inputs) : undefined;
  if (key !== undefined && cache?.get<boolean>(key) === true) return [];
  const problems = checkReferences(config, shown, lineOf);
  if (key !== undefined && problems.length === 0) cache?.set(key, true);
  return problems;
}

/** `readConfigFile`, with the content key of the file's text (what derived caches are keyed by). */
function readKeyedConfigFile(
  path: string,
  cache: JsonCache | undefined,
  name: string,
): { file: ConfigFile; key: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError(name, undefined, `cannot read: ${(error as Error).message}`);
  }
  // Large configs (thousands of services) take long to parse as YAML; a validated copy is kept by content hash.
  // The hash is of the file's bytes: on a hit the text is never decoded (half a megabyte for 5,000 services).
  // The same key as hashing the decoded text, whenever the file is valid UTF-8.
  const key = cache ? contentKey('config-v2', bytes) : '';
  const cached = cache?.get<ConfigFile>(key);
  if (cached) return { file: cached, key };
  const located = parseYaml(bytes.toString('utf8'), name);
  const file = validateYaml(located, configFileSchema(), name);
  checkDuplicateIdentities(file, located, name);
  cache?.set(key, file);
  return { file, key };
}

function toPerson(person: ConfigFile['people'][number]): Person {
  const github =
    person.github === undefined ? [] : Array.isArray(person.github) ? person.github : [person.github];
  return {
    id: person.id,
    level: person.level,
    emails: person.emails.map((e) => e.toLowerCase()),
    teams: person.teams,
    logins: [person.id, ...github],
  };
}

async function findCatalogFiles(
  repo: string,
  cache?: JsonCache,
  env?: Record<string, string | undefined>,
): Promise<string[]> {
  if (!existsSync(join(repo, '.git')))
    return existsSync(join(repo, 'catalog-info.yaml')) ? ['catalog-info.yaml'] : [];
  // `git ls-files` answers from the index, and git replaces .git/index (lock file, rename) on every change:
  // while the index is the same file, the answer is the same. A git process was a third of a hook's wall time.
  // A worktree's or submodule's `.git` is a file naming its git directory, which holds its own index.
  const index = indexStat(repo);
  const stamp = index && `${index.ino}:${index.size}:${index.mtimeMs}:${index.ctimeMs}`;
  const key = contentKey('catalog-files-v1', repo);
  const cached = stamp ? cache?.get<{ stamp: string; files: string[] }>(key) : undefined;
  if (cached && cached.stamp === stamp && Array.isArray(cached.files)) return cached.files;
  const listed = await runGit(
    repo,
    [
      'ls-files',
      '-z',
      '--',
      'catalog-info.yaml',
      '*/catalog-info.yaml',
      'catalog-info.yml',
      '*/catalog-info.yml',
    ],
    { allowFailure: true, ...(env && { env }) },
  );
  const files = listed.split('\0').filter(Boolean);
  if (stamp) cache?.set(key, { stamp, files });
  return files;
}

/** The git index's stat, or undefined when it cannot be read (then git runs, and nothing is cached). */
function indexStat(repo: string): Stats | undefined {
  try {
    const dirs = gitDirs(resolve(repo));
    return dirs && statSync(join(dirs.gitDir, 'index'), { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function readCodeowners(repo: string, sources: string[], problems: ConfigProblem[]): Config['codeowners'] {
  for (const location of CODEOWNERS_LOCATIONS) {
    const full = join(repo, location);
    if (!existsSync(full)) continue;
    const parsed = parseCodeowners(readFileSync(full, 'utf8'), location);
    for (const problem of parsed.errors)
      problems.push({ file: location, line: problem.line, problem: problem.message });
    sources.push(location);
    return parsed.rules;
  }
  return [];
}

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}
