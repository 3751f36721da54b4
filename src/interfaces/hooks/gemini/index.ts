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
import { geminiPayload } from './schema.js';

const WRITE_TOOLS = new Set(['write_file', 'replace', 'edit']);

/**
 * Gemini CLI: a `BeforeTool` command hook (`.gemini/settings.json`). Answers `{"decision":"deny","reason":…}` on
 * stdout (the reason goes to the model as the tool's error) and, for a hold, `{"decision":"ask",…}`, which Gemini
 * CLI >= 0.36.0 puts to the person even in YOLO mode. Errors exit 2, Gemini's blocking code; other codes only warn.
 */
export const gemini: HookAdapter = {
  id: 'gemini',
  parse: parseGemini,
  render: renderGemini,
};

function parseGemini(raw: string, context: HookContext): HookAction {
  const payload = readPayload(raw, geminiPayload);
  if (!payload.ok) return { kind: 'invalid', message: payload.message };
  const { hook_event_name: event, tool_name: tool, tool_input: input } = payload.value;
  if (event !== 'BeforeTool')
    return {
      kind: 'invalid',
      message: `unsupported Gemini CLI hook event "${event}" (configure blastwall on BeforeTool)`,
    };
  if (tool === undefined) return { kind: 'invalid', message: 'BeforeTool payload has no tool_name' };
  const projectDir = context.env.GEMINI_PROJECT_DIR;
  const origin = originOf(
    'gemini',
    context,
    payload.value.cwd,
    payload.value.session_id,
    projectDir || undefined,
  );
  if (tool === 'run_shell_command') {
    const command = stringField(input, 'command');
    return command === undefined
      ? { kind: 'invalid', message: 'run_shell_command tool_input has no command' }
      : commandAction(command, origin);
  }
  if (WRITE_TOOLS.has(tool)) {
    const file = stringField(input, 'file_path', 'absolute_path', 'path');
    if (file === undefined) return { kind: 'invalid', message: `${tool} tool_input has no file_path` };
    return editorAction(tool, [{ path: file, access: 'write' }], origin, context);
  }
  if (tool === 'read_file') {
    const file = stringField(input, 'absolute_path', 'file_path', 'path');
    return file === undefined
      ? { kind: 'pass' }
      : editorAction(tool, [{ path: file, access: 'read' }], origin, context);
  }
  const mcp = geminiMcpName(tool, payload.value.mcp_context);
  if (mcp) return mcpAction(mcp.server, mcp.tool, input ?? {}, origin, context);
  return otherToolAction(tool, input ?? {}, origin, context);
}

/**
 * Which MCP server and tool a Gemini CLI call is. `mcp_context` names both when present; otherwise the name:
 * `mcp_<server>_<tool>` since v0.34.0 (servers have no `_` there — packages/core/src/tools/mcp-tool.ts
 * `parseMcpToolName`), `<server>__<tool>` before, and `mcp__<server>__<tool>` as the other agents write it.
 */
export function geminiMcpName(
  tool: string,
  context: { server_name?: string | undefined; tool_name?: string | undefined } | undefined,
): { server: string; tool: string } | undefined {
  if (context?.server_name) {
    const own = context.tool_name || tool.replace(new RegExp(`^mcp_${escape(context.server_name)}_`), '');
    return { server: context.server_name, tool: own };
  }
  const claudeStyle = splitMcpName(tool);
  if (claudeStyle) return claudeStyle;
  const current = /^mcp_([^_]+)_(.+)$/.exec(tool);
  if (current?.[1] && current[2]) return { server: current[1], tool: current[2] };
  const older = /^([^_].*?)__(.+)$/.exec(tool);
  if (older?.[1] && older[2]) return { server: older[1], tool: older[2] };
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function renderGemini(verdict: HookVerdict, _action?: HookAction, context?: HookContext): HookResponse {
  if (verdict.kind === 'allow') return { exitCode: 0, stdout: '{}\n', stderr: '' };
  if (verdict.kind === 'error') return { exitCode: 2, stdout: '', stderr: `${verdict.reason}\n` };
  // `ask` (Gemini CLI >= 0.36.0) puts the call to the person; older versions would run a call answered
  // with a decision they do not know, so BLASTWALL_GEMINI_NO_ASK=1 answers holds with a deny instead.
  if (verdict.kind === 'ask' && context?.env.BLASTWALL_GEMINI_NO_ASK !== '1') {
    // The shape of gemini-cli's own test of "ask" (integration-tests/hooks-system.test.ts).
    const answer = {
      decision: 'ask',
      reason: verdict.reason,
      systemMessage: verdict.reason,
      hookSpecificOutput: { hookEventName: 'BeforeTool' },
    };
    return { exitCode: 0, stdout: `${JSON.stringify(answer)}\n`, stderr: '' };
  }
  const reason = verdict.kind === 'ask' ? heldAsBlock(verdict.reason) : verdict.reason;
  return { exitCode: 0, stdout: `${JSON.stringify({ decision: 'deny', reason })}\n`, stderr: '' };
}
