/**
 * Cursor hook payloads, field for field as https://cursor.com/docs/hooks.md documents them: the common fields
 * (conversation_id, generation_id, model, hook_event_name, cursor_version, workspace_roots, user_email,
 * transcript_path) and, for `beforeReadFile`, file_path, content and attachments.
 */
function common(event: string, root: string) {
  return {
    conversation_id: '668320d2-2fd8-4888-b33c-2a466fec86e7',
    generation_id: '490b90b7-a2ce-4c2c-bb76-cb77b125df2f',
    model: 'claude-sonnet-4-5',
    hook_event_name: event,
    cursor_version: '2.1.0',
    workspace_roots: [root],
    user_email: 'dev@example.com',
    transcript_path: null,
  };
}

/** `beforeReadFile`: the file the agent is about to read, with its content. */
export function cursorBeforeReadFile(root: string, filePath: string, content: string): string {
  return JSON.stringify({ ...common('beforeReadFile', root), file_path: filePath, content, attachments: [] });
}

/** `beforeShellExecution`: the command and where it runs. */
export function cursorBeforeShell(root: string, command: string): string {
  return JSON.stringify({ ...common('beforeShellExecution', root), command, cwd: root });
}
