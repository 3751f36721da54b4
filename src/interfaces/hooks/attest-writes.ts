import path from 'node:path';
import type { AgentWrite, WriteOrigin } from '../../app/attest-record.js';
import { parsedJson } from './payload.js';
import type { HookAgentId, HookContext } from './types.js';
import { parsePatch } from './fields.js';

// What each agent's write tools put in a file, read from the same payload the adapter decided on. Kept apart from
// the adapters so recording what was written never changes what is decided.

/** The writes of one allowed tool call, with who made them; undefined for a call that writes no file content. */
export interface AllowedWrites {
  origin: WriteOrigin;
  writes: AgentWrite[];
}

type Fields = Record<string, unknown>;

function str(from: Fields | undefined, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = from?.[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function fields(value: unknown): Fields | undefined {
  if (typeof value === 'string') {
    try {
      return fields(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** Writes of the editor tools common to Claude Code, Codex, Gemini, Copilot and Kiro (by tool name). */
function editorWrites(
  tool: string,
  input: Fields | undefined,
): { file?: string; parts: Omit<AgentWrite, 'file'>[] } {
  const file = str(input, 'file_path', 'absolute_path', 'path');
  const notebook = str(input, 'notebook_path') ?? file;
  const command = str(input, 'command');
  switch (tool) {
    case 'Write':
    case 'write_file':
    case 'create':
    case 'write': {
      const text = str(input, 'content', 'file_text');
      return { file, parts: text === undefined ? [] : [{ text, replaces: 'file' }] };
    }
    case 'Edit':
    case 'replace':
    case 'edit': {
      const text = str(input, 'new_string', 'new_str');
      return {
        file,
        parts: text === undefined ? [] : [{ text, replaces: str(input, 'old_string', 'old_str') ?? '' }],
      };
    }
    case 'NotebookEdit': {
      // A cell's source as the .ipynb file holds it (and as a commit's diff shows it): one JSON string per line.
      const source = str(input, 'new_source');
      if (source === undefined || str(input, 'edit_mode') === 'delete') return { file: notebook, parts: [] };
      return { file: notebook, parts: [{ text: notebookLines(source), replaces: 'file' }] };
    }
    case 'MultiEdit': {
      const edits = Array.isArray(input?.edits) ? input.edits.map(fields) : [];
      return {
        file,
        parts: edits.flatMap((edit) => {
          const text = str(edit, 'new_string');
          return text === undefined ? [] : [{ text, replaces: str(edit, 'old_string') ?? '' }];
        }),
      };
    }
    case 'fs_write':
    case 'str_replace_editor': {
      if (command === 'create') return editorWrites('create', input);
      if (command === 'str_replace' || command === 'insert' || command === 'append') {
        const text = str(input, 'new_str', 'file_text');
        return { file, parts: text === undefined ? [] : [{ text, replaces: str(input, 'old_str') ?? '' }] };
      }
      return { file, parts: [] };
    }
    default:
      return { file, parts: [] };
  }
}

/**
 * A notebook cell's source in the form Jupyter writes it into the .ipynb JSON: each line a JSON string ending in
 * `\n` and a comma, the last without either. Whole-file replacement: the notebook's current text is what it
 * replaces, so a line already in any cell is not claimed.
 */
function notebookLines(source: string): string {
  const lines = source.split('\n');
  return lines
    .map((line, i) => (i < lines.length - 1 ? `${JSON.stringify(`${line}\n`)},` : JSON.stringify(line)))
    .join('\n');
}

/** MCP file tools (`mcp__<server>__write_file` / `edit_file` and alike): path plus content or edits. */
function mcpWrites(
  tool: string,
  input: Fields | undefined,
): { file?: string; parts: Omit<AgentWrite, 'file'>[] } {
  const name = tool.replace(/^mcp__.+?__/, '');
  const file = str(input, 'path', 'file_path');
  if (/^(write|create)_?file$/i.test(name)) {
    const text = str(input, 'content', 'text');
    return { file, parts: text === undefined ? [] : [{ text, replaces: 'file' }] };
  }
  if (/^edit_?file$/i.test(name)) {
    const edits = Array.isArray(input?.edits) ? input.edits.map(fields) : [];
    return {
      file,
      parts: edits.flatMap((edit) => {
        const text = str(edit, 'newText', 'new_string');
        return text === undefined ? [] : [{ text, replaces: str(edit, 'oldText', 'old_string') ?? '' }];
      }),
    };
  }
  return { file, parts: [] };
}

/** The writes of an MCP file tool called through the gateway (`mcp-proxy`), resolved against its cwd. */
export function mcpToolWrites(tool: string, args: Record<string, unknown>, cwd: string): AgentWrite[] {
  const found = mcpWrites(tool, args);
  const file = found.file;
  return file === undefined ? [] : found.parts.map((part) => ({ ...part, file: path.resolve(cwd, file) }));
}

/** Codex's apply_patch body: each added or updated file (where it lands) with its `+` lines, its `-` lines as what they replace. */
export function patchWrites(patch: string): { file: string; text: string; replaces: string }[] {
  return parsePatch(patch)
    .filter((section) => section.op !== 'delete' && section.added.length > 0)
    .map((section) => ({
      file: section.moveTo ?? section.path,
      text: section.added.join('\n'),
      replaces: section.removed.join('\n'),
    }));
}

/** The file writes in an agent's hook payload, resolved against its cwd; undefined when it writes nothing. */
export function allowedWrites(
  agent: HookAgentId,
  raw: string,
  context: HookContext,
): AllowedWrites | undefined {
  let payload: Fields | undefined;
  try {
    // The JSON the adapter parsed to decide, not a second parse of the payload.
    payload = fields(parsedJson(raw));
  } catch {
    return undefined;
  }
  if (!payload) return undefined;
  const copilot = agent === 'copilot';
  const tool = str(payload, copilot ? 'toolName' : 'tool_name');
  if (tool === undefined) return undefined;
  const input = fields(copilot ? payload.toolArgs : payload.tool_input);
  const cwd = path.resolve(context.cwd, str(payload, 'cwd') ?? '.');
  const base =
    agent === 'claude-code' && context.env.CLAUDE_PROJECT_DIR ? context.env.CLAUDE_PROJECT_DIR : cwd;
  let writes: AgentWrite[];
  if (agent === 'codex' && tool === 'apply_patch') {
    const patch = str(input, 'command', 'patch', 'input') ?? '';
    writes = patchWrites(patch).map((w) => ({ ...w, file: path.resolve(base, w.file) }));
  } else {
    const found = tool.startsWith('mcp__') ? mcpWrites(tool, input) : editorWrites(tool, input);
    const file = found.file;
    writes =
      file === undefined ? [] : found.parts.map((part) => ({ ...part, file: path.resolve(base, file) }));
  }
  if (writes.length === 0) return undefined;
  const sessionId = str(payload, copilot ? 'sessionId' : 'session_id');
  return {
    origin: {
      agent,
      tool,
      ...(sessionId !== undefined && { sessionId }),
      ...(context.onBehalfOf !== undefined && { onBehalfOf: context.onBehalfOf }),
    },
    writes,
  };
}
