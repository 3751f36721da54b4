import { realPathOf } from '../../adapters/host/run-files.js';
import { guardedPlaceFor, guardedWriteReason } from '../../core/actions/guarded-paths.js';
import type { ToolCallDeps } from '../../core/actions/tool-call.js';
import type { SqlAnalyzer, SqlDialect } from '../../core/actions/classifiers/sql-analyzer.js';
import type {
  ActionSurroundings,
  CommandClassifier,
  Operation,
  ShellParser,
} from '../../core/actions/types.js';
import { noNeeds, productionOperations } from '../../core/actions/production.js';
import { createSqlAnalyzer } from '../../adapters/sql/index.js';
import { createClassification } from '../../app/classification.js';
import { findRepoRoot } from '../../app/workspace.js';

/** A SQL classifier for tool arguments, built on the shared SQL analyzer. */
export function sqlClassifierFrom(
  analyzer: SqlAnalyzer,
  dialect: SqlDialect = 'postgres',
): NonNullable<ToolCallDeps['classifySql']> {
  return function classifyToolSql(sql, context) {
    const hints = context.database !== undefined ? { database: context.database } : {};
    const result = analyzer.analyze(sql, dialect);
    const operations: Operation[] = [];
    for (const statement of result.statements) {
      if (!statement.destructive) continue;
      const kind =
        statement.kind.startsWith('TRUNCATE') || statement.kind === 'DELETE'
          ? 'truncate'
          : statement.kind === 'UPDATE'
            ? 'write'
            : 'delete';
      operations.push({
        kind,
        category: 'sql',
        destructive: true,
        reversible: statement.reversible,
        target: statement.object ?? statement.kind,
        summary: statement.summary,
        hints,
        source: sql,
      });
    }
    if (operations.length === 0 && result.errors.length > 0) {
      // SQL that does not parse is never allowed silently: held in a protected environment.
      operations.push({
        kind: 'unknown',
        category: 'sql',
        destructive: true,
        reversible: true,
        target: 'SQL',
        summary: `SQL that could not be read (${result.errors[0] ?? 'parse error'})`,
        hints,
        source: sql,
      });
    }
    return operations;
  };
}

/** A shell classifier for tool arguments: the shared parser, then the shared command classifier on every command it finds. */
export function shellClassifierFrom(
  parser: ShellParser,
  classify: CommandClassifier,
  surroundings: ActionSurroundings | (() => ActionSurroundings),
): NonNullable<ToolCallDeps['classifyShell']> {
  return function classifyToolShell(line) {
    const parsed = parser.parse(line);
    const where = typeof surroundings === 'function' ? surroundings() : surroundings;
    const operations: Operation[] = parsed.commands.flatMap((command) => classify(command, where));
    const problems = [...parsed.errors, ...parsed.unknowable];
    if (problems.length > 0) {
      // What cannot be read or known before it runs is held, never allowed.
      operations.push({
        kind: 'unknown',
        category: 'process',
        destructive: true,
        reversible: true,
        target: line,
        summary: `a command that cannot be known before it runs: ${problems.join('; ')}`,
        hints: {},
        source: line,
      });
    }
    return operations;
  };
}

/** The SQL and shell classifiers of the agent gate, for the arguments of tool calls. */
export async function loadClassifiers(
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<ToolCallDeps> {
  const analyzer = await createSqlAnalyzer();
  // The same wiring as the agent gate's (app/classification.ts), surroundings refresh included.
  const classification = createClassification({ sql: analyzer, workspace: findRepoRoot(cwd), env });
  const place = guardedPlaceFor(classification.surroundingsFor(cwd));
  // Deploys, pushes to the default branch and identity rewrites as the gate sees them; with no dry-run or change
  // check here, a deploy into a protected environment and a push to the default branch are held.
  const production = {
    deps: classification.deps,
    rules: { protectedBranches: [] },
    services: new Set<string>(),
  };
  const classify: CommandClassifier = (command, surroundings) => [
    ...classification.classify(command, surroundings),
    ...productionOperations(command, surroundings, production, noNeeds()),
  ];
  return {
    // the same guarded-path check as the hooks' editor and MCP tools: `~`, `file://`, `..` and links resolved
    guardedPath: (target) => guardedWriteReason(target, { cwd, place, realPath: realPathOf })?.what,
    classifySql: sqlClassifierFrom(analyzer),
    classifyShell: shellClassifierFrom(classification.parser, classify, () =>
      classification.surroundingsFor(cwd),
    ),
  };
}
