import { sharedWord } from '../../environment-words.js';
import {
  UNKNOWN_VALUE,
  type ActionSurroundings,
  type EnvironmentHints,
  type SimpleCommand,
} from '../../types.js';
import type { ClassifierDeps } from '../deps.js';
import { testOrDevWord } from '../local-target.js';
import { envVar } from '../operation.js';
import { resolvePath } from '../paths.js';
import {
  envFileValues,
  placeOfValue,
  placesIn,
  type ConfigPlace,
  type VariableLookup,
} from './config-text.js';

// Where a framework or migration CLI acts. The line may say it (a URL option, a positional DSN, an environment
// option or variable: `--env=production`, `RAILS_ENV=test`, `--settings=config.settings.prod`), the environment may
// (`DATABASE_URL`), and when neither does, the project's own configuration does: the section of
// `config/database.yml` the framework's default environment selects, the Prisma schema's datasource and the `.env`
// it reads, `alembic.ini`'s `sqlalchemy.url`, `flyway.conf`. A reset there against this machine's database is the
// everyday loop of local development; the same command against another server, a production environment or a
// configuration blastwall cannot read is held. A project with no such configuration at all has no database for the
// tool to reach but this machine's default (the corpora's and the frameworks' convention: no hint is development).

/** How one tool is told where to act. */
export interface Where {
  /** The framework's own name in reasons (`rails`, `prisma`). */
  label: string;
  /** Variables that select the framework environment (`RAILS_ENV`); rails and rake also take `NAME=value` words. */
  envVariables?: readonly string[];
  /** Options that select it (`--env`, `-e`, `--settings`, `-environment`). */
  envOptions?: readonly string[];
  /** The environment the framework runs in when nothing selects one. */
  defaultEnv?: string;
  /** Options whose value is a connection URL (`--url`, `-u`, `--database-url`). */
  urlOptions?: readonly string[];
  /** Variables holding a connection URL or a server name (`DATABASE_URL`, `DB_HOST`). */
  variables?: readonly string[];
  /** Positional words that are connection URLs (goose's DSN, sequel's URL): their indices among the positionals. */
  positionalUrls?: (positionals: readonly string[]) => string[];
  /** The project's files that say where the selected environment's database is, read when the line names none. */
  config?: (env: string, command: SimpleCommand) => ConfigSource[];
  /** The configuration names the variable the tool reads (a Prisma schema's `env("…")`): read it first. */
  configFirst?: boolean;
  /** The env files the tool loads its variables from (`.env`), beside the process environment. */
  envFiles?: (env: string) => readonly string[];
  /**
   * Switches whose only use is to run against production (`artisan --force`, `DISABLE_DATABASE_ENVIRONMENT_CHECK=1`
   * for rails): given without a test/dev environment selected, they say the command is meant for production.
   */
  productionSwitches?: readonly string[];
}

/** A configuration file and the part of it that names the environment's server. */
export interface ConfigSource {
  file: string;
  /** The line names this file (`-d dist/data-source.js`): when it cannot be read, where it points is not known. */
  named?: boolean;
  /** The part of the text to read; undefined when the file has no part for this environment. */
  part?: (text: string) => string | undefined;
}

/** A project file's absolute path where the command runs; undefined when it runs elsewhere. */
function runPath(file: string, command: SimpleCommand, surroundings: ActionSurroundings): string | undefined {
  return command.remote === undefined ? resolvePath(file, surroundings, false) : undefined;
}

/** Where a framework command acts: the hints to resolve, and in plain words what said so. */
export interface Place {
  hints: EnvironmentHints;
  says: string;
  /** Only the project's configuration left the place unknown: nothing on the line or in the environment names one. */
  unreadConfig?: boolean;
}

/** The value of an option given exactly (`--env x`, `--env=x`, `-environment=x`), not as a prefix of another. */
export function exactOption(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') return undefined;
    for (const name of names) {
      if (arg === name) return args[i + 1];
      if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    }
  }
  return undefined;
}

/** The environment the line or its variables select, and what selects it. */
function selectedEnvironment(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  where: Where,
): { env: string; by: string } | undefined {
  const option = exactOption(command.args, where.envOptions ?? []);
  if (option !== undefined) return { env: option, by: `${where.label}'s environment ${option}` };
  for (const name of where.envVariables ?? []) {
    const value =
      command.args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ??
      envVar(command, surroundings, name);
    if (value !== undefined) return { env: value, by: `${name}=${value}` };
  }
  return undefined;
}

/** A word that reads a variable (`"$PROD_DATABASE_URL"`): its value where the command runs, else its name's words. */
function resolvedWord(word: string, command: SimpleCommand, surroundings: ActionSurroundings): ConfigPlace {
  const read = /^\$\{?(\w+)\}?$/.exec(word);
  if (read === null) {
    if (word.includes('$') || word.includes('`'))
      return { kind: 'unknown', what: `${word} is known only when it runs` };
    return placeOfValue(word, `the line's ${word}`);
  }
  const name = read[1] ?? '';
  const value = envVar(command, surroundings, name);
  if (value !== undefined) return placeOfValue(value, `$${name}`);
  const named = sharedWord(name);
  return named !== undefined
    ? { kind: 'host', host: name, what: `$${name}, whose name says ${named}` }
    : { kind: 'unknown', what: `$${name} is known only when it runs` };
}

/** A variable as the tool sees it: the environment first, then every env file of the project that sets it. */
function variableLookup(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: ClassifierDeps,
  files: readonly string[],
): VariableLookup {
  const fileValues = files.map((file) => {
    const path = runPath(file, command, surroundings);
    const read = path === undefined ? undefined : deps.readRunFile?.(path);
    return read?.kind === 'text' ? envFileValues(read.text) : {};
  });
  return (name) => {
    const own = envVar(command, surroundings, name);
    if (own !== undefined) return [own];
    const found = fileValues.flatMap((values) => (values[name] === undefined ? [] : [values[name]]));
    return found.length > 0 ? found : undefined;
  };
}

/** The places the project's configuration names for `env`, or the reason it cannot be read. */
function configured(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: ClassifierDeps,
  where: Where,
  env: string,
  lookup: VariableLookup,
): ConfigPlace[] {
  const read = deps.readRunFile;
  const sources = where.config?.(env, command) ?? [];
  if (sources.length === 0) return [];
  if (read === undefined)
    return [{ kind: 'unknown', what: `${where.label}'s configuration, which blastwall does not read here` }];
  const places: ConfigPlace[] = [];
  for (const source of sources) {
    const path = runPath(source.file, command, surroundings);
    if (path === undefined) return [{ kind: 'unknown', what: `${source.file}, whose place is not known` }];
    const file = read(path);
    if (file.kind === 'missing' && source.named === true && testOrDevWord(source.file) === undefined)
      return [{ kind: 'unknown', what: `${source.file}, which the line names and blastwall cannot read` }];
    if (file.kind === 'missing') {
      if (source.named === true)
        places.push({ kind: 'local', what: `${source.file}, named as a test/dev one` });
      continue;
    }
    if (file.kind !== 'text')
      return [{ kind: 'unknown', what: `${source.file}, which blastwall cannot read` }];
    const part = source.part === undefined ? file.text : source.part(file.text);
    if (part === undefined) return [{ kind: 'unknown', what: `${source.file}, which has no ${env} section` }];
    const found = placesIn(part, lookup, source.file);
    places.push(
      ...(found.length > 0 ? found : [{ kind: 'local' as const, what: `${source.file} names no server` }]),
    );
  }
  return places;
}

/** Where the command acts, as hints: a server or environment it names, or this machine in plain words. */
export function placeOf(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: ClassifierDeps,
  where: Where,
  positionals: readonly string[],
): Place {
  const selected = selectedEnvironment(command, surroundings, where);
  const hints: EnvironmentHints = {};
  const local: string[] = [];
  const unknown: string[] = [];
  if (selected !== undefined) {
    if (testOrDevWord(selected.env) !== undefined) local.push(selected.by);
    else hints.environment = selected.env;
  }
  const switched = (where.productionSwitches ?? []).find(
    (name) =>
      command.args.some((a) => a === name || a.startsWith(`${name}=`)) ||
      envVar(command, surroundings, name) !== undefined,
  );
  if (switched !== undefined && local.length === 0) hints.environment ??= `production (${switched})`;
  const env = selected?.env ?? where.defaultEnv ?? 'development';
  const lookup = variableLookup(command, surroundings, deps, where.envFiles?.(env) ?? []);
  const named: ConfigPlace[] = [
    ...[...(where.urlOptions === undefined ? [] : [exactOption(command.args, where.urlOptions)])]
      .filter((w): w is string => w !== undefined)
      .map((w) => resolvedWord(w, command, surroundings)),
    ...(where.positionalUrls?.(positionals) ?? []).map((w) => resolvedWord(w, command, surroundings)),
  ];
  // a config that names its own variable (`url = env("ORDERS_DB")`) is read before the usual ones
  const first =
    named.length === 0 && where.configFirst === true && command.remote === undefined
      ? configured(command, surroundings, deps, where, env, lookup)
      : [];
  named.push(...first);
  if (named.length === 0)
    for (const name of where.variables ?? []) {
      const values = lookup(name);
      if (values !== undefined) named.push(...values.map((v) => placeOfValue(v, name)));
    }
  const fromConfig = named.length === 0 && command.remote === undefined && where.configFirst !== true;
  const places = fromConfig ? configured(command, surroundings, deps, where, env, lookup) : named;
  for (const place of places) {
    if (place.kind === 'local') local.push(place.what);
    else if (place.kind === 'unknown') unknown.push(place.what);
    else hints.host ??= place.host;
  }
  if (unknown.length > 0 && hints.host === undefined) hints.host = UNKNOWN_VALUE;
  // a production or shared word anywhere on the line outweighs what says local
  const shared = command.args.map((a) => sharedWord(a)).find((w) => w !== undefined);
  if (shared !== undefined) hints.environment ??= shared;
  if (command.remote !== undefined) return { hints, says: `where ${command.remote.host} runs it` };
  const elsewhere = hints.host !== undefined || hints.environment !== undefined;
  if (elsewhere) {
    const what = [...unknown, ...places.filter((p) => p.kind === 'host').map((p) => p.what)];
    const env = hints.environment === undefined ? [] : [`environment ${hints.environment}`];
    const unreadConfig =
      hints.environment === undefined && hints.host === UNKNOWN_VALUE && selected === undefined;
    return { hints, says: [...env, ...what].join('; '), ...(unreadConfig ? { unreadConfig } : {}) };
  }
  const says =
    local.length > 0
      ? local.join('; ')
      : `the ${env} environment, with no database configured beyond this machine's default`;
  return { hints: { local: true, localTarget: `${where.label}: ${says}` }, says };
}
