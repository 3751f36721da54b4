import { readPayload } from '../payload.js';
import {
  commandAction,
  editorAction,
  mcpAction,
  originOf,
  splitMcpName,
  withEvent,
} from '../tool-operations.js';
import type { HookAction, HookAdapter, HookContext, HookResponse, HookVerdict } from '../types.js';
import { heldAsBlock } from '../verdict.js';
import { cursorPayload, type CursorPayload } from './schema.js';

/**
 * Cursor: `beforeShellExecution`, `beforeMCPExecution` and `beforeReadFile` hooks (`.cursor/hooks.json`). Answers
 * `{"permission": "allow"|"ask"|"deny", "user_message", "agent_message"}`; `beforeReadFile` knows no "ask", so a hold
 * is a deny there. Errors answer deny and exit 2, which Cursor also treats as a block.
 */
export const cursor: HookAdapter = {
  id: 'cursor',
  parse: parseCursor,
  render: renderCursor,
};

function parseCursor(raw: string, context: HookContext): HookAction {
  const payload = readPayload(raw, cursorPayload);
  if (!payload.ok) return { kind: 'invalid', message: payload.message };
  const value = payload.value;
  const event = value.hook_event_name;
  const origin = originOf(
    'cursor',
    context,
    value.cwd ?? value.workspace_roots?.[0],
    value.conversation_id,
    value.workspace_roots?.[0],
  );
  if (event === 'beforeShellExecution') {
    if (value.command === undefined)
      return { kind: 'invalid', message: 'beforeShellExecution payload has no command' };
    return withEvent(commandAction(value.command, origin), event);
  }
  if (event === 'beforeMCPExecution') {
    if (value.tool_name === undefined)
      return { kind: 'invalid', message: 'beforeMCPExecution payload has no tool_name' };
    const args = mcpArguments(value);
    if (args === undefined) return { kind: 'invalid', message: 'beforeMCPExecution tool_input is not JSON' };
    const named = splitMcpName(value.tool_name);
    const server = named?.server ?? serverOf(value);
    return withEvent(mcpAction(server, named?.tool ?? value.tool_name, args, origin, context), event);
  }
  if (event === 'beforeReadFile') {
    if (value.file_path === undefined)
      return { kind: 'invalid', message: 'beforeReadFile payload has no file_path' };
    return withEvent(
      editorAction('read', [{ path: value.file_path, access: 'read' }], origin, context),
      event,
    );
  }
  return {
    kind: 'invalid',
    message: `unsupported Cursor hook event "${event}" (configure blastwall on beforeShellExecution, beforeMCPExecution, beforeReadFile)`,
  };
}

function mcpArguments(value: CursorPayload): unknown {
  if (typeof value.tool_input !== 'string') return value.tool_input ?? {};
  try {
    return JSON.parse(value.tool_input) as unknown;
  } catch {
    return undefined;
  }
}

// Cursor names only the tool; the server is known by its URL or launch command.
function serverOf(value: CursorPayload): string {
  return value.url ?? value.command ?? 'unknown-server';
}

function renderCursor(verdict: HookVerdict, action?: HookAction): HookResponse {
  if (verdict.kind === 'allow')
    return { exitCode: 0, stdout: `${JSON.stringify({ permission: 'allow' })}\n`, stderr: '' };
  const canAsk = action !== undefined && 'event' in action && action.event !== 'beforeReadFile';
  const permission = verdict.kind === 'ask' && canAsk ? 'ask' : 'deny';
  const reason = verdict.kind === 'ask' && !canAsk ? heldAsBlock(verdict.reason) : verdict.reason;
  const stdout = `${JSON.stringify({ permission, user_message: reason, agent_message: reason })}\n`;
  if (verdict.kind === 'error') return { exitCode: 2, stdout, stderr: `${verdict.reason}\n` };
  return { exitCode: 0, stdout, stderr: '' };
}
