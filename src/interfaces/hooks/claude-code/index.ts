import { stringField } from '../fields.js';
import { readPayload } from '../payload.js';
import {
  commandAction,
  editorAction,
  mcpAction,
  originOf,
  otherToolAction,
  splitMcpName,
} from '../tool-operations.js';
import type { HookAction, HookAdapter, HookContext, HookResponse, HookVerdict } from '../types.js';
import { claudeCodePayload } from './schema.js';

const EDIT_TOOLS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);

/**
 * Claude Code: a `PreToolUse` command hook. Answers with `hookSpecificOutput.permissionDecision` (`ask` for a hold,
 * `deny` for a denial) on stdout; errors exit 2, the only non-zero code Claude Code treats as a block.
 */
export const claudeCode: HookAdapter = {
  id: 'claude-code',
  parse: parseClaudeCode,
  render: renderClaudeCode,
};

function parseClaudeCode(raw: string, context: HookContext): HookAction {
  const payload = readPayload(raw, claudeCodePayload);
  if (!payload.ok) return { kind: 'invalid', message: payload.message };
  const { hook_event_name: event, tool_name: tool, tool_input: input } = payload.value;
  if (event !== 'PreToolUse')
    return {
      kind: 'invalid',
      message: `unsupported Claude Code hook event "${event}" (configure blastwall on PreToolUse)`,
    };
  if (tool === undefined) return { kind: 'invalid', message: 'PreToolUse payload has no tool_name' };
  // Claude Code sets CLAUDE_PROJECT_DIR for hooks: the workspace, even when the session has cd'ed elsewhere.
  const projectDir = context.env.CLAUDE_PROJECT_DIR;
  const origin = originOf(
    'claude-code',
    context,
    payload.value.cwd,
    payload.value.session_id,
    projectDir || undefined,
  );
  if (tool === 'Bash') {
    const command = stringField(input, 'command');
    return command === undefined
      ? { kind: 'invalid', message: 'Bash tool_input has no command' }
      : commandAction(command, origin);
  }
  if (EDIT_TOOLS.has(tool)) {
    const file = stringField(input, 'file_path', 'notebook_path');
    if (file === undefined) return { kind: 'invalid', message: `${tool} tool_input has no file_path` };
    return editorAction(tool, [{ path: file, access: 'write' }], origin, context);
  }
  if (tool === 'Read') {
    const file = stringField(input, 'file_path');
    return file === undefined
      ? { kind: 'pass' }
      : editorAction(tool, [{ path: file, access: 'read' }], origin, context);
  }
  const mcp = splitMcpName(tool);
  if (mcp) return mcpAction(mcp.server, mcp.tool, input ?? {}, origin, context);
  return otherToolAction(tool, input ?? {}, origin, context);
}

function renderClaudeCode(verdict: HookVerdict): HookResponse {
  if (verdict.kind === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
  if (verdict.kind === 'error') return { exitCode: 2, stdout: '', stderr: `${verdict.reason}\n` };
  const output = {
    hookSpecificOutput: {
      hookEventName: 'PreToolUse',
      permissionDecision: verdict.kind === 'ask' ? 'ask' : 'deny',
      permissionDecisionReason: verdict.reason,
    },
  };
  return { exitCode: 0, stdout: `${JSON.stringify(output)}\n`, stderr: '' };
}
