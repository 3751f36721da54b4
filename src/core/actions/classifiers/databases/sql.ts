import type {
  ActionSurroundings,
  CommandClassifier,
  EnvironmentHints,
  Operation,
  SimpleCommand,
} from '../../types.js';
import { optionValue, positionals, urlHost, urlPath } from '../args.js';
import { envVar, operation } from '../operation.js';
import type { SqlAnalyzer, SqlDialect } from '../sql-analyzer.js';

interface ClientShape {
  dialect: SqlDialect;
  sqlOptions: string[];
  fileOptions: string[];
  hostOptions: string[];
  dbOptions: string[];
  valued: Set<string>;
}

const PSQL: ClientShape = {
  dialect: 'postgres',
  sqlOptions: ['-c', '--command'],
  fileOptions: ['-f', '--file'],
  hostOptions: ['-h', '--host'],
  dbOptions: ['-d', '--dbname'],
  valued: new Set([
    '-c',
    '--command',
    '-f',
    '--file',
    '-h',
    '--host',
    '-d',
    '--dbname',
    '-U',
    '--username',
    '-p',
    '--port',
    '-v',
    '--set',
    '-o',
    '--output',
    '-P',
    '-F',
    '-R',
    '-T',
    '-L',
  ]),
};
const MYSQL: ClientShape = {
  dialect: 'mysql',
  sqlOptions: ['-e', '--execute'],
  fileOptions: [],
  hostOptions: ['-h', '--host'],
  dbOptions: ['-D', '--database'],
  valued: new Set([
    '-e',
    '--execute',
    '-h',
    '--host',
    '-D',
    '--database',
    '-u',
    '--user',
    '-P',
    '--port',
    '-S',
    '--socket',
  ]),
};
const SQLITE: ClientShape = {
  dialect: 'sqlite',
  sqlOptions: ['-cmd'],
  fileOptions: [],
  hostOptions: [],
  dbOptions: [],
  valued: new Set(['-cmd', '-separator', '-nullvalue', '-newline']),
};
const CLIENTS: Record<string, ClientShape> = {
  psql: PSQL,
  mysql: MYSQL,
  mariadb: MYSQL,
  sqlite3: SQLITE,
  sqlite: SQLITE,
};

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
  const host =
    optionValue(command.args, shape.hostOptions) ??
    (url !== undefined ? urlHost(url) : undefined) ??
    (shape.dialect === 'postgres'
      ? envVar(command, surroundings, 'PGHOST')
      : envVar(command, surroundings, 'MYSQL_HOST'));
  const database =
    optionValue(command.args, shape.dbOptions) ??
    (url !== undefined ? urlPath(url) : undefined) ??
    words.find((w) => !/^[a-z+]+:\/\//i.test(w)) ??
    (shape.dialect === 'postgres' ? envVar(command, surroundings, 'PGDATABASE') : undefined);
  if (shape.dialect === 'sqlite') {
    if (database !== undefined) hints.path = database;
    hints.local = true;
  } else {
    if (host !== undefined) hints.host = host;
    else if (command.remote === undefined) hints.local = true;
    if (database !== undefined) hints.database = database;
  }
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
    const kind =
      statement.kind.startsWith('TRUNCATE') || statement.kind === 'DELETE'
        ? 'truncate'
        : statement.kind === 'UPDATE'
          ? 'write'
          : 'delete';
    const where = hints.host ?? command.remote?.host ?? hints.path ?? 'the local server';
    ops.push(
      operation(command, {
        kind,
        category: 'sql',
        destructive: true,
        reversible: statement.reversible,
        target: statement.object ?? statement.kind,
        summary: `${statement.summary} on ${hints.database !== undefined ? `database ${hints.database} at ` : ''}${where}`,
        hints,
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

/** psql / mysql / mariadb / sqlite3: SQL from options, positional text, heredocs or here-strings. */
export function createSqlClientClassifier(analyzer: SqlAnalyzer): CommandClassifier {
  return function classifySqlClient(command, surroundings) {
    const shape = CLIENTS[command.name];
    if (shape === undefined) return [];
    const words = positionals(command.args, shape.valued);
    const texts = [
      ...command.args.flatMap((_, i) =>
        shape.sqlOptions.includes(command.args[i - 1] ?? '') ? [command.args[i] ?? ''] : [],
      ),
    ];
    for (const arg of command.args)
      for (const opt of shape.sqlOptions)
        if (opt.startsWith('--') && arg.startsWith(opt + '=')) texts.push(arg.slice(opt.length + 1));
    let dbWords = words;
    if (shape.dialect === 'sqlite' && words.length > 1) {
      texts.push(words.slice(1).join(' '));
      dbWords = words.slice(0, 1);
    }
    const hints = clientHints(command, surroundings, shape, dbWords);
    if (command.stdin !== undefined) texts.push(command.stdin);
    const ops = texts.flatMap((sql) => sqlOperations(command, analyzer, sql, shape.dialect, hints));
    const file =
      optionValue(command.args, shape.fileOptions) ?? command.redirects.find((r) => r.op === '<')?.target;
    if (file !== undefined && file !== '/dev/null')
      ops.push(unknownSql(command, `SQL from ${file}, which blastwall cannot read before it runs`, hints));
    if (command.pipedFrom.length > 0 && texts.length === 0 && command.stdin === undefined) {
      ops.push(unknownSql(command, `SQL piped from ${command.pipedFrom[0] ?? 'another command'}`, hints));
    }
    return ops;
  };
}
