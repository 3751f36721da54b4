import path from 'node:path';
import { realPathOf } from '../../adapters/host/run-files.js';
import { classifyEditorAccess, type EditorAccess } from '../../core/actions/editor-tools.js';
import { guardedPlaceFor, guardedWriteReason } from '../../core/actions/guarded-paths.js';
import { classifyToolCall, describeToolCall, guardedToolPaths } from '../../core/actions/tool-call.js';
import { VERBS } from '../../core/actions/tool-call-vocabulary.js';
import type { Operation } from '../../core/actions/types.js';
import { mcpSecretReads } from './secret-reads.js';
import type { HookAction, HookContext } from './types.js';

/** What every hook action carries besides what to decide. */
export interface ActionOrigin {
  agent: string;
  cwd: string;
  workspace: string;
  sessionId?: string;
  onBehalfOf?: string;
}

/** Resolves where a payload's tool call happens: its cwd (or the hook's) and the workspace holding it. */
export function originOf(
  agent: string,
  context: HookContext,
  cwd: string | undefined,
  sessionId: string | undefined,
  workspace?: string,
): ActionOrigin {
  // Against the hook's cwd, not the process's: a warm hook daemon answers for clients in other directories.
  const dir = cwd === undefined ? context.cwd : path.resolve(context.cwd, cwd);
  return {
    agent,
    cwd: dir,
    workspace: workspace ?? context.workspaceOf(dir),
    ...(sessionId !== undefined ? { sessionId } : {}),
    ...(context.onBehalfOf !== undefined ? { onBehalfOf: context.onBehalfOf } : {}),
  };
}

/** A shell command for the gate. */
export function commandAction(command: string, origin: ActionOrigin): HookAction {
  const { workspace, ...rest } = origin;
  return { kind: 'command', request: { command, ...rest }, workspace };
}

/** Editor-tool file accesses (Write, Edit, apply_patch …): operations for the gate, or pass when none matter. */
export function editorAction(
  tool: string,
  files: { path: string; access: EditorAccess }[],
  origin: ActionOrigin,
  context: HookContext,
): HookAction {
  const place = {
    ...guardedPlaceFor({ workspace: origin.workspace, home: context.home, env: context.env }),
    cwd: origin.cwd,
    // a write lands where links lead: `notes.txt -> .claude/settings.json`, a folder linked to ~/.codex
    realPath: realPathOf,
  };
  const operations = files.flatMap((file) => classifyEditorAccess({ ...file, tool }, place));
  if (operations.length === 0) return { kind: 'pass' };
  return operationsAction(`${tool} ${files.map((file) => file.path).join(', ')}`, operations, origin);
}

/** Pre-classified operations for the gate. */
export function operationsAction(
  description: string,
  operations: Operation[],
  origin: ActionOrigin,
): HookAction {
  const { workspace, ...rest } = origin;
  return { kind: 'operations', request: { description, operations, ...rest }, workspace };
}

/**
 * The guarded-path check of the hooks' MCP and other tool calls: the same one as editor tools and the MCP gateway
 * (guardedWriteReason), resolved against the call's cwd, with links followed.
 */
export function guardedPathFor(
  origin: Pick<ActionOrigin, 'workspace' | 'cwd'>,
  context: Pick<HookContext, 'home' | 'env'>,
): (file: string) => string | undefined {
  const place = guardedPlaceFor({ workspace: origin.workspace, home: context.home, env: context.env });
  return (file) => guardedWriteReason(file, { cwd: origin.cwd, place, realPath: realPathOf })?.what;
}

/** An MCP tool call classified by its name, arguments (SQL, commands, environment names) and the core's verb table. */
export function mcpToolOperations(
  server: string,
  tool: string,
  args: unknown,
  guardedPath?: (file: string) => string | undefined,
): Operation[] {
  return classifyToolCall({ server, tool, args: asRecord(args) }, guardedPath ? { guardedPath } : {});
}

/** An MCP tool call as a hook action: its verb's operations, and any secret its path arguments would read. */
export function mcpAction(
  server: string,
  tool: string,
  args: unknown,
  origin: ActionOrigin,
  context: HookContext,
): HookAction {
  const record = asRecord(args);
  return operationsAction(
    describeToolCall(server, tool, record),
    [
      ...mcpToolOperations(server, tool, args, guardedPathFor(origin, context)),
      ...mcpSecretReads(`mcp__${server}__${tool}`, record, origin, context),
    ],
    origin,
  );
}

/**
 * A built-in tool the adapter does not know by name (Copilot's `apply_patch`, a tool added in a later release):
 * it passes unless its arguments name a guarded file — a path argument or a patch that writes one — and its name
 * is not a read's (`view`, `grep`). A new writer is then checked like the known ones, not waved through.
 */
export function otherToolAction(
  tool: string,
  args: unknown,
  origin: ActionOrigin,
  context: HookContext,
): HookAction {
  if (readsOnly(tool)) return { kind: 'pass' };
  const record = asRecord(args);
  const files = guardedToolPaths(record, guardedPathFor(origin, context)).map((found) => found.path);
  if (files.length === 0) return { kind: 'pass' };
  return editorAction(
    tool,
    files.map((file) => ({ path: file, access: 'write' as const })),
    origin,
    context,
  );
}

// A tool whose name has a read's verb and no writer's (`view`, `read_file`, `list_directory`, `grep`).
const READ_WORDS = new Set([
  'view',
  'read',
  'list',
  'ls',
  'grep',
  'glob',
  'search',
  'find',
  'get',
  'fetch',
  'cat',
]);
function readsOnly(tool: string): boolean {
  const words = tool
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return (
    words.some((w) => READ_WORDS.has(w)) &&
    !words.some((w) => VERBS[w] !== undefined && VERBS[w].kind !== 'read')
  );
}

/** Splits `mcp__<server>__<tool>` (Claude Code, Codex, Gemini naming); undefined for other tools. */
export function splitMcpName(name: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match?.[1] && match[2] ? { server: match[1], tool: match[2] } : undefined;
}

function asRecord(args: unknown): Record<string, unknown> {
  return args !== null && typeof args === 'object' && !Array.isArray(args)
    ? (args as Record<string, unknown>)
    : { value: args };
}

/** Tags an action with the agent event it came from, for agents whose answer depends on the event. */
export function withEvent(action: HookAction, event: string): HookAction {
  return action.kind === 'invalid' ? action : { ...action, event };
}
