import type { ToolCallDeps } from '../../core/actions/tool-call.js';
import type { ActionSurroundings, CommandClassifier, Operation, ShellParser, SimpleCommand } from '../../core/actions/types.js';

/** What this module uses of the shared SQL analyzer (declared here, so only its shape is depended on). */
export interface SqlAnalyzer {
  analyze(sql: string, dialect: SqlDialect): { statements: { kind: string; object?: string; destructive: boolean; reversible: boolean; summary: string }[]; errors: string[] };
}
type SqlDialect = 'postgres' | 'mysql' | 'sqlite';

/** A SQL classifier for tool arguments, built on the shared SQL analyzer. */
export function sqlClassifierFrom(analyzer: SqlAnalyzer, dialect: SqlDialect = 'postgres'): NonNullable<ToolCallDeps['classifySql']> {
  return function classifyToolSql(sql, context) {
    const hints = context.database !== undefined ? { database: context.database } : {};
    const result = analyzer.analyze(sql, dialect);
    const operations: Operation[] = [];
    for (const statement of result.statements) {
      if (!statement.destructive) continue;
      const kind = statement.kind.startsWith('TRUNCATE') || statement.kind === 'DELETE' ? 'truncate' : statement.kind === 'UPDATE' ? 'write' : 'delete';
      operations.push({ kind, category: 'sql', destructive: true, reversible: statement.reversible, target: statement.object ?? statement.kind, summary: statement.summary, hints, source: sql });
    }
    if (result.statements.length === 0 && result.errors.length > 0) {
      operations.push({ kind: 'unknown', category: 'sql', destructive: true, reversible: false, target: 'SQL', summary: `SQL that could not be read (${result.errors[0] ?? 'parse error'})`, hints, source: sql });
    }
    return operations;
  };
}

/** A shell classifier for tool arguments: the shared parser, then the shared command classifier on every command it finds. */
export function shellClassifierFrom(parser: ShellParser, classify: CommandClassifier, surroundings: ActionSurroundings): NonNullable<ToolCallDeps['classifyShell']> {
  return function classifyToolShell(line) {
    const parsed = parser.parse(line);
    const operations: Operation[] = parsed.commands.flatMap((command) => classify(command, surroundings));
    const problems = [...parsed.errors, ...parsed.unknowable];
    if (problems.length > 0) {
      // What cannot be read or known before it runs is held, never allowed.
      operations.push({ kind: 'unknown', category: 'process', destructive: true, reversible: true, target: line, summary: `a command that cannot be known before it runs: ${problems.join('; ')}`, hints: {}, source: line });
    }
    return operations;
  };
}

type ClassifyCommand = (command: SimpleCommand, surroundings: ActionSurroundings, deps: { sql: SqlAnalyzer }) => Operation[];

/** The SQL and shell classifiers, from whichever of the shared adapters are built; missing ones leave the core's conservative fallbacks. */
export async function loadClassifiers(cwd: string, env: Record<string, string | undefined>): Promise<ToolCallDeps> {
  const deps: ToolCallDeps = {};
  const sql = await optionalModule<{ createSqlAnalyzer?: () => SqlAnalyzer | Promise<SqlAnalyzer> }>('../../adapters/sql/index.js');
  const analyzer = sql?.createSqlAnalyzer ? await sql.createSqlAnalyzer() : undefined;
  if (analyzer) deps.classifySql = sqlClassifierFrom(analyzer);
  const shell = await optionalModule<{ createShellParser?: () => ShellParser }>('../../adapters/shell/index.js');
  const classifiers = await optionalModule<{ classifyCommand?: ClassifyCommand }>('../../core/actions/classifiers/index.js');
  const host = await optionalModule<{ readSurroundings?: (cwd: string, repo: string, env: Record<string, string | undefined>) => ActionSurroundings }>('../../adapters/host/surroundings.js');
  if (analyzer && shell?.createShellParser && classifiers?.classifyCommand && host?.readSurroundings) {
    const { classifyCommand } = classifiers;
    const classify: CommandClassifier = (command, surroundings) => classifyCommand(command, surroundings, { sql: analyzer });
    deps.classifyShell = shellClassifierFrom(shell.createShellParser(), classify, host.readSurroundings(cwd, cwd, env));
  }
  return deps;
}

async function optionalModule<T>(specifier: string): Promise<T | undefined> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw error;
  }
}
