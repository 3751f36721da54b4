import { z } from 'zod';

/** The fields blastwall reads from a Cursor agent hook payload (beforeShellExecution, beforeMCPExecution, beforeReadFile). */
export const cursorPayload = z.object({
  hook_event_name: z.string(),
  conversation_id: z.string().optional(),
  workspace_roots: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  command: z.string().optional(),
  tool_name: z.string().optional(),
  // Cursor has sent MCP arguments both as a JSON string and as an object.
  tool_input: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
  url: z.string().optional(),
  file_path: z.string().optional(),
});
export type CursorPayload = z.infer<typeof cursorPayload>;
