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

const MIGRATION_TOOLS: Record<string, RegExp> = {
  supabase: /^reset$/,
};

/** Migration tools whose verbs drop schemas or roll every migration back. */
export const classifyMigrationTool: CommandClassifier = (command, surroundings) => {
  const pattern = MIGRATION_TOOLS[command.name];
  const verb = positionals(command.args).find((w) => pattern?.test(w) === true);
  if (pattern === undefined || verb === undefined) return [];
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
