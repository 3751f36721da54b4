import type { Gate } from '../../app/gate-types.js';
import type { HookAction, HookAdapter, HookContext, HookResponse, HookVerdict } from './types.js';
import { allowedWrites } from './attest-writes.js';
import { verdictOf } from './verdict.js';

/**
 * Obtains the gate configured for a workspace; only called when a payload needs a decision. `command` is the
 * shell command about to be decided ('' for pre-classified operations), so the gate loads only what it needs.
 */
export type GateFactory = (workspace: string, command: string) => Promise<Gate>;

/** Runs one hook invocation: payload → action → gate decision → the agent's answer. Never throws; every failure blocks. */
export async function runHook(
  adapter: HookAdapter,
  raw: string,
  context: HookContext,
  gateFor: GateFactory,
): Promise<HookResponse> {
  let verdict: HookVerdict;
  let action: HookAction | undefined;
  try {
    action = adapter.parse(raw, context);
    verdict = await decide(action, gateFor);
    // An allowed write is attested before the agent hears "allow": unrecorded AI lines would pass as a person's.
    if (verdict.kind === 'allow' && context.recordWrites) {
      // A shell command's heredoc or echo into a file (shell-writes.ts, loaded only for commands).
      const writes =
        action.kind === 'command'
          ? (await import('./shell-writes.js')).commandWrites(action)
          : allowedWrites(adapter.id, raw, context);
      if (writes) context.recordWrites(writes);
    }
  } catch (error) {
    verdict = {
      kind: 'error',
      reason: `blastwall could not decide, so the action is blocked: ${messageOf(error)}`,
    };
  }
  try {
    return adapter.render(verdict, action, context);
  } catch (error) {
    // The adapter itself failed: exit 2 blocks in every supported agent.
    return {
      exitCode: 2,
      stdout: '',
      stderr: `blastwall: internal error, action blocked: ${messageOf(error)}\n`,
    };
  }
}

async function decide(action: HookAction, gateFor: GateFactory): Promise<HookVerdict> {
  if (action.kind === 'pass') return { kind: 'allow' };
  if (action.kind === 'invalid')
    return { kind: 'error', reason: `blastwall blocked the action: ${action.message}` };
  const gate = await gateFor(action.workspace, action.kind === 'command' ? action.request.command : '');
  if (action.kind === 'command') {
    // decideCommand gathers what a deploy or push needs (a dry-run, the change check) before deciding.
    const decision = gate.decideCommand
      ? await gate.decideCommand(action.request)
      : gate.evaluateCommand(action.request);
    return verdictOf(decision, action.request.command);
  }
  const decision = gate.evaluateOperations(action.request);
  return verdictOf(decision, action.request.operations.map((op) => op.summary).join('; '));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
