/**
 * Claude Code `PreToolUse` payloads, field for field as https://code.claude.com/docs/en/hooks documents the
 * PreToolUse input (session_id, transcript_path, cwd, permission_mode, hook_event_name, tool_name, tool_input,
 * tool_use_id). `Read` takes `file_path`; MCP tools are named `mcp__<server>__<tool>`.
 */
export function claudePreToolUse(cwd: string, toolName: string, toolInput: Record<string, unknown>): string {
  return JSON.stringify({
    session_id: 'abc123',
    transcript_path: '/home/dev/.claude/projects/repo/00893aaf-19fa-41d2-8238-13269b9b3ca0.jsonl',
    cwd,
    permission_mode: 'default',
    hook_event_name: 'PreToolUse',
    tool_name: toolName,
    tool_input: toolInput,
    tool_use_id: 'toolu_01ABC123DEF456',
  });
}
