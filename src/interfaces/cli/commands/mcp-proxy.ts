import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { homedir } from 'node:os';
import { mcpSecretReads } from '../../hooks/secret-reads.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { BlastwallError } from '../../../core/errors.js';
import { createGate } from '../../../app/gate.js';
import { dataDir } from '../../../adapters/attest/key.js';
import type { CliDeps } from '../deps.js';
import { loadMcpConfig, mappingsFor } from '../../mcp/config.js';
import { loadClassifiers } from '../../mcp/classifiers.js';
import { DEFAULT_MAX_MESSAGE_BYTES, McpProxy } from '../../mcp/proxy.js';
import { StdioServerProcess } from '../../mcp/stdio-server.js';
import { attestingDecisions } from '../../mcp/attest.js';
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
  url?: string;
  header?: string[];
}

/** Registers `blastwall mcp-proxy -- CMD ARGS…` (or `--url URL`): a stdio MCP server in front of the real one that gates tool calls. */
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
      'the name of the server in blastwall.yaml (mcp.servers.<name>); default: from the command, or the host of --url',
    )
    .option('--cwd <dir>', 'the workspace whose blastwall.yaml applies')
    .option('--config <file>', 'path of blastwall.yaml')
    .option(
      '--url <url>',
      'a remote MCP server (Streamable HTTP) to put behind blastwall instead of a command',
    )
    .option(
      '--header <name: value>',
      'an HTTP header for the remote server, e.g. "Authorization: Bearer …" (repeatable)',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .argument('[command]', 'the real MCP server command')
    .argument('[args...]', 'its arguments (put them after --)')
    .addHelpText(
      'after',
      `
Examples:
  blastwall mcp-proxy --agent claude-code -- npx -y @modelcontextprotocol/server-filesystem .
  blastwall mcp-proxy --server-name cloud --url https://mcp.example.com/mcp --header "Authorization: Bearer $TOKEN"`,
    )
    .action(async (command: string | undefined, args: string[], flags: McpProxyFlags) => {
      deps.exit(await runProxy(command, args, flags, deps));
    });
}

async function runProxy(
  command: string | undefined,
  args: string[],
  flags: McpProxyFlags,
  deps: CliDeps,
): Promise<number> {
  const remote = remoteOf(command, flags);
  const cwd = resolve(deps.cwd, flags.cwd ?? '.');
  const server = flags.serverName ?? (remote ? remote.url.hostname : serverNameOf(command ?? '', args));
  const log = (line: string): void => deps.stderr(`${line}\n`);
  // Loaded side by side: the policy engine and the SQL parser are most of the start-up time.
  const [config, gate, classifiers] = await Promise.all([
    loadMcpConfig(cwd, flags.config),
    createGate({
      cwd,
      ...(flags.config !== undefined && { configPath: flags.config }),
      env: deps.env,
      restorePointsIn: dataDir(deps.env),
    }),
    loadClassifiers(cwd, deps.env),
  ]);
  const maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
  const child: Transport = remote
    ? new StreamableHTTPClientTransport(remote.url, { requestInit: { headers: remote.headers } })
    : process.platform === 'win32'
      ? // The SDK's transport resolves `npx.cmd` and friends on Windows.
        new StdioClientTransport({
          command: command ?? '',
          args,
          cwd,
          env: definedEnv(deps.env),
          stderr: 'inherit',
        })
      : new StdioServerProcess({
          command: command ?? '',
          args,
          cwd,
          env: definedEnv(deps.env),
          maxMessageBytes,
          onInvalid: (why, id) => proxy.serverSentInvalid(why, id),
        });
  const seams = approvalSeams(gate.workspace.loaded.file, deps.env);
  const proxy: McpProxy = new McpProxy({
    input: process.stdin,
    output: process.stdout,
    child,
    maxMessageBytes,
    gate,
    server,
    cwd,
    agent: flags.agent,
    onBehalfOf: flags.onBehalfOf,
    mappings: mappingsFor(config, server),
    classifiers,
    // The same hold as the agents' own read tools: a file server reading .env or ~/.ssh/* (agent-secret-read).
    extraOperations: (tool, toolArgs) =>
      mcpSecretReads(
        `mcp__${server}__${tool}`,
        toolArgs,
        { workspace: gate.workspace.repo, cwd },
        { home: deps.env.HOME ?? homedir(), env: deps.env },
      ),
    log,
    ...seams,
    // Allowed file writes are attested like the hooks' (docs/provenance-attestation.md).
    onDecision: attestingDecisions(seams.onDecision, {
      cwd,
      env: deps.env,
      ...(flags.agent !== undefined && { agent: flags.agent }),
      ...(flags.onBehalfOf !== undefined && { onBehalfOf: flags.onBehalfOf }),
      ...((seams.sessionId ?? deps.env.BLASTWALL_SESSION_ID) !== undefined && {
        sessionId: seams.sessionId ?? deps.env.BLASTWALL_SESSION_ID,
      }),
    }),
  });
  const stop = (): void => void proxy.stop();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, stop);
  try {
    return await proxy.run();
  } catch (error) {
    throw new BlastwallError(
      'usage',
      `cannot start the MCP server "${remote ? remote.url.href : command}": ${(error as Error).message}`,
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
    // Not async: an allowed or denied call must not wait a turn of the event loop for nothing.
    onDecision(event) {
      if (event.decision.decision !== 'needs-approval') return undefined;
      return settle(event);
    },
    async onHeld(event) {
      const decision = settled.get(event);
      return {
        ...(decision?.approvalId !== undefined && { approvalId: decision.approvalId }),
        message: decision?.reasons.at(-1) ?? 'it could not be registered for approval',
      };
    },
  };

  async function settle(event: ToolCallDecision): Promise<void> {
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
  }
}

/** The remote server of `--url`, with its headers; undefined for a command. Exactly one of the two is required. */
function remoteOf(
  command: string | undefined,
  flags: McpProxyFlags,
): { url: URL; headers: Record<string, string> } | undefined {
  if (flags.url === undefined) {
    if (command === undefined)
      throw new BlastwallError('usage', 'name the MCP server: a command after --, or --url URL');
    if (flags.header?.length) throw new BlastwallError('usage', '--header needs --url');
    return undefined;
  }
  if (command !== undefined) throw new BlastwallError('usage', 'give either a command or --url, not both');
  let url: URL;
  try {
    url = new URL(flags.url);
  } catch {
    throw new BlastwallError('usage', `--url must be an http(s) URL, got "${flags.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BlastwallError('usage', `--url must be an http(s) URL, got "${flags.url}"`);
  const headers: Record<string, string> = {};
  for (const header of flags.header ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0)
      throw new BlastwallError('usage', `--header must look like "Name: value", got "${header}"`);
    headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
  }
  return { url, headers };
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
