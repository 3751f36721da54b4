import { isLoopback } from '../environment.js';
import { sharedWord, words } from '../environment-words.js';
import type { ActionSurroundings, EnvironmentHints, SimpleCommand } from '../types.js';
import { optionValue, urlHost } from './args.js';
import { envVar } from './operation.js';

// A local test or dev target: a destructive action against something disposable on the developer's own machine
// that the command marks as such — a framework's test environment, a `*_test` database on the local server, a
// `*-dev` container on the local runtime. The classifiers put what marks it in `hints.localTarget`; the
// environment resolver honours it only when no other hint names a place. Failing closed, a word naming production
// or a shared environment anywhere on the command, or a server that is not this machine, means it is not local.

/** Words that mark a test or dev thing. */
const TEST_OR_DEV = new Set(['test', 'testing', 'tests', 'dev', 'development', 'local', 'ci', 'e2e']);
/** Words that mark content rebuilt on demand (a dependency or build cache), disposable wherever it lives. */
const REBUILT = new Set(['cache', 'caches', 'tmp', 'temp', 'scratch']);

/** The test/dev word a name carries (`app_test`, `project-dev-db`), unless it also names production. */
export function testOrDevWord(value: string): string | undefined {
  if (sharedWord(value) !== undefined) return undefined;
  return words(value).find((w) => TEST_OR_DEV.has(w));
}

/**
 * What marks a named local thing (a container, a volume) as disposable: a test/dev word, or content rebuilt on
 * demand (`project_node_modules`, `gradle-cache`); undefined when it names production or is not marked.
 */
export function disposableWord(value: string): string | undefined {
  if (sharedWord(value) !== undefined) return undefined;
  return (
    testOrDevWord(value) ??
    words(value).find((w) => REBUILT.has(w)) ??
    (/node[_-]modules/i.test(value) ? 'node_modules' : undefined)
  );
}

/** True when any argument or variable of the command names production or a shared environment. */
export function namesSharedPlace(command: SimpleCommand): boolean {
  return (
    command.args.some((a) => sharedWord(a) !== undefined) ||
    Object.values(command.env).some((v) => sharedWord(v) !== undefined)
  );
}

/** True when a variable of the command, or DATABASE_URL where it runs, points at a server that is not this machine. */
function pointsElsewhere(command: SimpleCommand, surroundings: ActionSurroundings): boolean {
  const values = [...Object.values(command.env), envVar(command, surroundings, 'DATABASE_URL') ?? ''];
  return values.some((value) => {
    const host = urlHost(value);
    return host !== undefined && !isLoopback(host);
  });
}

/** How a framework's task runner is told its environment: variables and options. */
interface Framework {
  variables: readonly string[];
  options: readonly string[];
}

const RAILS: Framework = { variables: ['RAILS_ENV', 'RACK_ENV'], options: ['-e', '--environment'] };
const NODE_ORM: Framework = { variables: ['NODE_ENV'], options: ['--env'] };
const PHP: Framework = { variables: ['APP_ENV'], options: ['--env'] };
const DJANGO: Framework = { variables: ['DJANGO_SETTINGS_MODULE'], options: ['--settings'] };

/** Task runners of frameworks whose environment selects a database from the project's own configuration. */
const FRAMEWORKS: Record<string, Framework> = {
  rails: RAILS,
  rake: RAILS,
  mix: { variables: ['MIX_ENV'], options: [] },
  artisan: PHP,
  console: { variables: ['APP_ENV'], options: ['--env', '-e'] },
  'manage.py': DJANGO,
  'django-admin': DJANGO,
  knex: NODE_ORM,
  sequelize: NODE_ORM,
  'sequelize-cli': NODE_ORM,
};

/** The framework runner a command is: by its name, or the script an interpreter runs (`php artisan`, `python manage.py`). */
function frameworkOf(command: SimpleCommand): Framework | undefined {
  const base = (word: string): string => word.replace(/^.*\//, '');
  const own = FRAMEWORKS[base(command.path ?? command.name)];
  if (own !== undefined) return own;
  const script = command.args.find((a) => !a.startsWith('-'));
  return script !== undefined && !script.includes('=') ? FRAMEWORKS[base(script)] : undefined;
}

/**
 * The test/dev environment a framework's task runner is pointed at (`RAILS_ENV=test`, `--env=testing`,
 * `--settings=config.settings.test`), in plain words; undefined unless every marker found says test or dev,
 * nothing on the command names production, and no connection URL names another server.
 */
export function frameworkTestEnvironment(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): string | undefined {
  const framework = frameworkOf(command);
  if (framework === undefined || command.remote !== undefined) return undefined;
  if (namesSharedPlace(command) || pointsElsewhere(command, surroundings)) return undefined;
  const markers: string[] = [];
  for (const name of framework.variables) {
    // rake and rails also take `RAILS_ENV=test` as an argument
    const value =
      command.args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ??
      envVar(command, surroundings, name);
    if (value !== undefined) markers.push(`${name}=${value}`);
  }
  for (const option of framework.options) {
    const value = optionValue(command.args, [option]);
    if (value !== undefined) markers.push(`${option}=${value}`);
  }
  if (markers.length === 0) return undefined;
  const local = markers.every((m) => testOrDevWord(m.slice(m.indexOf('=') + 1)) !== undefined);
  return local ? `the framework's ${markers.join(', ')} environment on this machine` : undefined;
}

/**
 * A database named as a test or dev one (`app_test`, `shop_dev`) on the local server: no host on the command or
 * in the client's variables, and nothing on the command naming production.
 */
export function localTestDatabase(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  database: string | undefined,
  hostVariables: readonly string[],
): string | undefined {
  if (database === undefined || command.remote !== undefined || namesSharedPlace(command)) return undefined;
  if (hostVariables.some((name) => envVar(command, surroundings, name) !== undefined)) return undefined;
  return testOrDevWord(database) !== undefined
    ? `database ${database}, a test/dev database on this machine's server`
    : undefined;
}

/** `hints` marked as a local test/dev target when `local` says what marks it. */
export function markedLocal(hints: EnvironmentHints, local: string | undefined): EnvironmentHints {
  return local === undefined ? hints : { ...hints, localTarget: local };
}
