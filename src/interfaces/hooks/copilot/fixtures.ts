/**
 * GitHub Copilot CLI `preToolUse` payloads in the camelCase format, field for field as the CLI hooks reference
 * documents them (https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-hooks-reference,
 * "Hook event input payloads": sessionId, timestamp in milliseconds, cwd, toolName, toolArgs as a JSON string).
 * Tool names and arguments as Copilot CLI's built-in tools take them (`view` with `path`, `bash` with `command`).
 */
export function copilotPreToolUse(cwd: string, toolName: string, toolArgs: Record<string, unknown>): string {
  return JSON.stringify({
    sessionId: '85a696df-3c1b-4f0e-8d5e-2f1e6b7c9a10',
    timestamp: 1796634000000,
    cwd,
    toolName,
    toolArgs: JSON.stringify(toolArgs),
  });
}
