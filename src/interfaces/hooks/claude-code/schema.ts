import { z } from 'zod';

/** The fields blastwall reads from a Claude Code hook payload (PreToolUse); everything else is ignored. */
export const claudeCodePayload = z.object({
  hook_event_name: z.string(),
  session_id: z.string().optional(),
  cwd: z.string().optional(),
  tool_name: z.string().optional(),
  tool_input: z.record(z.string(), z.unknown()).optional(),
});
export type ClaudeCodePayload = z.infer<typeof claudeCodePayload>;
