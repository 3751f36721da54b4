import { object, optional, string, stringOrRecord } from '../payload.js';

/** The fields blastwall reads from a GitHub Copilot CLI / coding agent `preToolUse` hook payload. */
export const copilotPayload = object({
  cwd: optional(string),
  sessionId: optional(string),
  toolName: string,
  // Documented as a JSON string; newer CLI builds send an object.
  toolArgs: optional(stringOrRecord),
});
