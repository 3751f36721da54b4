import { z } from 'zod';

/** The fields blastwall reads from a Kiro CLI `preToolUse` hook payload. */
export const kiroPayload = z.object({
  hook_event_name: z.string(),
  session_id: z.string().optional(),
  cwd: z.string().optional(),
  tool_name: z.string().optional(),
  tool_input: z.record(z.string(), z.unknown()).optional(),
});
export type KiroPayload = z.infer<typeof kiroPayload>;
