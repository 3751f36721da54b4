/**
 * Gemini CLI `BeforeTool` payloads, field for field as the CLI builds them: the base input of
 * google-gemini/gemini-cli packages/core/src/hooks/hookEventHandler.ts `createBaseInput` (session_id,
 * transcript_path, cwd, hook_event_name, timestamp) and `fireBeforeToolEvent` (tool_name, tool_input,
 * mcp_context for MCP tools — `McpToolContext` in packages/core/src/hooks/types.ts). Tool arguments are those of
 * packages/core/src/tools/read-file.ts (`file_path`) and shell.ts (`command`, `description`).
 */
export function geminiBeforeTool(
  cwd: string,
  toolName: string,
  toolInput: Record<string, unknown>,
  mcpContext?: { server_name: string; tool_name: string; command?: string; args?: string[]; cwd?: string },
): string {
  return JSON.stringify({
    session_id: '7c2b8a0e-5d1f-4f61-9a57-3f0c2f2b9e11',
    transcript_path: '/home/dev/.gemini/tmp/chats/session-2026-12-07T09-00-7c2b8a0e.json',
    cwd,
    hook_event_name: 'BeforeTool',
    timestamp: '2026-12-07T09:00:00.000Z',
    tool_name: toolName,
    tool_input: toolInput,
    ...(mcpContext && { mcp_context: mcpContext }),
  });
}
