import { existsSync, readFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { ActionDecision } from '../../../core/actions/types.js';
import type { ApprovalClient, RemoteActionRequest } from '../../../app/approval-client.js';
import type { ActionRequest, Gate } from '../../../app/gate-types.js';
import { recordWrites } from '../../../app/attest-record.js';
import { readDaemonRequest, type DaemonAnswer } from '../../hooks/daemon.js';
import { HOOK_ADAPTERS, isHookAgent } from '../../hooks/registry.js';
import { runHook } from '../../hooks/run-hook.js';
import type { HookContext, HookResponse } from '../../hooks/types.js';
import { HOOK_AGENTS } from '../../hooks/types.js';
import { EXIT, type CliDeps } from '../deps.js';

// A hook payload is a few kilobytes; anything this large is refused rather than parsed.
const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** Registers `blastwall hook <agent>`: the agent's own hook protocol on stdin/stdout, failing closed. */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('hook')
    .description(
      `answer an AI agent's pre-tool hook on stdin/stdout (${HOOK_AGENTS.join(', ')}); every error blocks the action`,
    )
    .argument('<agent>', `the agent whose hook protocol to speak: ${HOOK_AGENTS.join('|')}`)
    .option('--config <path>', 'blastwall.yaml to use instead of the one at the workspace root')
    .option('--on-behalf-of <id>', 'the person the agent acts for (default: $BLASTWALL_ON_BEHALF_OF)')
    .action(async (agent: string, options: { config?: string; onBehalfOf?: string }) => {
      const response = await answerHook(agent, options, deps);
      if (response.stdout) deps.stdout(response.stdout);
      if (response.stderr) deps.stderr(response.stderr);
      deps.exit(response.exitCode);
    });
}

/** The options `blastwall hook` takes; anything else goes through the full CLI, which explains it. */
export interface HookArgs {
  agent: string;
  config?: string;
  onBehalfOf?: string;
}

/**
 * Reads `hook <agent> [--config PATH] [--on-behalf-of ID]` (also `--opt=value`) without commander; undefined for
 * anything else (`--help`, an unknown option, a missing value), which the full CLI then answers.
 */
export function parseHookArgs(argv: readonly string[]): HookArgs | undefined {
  if (argv[0] !== 'hook') return undefined;
  const options: { config?: string; onBehalfOf?: string } = {};
  let agent: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg];
    const key = flag === '--config' ? 'config' : flag === '--on-behalf-of' ? 'onBehalfOf' : undefined;
    if (key !== undefined) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-'))) return undefined;
      options[key] = value;
    } else if (arg.startsWith('-') || agent !== undefined) {
      return undefined;
    } else {
      agent = arg;
    }
  }
  return agent === undefined ? undefined : { agent, ...options };
}

/**
 * The hook verb as its own process entry (bundled into one file by scripts/bundle-hook.mjs and run by
 * bin/blastwall.js): no commander and no verb registry, since an agent starts this process before every tool
 * call. Resolves to the exit code, or undefined when the arguments are not the plain hook form.
 */
export async function runHookProcess(
  argv: readonly string[],
  input: { stdin?: string } = {},
): Promise<number | undefined> {
  const args = parseHookArgs(argv);
  if (!args) return undefined;
  const { stdin } = input;
  const deps: CliDeps = {
    stdout: (text) => writeAll(1, text),
    stderr: (text) => writeAll(2, text),
    // The thin client has already read stdin when it tried the daemon first.
    readStdin: stdin === undefined ? readStdin : () => Promise.resolve(stdin),
    cwd: process.cwd(),
    env: process.env,
    isTty: false,
    exit: (code) => {
      process.exitCode = code;
    },
  };
  const response = await answerHook(args.agent, hookOptions(args, deps.cwd), deps);
  if (response.stdout) deps.stdout(response.stdout);
  if (response.stderr) deps.stderr(response.stderr);
  return response.exitCode;
}

/**
 * Answers one request of the warm hook daemon (bin/hook-daemon.js, see ../../hooks/daemon.ts) exactly as
 * runHookProcess would answer it in the client's own process: with the request's cwd, environment and stdin,
 * and nothing of the daemon's own. Never rejects.
 */
export async function answerDaemonRequest(value: unknown, build: string): Promise<DaemonAnswer> {
  const request = readDaemonRequest(value);
  if (!request) return { build, fallback: 'malformed request' };
  if (request.build !== build) return { build, fallback: 'request for another build' };
  const args = parseHookArgs(request.argv);
  if (!args) return { build, fallback: 'arguments for the full CLI' };
  const out: string[] = [];
  const err: string[] = [];
  const deps: CliDeps = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    readStdin: () => Promise.resolve(request.stdin),
    cwd: request.cwd,
    env: request.env,
    isTty: false,
    exit: () => undefined,
  };
  const response = await answerHook(args.agent, hookOptions(args, request.cwd), deps);
  return {
    build,
    stdout: out.join('') + response.stdout,
    stderr: err.join('') + response.stderr,
    exitCode: response.exitCode,
  };
}

/** The verb's options, a relative `--config` made absolute against the hook's cwd (a daemon has its own cwd). */
function hookOptions(args: HookArgs, cwd: string): { config?: string; onBehalfOf?: string } {
  return {
    ...(args.config !== undefined && { config: path.resolve(cwd, args.config) }),
    ...(args.onBehalfOf !== undefined && { onBehalfOf: args.onBehalfOf }),
  };
}

/**
 * Writes to stdout/stderr straight to the file descriptor: touching process.stdout on a pipe loads Node's
 * stream and socket modules, a measurable share of a hook's start-up. A non-blocking pipe that is full falls
 * back to the stream, which waits. bin/hook-client.js keeps a copy (its `write`): the thin client loads only Node
 * built-ins on its fast path, never this bundle, so it cannot call this one.
 */
function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(fd, bytes, written);
  } catch {
    (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(written));
  }
}

/** All of stdin: one blocking read when it is a pipe or file (the usual hook), the stream otherwise. */
async function readStdin(): Promise<string> {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    // EAGAIN (a non-blocking pipe shared with the parent) and the like: read it as a stream.
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Runs one hook invocation end to end; resolves to what to write and exit with, never rejects. */
export async function answerHook(
  agent: string,
  options: { config?: string; onBehalfOf?: string },
  deps: CliDeps,
): Promise<HookResponse> {
  if (!isHookAgent(agent)) {
    // Exit 2 is a usage error for blastwall and a block for every supported agent.
    return {
      exitCode: EXIT.usage,
      stdout: '',
      stderr: `blastwall: unknown agent "${agent}" (expected ${HOOK_AGENTS.join(', ')}); action blocked\n`,
    };
  }
  try {
    const adapter = await HOOK_ADAPTERS[agent]();
    const raw = await deps.readStdin();
    const onBehalfOf = options.onBehalfOf ?? deps.env.BLASTWALL_ON_BEHALF_OF;
    const context: HookContext = {
      cwd: deps.cwd,
      home: deps.env.HOME || homedir(),
      env: deps.env,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      workspaceOf,
      recordWrites: (found) => void recordWrites(found.writes, found.origin, deps.env),
    };
    const payload = Buffer.byteLength(raw, 'utf8') > MAX_PAYLOAD_BYTES ? '' : raw;
    if (payload === '' && raw !== '') {
      return adapter.render({
        kind: 'error',
        reason: `blastwall blocked the action: hook payload larger than ${MAX_PAYLOAD_BYTES} bytes`,
      });
    }
    const gates = serverAwareGates(options.config, deps.env);
    const first = await runHook(adapter, payload, context, gates.gateFor);
    // A held action is registered with the server (when one is configured), then answered again with what it said.
    return (await gates.settle()) ? await runHook(adapter, payload, context, gates.gateFor) : first;
  } catch (error) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `blastwall: internal error, action blocked: ${error instanceof Error ? error.message : String(error)}\n`,
    };
  }
}

/** A held action waiting to be registered with the blastwall server. */
interface HeldAction {
  key: string;
  request: RemoteActionRequest;
  decision: ActionDecision;
}

/**
 * Gates (loaded only when a payload needs a decision) that remember a held action — a shell command or an
 * editor/MCP tool call — so it can be settled with the blastwall server between two runs of the (synchronous)
 * gate: the second run answers with the settled decision.
 */
function serverAwareGates(configPath: string | undefined, env: Record<string, string | undefined>) {
  const settled = new Map<string, ActionDecision>();
  let held: HeldAction | undefined;
  let client: ApprovalClient | undefined;
  const keyOf = (kind: string, what: string, request: Omit<ActionRequest, 'command'>): string =>
    JSON.stringify([kind, what, request.cwd, request.agent, request.sessionId]);
  /** Answers from the server's settlement when there is one, else decides locally and remembers a hold. */
  function remembered(
    key: string,
    decide: () => ActionDecision,
    remote: (decision: ActionDecision) => RemoteActionRequest,
  ): ActionDecision {
    const known = settled.get(key);
    if (known) return known;
    const decision = decide();
    if (decision.decision === 'needs-approval') held = { key, request: remote(decision), decision };
    return decision;
  }
  /** Who the server should hold the action for: the agent and person the local decision settled on. */
  const identity = (decision: ActionDecision) => ({
    agent: decision.agent,
    ...(decision.onBehalfOf !== undefined && { onBehalfOf: decision.onBehalfOf }),
  });
  // The second run after a settlement asks for the same gate: it is built once.
  const built = new Map<string, Promise<Gate>>();
  function gateFor(workspace: string, command: string): Promise<Gate> {
    const key = `${workspace}\0${command}`;
    let gate = built.get(key);
    if (!gate) {
      gate = buildGate(workspace, command);
      built.set(key, gate);
    }
    return gate;
  }
  async function buildGate(workspace: string, command: string): Promise<Gate> {
    const { createGate } = await import('../../../app/gate.js');
    // The command as a hint: the PostgreSQL parser is loaded only if it could reach a database.
    const gate = await createGate({
      cwd: workspace,
      env,
      commandHint: command,
      ...(configPath !== undefined ? { configPath } : {}),
    });
    const { serverSettings, createApprovalClient } = await import('../../../app/approval-client.js');
    const settings = serverSettings(gate.workspace.loaded.file, env);
    if (!settings) return gate;
    client = createApprovalClient(settings);
    return {
      evaluateCommand: (request) =>
        remembered(
          keyOf('command', request.command, request),
          () => gate.evaluateCommand(request),
          (decision) => ({ ...request, ...identity(decision) }),
        ),
      // Editor writes and MCP calls are registered as the gateway registers them: described, with their operations.
      evaluateOperations: ({ description, operations, ...request }) =>
        remembered(
          keyOf('operations', description, request),
          () => gate.evaluateOperations({ description, operations, ...request }),
          (decision) => ({
            ...request,
            command: description,
            operations: decision.operations,
            ...identity(decision),
          }),
        ),
    };
  }
  /** Registers the held action with the server; true when there was one (the gate must be asked again). */
  async function settle(): Promise<boolean> {
    if (!held || !client) return false;
    const { settleHeld } = await import('../../../app/approval-client.js');
    settled.set(held.key, await settleHeld(held.decision, held.request, client));
    held = undefined;
    return true;
  }
  return { gateFor, settle };
}

/** The nearest directory at or above `dir` holding `.git`, else `dir` itself. */
function workspaceOf(dir: string): string {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(dir);
    current = parent;
  }
}
