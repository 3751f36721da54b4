import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import type { ActionDecision } from '../../../core/actions/types.js';
import type { ActionRequest, Gate } from '../../../app/gate-types.js';
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
    };
    const payload = Buffer.byteLength(raw, 'utf8') > MAX_PAYLOAD_BYTES ? '' : raw;
    if (payload === '' && raw !== '') {
      return adapter.render({
        kind: 'error',
        reason: `blastwall blocked the action: hook payload larger than ${MAX_PAYLOAD_BYTES} bytes`,
      });
    }
    const gates = serverAwareGates(options.config, deps.env, payload);
    const first = await runHook(adapter, payload, context, gates.gateFor);
    // A held command is registered with the server (when one is configured), then answered again with what it said.
    return (await gates.settle()) ? await runHook(adapter, payload, context, gates.gateFor) : first;
  } catch (error) {
    return {
      exitCode: 2,
      stdout: '',
      stderr: `blastwall: internal error, action blocked: ${error instanceof Error ? error.message : String(error)}\n`,
    };
  }
}

// The gate (config, Cedar policies) is loaded only when a payload needs a decision.
/**
 * Gates that remember a held command so it can be settled with the blastwall server between two
 * runs of the (synchronous) gate: the second run answers with the settled decision.
 */
function serverAwareGates(
  configPath: string | undefined,
  env: Record<string, string | undefined>,
  payload: string,
) {
  const settled = new Map<string, ActionDecision>();
  let held:
    | {
        key: string;
        request: ActionRequest;
        decision: ActionDecision;
        settle: (local: ActionDecision, request: ActionRequest) => Promise<ActionDecision>;
      }
    | undefined;
  const keyOf = (request: ActionRequest): string =>
    JSON.stringify([request.command, request.cwd, request.agent, request.sessionId]);
  async function gateFor(workspace: string): Promise<Gate> {
    const { createGate } = await import('../../../app/gate.js');
    // The payload as a hint: the PostgreSQL parser is loaded only if the action could reach a database.
    const gate = await createGate({
      cwd: workspace,
      env,
      commandHint: payload,
      ...(configPath !== undefined ? { configPath } : {}),
    });
    const { serverSettings, createApprovalClient, settleHeld } =
      await import('../../../app/approval-client.js');
    const settings = serverSettings(gate.workspace.loaded.file, env);
    if (!settings) return gate;
    const client = createApprovalClient(settings);
    return {
      evaluateOperations: (request) => gate.evaluateOperations(request),
      evaluateCommand(request) {
        const known = settled.get(keyOf(request));
        if (known) return known;
        const decision = gate.evaluateCommand(request);
        if (decision.decision === 'needs-approval') {
          held = {
            key: keyOf(request),
            request: {
              ...request,
              agent: decision.agent,
              ...(decision.onBehalfOf !== undefined && { onBehalfOf: decision.onBehalfOf }),
            },
            decision,
            settle: (local, req) => settleHeld(local, req, client),
          };
        }
        return decision;
      },
    };
  }
  async function settle(): Promise<boolean> {
    if (!held) return false;
    settled.set(held.key, await held.settle(held.decision, held.request));
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
