import path from 'node:path';
import { classifyEditorAccess, type EditorAccess } from '../../core/actions/editor-tools.js';
import { guardedPlaceFor } from '../../core/actions/guarded-paths.js';
import { classifyToolCall, describeToolCall } from '../../core/actions/tool-call.js';
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

/** An MCP tool call classified by its name, arguments (SQL, commands, environment names) and the core's verb table. */
export function mcpToolOperations(server: string, tool: string, args: unknown): Operation[] {
  return classifyToolCall({ server, tool, args: asRecord(args) });
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
      ...mcpToolOperations(server, tool, args),
      ...mcpSecretReads(`mcp__${server}__${tool}`, record, origin, context),
    ],
    origin,
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
