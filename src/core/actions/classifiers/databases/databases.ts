import type {
  ActionSurroundings,
  CommandClassifier,
  EnvironmentHints,
  Operation,
  SimpleCommand,
} from '../../types.js';
import { hasFlag, optionValue, positionals, urlHost, urlPath } from '../args.js';
import { envVar, operation } from '../operation.js';

function dbOp(
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
  const host = optionValue(command.args, ['-h', '--host']) ?? envVar(command, surroundings, 'PGHOST');
  const hints: EnvironmentHints = {
    database: name,
    ...(host !== undefined ? { host } : command.remote === undefined ? { local: true } : {}),
  };
  return [
    dbOp(
      command,
      'delete',
      name,
      `dropdb drops database ${name}${host !== undefined ? ` on ${host}` : ''}`,
      hints,
    ),
  ];
};

const MONGO_DESTRUCTIVE =
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
    optionValue(command.args, ['--host']) ??
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

// Redis commands that lose data or the server's safeguards (CONFIG SET appendonly no, save "").
const REDIS_DESTRUCTIVE = new Set([
  'FLUSHALL',
  'FLUSHDB',
  'SHUTDOWN',
  'DEL',
  'UNLINK',
  'CONFIG',
  'XTRIM',
  'LTRIM',
  'ZREMRANGEBYSCORE',
  'ZREMRANGEBYRANK',
  'ZREMRANGEBYLEX',
  'HDEL',
  'SREM',
  'XDEL',
  'EXPIRE',
  'PEXPIRE',
  'SWAPDB',
  'DEBUG',
  'REPLICAOF',
  'SLAVEOF',
  'FAILOVER',
  'MIGRATE',
  'RENAME',
  'SCRIPT',
  'FUNCTION',
  'ACL',
  'CLUSTER',
]);
// CONFIG, SCRIPT, FUNCTION, ACL and CLUSTER only destroy in some of their subcommands
const REDIS_SUBCOMMANDS: Record<string, RegExp> = {
  CONFIG: /^(SET|RESETSTAT)$/,
  SCRIPT: /^FLUSH$/,
  FUNCTION: /^(FLUSH|DELETE)$/,
  ACL: /^(DELUSER|SETUSER)$/,
  CLUSTER: /^(RESET|FORGET|FAILOVER|FLUSHSLOTS|DELSLOTS)$/,
};

/** redis-cli commands that lose data or safeguards (arguments or stdin); their first word decides. */
export const classifyRedis: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set(['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s', '-r', '-i', '--pattern', '--count']),
  );
  const stdin = (command.stdin ?? '').split('\n').map((line) => line.trim().split(/\s+/));
  const lines = [words, ...stdin].map((line) => line.map((w) => w.toUpperCase()));
  const hit = lines.find((line) => {
    const [verb = '', sub = ''] = line;
    return REDIS_DESTRUCTIVE.has(verb) && (REDIS_SUBCOMMANDS[verb]?.test(sub) ?? true);
  });
  if (hit === undefined) return [];
  const verb = hit.slice(0, REDIS_SUBCOMMANDS[hit[0] ?? ''] !== undefined ? 2 : 1).join(' ');
  const url = optionValue(command.args, ['-u']) ?? envVar(command, surroundings, 'REDIS_URL');
  const host = optionValue(command.args, ['-h']) ?? (url !== undefined ? urlHost(url) : undefined);
  const hints: EnvironmentHints =
    host !== undefined ? { host } : command.remote === undefined ? { local: true } : {};
  return [
    dbOp(
      command,
      verb === 'SHUTDOWN' ? 'stop' : 'delete',
      verb,
      `redis-cli ${verb} on ${host ?? command.remote?.host ?? 'the local server'}`,
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
export const classifyRailsTask: CommandClassifier = (command, surroundings) => {
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
      hints,
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
      hints,
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
  const hints = urlHints(command, surroundings, ['DATABASE_URL']);
  return [dbOp(command, 'delete', verb, `${command.name} ${verb} drops database objects`, hints)];
};

/** mysqladmin drop DB, pg_restore --clean (drops what it restores over). */
export const classifyDatabaseAdmin: CommandClassifier = (command, surroundings) => {
  const valued = new Set([
    '-h',
    '--host',
    '-u',
    '--user',
    '-P',
    '--port',
    '-p',
    '-U',
    '--username',
    '-d',
    '--dbname',
    '-S',
    '--socket',
  ]);
  const words = positionals(command.args, valued);
  const host =
    optionValue(command.args, ['-h', '--host']) ??
    envVar(command, surroundings, command.name === 'pg_restore' ? 'PGHOST' : 'MYSQL_HOST');
  const where = (database: string): EnvironmentHints => ({
    database,
    ...(host !== undefined ? { host } : command.remote === undefined ? { local: true } : {}),
  });
  if (command.name === 'mysqladmin') {
    const at = words.findIndex((w) => w.toLowerCase() === 'drop');
    if (at < 0) return [];
    const name = words[at + 1] ?? 'a database';
    return [
      dbOp(
        command,
        'delete',
        name,
        `mysqladmin drops database ${name}${host !== undefined ? ` on ${host}` : ''}`,
        where(name),
      ),
    ];
  }
  if (!hasFlag(command.args, ['--clean'], 'c')) return [];
  const name = optionValue(command.args, ['-d', '--dbname']) ?? 'the target database';
  return [
    dbOp(
      command,
      'replace',
      name,
      `pg_restore --clean drops the objects of ${name} before restoring them`,
      where(name),
    ),
  ];
};
