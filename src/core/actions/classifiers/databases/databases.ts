import type {
  ActionSurroundings,
  CommandClassifier,
  EnvironmentHints,
  Operation,
  SimpleCommand,
} from '../../types.js';
import { optionValue, positionals, serverOption, urlHost, urlPath } from '../args.js';
import { envVar, operation } from '../operation.js';
import {
  frameworkTestEnvironment,
  localTestDatabase,
  markedLocal,
  namesSharedPlace,
} from '../local-target.js';
import { isLoopback } from '../../environment.js';
import { localRuntime } from '../containers/containers.js';

/** Variables that point a PostgreSQL client at a server other than the local default. */
export const PG_SERVER_VARIABLES = ['PGHOST', 'PGHOSTADDR', 'PGSERVICE', 'PGSERVICEFILE'];

/** A destructive operation on a database or data store. */
export function dbOp(
  command: SimpleCommand,
  kind: Operation['kind'],
  target: string,
  summary: string,
  hints: EnvironmentHints,
): Operation {
  return operation(command, {
    kind,
    category: 'sql',
    destructive: true,
    reversible: false,
    target,
    summary,
    hints,
  });
}

/** Hints from a connection URL in the environment (DATABASE_URL and friends). */
function urlHints(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  names: string[],
): EnvironmentHints {
  for (const name of names) {
    const url = envVar(command, surroundings, name);
    if (url === undefined) continue;
    const host = urlHost(url);
    const database = urlPath(url);
    return { ...(host !== undefined ? { host } : {}), ...(database !== undefined ? { database } : {}) };
  }
  return command.remote === undefined ? { local: true } : {};
}

/** dropdb NAME: drops a PostgreSQL database. */
export const classifyDropdb: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set(['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db']),
  );
  const name = words[0] ?? 'a database';
  const host = serverOption(command.args, ['-h', '--host']) ?? envVar(command, surroundings, 'PGHOST');
  const hints: EnvironmentHints = {
    database: name,
    ...(host !== undefined ? { host } : command.remote === undefined ? { local: true } : {}),
  };
  const local =
    host === undefined ? localTestDatabase(command, surroundings, words[0], PG_SERVER_VARIABLES) : undefined;
  return [
    dbOp(
      command,
      'delete',
      name,
      `dropdb drops database ${name}${host !== undefined ? ` on ${host}` : ''}`,
      markedLocal(hints, local),
    ),
  ];
};

/** MongoDB shell JavaScript that drops or empties: a database, a collection, every document of one. */
export const MONGO_DESTRUCTIVE =
  /\b(dropDatabase|dropCollection|dropAllUsers|dropIndexes)\s*\(|\.drop\s*\(|\b(deleteMany|remove)\s*\(\s*(\{\s*\})?\s*\)|\.renameCollection\s*\([^)]*true/;

/** mongosh / mongo: dropDatabase, drop(), deleteMany({}) in --eval or stdin. */
export const classifyMongo: CommandClassifier = (command, surroundings) => {
  const code = [optionValue(command.args, ['--eval']), command.stdin]
    .filter((t): t is string => t !== undefined)
    .join('\n');
  const match = MONGO_DESTRUCTIVE.exec(code);
  if (match === null) return [];
  const uri =
    positionals(
      command.args,
      new Set([
        '--eval',
        '--host',
        '--port',
        '-u',
        '--username',
        '-p',
        '--password',
        '--authenticationDatabase',
      ]),
    ).find((w) => w.includes('/') || w.includes(':')) ?? envVar(command, surroundings, 'MONGODB_URI');
  const host =
    serverOption(command.args, ['--host']) ??
    (uri !== undefined ? (urlHost(uri) ?? uri.split('/')[0]) : undefined);
  const database = uri !== undefined ? (urlPath(uri) ?? uri.split('/')[1]) : undefined;
  const hints: EnvironmentHints = {
    ...(host !== undefined ? { host } : command.remote === undefined ? { local: true } : {}),
    ...(database ? { database } : {}),
  };
  return [
    dbOp(
      command,
      'delete',
      database ?? 'a database',
      `mongo shell runs ${match[0].replace(/\s*\($/, '').trim()} on ${host ?? command.remote?.host ?? 'the local server'}`,
      hints,
    ),
  ];
};

/** prisma migrate reset / db push --accept-data-loss / migrate dev --force-reset. */
export const classifyPrisma: CommandClassifier = (command, surroundings) => {
  const words = positionals(command.args, new Set(['--schema']));
  const [group, verb] = words;
  const resets = group === 'migrate' && verb === 'reset';
  const lossy =
    (group === 'db' &&
      verb === 'push' &&
      command.args.some((a) => a === '--accept-data-loss' || a === '--force-reset')) ||
    command.args.includes('--force-reset');
  if (!resets && !lossy) return [];
  const hints = urlHints(command, surroundings, ['DATABASE_URL']);
  return [
    dbOp(
      command,
      resets ? 'truncate' : 'delete',
      hints.database ?? 'the database',
      `prisma ${words.join(' ')} ${resets ? 'drops and recreates the database' : 'may drop data'}`,
      hints,
    ),
  ];
};

const RAILS_TASKS =
  /^db:(drop|reset|purge|truncate_all|schema:load|structure:load|migrate:reset|setup|seed:replant)(:all)?$/;

/** rails / rake / bin/rails db:drop, db:reset and other tasks that wipe the database. */
// Ruby that deletes data in bulk, as `rails runner` runs it: ORM mass deletes, queue and cache clears.
const RUBY_DATA_DELETES =
  /\.(destroy_all|delete_all|clear|flushdb|flushall|truncate|drop_table|purge|purge_all)\b|&:(clear|destroy|delete|destroy_all|delete_all|purge)\b|\bexecute\s*\(?\s*['"]\s*(DROP|TRUNCATE|DELETE)\b/i;

/** `rails runner CODE`: Ruby run in the app, judged on the bulk deletes it makes. */
function railsRunner(command: SimpleCommand, surroundings: ActionSurroundings): Operation[] {
  const at = command.args.findIndex((a) => a === 'runner' || a === 'r');
  const code = positionals(command.args.slice(at + 1), new Set(['-e', '--environment']))[0];
  const found = code === undefined ? null : RUBY_DATA_DELETES.exec(code);
  if (found === null) return [];
  const railsEnv =
    optionValue(command.args.slice(at + 1), ['-e', '--environment']) ??
    envVar(command, surroundings, 'RAILS_ENV') ??
    envVar(command, surroundings, 'RACK_ENV');
  const hints: EnvironmentHints = {
    ...urlHints(command, surroundings, ['DATABASE_URL', 'REDIS_URL']),
    ...(railsEnv !== undefined ? { database: railsEnv } : {}),
  };
  return [
    dbOp(
      command,
      'delete',
      found[0],
      `rails runner code deletes data in bulk (${found[0].trim()}) in the ${railsEnv ?? 'configured'} app`,
      hints,
    ),
  ];
}

export const classifyRailsTask: CommandClassifier = (command, surroundings) => {
  if (command.name === 'rails' && positionals(command.args)[0]?.match(/^(runner|r)$/))
    return railsRunner(command, surroundings);
  const task = command.args.find((a) => RAILS_TASKS.test(a));
  if (task === undefined) return [];
  const railsEnv =
    command.args.find((a) => a.startsWith('RAILS_ENV='))?.slice(10) ??
    envVar(command, surroundings, 'RAILS_ENV') ??
    envVar(command, surroundings, 'RACK_ENV');
  const hints: EnvironmentHints = {
    ...urlHints(command, surroundings, ['DATABASE_URL']),
    ...(railsEnv !== undefined ? { database: railsEnv } : {}),
  };
  return [
    dbOp(
      command,
      'delete',
      task,
      `${command.name} ${task} wipes the ${railsEnv ?? 'configured'} database`,
      markedLocal(hints, frameworkTestEnvironment(command, surroundings)),
    ),
  ];
};

const DJANGO_DESTRUCTIVE = new Set(['flush', 'reset_db', 'sqlflush_exec', 'reset_schema']);

/** manage.py flush / reset_db / migrate APP zero. */
export function djangoOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  args: readonly string[],
): Operation[] {
  const words = positionals(args, new Set(['--database', '--settings']));
  const verb = words[0] ?? '';
  const zero = verb === 'migrate' && words[2] === 'zero';
  if (!DJANGO_DESTRUCTIVE.has(verb) && !zero) return [];
  const database = optionValue(args, ['--database']);
  const settings =
    optionValue(args, ['--settings']) ?? envVar(command, surroundings, 'DJANGO_SETTINGS_MODULE');
  const hints: EnvironmentHints = {
    ...urlHints(command, surroundings, ['DATABASE_URL']),
    ...((database ?? settings) ? { database: database ?? settings } : {}),
  };
  return [
    dbOp(
      command,
      zero ? 'delete' : 'truncate',
      words.join(' '),
      `manage.py ${words.join(' ')} deletes the data of ${database ?? settings ?? 'the default database'}`,
      markedLocal(hints, frameworkTestEnvironment(command, surroundings)),
    ),
  ];
}

/** ./manage.py called directly. */
export const classifyManagePy: CommandClassifier = (command, surroundings) =>
  djangoOperations(command, surroundings, command.args);

const MIGRATION_TOOLS: Record<string, RegExp> = {
  sequelize: /^db:(drop|migrate:undo:all)$/,
  'sequelize-cli': /^db:(drop|migrate:undo:all)$/,
  typeorm: /^(schema:drop|migration:revert)$/,
  'typeorm-ts-node-commonjs': /^schema:drop$/,
  flyway: /^clean$/,
  liquibase: /^(drop-all|dropAll|rollback-count)$/,
  knex: /^migrate:rollback$/,
  alembic: /^downgrade$/,
  'drizzle-kit': /^drop$/,
  supabase: /^reset$/,
};

/** Migration tools whose verbs drop schemas or roll every migration back. */
export const classifyMigrationTool: CommandClassifier = (command, surroundings) => {
  const pattern = MIGRATION_TOOLS[command.name];
  const verb = positionals(command.args).find((w) => pattern?.test(w) === true);
  if (pattern === undefined || verb === undefined) return [];
  if (command.name === 'alembic' && !command.args.includes('base')) return [];
  if (command.name === 'knex' && !command.args.includes('--all')) return [];
  const url = toolUrl(command.args);
  const host = url !== undefined ? urlHost(url.replace(/^jdbc:/, '')) : undefined;
  const hints = markedLocal(
    // a loopback URL is this machine: judged as the local server, where a production word still holds it
    host !== undefined && !isLoopback(host) ? { host } : urlHints(command, surroundings, ['DATABASE_URL']),
    frameworkTestEnvironment(command, surroundings) ?? localStack(command, surroundings, url, host),
  );
  return [dbOp(command, 'delete', verb, `${command.name} ${verb} drops database objects`, hints)];
};

/** The connection URL a migration tool is given on its line (`-url=jdbc:postgresql://…`, `--db-url postgres://…`). */
function toolUrl(args: readonly string[]): string | undefined {
  for (const [i, arg] of args.entries()) {
    const m = /^--?(?:url|db-url)(?:=(.*))?$/.exec(arg);
    if (m !== null) return m[1] ?? args[i + 1];
  }
  return undefined;
}

/**
 * The migration tool works on this machine's own dev stack: its URL names the loopback (`flyway
 * -url=jdbc:postgresql://localhost:5432/app_dev clean`), or it is `supabase db reset` of the local stack supabase
 * runs on this machine's container engine (not `--linked`, `--db-url`, `--project-ref`). Never when the line names
 * production or the command runs elsewhere.
 */
function localStack(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  url: string | undefined,
  host: string | undefined,
): string | undefined {
  if (command.remote !== undefined || namesSharedPlace(command)) return undefined;
  if (url !== undefined)
    return host !== undefined && isLoopback(host)
      ? `the database server at ${host} on this machine`
      : undefined;
  if (command.name !== 'supabase') return undefined;
  if (command.args.some((a) => /^--(?:linked|db-url|project-ref)(?:=|$)/.test(a))) return undefined;
  if (envVar(command, surroundings, 'DATABASE_URL') !== undefined) return undefined;
  if (!localRuntime({ ...command, args: [] }, surroundings)) return undefined;
  return "supabase's local stack on this machine's container engine";
}
