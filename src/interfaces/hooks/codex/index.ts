import { patchFiles, stringField } from '../fields.js';
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
import { heldAsBlock } from '../verdict.js';
import { codexPayload } from './schema.js';

// Codex reports shell-like tools as Bash; apply_patch carries the patch body in tool_input.command.
const PATCH_TOOLS = new Set(['apply_patch', 'Edit', 'Write']);

/**
 * OpenAI Codex CLI: a `PreToolUse` command hook (`.codex/hooks.json`). Codex's PreToolUse honours only a block, so
 * holds and denials exit 2 with the reason on stderr, which Codex shows to the model; errors do the same.
 */
export const codex: HookAdapter = {
  id: 'codex',
  parse: parseCodex,
  render: renderCodex,
};

function parseCodex(raw: string, context: HookContext): HookAction {
  const payload = readPayload(raw, codexPayload);
  if (!payload.ok) return { kind: 'invalid', message: payload.message };
  const { hook_event_name: event, tool_name: tool, tool_input: input } = payload.value;
  if (event !== 'PreToolUse')
    return {
      kind: 'invalid',
      message: `unsupported Codex hook event "${event}" (configure blastwall on PreToolUse)`,
    };
  if (tool === undefined) return { kind: 'invalid', message: 'PreToolUse payload has no tool_name' };
  const origin = originOf('codex', context, payload.value.cwd, payload.value.session_id);
  if (tool === 'Bash') {
    const command = stringField(input, 'command');
    return command === undefined
      ? { kind: 'invalid', message: 'Bash tool_input has no command' }
      : commandAction(command, origin);
  }
  if (PATCH_TOOLS.has(tool)) {
    const patch = stringField(input, 'command', 'patch', 'input');
    const files = patch === undefined ? [] : patchFiles(patch);
    if (files.length === 0)
      return { kind: 'invalid', message: `${tool} input names no file, so what it writes cannot be checked` };
    return editorAction('apply_patch', files, origin, context);
  }
  const mcp = splitMcpName(tool);
  if (mcp) return mcpAction(mcp.server, mcp.tool, input ?? {}, origin, context);
  return otherToolAction(tool, input ?? {}, origin, context);
}

function renderCodex(verdict: HookVerdict): HookResponse {
  if (verdict.kind === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
  const reason = verdict.kind === 'ask' ? heldAsBlock(verdict.reason) : verdict.reason;
  return { exitCode: 2, stdout: '', stderr: `${reason}\n` };
}
