import { z } from 'zod';

/** The fields blastwall reads from a GitHub Copilot CLI / coding agent `preToolUse` hook payload. */
export const copilotPayload = z.object({
  cwd: z.string().optional(),
  sessionId: z.string().optional(),
  toolName: z.string(),
  // Documented as a JSON string; newer CLI builds send an object.
  toolArgs: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});
export type CopilotPayload = z.infer<typeof copilotPayload>;
