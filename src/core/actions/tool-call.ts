import type { EnvironmentHints, Operation, OperationKind } from './types.js';
import { environmentHints, named, type EnvironmentArguments } from './tool-call-hints.js';
import {
  DEFAULT_COMMAND_ARGUMENTS,
  DEFAULT_SQL_ARGUMENTS,
  LOOKS_LIKE_SQL,
  MAYBE_SQL_ARGUMENTS,
  READ,
  SEVERITY,
  SQL_START,
  VERBS,
  WRITE,
  type Verb,
} from './tool-call-vocabulary.js';

export { HINT_KEYS, type HintKey } from './tool-call-hints.js';

/** The behaviour hints an MCP server declares for a tool; hints, never trusted to lower a classification that says otherwise. */
export interface ToolAnnotations {
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** What `blastwall.yaml` says about one tool (by glob): the operation it performs and how reversibly. */
export interface ToolMapping {
  operation: OperationKind;
  reversible?: boolean;
  destructive?: boolean;
  summary?: string;
}

/** Per-server classification settings from the `mcp.servers.<name>` section of `blastwall.yaml`. */
export interface ServerMappings {
  /** Tool-name glob (`*`, `?`) → mapping; the first glob that matches wins. */
  tools?: Record<string, ToolMapping>;
  /** Arguments that always hold SQL. */
  sqlArguments?: string[];
  /** Arguments that always hold a shell command line. */
  commandArguments?: string[];
  /** Arguments that name an environment; a list of names (kind guessed from the name) or name → hint kind. */
  environmentArguments?: EnvironmentArguments;
}

/** One MCP tool call to classify. */
export interface ToolCall {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  annotations?: ToolAnnotations;
  mappings?: ServerMappings;
}

/** Classifiers the tool-call classifier delegates to; injected so core stays free of parsers' I/O and the proxy chooses them. */
export interface ToolCallDeps {
  /** Operations of a SQL text (none for harmless reads); throws or returns `unknown` for what it cannot read. */
  classifySql?: (sql: string, context: { database?: string }) => Operation[];
  /** Operations of a shell command line. */
  classifyShell?: (commandLine: string) => Operation[];
  /** What a path names of blastwall's or an agent's own guardrails (config, policies, hook settings), if anything. */
  guardedPath?: (path: string) => string | undefined;
}

/** Classifies one MCP tool call into the operations it would perform; never returns an empty list. */
export function classifyToolCall(call: ToolCall, deps: ToolCallDeps = {}): Operation[] {
  const source = describeToolCall(call.server, call.tool, call.args);
  const hints = environmentHints(call.args, call.mappings);
  const target = targetOf(call);
  const inner = innerOperations(call, deps, hints, source);
  const named = nameOperation(call, inner.length > 0);
  const operations: Operation[] = [...inner];
  if (named)
    // Explicit fields, not a spread of `named`: in an isolated loop (--trace-gc) the spread kept its helper
    // objects alive through minor GCs, which lengthened the MCP gateway's GC pauses.
    operations.unshift({
      kind: named.kind,
      destructive: named.destructive,
      reversible: named.reversible,
      category: 'mcp',
      target,
      hints,
      source,
      summary: summarize(call, named.kind, named.note),
    });
  const decided = applyAnnotations(operations, call, target, hints, source);
  return [...guardedPathOperations(call, decided, deps, hints, source), ...decided];
}

/**
 * A tool that writes, moves or deletes files (a filesystem server's `write_file`, `move_file`, `edit_file`, an
 * editor's `create_text_file`, a patch tool) must not touch the agent's own guardrails: the same self-protection
 * as shell commands and editor tools. Reads stay free.
 */
function guardedPathOperations(
  call: ToolCall,
  decided: Operation[],
  deps: ToolCallDeps,
  hints: Operation['hints'],
  source: string,
): Operation[] {
  if (!deps.guardedPath || decided.every((op) => op.kind === 'read')) return [];
  return guardedToolPaths(call.args, deps.guardedPath).map(({ path, what }) => ({
    kind: 'write',
    category: 'self-protection',
    destructive: true,
    reversible: true,
    selfProtection: true,
    target: path,
    summary: `${call.tool} on ${path} (${what})`,
    hints,
    source,
  }));
}

// Words of an argument's name that say it holds a file: `path`, `file_path`, `relative_path`, `pathInProject`,
// `destination`, `uri`, `files[].path` …, whatever the server calls it.
const PATH_WORDS = new Set([
  'path',
  'paths',
  'file',
  'files',
  'filename',
  'filenames',
  'filepath',
  'filepaths',
  'uri',
  'uris',
  'dest',
  'destination',
  'target',
  'source',
  'src',
  'from',
  'to',
  'dir',
  'directory',
  'folder',
  'notebook',
]);
// How far into nested arguments (`files: [{ path }]`, `operations[].path`) paths are looked for.
const MAX_DEPTH = 4;
const MAX_VALUES = 256;

/**
 * The guarded files a tool call's arguments name, wherever they sit: every argument whose name says it holds a
 * path, nested objects and lists included, and the files a patch argument writes (`*** Add File:`, `+++ b/x`).
 * The tool's verb decides elsewhere whether it writes; this says what it would reach. `guardedPath` resolves
 * one path as written (relative, `~`, `file://`, links) and names what it guards.
 */
export function guardedToolPaths(
  args: Record<string, unknown>,
  guardedPath: (path: string) => string | undefined,
): { path: string; what: string }[] {
  const found = new Map<string, string>();
  let seen = 0;
  const check = (path: string): void => {
    if (found.has(path)) return;
    const what = guardedPath(path);
    if (what !== undefined) found.set(path, what);
  };
  const visit = (value: unknown, named: boolean, depth: number): void => {
    if (seen++ > MAX_VALUES) return;
    if (typeof value === 'string') {
      if (value === '') return;
      if (named && !value.includes('\n')) check(value);
      for (const file of patchTargets(value)) check(file);
      return;
    }
    if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, named, depth + 1);
      return;
    }
    for (const [key, inner] of Object.entries(value as Record<string, unknown>))
      visit(inner, namesAPath(key), depth + 1);
  };
  visit(args, false, 0);
  return [...found].map(([path, what]) => ({ path, what }));
}

function namesAPath(key: string): boolean {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => PATH_WORDS.has(word));
}

/**
 * The files a patch writes: an apply_patch body (`*** Add File:`, `*** Update File:`, `*** Delete File:`,
 * `*** Move to:`) or a unified diff (`--- a/x`, `+++ b/x`, `diff --git a/x b/x`), with and without the `a/`, `b/`.
 */
export function patchTargets(text: string): string[] {
  if (!text.includes('\n')) return [];
  const out = new Set<string>();
  for (const match of text.matchAll(/^\*\*\* (?:(?:Add|Update|Delete) File|Move to): (.+)$/gm))
    if (match[1]) out.add(match[1].trim());
  for (const match of text.matchAll(
    /^(?:\+\+\+|---) ([^\t\n]+)|^diff --git a\/(\S+) b\/(\S+)|^rename (?:from|to) (.+)$/gm,
  )) {
    for (const raw of [match[1], match[2], match[3], match[4]]) {
      const file = raw?.trim();
      if (file === undefined || file === '/dev/null' || file === '') continue;
      out.add(file);
      if (/^[ab]\//.test(file)) out.add(file.slice(2));
    }
  }
  return [...out];
}

/** What to show a person for a tool call: `mcp__server__tool {"arg":…}`, cut short when long. */
export function describeToolCall(server: string, tool: string, args: Record<string, unknown>): string {
  const json = JSON.stringify(args) ?? '{}';
  return `mcp__${server}__${tool} ${json.length > 300 ? `${json.slice(0, 297)}...` : json}`;
}

type Named = Verb & { note?: string };

function nameOperation(call: ToolCall, hasInner: boolean): Named | undefined {
  const mapped = mappedTool(call.tool, call.mappings);
  if (mapped) {
    const destructive = mapped.destructive ?? SEVERITY[mapped.operation] >= SEVERITY.stop;
    return {
      kind: mapped.operation,
      destructive,
      reversible: mapped.reversible ?? !destructive,
      note: mapped.summary ?? 'as mapped in blastwall.yaml',
    };
  }
  const verb = verbOf(call.tool);
  // A tool like `run_query` or `query` is described by what its SQL or command does, not by its name.
  if (hasInner && (!verb || verb.kind === 'read')) return undefined;
  if (verb) return verb;
  if (call.annotations?.readOnlyHint === true && call.annotations.destructiveHint !== true)
    return { ...READ, note: 'declared read-only by its server' };
  if (call.annotations?.readOnlyHint === false && call.annotations.destructiveHint === false)
    return { ...WRITE, note: 'declared non-destructive by its server' };
  // Unknown: held in a protected environment rather than denied, hence reversible.
  return { kind: 'unknown', destructive: true, reversible: true, note: 'what this tool does is not known' };
}

function mappedTool(tool: string, mappings: ServerMappings | undefined): ToolMapping | undefined {
  for (const [glob, mapping] of Object.entries(mappings?.tools ?? {})) {
    if (globToRegExp(glob).test(tool)) return mapping;
  }
  return undefined;
}

/** The most severe verb among the words of a tool name (`deleteVolume`, `s3-delete-bucket`, `rds.drop_db`). */
function verbOf(tool: string): Verb | undefined {
  const words = tool
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  let best: Verb | undefined;
  for (const word of words) {
    const verb = VERBS[word];
    if (verb && (!best || SEVERITY[verb.kind] > SEVERITY[best.kind])) best = verb;
  }
  return best;
}

function innerOperations(
  call: ToolCall,
  deps: ToolCallDeps,
  hints: EnvironmentHints,
  source: string,
): Operation[] {
  const operations: Operation[] = [];
  const sqlNames = call.mappings?.sqlArguments;
  const commandNames = call.mappings?.commandArguments;
  for (const [name, value] of Object.entries(call.args)) {
    const key = name.toLowerCase();
    const text = textOf(value);
    if (text === undefined || text.trim() === '') continue;
    const isSql =
      DEFAULT_SQL_ARGUMENTS.has(key) ||
      named(sqlNames, key) ||
      (MAYBE_SQL_ARGUMENTS.has(key) && LOOKS_LIKE_SQL.test(text));
    if (isSql) operations.push(...sqlOperations(text, deps, hints, source));
    else if (DEFAULT_COMMAND_ARGUMENTS.has(key) || named(commandNames, key))
      operations.push(...shellOperations(value, text, deps, hints, source));
  }
  return operations;
}

function sqlOperations(
  sql: string,
  deps: ToolCallDeps,
  hints: EnvironmentHints,
  source: string,
): Operation[] {
  const found = deps.classifySql
    ? deps.classifySql(sql, hints.database !== undefined ? { database: hints.database } : {})
    : fallbackSql(sql, source);
  const withHints = found.map((op) => ({ ...op, hints: { ...hints, ...op.hints }, source }));
  // A statement the SQL classifier finds harmless is still a read, so the call is not "unknown".
  return withHints.length > 0
    ? withHints
    : [
        {
          kind: 'read',
          category: 'sql',
          destructive: false,
          reversible: true,
          target: hints.database ?? '',
          summary: `SQL: ${oneLine(sql)}`,
          hints,
          source,
        },
      ];
}

function shellOperations(
  value: unknown,
  text: string,
  deps: ToolCallDeps,
  hints: EnvironmentHints,
  source: string,
): Operation[] {
  const line = Array.isArray(value) ? value.map((word) => shellQuote(String(word))).join(' ') : text;
  if (!deps.classifyShell) {
    return [
      {
        kind: 'execute',
        category: 'process',
        destructive: true,
        reversible: true,
        target: oneLine(line),
        summary: `runs a shell command that could not be classified: ${oneLine(line)}`,
        hints,
        source,
      },
    ];
  }
  const found = deps.classifyShell(line).map((op) => ({ ...op, hints: { ...hints, ...op.hints }, source }));
  return found.length > 0
    ? found
    : [
        {
          kind: 'read',
          category: 'process',
          destructive: false,
          reversible: true,
          target: oneLine(line),
          summary: `runs ${oneLine(line)}`,
          hints,
          source,
        },
      ];
}

// Keyword fallback for when no SQL parser is wired in: errs towards destructive.
function fallbackSql(sql: string, source: string): Operation[] {
  const match = SQL_START.exec(sql);
  const verb = match?.[1]?.toLowerCase() ?? '';
  const several = /;\s*\S/.test(sql.replace(/;\s*$/, ''));
  const reads = ['select', 'show', 'explain', 'describe', 'with'];
  if (
    reads.includes(verb) &&
    !several &&
    !/\b(drop|delete|truncate|update|insert|alter|grant|revoke)\b/i.test(sql)
  )
    return [];
  const kind: OperationKind = /\b(drop|delete)\b/i.test(sql)
    ? 'delete'
    : /\btruncate\b/i.test(sql)
      ? 'truncate'
      : 'unknown';
  return [
    {
      kind,
      category: 'sql',
      destructive: true,
      reversible: kind === 'unknown',
      target: '',
      summary: `SQL that was not parsed: ${oneLine(sql)}`,
      hints: {},
      source,
    },
  ];
}

function applyAnnotations(
  operations: Operation[],
  call: ToolCall,
  target: string,
  hints: EnvironmentHints,
  source: string,
): Operation[] {
  const annotations = call.annotations ?? {};
  const destructive = operations.some((op) => op.destructive);
  let result = operations;
  if (annotations.destructiveHint === true && !destructive) {
    // The server itself says the tool destroys something: at least destructive, held rather than denied.
    result = operations.map((op) => ({
      ...op,
      destructive: true,
      summary: `${op.summary} (declared destructive by its server)`,
    }));
  }
  if (annotations.readOnlyHint === true && destructive) {
    result = result.map((op) =>
      op.destructive ? { ...op, summary: `${op.summary} (its server claims it is read-only)` } : op,
    );
  }
  if (result.length > 0) return result;
  return [
    {
      kind: 'unknown',
      category: 'mcp',
      destructive: true,
      reversible: true,
      target,
      summary: summarize(call, 'unknown', 'nothing could be classified'),
      hints,
      source,
    },
  ];
}

const TARGET_ARGUMENT =
  /(^|_)(id|name|arn|path|table|bucket|volume|instance|resource|key|uri|namespace|cluster|database)$/i;

function targetOf(call: ToolCall): string {
  for (const [name, value] of Object.entries(call.args)) {
    if ((typeof value === 'string' || typeof value === 'number') && TARGET_ARGUMENT.test(name))
      return `${call.server}/${call.tool} ${name}=${String(value)}`;
  }
  return `${call.server}/${call.tool}`;
}

function summarize(call: ToolCall, kind: OperationKind, note?: string): string {
  return `MCP tool ${call.tool} on server ${call.server}: ${kind}${note ? ` (${note})` : ''}`;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(' ');
  return undefined;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** `delete_*` → /^delete_.*$/; only `*` and `?` are special, since tool names have no paths. */
function globToRegExp(glob: string): RegExp {
  const cached = GLOBS.get(glob);
  if (cached) return cached;
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const compiled = new RegExp(`^${body}$`, 'i');
  // Globs come from one config file, so this cache stays small.
  if (GLOBS.size < 1000) GLOBS.set(glob, compiled);
  return compiled;
}

const GLOBS = new Map<string, RegExp>();
