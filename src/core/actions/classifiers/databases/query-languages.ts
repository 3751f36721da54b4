import type { CommandClassifier, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { optionValue, optionValues, positionals, serverOption, urlHost } from '../args.js';
import { envVar } from '../operation.js';
import { whereRestrictsNothing } from '../where.js';
import { dbOp } from './databases.js';

// Query languages other than SQL, read as the SQL clients are: the statement a client is handed says whether it
// destroys (Cypher `MATCH (n) DETACH DELETE n`, ArangoDB `db._drop("orders")`, Aerospike `truncate-namespace`),
// and the server the line names says where. A read (`MATCH … RETURN`, `db.c.find()`, `asinfo -v namespaces`) and a
// deletion a WHERE truly restricts stay allowed, as `DELETE FROM t WHERE id = 5` does in SQL.

/** The server a host option or URL names (`neo4j+s://neo4j.prod:7687`, `ssl://arango.prod:8529`, `as1:3000`). */
function serverHost(value: string): string {
  return urlHost(value) ?? value.replace(/^\[|\](:\d+)?$/g, '').split(':')[0] ?? value;
}

/** Hints for a client: the server named, else this machine (unless the command itself runs elsewhere). */
function serverHints(command: SimpleCommand, host: string | undefined, database?: string): EnvironmentHints {
  return {
    ...(host !== undefined
      ? { host: serverHost(host) }
      : command.remote === undefined
        ? { local: true }
        : {}),
    ...(database !== undefined ? { database } : {}),
  };
}

/** `where` for a summary: the server named, the remote machine, or this one. */
function place(command: SimpleCommand, hints: EnvironmentHints): string {
  return hints.host ?? command.remote?.host ?? 'the local server';
}

// --- Cypher (Neo4j, Memgraph, any openCypher store) ---

const CYPHER_DROP =
  /\b(?:DROP\s+(?:COMPOSITE\s+)?(?:DATABASE|CONSTRAINT|INDEX|ALIAS|USER|ROLE)|CREATE\s+OR\s+REPLACE\s+DATABASE)\b/i;
const CYPHER_DELETE = /\b(?:DETACH\s+)?DELETE\b/i;
/** The clauses that end a WHERE in Cypher. */
const CYPHER_WHERE =
  /\bWHERE\b([\s\S]*?)(?=\b(?:DETACH|DELETE|WITH|RETURN|SET|REMOVE|MATCH|CALL|UNWIND)\b|$)/gi;

/** Strings blanked so their words are not read as clauses (`WHERE n.note = 'DELETE me'`). */
function blankStrings(text: string): string {
  return text.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, "'s'");
}

/** A MATCH pattern that names its nodes by a property (`(u:User {id: 5})`): the deletion is restricted to them. */
function propertyPattern(statement: string): boolean {
  return /\(\s*\w*(?::[`\w]+)*\s*\{\s*[`\w]+\s*:/.test(statement);
}

/**
 * What a Cypher text destroys, or undefined: DROP of a database, constraint, index, user or role, and a DELETE
 * whose MATCH no WHERE (or one that restricts nothing, `WHERE true`) and no property pattern narrows. A label alone
 * (`MATCH (n:Session) DELETE n`) is a whole table's worth, as `DELETE FROM sessions` is. Without `schema`, an index
 * or constraint dropped is not counted: through a door that does not say its language, `DROP INDEX` is as likely
 * SQL, where the SQL reading judges it (and finds it harmless).
 */
export function cypherDestroys(text: string, schema = true): string | undefined {
  for (const statement of blankStrings(text).split(';')) {
    const drop = CYPHER_DROP.exec(statement);
    if (drop !== null && (schema || !/INDEX|CONSTRAINT/i.test(drop[0])))
      return drop[0].replace(/\s+/g, ' ').toUpperCase();
    const del = CYPHER_DELETE.exec(statement);
    if (del === null || !/\bMATCH\b/i.test(statement)) continue;
    const wheres = [...statement.matchAll(CYPHER_WHERE)].map((m) => m[1] ?? '');
    const restricted =
      propertyPattern(statement) || wheres.some((clause) => !whereRestrictsNothing(`WHERE ${clause}`));
    if (!restricted)
      return `${del[0].replace(/\s+/g, ' ').toUpperCase()} ${wheres.length > 0 ? 'with a WHERE that restricts nothing' : 'of every node matched, without WHERE'}`;
  }
  return undefined;
}

/** cypher-shell: the Cypher of its positional words or stdin, on the server of `-a` / `--address` / NEO4J_URI. */
export const classifyCypherShell: CommandClassifier = (command, surroundings) => {
  const valued = new Set([
    '-a',
    '--address',
    '--uri',
    '-u',
    '--username',
    '-p',
    '--password',
    '-d',
    '--database',
    '--format',
    '-f',
    '--file',
    '-P',
    '--param',
    '--encryption',
    '--access-mode',
    '--impersonate',
    '--idle-timeout',
    '--log',
  ]);
  const code = [...positionals(command.args, valued), command.stdin ?? ''].join('\n');
  const found = cypherDestroys(code);
  if (found === undefined) return [];
  const host =
    serverOption(command.args, ['-a', '--address', '--uri']) ??
    envVar(command, surroundings, 'NEO4J_ADDRESS') ??
    envVar(command, surroundings, 'NEO4J_URI');
  const hints = serverHints(command, host, optionValue(command.args, ['-d', '--database']));
  return [
    dbOp(
      command,
      /^DROP/.test(found) ? 'delete' : 'truncate',
      hints.database ?? 'the graph',
      `${command.name} runs Cypher ${found} on ${place(command, hints)}`,
      hints,
    ),
  ];
};

/**
 * neo4j-admin: loading or importing over an existing database (`--overwrite-destination`, 4.x `load --force`)
 * replaces its data, and `unbind` throws away the server's cluster state. It works on the files of the machine it
 * runs on.
 */
export const classifyNeo4jAdmin: CommandClassifier = (command) => {
  const words = positionals(command.args);
  const overwrites =
    command.args.some((a) => /^--overwrite-destination(?:=true)?$/.test(a)) ||
    (words.some((w) => w === 'load' || w === 'import') && command.args.includes('--force'));
  const unbinds = words.includes('unbind');
  if (!overwrites && !unbinds) return [];
  const hints = serverHints(command, undefined);
  const what = unbinds
    ? 'unbind throws away the cluster state'
    : `${words.join(' ')} overwrites the database`;
  return [dbOp(command, unbinds ? 'delete' : 'replace', words.join(' '), `neo4j-admin ${what}`, hints)];
};

// --- ArangoDB (arangosh JavaScript and the AQL it runs) ---

const ARANGO_JS =
  /\bdb\._(?:drop(?:Database|View)?|truncate)\s*\(|\.(?:truncate|drop)\s*\(|\.removeByExample\s*\(\s*\{\s*\}|\b_graphs?\._drop\s*\(|\bgraph_module\._drop\s*\(/;

/** AQL that removes every document of a loop no FILTER narrows (`FOR d IN orders REMOVE d IN orders`). */
function aqlRemovesAll(text: string): boolean {
  const loop = /\bFOR\s+(\w+)\s+IN\s+[`\w]+/i.exec(text);
  if (loop === null) return false;
  const variable = loop[1] ?? '';
  if (!new RegExp(`\\bREMOVE\\s+${variable}\\b`, 'i').test(text)) return false;
  const filters = [...text.matchAll(/\bFILTER\b([\s\S]*?)(?=\b(?:REMOVE|FOR|LET|SORT|LIMIT|RETURN)\b|$)/gi)];
  return filters.every((m) => whereRestrictsNothing(`WHERE ${m[1] ?? ''}`));
}

/** What ArangoDB JavaScript (or AQL inside it) destroys, or undefined. */
export function arangoDestroys(text: string): string | undefined {
  const js = ARANGO_JS.exec(text);
  if (js !== null) return js[0].replace(/\s*\($/, '').replace(/\s*\(\s*\{\s*\}$/, '({})');
  return aqlRemovesAll(text) ? 'AQL REMOVE of every document, without FILTER' : undefined;
}

/** arangosh: `--javascript.execute-string` or stdin, on the server of `--server.endpoint`. */
export const classifyArangosh: CommandClassifier = (command, surroundings) => {
  const code = [...optionValues(command.args, ['--javascript.execute-string']), command.stdin ?? ''].join(
    '\n',
  );
  const found = arangoDestroys(code);
  if (found === undefined) return [];
  const host =
    serverOption(command.args, ['--server.endpoint']) ?? envVar(command, surroundings, 'ARANGO_ENDPOINT');
  const hints = serverHints(command, host, optionValue(command.args, ['--server.database']));
  return [
    dbOp(
      command,
      'delete',
      hints.database ?? 'a database',
      `arangosh runs ${found} on ${place(command, hints)}`,
      hints,
    ),
  ];
};

// --- Aerospike (asinfo info commands, asadm manage, aql) ---

/** Info commands that lose data or indexes: truncate, truncate-namespace, sindex-delete, udf-remove (not the -undo). */
const ASINFO_DESTRUCTIVE = /^(truncate(?:-namespace)?|sindex-delete|udf-remove)(?=[:;]|$)/i;
/** asadm `manage` commands that lose data, indexes or code. */
const ASADM_DESTRUCTIVE = /\bmanage\s+(truncate|sindex\s+delete|udfs\s+remove|roster\s+remove)\b/i;
/** aql statements that lose data: TRUNCATE, DROP INDEX, REMOVE MODULE, and a DELETE whose WHERE restricts nothing. */
function aqlDestroys(text: string): string | undefined {
  for (const statement of blankStrings(text).split(/;|\n/)) {
    const s = statement.trim();
    const head = /^(TRUNCATE|DROP\s+INDEX|REMOVE\s+MODULE)\b/i.exec(s);
    if (head !== null) return head[1]?.replace(/\s+/g, ' ').toUpperCase();
    if (/^DELETE\b/i.test(s) && (!/\bWHERE\b/i.test(s) || whereRestrictsNothing(s)))
      return 'DELETE without a restricting WHERE';
  }
  return undefined;
}

/** asinfo / asadm / aql: what each is handed, on the server of `-h` / `--host`. */
export const classifyAerospike: CommandClassifier = (command) => {
  let found: string | undefined;
  if (command.name === 'asinfo') {
    const value = optionValues(command.args, ['-v', '--value']).find((v) =>
      ASINFO_DESTRUCTIVE.test(v.trim()),
    );
    found = value === undefined ? undefined : ASINFO_DESTRUCTIVE.exec(value.trim())?.[1];
  } else if (command.name === 'asadm') {
    found = ASADM_DESTRUCTIVE.exec(optionValues(command.args, ['-e', '--execute']).join('\n'))?.[0];
  } else {
    found = aqlDestroys([...optionValues(command.args, ['-c', '--command']), command.stdin ?? ''].join('\n'));
  }
  if (found === undefined) return [];
  const hints = serverHints(command, serverOption(command.args, ['-h', '--host']));
  return [
    dbOp(command, 'truncate', found, `${command.name} runs ${found} on ${place(command, hints)}`, hints),
  ];
};

// --- Cassandra / Scylla node administration ---

/** nodetool verbs that lose data or backups, or take a node out of the ring. */
const NODETOOL_DESTRUCTIVE: Record<string, Operation['kind']> = {
  clearsnapshot: 'delete',
  truncatehints: 'delete',
  removenode: 'delete',
  decommission: 'delete',
  assassinate: 'delete',
  resetlocalschema: 'delete',
  drain: 'stop',
  stopdaemon: 'stop',
};

/** nodetool (Cassandra, Scylla): its verb, on the node of `-h` / `--host` (this machine when none is named). */
export const classifyNodetool: CommandClassifier = (command) => {
  const words = positionals(
    command.args,
    new Set([
      '-h',
      '--host',
      '-p',
      '--port',
      '-u',
      '--username',
      '-pw',
      '--password',
      '-pwf',
      '--password-file',
    ]),
  );
  const verb = words.find((w) => Object.hasOwn(NODETOOL_DESTRUCTIVE, w.toLowerCase()))?.toLowerCase();
  if (verb === undefined) return [];
  const hints = serverHints(command, serverOption(command.args, ['-h', '--host']));
  return [
    dbOp(
      command,
      NODETOOL_DESTRUCTIVE[verb] ?? 'delete',
      verb,
      `nodetool ${verb} on ${place(command, hints)}`,
      hints,
    ),
  ];
};

/**
 * Store-shell JavaScript as a door that does not say which store reads it: `.drop()` and `.truncate()` only with
 * empty parentheses, so a data frame's `df.drop('a', axis=1)` in `python -c` is not read as a collection dropped.
 */
const DOOR_JS =
  /\b(?:dropDatabase|dropCollection|dropAllUsers)\s*\(|\bdb\._(?:drop\w*|truncate)\s*\(|\.(?:drop|truncate)\s*\(\s*\)|\b(?:deleteMany|remove)\s*\(\s*\{\s*\}\s*\)/;

/** What a non-SQL query text destroys in any of the languages read here (for doors that do not say which). */
export function queryDestroys(text: string): string | undefined {
  const js = DOOR_JS.exec(text);
  if (js !== null) return `${js[0].replace(/\s*\($/, '').trim()} (store shell JavaScript)`;
  const cypher = cypherDestroys(text, false);
  if (cypher !== undefined) return `${cypher} (Cypher)`;
  return aqlRemovesAll(text) ? 'AQL REMOVE of every document, without FILTER' : undefined;
}
