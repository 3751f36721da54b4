/** SQL dialects the analyzer understands. */
export type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

/** One analysed SQL statement. */
export interface SqlStatementInfo {
  /** Statement kind in upper case words: `DROP TABLE`, `DELETE`, `SELECT` … */
  kind: string;
  /** The object it acts on (table, database, schema), when known. */
  object?: string;
  /** Where the statement writes outside its database, when it names it (`COPY … TO 's3://lake/x.parquet'`). */
  location?: string;
  destructive: boolean;
  reversible: boolean;
  /** Plain words, e.g. "DELETE FROM users without WHERE". */
  summary: string;
}

/** Reads SQL text into statements; declared here so core never imports a SQL parser. */
export interface SqlAnalyzer {
  analyze(sql: string, dialect: SqlDialect): { statements: SqlStatementInfo[]; errors: string[] };
}

export type { ClassifierDeps } from './deps.js';
