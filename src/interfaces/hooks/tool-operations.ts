import { classifyEditorAccess, type EditorAccess } from '../../core/actions/editor-tools.js';
import type { Operation } from '../../core/actions/types.js';
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
export function originOf(agent: string, context: HookContext, cwd: string | undefined, sessionId: string | undefined, workspace?: string): ActionOrigin {
  const dir = cwd ?? context.cwd;
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
export function editorAction(tool: string, files: { path: string; access: EditorAccess }[], origin: ActionOrigin, context: HookContext): HookAction {
  const place = { workspace: origin.workspace, home: context.home, cwd: origin.cwd };
  const operations = files.flatMap((file) => classifyEditorAccess({ ...file, tool }, place));
  if (operations.length === 0) return { kind: 'pass' };
  return operationsAction(`${tool} ${files.map((file) => file.path).join(', ')}`, operations, origin);
}

/** Pre-classified operations for the gate. */
export function operationsAction(description: string, operations: Operation[], origin: ActionOrigin): HookAction {
  const { workspace, ...rest } = origin;
  return { kind: 'operations', request: { description, operations, ...rest }, workspace };
}

// Names that by convention only read; anything else is not known to be harmless.
const READ_ONLY_TOOL = /^(get|list|read|search|describe|show|fetch|find|view|query_schema)([_-]|$)/i;

/**
 * An MCP tool call the hook cannot classify further: a read by name convention, otherwise an unknown
 * operation marked destructive so the gate holds it for a person (reversible, so it is held rather than denied).
 */
export function mcpToolOperations(server: string, tool: string, args: unknown): Operation[] {
  const source = `mcp__${server}__${tool} ${safeJson(args)}`;
  if (READ_ONLY_TOOL.test(tool)) {
    return [{ kind: 'read', category: 'mcp', destructive: false, reversible: true, target: `${server}/${tool}`, summary: `MCP ${server}/${tool} (read by name)`, hints: {}, source }];
  }
  return [
    {
      kind: 'unknown',
      category: 'mcp',
      destructive: true,
      reversible: true,
      target: `${server}/${tool}`,
      summary: `MCP tool ${server}/${tool}, whose effect blastwall cannot tell before it runs`,
      hints: {},
      source,
    },
  ];
}

/** An MCP tool call as a hook action. */
export function mcpAction(server: string, tool: string, args: unknown, origin: ActionOrigin): HookAction {
  return operationsAction(`mcp__${server}__${tool} ${safeJson(args)}`, mcpToolOperations(server, tool, args), origin);
}

/** Splits `mcp__<server>__<tool>` (Claude Code, Codex, Gemini naming); undefined for other tools. */
export function splitMcpName(name: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match?.[1] && match[2] ? { server: match[1], tool: match[2] } : undefined;
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? '';
    return text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return '[unserialisable]';
  }
}

/** Tags an action with the agent event it came from, for agents whose answer depends on the event. */
export function withEvent(action: HookAction, event: string): HookAction {
  return action.kind === 'invalid' ? action : { ...action, event };
}
