import { isLoopback } from '../../environment.js';
import type { Operation, SimpleCommand } from '../../types.js';
import { sqlOperations } from '../databases/sql.js';
import { CLIENTS } from '../databases/sql-clients.js';
import type { SqlAnalyzer } from '../sql-analyzer.js';
import { hostHints } from './hosts.js';

// SQL through any door: a tool no SQL family knows (`wrangler d1 execute db --command 'DROP TABLE x'`,
// `turso db shell db "DELETE FROM t"`, an in-house `dbctl query …`) still hands its statement to a database.
// The value of an option that carries a statement, or a statement-shaped argument after an execute-like
// verb, goes to the SQL classifier; a message or title (`git commit -m`) is no door.

/** Options whose value is a statement to run. */
const SQL_OPTIONS = new Set([
  '--command',
  '-c',
  '-e',
  '--execute',
  '--query',
  '-q',
  '--sql',
  // Athena's start-query-execution
  '--query-string',
  '--statement',
  '--eval',
]);
/** Verbs after which an argument is a statement to run. */
const RUN_VERBS = new Set(['execute', 'exec', 'query', 'sql', 'shell', 'run', 'eval']);
const STATEMENT =
  /^\s*(?:DROP\s|TRUNCATE\s|DELETE\s+FROM\s|ALTER\s+(?:TABLE|DATABASE|SCHEMA|ROLE|USER)\s|UPDATE\s+\S+\s+SET\s|GRANT\s|REVOKE\s|CREATE\s+OR\s+REPLACE\s)/i;

/**
 * The texts a command carries to run: the value of one of `options`, and every non-option argument after one of
 * `verbs`. SQL and the other query languages (query-doors.ts) read their statements through the same doors.
 */
export function carriedTexts(
  args: readonly string[],
  options: ReadonlySet<string>,
  verbs: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  let verbSeen = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const option = eq > 0 ? arg.slice(0, eq) : arg;
    if (options.has(option)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value !== undefined) out.push(value);
      continue;
    }
    if (verbs.has(arg)) verbSeen = true;
    else if (verbSeen && !arg.startsWith('-')) out.push(arg);
  }
  return out;
}

/** The statements a command carries through an option or after an execute-like verb. */
function statements(args: readonly string[]): string[] {
  return carriedTexts(args, SQL_OPTIONS, RUN_VERBS).filter((text) => STATEMENT.test(text));
}

/**
 * The tools whose own CLI documents `--local` as "act on the local copy of the database on this machine", by the
 * subcommands it means that for: wrangler's D1 (`wrangler d1 execute db --local`, its miniflare copy). Any other
 * tool's `--local` is a word the agent can append and proves nothing: `turso db shell` has no such flag, and an
 * in-house `dbctl query … --local` may mean anything. (supabase's `--local` is read by its own classifier,
 * databases.ts; none of its commands hands a statement through these doors.)
 */
const LOCAL_FLAG_TOOLS: Readonly<Record<string, readonly string[]>> = {
  wrangler: ['d1'],
};

/** An option that takes the command off its local copy, whatever order yargs reads it in. */
const NOT_LOCAL = /^--(?:remote(?:=|$)|no-local$|local=(?!true$))/;

/**
 * Whether `--local` on this command selects the tool's local copy: a tool of LOCAL_FLAG_TOOLS whose first word is
 * one of its subcommands (a global option before it is not read, so that order stays held), and nothing that
 * takes it remote.
 */
function selectsLocalCopy(tool: SimpleCommand): boolean {
  const subcommands = Object.hasOwn(LOCAL_FLAG_TOOLS, tool.name) ? LOCAL_FLAG_TOOLS[tool.name] : undefined;
  if (subcommands === undefined || !subcommands.includes(tool.args[0] ?? '')) return false;
  // yargs reads `--remote=true` and `--local=false` / `--no-local` too: any of those and it is not the local copy
  return tool.args.includes('--local') && !tool.args.some((arg) => NOT_LOCAL.test(arg));
}

/**
 * SQL a command carries that no SQL client classifier read, judged as SQL against a database not known. `runs` is
 * what a package runner runs (`npx wrangler …`), when the command is one.
 */
export function sqlThroughAnyDoor(
  command: SimpleCommand,
  analyzer: SqlAnalyzer,
  runs: SimpleCommand | undefined,
): Operation[] {
  // a SQL client's own classifier has judged its statement, on the database it names
  if (Object.hasOwn(CLIENTS, command.name) || (runs !== undefined && Object.hasOwn(CLIENTS, runs.name)))
    return [];
  const found = statements(command.args);
  if (found.length === 0) return [];
  const hints = hostHints(command.args, isLoopback);
  // `--local` of a tool that documents it runs against the tool's local copy, whatever the database's binding is
  // called; a host named on the line wins
  const tool = runs ?? command;
  if (hints.host === undefined && selectsLocalCopy(tool))
    hints.localTarget = `${tool.name} --local, the tool's local copy on this machine`;
  return found.flatMap((sql) =>
    sqlOperations(command, analyzer, sql, 'postgres', hints).map((op) => ({
      ...op,
      summary: `${command.name} runs SQL: ${op.summary}`,
    })),
  );
}
