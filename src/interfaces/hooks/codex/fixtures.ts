/**
 * Codex `PreToolUse` payloads, field for field as https://developers.openai.com/codex/hooks documents them: the
 * common input fields (session_id, transcript_path — string or null —, cwd, hook_event_name, model,
 * permission_mode) and PreToolUse's turn_id, tool_name, tool_use_id and tool_input. Shell calls are `Bash` with
 * `command`; file edits are `apply_patch` with the patch as `command`; MCP tools are `mcp__<server>__<tool>`.
 */
export function codexPreToolUse(cwd: string, toolName: string, toolInput: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: '019a1b2c-3d4e-7f60-8a9b-0c1d2e3f4a5b',
    transcript_path: null,
    cwd,
    hook_event_name: 'PreToolUse',
    model: 'gpt-5.5-codex',
    permission_mode: 'default',
    turn_id: '019a1b2c-3d4e-7f60-8a9b-0c1d2e3f4a5c',
    tool_name: toolName,
    tool_use_id: 'call_7QpQkq3pX1f2',
    tool_input: toolInput,
  });
}
