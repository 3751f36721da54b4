import type { CommandClassifier, EnvironmentHints, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals, serverOption, urlHost } from '../args.js';
import { envVar } from '../operation.js';
import { dbOp, PG_SERVER_VARIABLES } from './databases.js';
import { localTestDatabase, markedLocal, namesSharedPlace } from '../local-target.js';

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
  'SENTINEL',
  // modules: a FalkorDB/RedisGraph graph, a RediSearch index with its documents
  'GRAPH.DELETE',
  'FT.DROPINDEX',
  'FT.DROP',
]);
// Commands that lose only the keys they name: on the local server they are everyday cache work.
const REDIS_NAMED_KEYS = new Set([
  'DEL',
  'UNLINK',
  'HDEL',
  'SREM',
  'XDEL',
  'EXPIRE',
  'PEXPIRE',
  'LTRIM',
  'XTRIM',
]);
// CONFIG, SCRIPT, FUNCTION, ACL, CLUSTER and SENTINEL only destroy in some of their subcommands
const REDIS_SUBCOMMANDS: Record<string, RegExp> = {
  CONFIG: /^(SET|RESETSTAT)$/,
  SCRIPT: /^FLUSH$/,
  FUNCTION: /^(FLUSH|DELETE)$/,
  ACL: /^(DELUSER|SETUSER)$/,
  CLUSTER: /^(RESET|FORGET|FAILOVER|FLUSHSLOTS|DELSLOTS)$/,
  // a sentinel that forgets or resets a master stops watching it: no failover when it falls
  SENTINEL: /^(REMOVE|RESET|FAILOVER)$/,
};

/** redis-cli commands that lose data or safeguards (arguments or stdin); their first word decides. */
export const classifyRedis: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set(['-h', '-p', '-a', '-n', '-u', '--user', '--pass', '-s', '-r', '-i', '--pattern', '--count']),
  );
  // `--cluster call HOST:PORT CMD …` runs CMD on every node of the cluster
  const called = command.args.includes('--cluster') && words[0] === 'call' ? words.slice(2) : words;
  const stdin = (command.stdin ?? '').split('\n').map((line) => line.trim().split(/\s+/));
  const lines = [called, ...stdin].map((line) => line.map((w) => w.toUpperCase()));
  const hit = lines.find((line) => {
    const [verb = '', sub = ''] = line;
    return REDIS_DESTRUCTIVE.has(verb) && (REDIS_SUBCOMMANDS[verb]?.test(sub) ?? true);
  });
  if (hit === undefined) return [];
  const verb = hit.slice(0, REDIS_SUBCOMMANDS[hit[0] ?? ''] !== undefined ? 2 : 1).join(' ');
  // -h and -u both name the server; a non-loopback one wins (see serverOption)
  const named = serverOption(command.args, ['-h', '-u']) ?? envVar(command, surroundings, 'REDIS_URL');
  const host = named !== undefined ? (urlHost(named) ?? named) : undefined;
  const hints: EnvironmentHints =
    host !== undefined ? { host } : command.remote === undefined ? { local: true } : {};
  return [
    dbOp(
      command,
      verb === 'SHUTDOWN' ? 'stop' : 'delete',
      verb,
      `redis-cli ${verb} on ${host ?? command.remote?.host ?? 'the local server'}`,
      markedLocal(hints, host === undefined ? scopedOnLocalServer(command, hit) : undefined),
    ),
  ];
};

/**
 * On the local server (no host, not remote), a deletion scoped to what it names is dev-cache work: keys written
 * out on the line (`DEL cache:homepage`), or FLUSHDB of a database the line selects (`-n 15`). FLUSHALL, FLUSHDB
 * of the default database everything shares, keys fed by xargs or stdin, and server settings stay held.
 */
function scopedOnLocalServer(command: SimpleCommand, hit: readonly string[]): string | undefined {
  if (command.remote !== undefined || command.via.length > 0 || namesSharedPlace(command)) return undefined;
  const [verb = '', ...keys] = hit;
  if (verb === 'FLUSHDB') {
    const db = optionValue(command.args, ['-n']);
    return db !== undefined && /^[1-9]\d*$/.test(db)
      ? `database ${db} of this machine's redis, selected on the line`
      : undefined;
  }
  const literal = keys.length > 0 && command.dynamicArgs.length === 0 && command.stdin === undefined;
  return REDIS_NAMED_KEYS.has(verb) && literal
    ? `the keys named on the line, on this machine's redis`
    : undefined;
}

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
    serverOption(command.args, ['-h', '--host']) ??
    envVar(command, surroundings, command.name === 'pg_restore' ? 'PGHOST' : 'MYSQL_HOST');
  const where = (database: string): EnvironmentHints =>
    markedLocal(
      {
        database,
        ...(host !== undefined ? { host } : command.remote === undefined ? { local: true } : {}),
      },
      host === undefined
        ? localTestDatabase(
            command,
            surroundings,
            database,
            command.name === 'pg_restore' ? PG_SERVER_VARIABLES : ['MYSQL_HOST', 'MYSQL_UNIX_PORT'],
          )
        : undefined,
    );
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
  // the objects' data is lost and replaced by the dump's: a deletion of data, not infrastructure recreated
  return [
    dbOp(
      command,
      'delete',
      name,
      `pg_restore --clean drops the objects of ${name} before restoring them`,
      where(name),
    ),
  ];
};

/** memcflush / memflush (libmemcached): every key on the servers named is dropped. */
export const classifyMemcachedFlush: CommandClassifier = (command, surroundings) => {
  const servers =
    optionValue(command.args, ['--servers']) ?? envVar(command, surroundings, 'MEMCACHED_SERVERS');
  const host = servers?.split(',')[0]?.replace(/:\d+$/, '');
  const hints: EnvironmentHints =
    host !== undefined && host !== '' ? { host } : command.remote === undefined ? { local: true } : {};
  return [
    dbOp(
      command,
      'delete',
      servers ?? 'the memcached servers',
      `${command.name} drops every key on ${servers ?? 'the local memcached'}`,
      hints,
    ),
  ];
};
