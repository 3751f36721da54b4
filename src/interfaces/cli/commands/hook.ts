import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { ActionDecision } from '../../../core/actions/types.js';
import type { ApprovalClient, RemoteActionRequest } from '../../../app/approval-client.js';
import type { ActionRequest, Gate } from '../../../app/gate-types.js';
import { dataDir } from '../../../adapters/attest/key.js';
import { outboxFile, type QueuedLine } from '../../../adapters/attest/outbox.js';
import { recordWrites } from '../../../app/attest-record.js';
import type { AllowedWrites } from '../../hooks/attest-writes.js';
import { spawnedFlush, type AttestFlush } from '../attest-flush.js';
import { HOOK_ADAPTERS, isHookAgent } from '../../hooks/registry.js';
import { runHook } from '../../hooks/run-hook.js';
import type { HookContext, HookResponse } from '../../hooks/types.js';
import { HOOK_AGENTS } from '../../hooks/types.js';
import { EXIT, type CliDeps } from '../deps.js';

// A hook payload is a few kilobytes; anything this large is refused rather than parsed.
const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;

/**
 * The hook verb's options, declared once: commander reads them in the full CLI (with --help), and the hook
 * process's own entry (src/hook-main.ts) reads them with node:util's parseArgs, without loading commander.
 */
export const HOOK_FLAGS = {
  config: { value: 'path', description: 'blastwall.yaml to use instead of the one at the workspace root' },
  'on-behalf-of': {
    value: 'id',
    description: 'the person the agent acts for (default: $BLASTWALL_ON_BEHALF_OF)',
  },
} as const;

/** The options of one `blastwall hook <agent>` call. */
export interface HookArgs {
  agent: string;
  config?: string;
  onBehalfOf?: string;
}

/** Registers `blastwall hook <agent>`: the agent's own hook protocol on stdin/stdout, failing closed. */
export function register(program: Command, deps: CliDeps): void {
  const command = program
    .command('hook')
    .description(
      `answer an AI agent's pre-tool hook on stdin/stdout (${HOOK_AGENTS.join(', ')}); every error blocks the action`,
    )
    .argument('<agent>', `the agent whose hook protocol to speak: ${HOOK_AGENTS.join('|')}`);
  for (const [flag, { value, description }] of Object.entries(HOOK_FLAGS))
    command.option(`--${flag} <${value}>`, description);
  command.action(async (agent: string, options: { config?: string; onBehalfOf?: string }) => {
    const response = await answerHook(agent, options, deps, spawnedFlush());
    if (response.stdout) deps.stdout(response.stdout);
    if (response.stderr) deps.stderr(response.stderr);
    deps.exit(response.exitCode);
  });
}

/**
 * Runs one hook invocation end to end; resolves to what to write and exit with, never rejects. Attestations queued
 * for a server are handed to `flush` after the answer is made (without it they wait for the next flush).
 */
export async function answerHook(
  agent: string,
  options: { config?: string; onBehalfOf?: string },
  deps: CliDeps,
  flush?: AttestFlush,
): Promise<HookResponse> {
  if (!isHookAgent(agent)) {
    // Exit 2 is a usage error for blastwall and a block for every supported agent.
    return {
      exitCode: EXIT.usage,
      stdout: '',
      stderr: `blastwall: unknown agent "${agent}" (expected ${HOOK_AGENTS.join(', ')}); action blocked\n`,
    };
  }
  let queued = false;
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
      recordWrites: (found) => {
        const outbox = serverQueue(found, options.config, deps.env);
        recordWrites(found.writes, found.origin, deps.env, new Date(), outbox);
        queued ||= outbox !== undefined;
      },
    };
    const payload = Buffer.byteLength(raw, 'utf8') > MAX_PAYLOAD_BYTES ? '' : raw;
    if (payload === '' && raw !== '') {
      return adapter.render({
        kind: 'error',
        reason: `blastwall blocked the action: hook payload larger than ${MAX_PAYLOAD_BYTES} bytes`,
      });
    }
    const gates = serverAwareGates(options.config, deps.env, deps.stderr);
    const first = await runHook(adapter, payload, context, gates.gateFor);
    // A held action is registered with the server (when one is configured), then answered again with what it said.
    const response = (await gates.settle()) ? await runHook(adapter, payload, context, gates.gateFor) : first;
    if (queued) flush?.(deps.env, deps.cwd);
    return response;
  } catch (error) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `blastwall: internal error, action blocked: ${error instanceof Error ? error.message : String(error)}\n`,
    };
  }
}

/**
 * Where an allowed write's records are queued for a server, when one may be configured for the file's workspace:
 * `BLASTWALL_SERVER_URL`, or a `server:` section in its blastwall.yaml (read as text: the hook parses no YAML for
 * this). The flush resolves the server itself (app/attest-send.ts).
 */
function serverQueue(
  found: AllowedWrites,
  config: string | undefined,
  env: Record<string, string | undefined>,
): { file: string; entry: Omit<QueuedLine, 'line'> } | undefined {
  const first = found.writes[0];
  if (!first) return undefined;
  const workspace = workspaceOf(path.dirname(first.file));
  const server = env.BLASTWALL_SERVER_URL || undefined;
  if (server === undefined) {
    let text: string;
    try {
      text = readFileSync(config ?? path.join(workspace, 'blastwall.yaml'), 'utf8');
    } catch {
      return undefined;
    }
    if (!/^server:/m.test(text)) return undefined;
  }
  return {
    file: outboxFile(dataDir(env)),
    entry: {
      workspace,
      ...(config !== undefined && { config }),
      ...(server !== undefined && { server }),
      ...(env.BLASTWALL_TOKEN && { token: env.BLASTWALL_TOKEN }),
    },
  };
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
function serverAwareGates(
  configPath: string | undefined,
  env: Record<string, string | undefined>,
  stderr: (text: string) => void,
) {
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
    const { createLocalProbes } = await import('../../../app/probes.js');
    const gate = await createGate({
      cwd: workspace,
      env,
      commandHint: command,
      ...(configPath !== undefined ? { configPath } : {}),
      // A deploy's dry-run and a push's change check run here, within what the agent's hook timeout leaves.
      probes: createLocalProbes({
        env,
        progress: (line) => stderr(`blastwall: ${line}\n`),
        ...(configPath !== undefined ? { configPath } : {}),
      }),
      effectBudgetCapMs: hookBudgetCapMs(env),
      restorePointsIn: dataDir(env),
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
      decideCommand: async (request) => {
        const key = keyOf('command', request.command, request);
        const decision = settled.has(key) ? undefined : await gate.decideCommand(request);
        return remembered(
          key,
          () => decision ?? gate.evaluateCommand(request),
          (decided) => ({ ...request, ...identity(decided) }),
        );
      },
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

/**
 * What a deploy's dry-run may take inside a hook: the agent's hook timeout (`BLASTWALL_HOOK_TIMEOUT_SECONDS`,
 * default 60, Claude Code's default) less 3 s for loading and answering; the configured budget still applies.
 */
function hookBudgetCapMs(env: Record<string, string | undefined>): number {
  const stated = Number(env.BLASTWALL_HOOK_TIMEOUT_SECONDS);
  const seconds = Number.isFinite(stated) && stated > 0 ? stated : 60;
  return Math.max(seconds * 1000 - 3000, 500);
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
