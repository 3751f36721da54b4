import { stringField } from '../fields.js';
import { readPayload } from '../payload.js';
import { commandAction, editorAction, mcpAction, originOf, splitMcpName } from '../tool-operations.js';
import type { HookAction, HookAdapter, HookContext, HookResponse, HookVerdict } from '../types.js';
import { heldAsBlock } from '../verdict.js';
import { geminiPayload } from './schema.js';

const WRITE_TOOLS = new Set(['write_file', 'replace', 'edit']);

/**
 * Gemini CLI: a `BeforeTool` command hook (`.gemini/settings.json`). Answers `{"decision":"deny","reason":…}` on
 * stdout (the reason goes to the model as the tool's error); Gemini has no hook "ask", so a hold is a deny that says
 * how to get approval. Errors exit 2, Gemini's blocking code; other non-zero codes only warn.
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
  const mcp = splitMcpName(tool);
  if (mcp) return mcpAction(mcp.server, mcp.tool, input ?? {}, origin);
  return { kind: 'pass' };
}

function renderGemini(verdict: HookVerdict): HookResponse {
  if (verdict.kind === 'allow') return { exitCode: 0, stdout: '{}\n', stderr: '' };
  if (verdict.kind === 'error') return { exitCode: 2, stdout: '', stderr: `${verdict.reason}\n` };
  const reason = verdict.kind === 'ask' ? heldAsBlock(verdict.reason) : verdict.reason;
  return { exitCode: 0, stdout: `${JSON.stringify({ decision: 'deny', reason })}\n`, stderr: '' };
}
