import type { SqlDialect } from '../sql-analyzer.js';

/** How one SQL client takes its SQL, server and database. */
export interface ClientShape {
  dialect: SqlDialect;
  /** Subcommand words before the client's own options (`bq query`, `cockroach sql`, `clickhouse client`). */
  sub?: string[];
  sqlOptions: string[];
  fileOptions: string[];
  hostOptions: string[];
  dbOptions: string[];
  valued: Set<string>;
  /** What positional words are: a database, a database then SQL, SQL, a host (cqlsh), a connect string (sqlplus). */
  positional?: 'database' | 'database-then-sql' | 'sql' | 'host' | 'connect';
  /** The variables that name the server when no option does. */
  hostVariable?: string;
  /** Options that make the client only check its SQL, running nothing (`bq query --dry_run`). */
  previewOptions?: string[];
  /** Options naming the local server's unix socket (`mysql -S /run/mysqld/mysqld.sock`). */
  socketOptions?: string[];
}

function shape(
  dialect: SqlDialect,
  parts: Partial<Omit<ClientShape, 'valued'>> & { valued?: string[] },
): ClientShape {
  const sqlOptions = parts.sqlOptions ?? [];
  const fileOptions = parts.fileOptions ?? [];
  const hostOptions = parts.hostOptions ?? [];
  const dbOptions = parts.dbOptions ?? [];
  const valued = new Set([
    ...(parts.valued ?? []),
    ...sqlOptions,
    ...fileOptions,
    ...hostOptions,
    ...dbOptions,
  ]);
  return { ...parts, dialect, sqlOptions, fileOptions, hostOptions, dbOptions, valued };
}

const PSQL = shape('postgres', {
  sqlOptions: ['-c', '--command'],
  fileOptions: ['-f', '--file'],
  hostOptions: ['-h', '--host'],
  dbOptions: ['-d', '--dbname'],
  valued: ['-U', '--username', '-p', '--port', '-v', '--set', '-o', '--output', '-P', '-F', '-R', '-T', '-L'],
  hostVariable: 'PGHOST',
});
const MYSQL = shape('mysql', {
  sqlOptions: ['-e', '--execute'],
  hostOptions: ['-h', '--host'],
  dbOptions: ['-D', '--database'],
  valued: ['-u', '--user', '-P', '--port', '-S', '--socket', '-p'],
  hostVariable: 'MYSQL_HOST',
  socketOptions: ['-S', '--socket'],
});
const SQLITE = shape('sqlite', {
  sqlOptions: ['-cmd', '-c', '-e', '--execute'],
  valued: ['-separator', '-nullvalue', '-newline', '-init'],
  positional: 'database-then-sql',
});
// Clients whose SQL is not PostgreSQL's are read by the keyword reader (dialect 'mysql').
/** The SQL clients the SQL classifier reads, by command name. */
export const CLIENTS: Record<string, ClientShape> = {
  psql: PSQL,
  pgcli: PSQL,
  mysql: MYSQL,
  mariadb: MYSQL,
  mycli: MYSQL,
  sqlite3: SQLITE,
  sqlite: SQLITE,
  litecli: SQLITE,
  duckdb: SQLITE,
  usql: shape('postgres', {
    sqlOptions: ['-c', '--command'],
    fileOptions: ['-f', '--file'],
    positional: 'connect',
  }),
  sqlcmd: shape('mysql', {
    sqlOptions: ['-Q', '-q'],
    fileOptions: ['-i'],
    hostOptions: ['-S'],
    dbOptions: ['-d'],
    valued: ['-U', '-P', '-o'],
  }),
  snowsql: shape('mysql', {
    sqlOptions: ['-q', '--query'],
    fileOptions: ['-f', '--filename'],
    // `-c NAME` is a connection of ~/.snowsql/config: a name, read by warehouses/connections.ts
    hostOptions: ['-a', '--accountname'],
    valued: ['-u', '-s', '-w', '-r', '-c', '--connection'],
    dbOptions: ['-d', '--dbname'],
  }),
  bq: shape('mysql', {
    sub: ['query'],
    positional: 'sql',
    valued: ['--project_id', '--location', '--format', '--max_rows', '--parameter', '--destination_table'],
    previewOptions: ['--dry_run', '--dry_run=true', '--dryrun'],
  }),
  cqlsh: shape('mysql', {
    sqlOptions: ['-e', '--execute'],
    fileOptions: ['-f', '--file'],
    valued: ['-u', '-p', '-k', '--keyspace', '--cqlversion'],
    positional: 'host',
  }),
  'clickhouse-client': shape('mysql', {
    sqlOptions: ['-q', '--query'],
    fileOptions: ['--queries-file'],
    hostOptions: ['-h', '--host'],
    dbOptions: ['-d', '--database'],
    valued: ['-u', '--user', '--password', '--port'],
  }),
  clickhouse: shape('mysql', {
    sub: ['client'],
    sqlOptions: ['-q', '--query'],
    fileOptions: ['--queries-file'],
    hostOptions: ['-h', '--host'],
    dbOptions: ['-d', '--database'],
    valued: ['-u', '--user', '--password', '--port'],
  }),
  cockroach: shape('postgres', {
    sub: ['sql'],
    sqlOptions: ['-e', '--execute'],
    fileOptions: ['-f', '--file'],
    hostOptions: ['--host', '--url'],
    dbOptions: ['-d', '--database'],
    valued: ['-u', '--user', '--certs-dir'],
  }),
  trino: shape('mysql', {
    sqlOptions: ['--execute'],
    fileOptions: ['-f', '--file'],
    hostOptions: ['--server'],
    dbOptions: ['--catalog'],
    valued: ['--schema', '--user', '--output-format'],
  }),
  presto: shape('mysql', {
    sqlOptions: ['--execute'],
    fileOptions: ['-f', '--file'],
    hostOptions: ['--server'],
    dbOptions: ['--catalog'],
    valued: ['--schema', '--user', '--output-format'],
  }),
  'spark-sql': shape('mysql', { sqlOptions: ['-e'], fileOptions: ['-f'], valued: ['--master', '--conf'] }),
  beeline: shape('mysql', {
    sqlOptions: ['-e'],
    fileOptions: ['-f'],
    hostOptions: ['-u'],
    valued: ['-n', '-p'],
  }),
  hive: shape('mysql', { sqlOptions: ['-e'], fileOptions: ['-f'] }),
  'impala-shell': shape('mysql', {
    sqlOptions: ['-q', '--query'],
    fileOptions: ['-f', '--query_file'],
    hostOptions: ['-i', '--impalad'],
  }),
  influx: shape('mysql', {
    sqlOptions: ['-execute', '--execute', '-e'],
    hostOptions: ['-host', '--host'],
    dbOptions: ['-database', '--database'],
    valued: ['-port', '-username', '-password'],
  }),
  vsql: shape('mysql', {
    sqlOptions: ['-c', '--command'],
    fileOptions: ['-f', '--file'],
    hostOptions: ['-h', '--host'],
    dbOptions: ['-d', '--dbname'],
    valued: ['-U', '-w', '-p'],
  }),
  sqlplus: shape('mysql', { positional: 'connect' }),
  isql: shape('mysql', { positional: 'connect' }),
};

/** Names of the SQL clients read by the SQL classifier. */
export const SQL_CLIENTS = Object.keys(CLIENTS);
