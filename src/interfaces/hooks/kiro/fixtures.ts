/**
 * Kiro CLI `preToolUse` payloads: the hook input of https://kiro.dev/docs/cli/hooks (hook_event_name, cwd,
 * tool_name, tool_input) with `fs_read` arguments as the tool's schema takes them — an `operations` array of
 * `{mode, path}` (aws/amazon-q-developer-cli crates/chat-cli/src/cli/chat/tools/tool_index.json, from which
 * Kiro CLI's built-in tools come).
 */
export function kiroPreToolUse(cwd: string, toolName: string, toolInput: Record<string, unknown>): string {
  return JSON.stringify({ hook_event_name: 'preToolUse', cwd, tool_name: toolName, tool_input: toolInput });
}

/** `fs_read` of one file, in Line mode. */
export function kiroFsRead(cwd: string, path: string): string {
  return kiroPreToolUse(cwd, 'fs_read', { operations: [{ mode: 'Line', path }] });
}
