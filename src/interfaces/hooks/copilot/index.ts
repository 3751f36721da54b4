import { stringField } from '../fields.js';
import { readPayload } from '../payload.js';
import { commandAction, editorAction, mcpAction, originOf, splitMcpName } from '../tool-operations.js';
import type { HookAction, HookAdapter, HookContext, HookResponse, HookVerdict } from '../types.js';
import { copilotPayload } from './schema.js';

const SHELL_TOOLS = new Set(['bash', 'powershell', 'pwsh', 'shell']);
const WRITE_TOOLS = new Set(['edit', 'create', 'write', 'str_replace_editor']);

/**
 * GitHub Copilot CLI and coding agent: a `preToolUse` hook (`.github/hooks/*.json`). Answers
 * `{"permissionDecision": "ask"|"deny", "permissionDecisionReason"}` on stdout; empty output keeps Copilot's own
 * behaviour. Errors answer deny and exit 2: Copilot denies the call on any non-zero exit.
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
  if (mcp) return mcpAction(mcp.server, mcp.tool, args, origin);
  return { kind: 'pass' };
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
  const permissionDecision = verdict.kind === 'ask' ? 'ask' : 'deny';
  const stdout = `${JSON.stringify({ permissionDecision, permissionDecisionReason: verdict.reason })}\n`;
  if (verdict.kind === 'error') return { exitCode: 2, stdout, stderr: `${verdict.reason}\n` };
  return { exitCode: 0, stdout, stderr: '' };
}
