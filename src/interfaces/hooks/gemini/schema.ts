import { object, optional, record, string } from '../payload.js';

/**
 * The fields blastwall reads from a Gemini CLI `BeforeTool` hook payload (google-gemini/gemini-cli
 * packages/core/src/hooks/types.ts `BeforeToolInput`, `McpToolContext`).
 */
export const geminiPayload = object({
  hook_event_name: string,
  session_id: optional(string),
  cwd: optional(string),
  tool_name: optional(string),
  tool_input: optional(record),
  /** Present for MCP tools only: the server as configured and the tool's own name on that server. */
  mcp_context: optional(object({ server_name: optional(string), tool_name: optional(string) })),
});
