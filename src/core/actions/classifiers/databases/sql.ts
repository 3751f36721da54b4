import { isLoopback } from '../../environment.js';
import type {
  ActionSurroundings,
  CommandClassifier,
  EnvironmentHints,
  Operation,
  SimpleCommand,
} from '../../types.js';
import { optionValue, positionals, serverOption, urlHost, urlPath } from '../args.js';
import { envVar, operation } from '../operation.js';
import type { ClassifierDeps } from '../deps.js';
import { CLIENTS, type ClientShape } from './sql-clients.js';
import { pathZone, resolvePath } from '../paths.js';
import { namesSharedPlace, testOrDevWord } from '../local-target.js';
import type { SqlAnalyzer, SqlDialect } from '../sql-analyzer.js';

/** The folders and files where local database servers keep their unix sockets by default. */
const LOCAL_SOCKET =
  /^(?:\/(?:var\/)?run\/(?:postgresql|mysqld|mariadb|mysql)(?:\/[\w.-]+)?|\/tmp(?:\/(?:\.s\.PGSQL\.\d+|mysqld?\.sock))?|\/var\/lib\/mysql\/mysql\.sock|\/var\/pgsql_socket)\/?$/;

/** The server a host option or connect string names: `tcp:10.1.1.5,1433`, `https://trino.x:8443`, `u/p@//h:1521/S`. */
function hostOf(text: string): string | undefined {
  if (isLoopback(text)) return text; // `::1` has colons of its own
  const url = urlHost(text.replace(/^jdbc:/, ''));
  if (url !== undefined) return url;
  const afterAt = text.includes('@') ? text.slice(text.lastIndexOf('@') + 1) : text;
  const host = afterAt.replace(/^tcp:/i, '').replace(/^\/\//, '').split(/[,:/]/)[0];
  return host === '' ? undefined : host;
}

/** Where a database client connects, from its options, a URL argument or the usual variables. */
function clientHints(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  shape: ClientShape,
  words: string[],
): EnvironmentHints {
  const hints: EnvironmentHints = {};
  const url =
    words.find((w) => /^[a-z+]+:\/\//i.test(w)) ??
    (shape.dialect === 'postgres' ? envVar(command, surroundings, 'DATABASE_URL') : undefined);
  const named = serverOption(command.args, shape.hostOptions);
  const connect =
    shape.positional === 'connect' ? words[0] : shape.positional === 'host' ? words[0] : undefined;
  const host =
    (named !== undefined ? hostOf(named) : undefined) ??
    (connect !== undefined ? hostOf(connect) : undefined) ??
    (url !== undefined ? urlHost(url) : undefined) ??
    (shape.hostVariable !== undefined ? envVar(command, surroundings, shape.hostVariable) : undefined);
  const database =
    optionValue(command.args, shape.dbOptions) ??
    (url !== undefined ? urlPath(url) : undefined) ??
    (shape.positional === undefined || shape.positional.startsWith('database')
      ? words.find((w) => !/^[a-z+]+:\/\//i.test(w))
      : undefined) ??
    (shape.dialect === 'postgres' ? envVar(command, surroundings, 'PGDATABASE') : undefined);
  // a unix socket of the local server (`psql -h /var/run/postgresql`, `mysql -S /run/mysqld/mysqld.sock`)
  const socket =
    (named?.startsWith('/') === true ? named : undefined) ??
    optionValue(command.args, shape.socketOptions ?? []) ??
    (shape.hostVariable !== undefined && named === undefined
      ? envVar(command, surroundings, shape.hostVariable)
      : undefined);
  if (socket !== undefined && socket.startsWith('/') && shape.dialect !== 'sqlite') {
    if (database !== undefined) hints.database = database;
    hints.local = true;
    if (LOCAL_SOCKET.test(socket) && command.remote === undefined && !namesSharedPlace(command))
      hints.localTarget = `${socket}, the local database server's socket`;
    return hints;
  }
  if (shape.dialect === 'sqlite') {
    if (database !== undefined) hints.path = database;
    hints.local = true;
    // a database file named as a test or dev one (`db/test.sqlite3`, `tmp/dev.db`) on this machine is the
    // local dev stack's, as a `*_test` database on the local server is
    const word = database !== undefined && !namesSharedPlace(command) ? testOrDevWord(database) : undefined;
    if (word !== undefined && command.remote === undefined)
      hints.localTarget = `${database}, a ${word} database file on this machine`;
  } else {
    if (host !== undefined) hints.host = host;
    else if (command.remote === undefined) hints.local = true;
    if (database !== undefined) hints.database = database;
  }
  return hints;
}

/**
 * The operation kind of a destructive statement: an emptying (an overwrite of a table's rows is one), a write
 * elsewhere, or a delete (`CREATE OR REPLACE TABLE` drops the old table). Not `replace`, which is infrastructure's
 * delete-and-recreate.
 */
function statementKind(kind: string): Operation['kind'] {
  if (kind.startsWith('TRUNCATE') || kind === 'DELETE' || kind === 'INSERT OVERWRITE') return 'truncate';
  if (kind === 'UPDATE' || kind === 'COPY TO' || kind === 'INSERT OVERWRITE DIRECTORY') return 'write';
  return 'delete';
}

/**
 * Where a lake or object-store location is: a bucket's name, fixed by its owners, names its environment by the
 * word rule (`s3://acme-prod-lake/…` is prod); a URL with a host (`abfss://c@acct.dfs…`, `hdfs://nn:8020/…`) by
 * that host as well.
 */
export function storeHints(location: string): EnvironmentHints {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:([^@/]*)@)?([^/?#]*)/i.exec(location);
  if (m === null) return {};
  const scheme = (m[1] ?? '').toLowerCase();
  const authority = m[3] ?? '';
  if (/^(?:https?|hdfs|webhdfs)$/.test(scheme)) return authority === '' ? {} : { host: authority };
  // abfss://container@account.dfs.core.windows.net: the account's host and the container's name
  const container = m[2];
  const hints: EnvironmentHints = { namedTarget: container ?? authority };
  if (container !== undefined && authority !== '') hints.host = authority;
  return hints;
}

/** Runs SQL text through the analyzer and keeps the destructive statements as operations. */
export function sqlOperations(
  command: SimpleCommand,
  analyzer: SqlAnalyzer,
  sql: string,
  dialect: SqlDialect,
  hints: EnvironmentHints,
): Operation[] {
  // client meta-commands (\dt, .tables) are not SQL
  const text = sql
    .split('\n')
    .filter((line) => !/^\s*[\\.]/.test(line))
    .join('\n');
  if (text.trim() === '') return [];
  const result = analyzer.analyze(text, dialect);
  const ops: Operation[] = [];
  for (const statement of result.statements) {
    if (!statement.destructive) continue;
    // a statement writing into a lake or object store acts where that location is, not on the client's database
    const stored = statement.location !== undefined ? storeHints(statement.location) : undefined;
    const where = hints.host ?? command.remote?.host ?? hints.path ?? 'the local server';
    ops.push(
      operation(command, {
        kind: statementKind(statement.kind),
        category: 'sql',
        destructive: true,
        reversible: statement.reversible,
        target: statement.location ?? statement.object ?? statement.kind,
        summary:
          stored !== undefined
            ? statement.summary
            : `${statement.summary} on ${hints.database !== undefined ? `database ${hints.database} at ` : ''}${where}`,
        hints: stored ?? hints,
      }),
    );
  }
  if (result.statements.length === 0 && result.errors.length > 0) {
    ops.push(unknownSql(command, `SQL that could not be read (${result.errors[0] ?? 'parse error'})`, hints));
  }
  return ops;
}

function unknownSql(command: SimpleCommand, what: string, hints: EnvironmentHints): Operation {
  return operation(command, {
    kind: 'unknown',
    category: 'sql',
    destructive: true,
    reversible: false,
    target: what,
    summary: `${command.name} runs ${what}`,
    hints,
  });
}

/** The words after the client's subcommand (`bq query …` → `…`); undefined when the subcommand is another one. */
function clientArgs(command: SimpleCommand, shape: ClientShape): string[] | undefined {
  if (shape.sub === undefined) return command.args;
  const at = command.args.findIndex((a) => !a.startsWith('-'));
  return at >= 0 && shape.sub.includes(command.args[at] ?? '') ? command.args.slice(at + 1) : undefined;
}

/**
 * SQL through any door of a database client: an option (`-c`, `-e`, `--execute`, `--query` …), positional
 * text, a heredoc, here-string or known pipe, and a file (`-f`, `< file`) read as it stands now. SQL that
 * cannot be known (a computed argument, an unreadable file, an unknown pipe) is held.
 */
export function createSqlClientClassifier(deps: ClassifierDeps): CommandClassifier {
  const analyzer = deps.sql;
  return function classifySqlClient(command, surroundings) {
    const shape = CLIENTS[command.name];
    if (shape === undefined) return [];
    const args = clientArgs(command, shape);
    if (args === undefined) return [];
    // a dry run only checks the SQL (`bq query --dry_run`): nothing runs
    if (shape.previewOptions?.some((o) => args.includes(o)) === true) return [];
    const view = args === command.args ? command : { ...command, args };
    const words = positionals(args, shape.valued);
    const texts: string[] = [];
    let computed = false;
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      const own = shape.sqlOptions.includes(args[i - 1] ?? '') ? arg : undefined;
      const joined = shape.sqlOptions.find((o) => arg.startsWith(o + '=') && o.startsWith('--'));
      const text = own ?? (joined !== undefined ? arg.slice(joined.length + 1) : undefined);
      if (text === undefined) continue;
      const index = args === command.args ? i : command.args.length - args.length + i;
      if (command.dynamicArgs.includes(index) && /\$\(|`/.test(text)) computed = true;
      else texts.push(text);
    }
    let dbWords = words;
    if (shape.positional === 'database-then-sql' && words.length > 1) {
      texts.push(words.slice(1).join(' '));
      dbWords = words.slice(0, 1);
    } else if (shape.positional === 'sql') {
      texts.push(words.join(' '));
      dbWords = [];
    }
    const hints = clientHints(view, surroundings, shape, dbWords);
    if (command.stdin !== undefined) texts.push(command.stdin);
    const ops = texts.flatMap((sql) => sqlOperations(command, analyzer, sql, shape.dialect, hints));
    if (computed) ops.push(unknownSql(command, 'SQL computed when the command runs', hints));
    const sourced = /^(?:source|\\i|\\include|@)\s*(\S+)/m.exec(texts.join('\n'))?.[1];
    const file =
      optionValue(args, shape.fileOptions) ??
      command.redirects.find((r) => r.op === '<')?.target ??
      sourced ??
      (shape.positional === 'connect' ? words.find((w) => w.startsWith('@'))?.slice(1) : undefined);
    if (file !== undefined && file !== '/dev/null')
      ops.push(...sqlFileOperations(command, surroundings, deps, file, shape, hints));
    if (command.pipedFrom.length > 0 && texts.length === 0 && command.stdin === undefined) {
      ops.push(unknownSql(command, `SQL piped from ${command.pipedFrom[0] ?? 'another command'}`, hints));
    }
    // a file database under a temp dir (`sqlite3 /tmp/t.db`) is disposable, like any file there (DESIGN)
    if (shape.dialect === 'sqlite' && hints.path !== undefined && !computed) {
      const { zone } = pathZone(hints.path, command, surroundings);
      if (zone === 'temp')
        return ops.map((op) =>
          op.kind === 'unknown' || op.target.includes('://')
            ? op
            : { ...op, destructive: false, reversible: true },
        );
    }
    return ops;
  };
}

/** SQL in a file the client runs, judged as the file stands now; a file that cannot be read is held. */
function sqlFileOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: ClassifierDeps,
  file: string,
  shape: ClientShape,
  hints: EnvironmentHints,
): Operation[] {
  const path = command.remote === undefined ? resolvePath(file, surroundings, false) : undefined;
  const read = path !== undefined ? deps.readRunFile?.(path) : undefined;
  if (read?.kind === 'text')
    return sqlOperations(command, deps.sql, read.text, shape.dialect, hints).map((op) => ({
      ...op,
      summary: `${file}: ${op.summary}`,
    }));
  // a file that does not exist yet may be written later on the line or by something running beside it
  const why =
    read?.kind === 'too-large'
      ? 'larger than blastwall reads'
      : read?.kind === 'missing'
        ? 'which does not exist when the command is decided'
        : 'which blastwall cannot read before it runs';
  return [unknownSql(command, `SQL from ${file}, ${why}`, hints)];
}
