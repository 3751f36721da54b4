import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BlastwallError } from '../../../core/errors.js';
import { createGate } from '../../../app/gate.js';
import type { CliDeps } from '../deps.js';
import { loadMcpConfig, mappingsFor } from '../../mcp/config.js';
import { loadClassifiers } from '../../mcp/classifiers.js';
import { McpProxy } from '../../mcp/proxy.js';
import type { ToolCallDecision, ToolGateOptions } from '../../mcp/tool-gate.js';
import { randomUUID } from 'node:crypto';
import {
  createApprovalClient,
  serverSettings,
  settleHeld,
  type HeldDecision,
} from '../../../app/approval-client.js';

interface McpProxyFlags {
  agent?: string;
  onBehalfOf?: string;
  serverName?: string;
  cwd?: string;
  config?: string;
}

/** Registers `blastwall mcp-proxy -- CMD ARGS…`: a stdio MCP server in front of the real one that gates tool calls. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('mcp-proxy')
    .description(
      'run an MCP server behind blastwall: relays JSON-RPC over stdio and decides every tools/call',
    )
    .option('--agent <id>', 'the agent that talks to this server (default: $BLASTWALL_AGENT)')
    .option('--on-behalf-of <id>', 'the person the agent acts for')
    .option(
      '--server-name <name>',
      'the name of the server in blastwall.yaml (mcp.servers.<name>); default: from the command',
    )
    .option('--cwd <dir>', 'the workspace whose blastwall.yaml applies')
    .option('--config <file>', 'path of blastwall.yaml')
    .argument('<command>', 'the real MCP server command')
    .argument('[args...]', 'its arguments (put them after --)')
    .action(async (command: string, args: string[], flags: McpProxyFlags) => {
      deps.exit(await runProxy(command, args, flags, deps));
    });
}

async function runProxy(
  command: string,
  args: string[],
  flags: McpProxyFlags,
  deps: CliDeps,
): Promise<number> {
  const cwd = resolve(deps.cwd, flags.cwd ?? '.');
  const server = flags.serverName ?? serverNameOf(command, args);
  const log = (line: string): void => deps.stderr(`${line}\n`);
  // Loaded side by side: the policy engine and the SQL parser are most of the start-up time.
  const [config, gate, classifiers] = await Promise.all([
    loadMcpConfig(cwd, flags.config),
    createGate({ cwd, ...(flags.config !== undefined && { configPath: flags.config }), env: deps.env }),
    loadClassifiers(cwd, deps.env),
  ]);
  const child = new StdioClientTransport({
    command,
    args,
    cwd,
    env: definedEnv(deps.env),
    stderr: 'inherit',
  });
  const proxy = new McpProxy({
    input: process.stdin,
    output: process.stdout,
    child,
    gate,
    server,
    cwd,
    agent: flags.agent,
    onBehalfOf: flags.onBehalfOf,
    mappings: mappingsFor(config, server),
    classifiers,
    log,
    ...approvalSeams(gate.workspace.loaded.file, deps.env),
  });
  const stop = (): void => void proxy.stop();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
  try {
    return await proxy.run();
  } catch (error) {
    throw new BlastwallError(
      'usage',
      `cannot start the MCP server "${command}": ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    // Nothing more is read from the client, so the process can end once output is flushed.
    process.stdin.destroy();
  }
}

/**
 * With a blastwall server configured, a held tool call is settled there: `onDecision` (awaited
 * before the outcome is read) replaces a held decision with the server's — allowed once an
 * approval for the same call and session exists — and `onHeld` reports the approval id.
 */
function approvalSeams(
  file: Parameters<typeof serverSettings>[0],
  env: Record<string, string | undefined>,
): Pick<ToolGateOptions, 'onDecision' | 'onHeld' | 'sessionId'> {
  const settings = serverSettings(file, env);
  if (!settings) return {};
  const client = createApprovalClient(settings);
  // One proxy process serves one agent session, so its approvals are its own.
  const sessionId = env.BLASTWALL_SESSION_ID ?? `mcp-${randomUUID()}`;
  const settled = new WeakMap<ToolCallDecision, HeldDecision>();
  return {
    sessionId,
    async onDecision(event) {
      if (event.decision.decision !== 'needs-approval') return;
      const decision = await settleHeld(
        event.decision,
        {
          command: event.description,
          operations: event.decision.operations,
          agent: event.decision.agent,
          sessionId,
          ...(event.decision.onBehalfOf !== undefined && { onBehalfOf: event.decision.onBehalfOf }),
        },
        client,
      );
      settled.set(event, decision);
      event.decision = decision;
    },
    async onHeld(event) {
      const decision = settled.get(event);
      return {
        ...(decision?.approvalId !== undefined && { approvalId: decision.approvalId }),
        message: decision?.reasons.at(-1) ?? 'it could not be registered for approval',
      };
    },
  };
}

const LAUNCHERS = new Set([
  'node',
  'npx',
  'uvx',
  'uv',
  'python',
  'python3',
  'bunx',
  'bun',
  'deno',
  'docker',
  'pnpm',
  'yarn',
  'run',
  '-y',
]);

/** `npx -y @modelcontextprotocol/server-filesystem /tmp` → `server-filesystem`; `node db.mjs` → `db`. */
function serverNameOf(command: string, args: string[]): string {
  for (const word of [command, ...args]) {
    const name = basename(word);
    if (word.startsWith('-') || LAUNCHERS.has(name)) continue;
    return name.replace(/\.(m?js|cjs|ts|py)$/, '').replace(/@[^@]*$/, '') || name;
  }
  return basename(command);
}

function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const defined: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) defined[key] = value;
  return defined;
}
