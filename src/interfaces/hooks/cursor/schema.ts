import { object, optional, string, stringArray, stringOrRecord } from '../payload.js';

/** The fields blastwall reads from a Cursor agent hook payload (beforeShellExecution, beforeMCPExecution, beforeReadFile). */
export const cursorPayload = object({
  hook_event_name: string,
  conversation_id: optional(string),
  workspace_roots: optional(stringArray),
  cwd: optional(string),
  command: optional(string),
  tool_name: optional(string),
  // Cursor has sent MCP arguments both as a JSON string and as an object.
  tool_input: optional(stringOrRecord),
  url: optional(string),
  file_path: optional(string),
});
/** A checked Cursor payload. */
export type CursorPayload = ReturnType<typeof cursorPayload>;
