import { classifyEditorAccess } from '../../core/actions/editor-tools.js';
import { guardedPlaceFor } from '../../core/actions/guarded-paths.js';
import type { Operation } from '../../core/actions/types.js';
import type { HookContext } from './types.js';

/** Argument names under which MCP file tools take paths (the filesystem server's `path`, `paths`, `source` …). */
const PATH_ARGUMENT =
  /^(?:path|paths|file|files|filename|file_?path|file_?paths|absolute_?path|uri|source|src|target|from|to)$/i;

function pathsIn(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of values) {
    if (typeof item !== 'string' || item === '') continue;
    // `file:///home/dev/.env` as MCP resource URIs write it.
    out.push(item.startsWith('file://') ? decodeURIComponent(item.slice('file://'.length)) : item);
  }
  return out;
}

/**
 * The secrets an MCP tool call would read: every path argument that names a secret file (`.env`, a key,
 * `~/.ssh/*`, `~/.aws/credentials` …), as secret-read operations for the `agent-secret-read` policy. Tools that
 * write are decided by their verb as well; this adds the read, so a "copy .env elsewhere" is held for both.
 */
export function mcpSecretReads(
  label: string,
  args: Record<string, unknown>,
  origin: { workspace: string; cwd: string },
  context: Pick<HookContext, 'home' | 'env'>,
): Operation[] {
  const place = {
    ...guardedPlaceFor({ workspace: origin.workspace, home: context.home, env: context.env }),
    cwd: origin.cwd,
  };
  const found: Operation[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (!PATH_ARGUMENT.test(key)) continue;
    for (const path of pathsIn(value)) {
      const operations = classifyEditorAccess({ path, access: 'read', tool: label }, place);
      found.push(...operations.filter((operation) => operation.category === 'secret'));
    }
  }
  return found;
}
