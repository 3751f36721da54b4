import { object, optional, record, string } from '../payload.js';

/** The fields blastwall reads from a Gemini CLI `BeforeTool` hook payload. */
export const geminiPayload = object({
  hook_event_name: string,
  session_id: optional(string),
  cwd: optional(string),
  tool_name: optional(string),
  tool_input: optional(record),
});
