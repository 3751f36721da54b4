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
import { heldAsBlock } from '../verdict.js';
import { copilotPayload } from './schema.js';

const SHELL_TOOLS = new Set(['bash', 'powershell', 'pwsh', 'shell']);
const WRITE_TOOLS = new Set(['edit', 'create', 'write', 'str_replace_editor']);

/**
 * GitHub Copilot CLI and coding agent: a `preToolUse` hook (`.github/hooks/*.json`). Answers
 * `{"permissionDecision": "deny", "permissionDecisionReason"}` on stdout for holds, denials and errors (exit 0);
 * empty output keeps Copilot's own behaviour.
 */
export const copilot: HookAdapter = {
  id: 'copilot',
  parse: parseCopilot,
  render: renderCopilot,
};

function parseCopilot(raw: string, context: HookContext): HookAction {
  const payload = readPayload(raw, copilotPayload);
  if (!payload.ok) return { kind: 'invalid', message: payload.message };
  const { toolName: tool } = payload.value;
  const args = argumentsOf(payload.value.toolArgs);
  if (args === undefined) return { kind: 'invalid', message: 'preToolUse toolArgs is not a JSON object' };
  const origin = originOf('copilot', context, payload.value.cwd, payload.value.sessionId);
  // write_bash types its input into a shell started earlier (bash in async mode): a command line like any other
  if (tool === 'write_bash') {
    const input = stringField(args, 'input');
    return input === undefined ? { kind: 'pass' } : commandAction(input.replace(/\{enter\}/g, '\n'), origin);
  }
  if (SHELL_TOOLS.has(tool)) {
    const command = stringField(args, 'command');
    return command === undefined
      ? { kind: 'invalid', message: `${tool} toolArgs has no command` }
      : commandAction(command, origin);
  }
  if (WRITE_TOOLS.has(tool)) {
    const file = stringField(args, 'path', 'file_path');
    if (file === undefined) return { kind: 'invalid', message: `${tool} toolArgs has no path` };
    return editorAction(tool, [{ path: file, access: 'write' }], origin, context);
  }
  if (tool === 'view') {
    const file = stringField(args, 'path', 'file_path');
    return file === undefined
      ? { kind: 'pass' }
      : editorAction(tool, [{ path: file, access: 'read' }], origin, context);
  }
  const mcp = splitMcpName(tool);
  if (mcp) return mcpAction(mcp.server, mcp.tool, args, origin, context);
  return otherToolAction(tool, args, origin, context);
}

function argumentsOf(
  toolArgs: string | Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (toolArgs === undefined) return {};
  if (typeof toolArgs !== 'string') return toolArgs;
  try {
    const parsed = JSON.parse(toolArgs) as unknown;
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function renderCopilot(verdict: HookVerdict): HookResponse {
  if (verdict.kind === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
  // Only "deny" is honoured everywhere Copilot runs hooks: "ask" is auto-approved by CLI 1.0.53–1.0.56
  // (github/copilot-cli#3590), ignored by the Copilot app (github/app#228), and the cloud agent has no one
  // to ask. So a hold is a deny whose reason says who can approve.
  const reason = verdict.kind === 'ask' ? heldAsBlock(verdict.reason) : verdict.reason;
  const stdout = `${JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: reason })}\n`;
  // Exit 0 even for errors: older CLIs read the answer only from a successful hook and never block on a
  // non-zero exit, while every version honours a "deny" on stdout.
  return { exitCode: 0, stdout, stderr: verdict.kind === 'error' ? `${verdict.reason}\n` : '' };
}
