import { isLoopback } from '../../environment.js';
import type { Operation, SimpleCommand } from '../../types.js';
import { dbOp } from '../databases/databases.js';
import { queryDestroys } from '../databases/query-languages.js';
import { CLIENTS } from '../databases/sql-clients.js';
import { hostHints } from './hosts.js';
import { carriedTexts } from './sql-doors.js';

// Query languages through any door, as SQL is (sql-doors.ts): a tool no family reads that hands a store a
// Cypher, MongoDB-shell or ArangoDB statement (`mgconsole` fed `MATCH (n) DETACH DELETE n`, an in-house
// `graphctl query "…"`, `foo --eval 'db.dropDatabase()'`) destroys as the store's own shell would.

/** Options whose value is a statement to run. */
const QUERY_OPTIONS = new Set([
  '--command',
  '-c',
  '-e',
  '--execute',
  '--query',
  '-q',
  '--eval',
  '--cypher',
  '--aql',
  '--javascript.execute-string',
]);
/** Verbs after which an argument is a statement to run. */
const RUN_VERBS = new Set(['execute', 'exec', 'query', 'shell', 'run', 'eval', 'cypher']);
/**
 * Tools whose `-e` / `-q` is a pattern or a message, not a statement; and shells and ssh, whose `-c` / command is
 * shell text the shell reader already splits into the commands it runs (each judged on its own).
 */
const NOT_DOORS = new Set([
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'sed',
  'git',
  'jq',
  'yq',
  'echo',
  'printf',
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'ash',
  'mksh',
  'fish',
  'ssh',
]);
/** An interactive shell of a service fed statements on stdin (`mgconsole`, `foo-shell`, `bar-cli`). */
const SHELL_NAME = /(?:cli|shell|console)(?:\.sh)?$/i;

/** The statements a command carries through an option, after an execute-like verb, or on a service shell's stdin. */
function statements(command: SimpleCommand): string[] {
  const out = carriedTexts(command.args, QUERY_OPTIONS, RUN_VERBS);
  if (command.stdin !== undefined && SHELL_NAME.test(command.name)) out.push(command.stdin);
  return out;
}

/** Non-SQL statements a command carries that no family's classifier read, judged against a store not known. */
export function queriesThroughAnyDoor(command: SimpleCommand): Operation[] {
  // a SQL client's own classifier has read its statement (`psql -c 'DROP INDEX old'` is SQL, not Cypher)
  if (NOT_DOORS.has(command.name) || Object.hasOwn(CLIENTS, command.name)) return [];
  for (const text of statements(command)) {
    const found = queryDestroys(text);
    if (found === undefined) continue;
    const hints = hostHints(command.args, isLoopback);
    return [
      dbOp(
        command,
        'delete',
        found,
        `${command.name} runs ${found} on ${hints.host ?? command.remote?.host ?? 'a store not named'}`,
        hints,
      ),
    ];
  }
  return [];
}
