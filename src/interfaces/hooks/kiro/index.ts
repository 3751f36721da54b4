import type { Operation } from '../../../core/actions/types.js';
import { stringField } from '../fields.js';
import { readPayload } from '../payload.js';
import {
  commandAction,
  editorAction,
  mcpAction,
  otherToolAction,
  operationsAction,
  originOf,
  splitMcpName,
  type ActionOrigin,
} from '../tool-operations.js';
import type { HookAction, HookAdapter, HookContext, HookResponse, HookVerdict } from '../types.js';
import { heldAsBlock } from '../verdict.js';
import { kiroPayload } from './schema.js';

const SHELL_TOOLS = new Set(['execute_bash', 'execute_cmd', 'shell']);
const WRITE_TOOLS = new Set(['fs_write', 'write']);
const READ_TOOLS = new Set(['fs_read', 'read']);
const AWS_DESTRUCTIVE =
  /^(delete|terminate|remove|destroy|drop|purge|deregister|detach|revoke|stop|disable|reset)/i;

/**
 * Kiro CLI: a `preToolUse` hook in the agent configuration (`.kiro/agents/*.json`). Kiro blocks a tool only on exit 2
 * and returns stderr to the model; it has no hook "ask", so holds, denials and errors all exit 2 with the reason.
 */
export const kiro: HookAdapter = {
  id: 'kiro',
  parse: parseKiro,
  render: renderKiro,
};

function parseKiro(raw: string, context: HookContext): HookAction {
  const payload = readPayload(raw, kiroPayload);
  if (!payload.ok) return { kind: 'invalid', message: payload.message };
  const { hook_event_name: event, tool_name: tool, tool_input: input } = payload.value;
  if (event.toLowerCase() !== 'pretooluse')
    return {
      kind: 'invalid',
      message: `unsupported Kiro hook event "${event}" (configure blastwall on preToolUse)`,
    };
  if (tool === undefined) return { kind: 'invalid', message: 'preToolUse payload has no tool_name' };
  const origin = originOf('kiro', context, payload.value.cwd, payload.value.session_id);
  if (SHELL_TOOLS.has(tool)) {
    const command = stringField(input, 'command');
    return command === undefined
      ? { kind: 'invalid', message: `${tool} tool_input has no command` }
      : commandAction(command, origin);
  }
  if (WRITE_TOOLS.has(tool)) {
    const file = stringField(input, 'path', 'file_path');
    if (file === undefined) return { kind: 'invalid', message: `${tool} tool_input has no path` };
    return editorAction(tool, [{ path: file, access: 'write' }], origin, context);
  }
  if (READ_TOOLS.has(tool)) {
    const files = readPaths(input ?? {});
    return files.length === 0
      ? { kind: 'pass' }
      : editorAction(
          tool,
          files.map((path) => ({ path, access: 'read' as const })),
          origin,
          context,
        );
  }
  if (tool === 'use_aws') return awsAction(input ?? {}, origin);
  const mcp = splitMcpName(tool) ?? splitKiroMcpName(tool);
  if (mcp) return mcpAction(mcp.server, mcp.tool, input ?? {}, origin, context);
  return otherToolAction(tool, input ?? {}, origin, context);
}

/**
 * The paths an `fs_read` call reads: `operations[].path` (the current schema, batch reads) or a top-level `path`
 * (older builds) — aws/amazon-q-developer-cli crates/chat-cli/src/cli/chat/tools/tool_index.json.
 */
function readPaths(input: Record<string, unknown>): string[] {
  const operations = Array.isArray(input.operations) ? input.operations : [input];
  const paths: string[] = [];
  for (const operation of operations) {
    if (operation === null || typeof operation !== 'object') continue;
    const path = stringField(operation as Record<string, unknown>, 'path', 'file_path');
    if (path !== undefined) paths.push(path);
  }
  return paths;
}

// Kiro names MCP tools `@server/tool`.
function splitKiroMcpName(name: string): { server: string; tool: string } | undefined {
  const match = /^@([^/]+)\/(.+)$/.exec(name);
  return match?.[1] && match[2] ? { server: match[1], tool: match[2] } : undefined;
}

// Kiro's built-in AWS tool: a destructive API operation is a cloud delete in the profile's environment.
function awsAction(input: Record<string, unknown>, origin: ActionOrigin): HookAction {
  const service = stringField(input, 'service_name') ?? 'aws';
  const operation = stringField(input, 'operation_name') ?? '';
  if (!AWS_DESTRUCTIVE.test(operation.replace(/-/g, ''))) return { kind: 'pass' };
  const profile = stringField(input, 'profile_name');
  const op: Operation = {
    kind: /^stop|^disable/i.test(operation) ? 'stop' : 'delete',
    category: 'cloud',
    destructive: true,
    reversible: false,
    target: `${service}:${operation}`,
    summary: `AWS ${service} ${operation} through Kiro's use_aws tool`,
    hints: { ...(profile !== undefined ? { awsProfile: profile } : {}) },
    source: `use_aws ${JSON.stringify(input)}`,
  };
  return operationsAction(`use_aws ${service} ${operation}`, [op], origin);
}

function renderKiro(verdict: HookVerdict): HookResponse {
  if (verdict.kind === 'allow') return { exitCode: 0, stdout: '', stderr: '' };
  const reason = verdict.kind === 'ask' ? heldAsBlock(verdict.reason) : verdict.reason;
  return { exitCode: 2, stdout: '', stderr: `${reason}\n` };
}
