import { object, optional, record, string } from '../payload.js';

/** The fields blastwall reads from a Kiro CLI `preToolUse` hook payload. */
export const kiroPayload = object({
  hook_event_name: string,
  session_id: optional(string),
  cwd: optional(string),
  tool_name: optional(string),
  tool_input: optional(record),
});
