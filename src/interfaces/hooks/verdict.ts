import type { ActionDecision } from '../../core/actions/types.js';
import type { HookVerdict } from './types.js';

/** Maps a gate decision to the agent-neutral verdict, with reasons a person (and the agent) can act on; `subject` names the action. */
export function verdictOf(decision: ActionDecision, subject?: string): HookVerdict {
  if (decision.decision === 'allow') return { kind: 'allow' };
  const reasons = decision.reasons.length > 0 ? decision.reasons : ['no reason given by policy'];
  const what =
    subject ??
    (decision.command !== '' ? decision.command : (decision.operations[0]?.summary ?? 'this action'));
  if (decision.decision === 'deny') {
    return { kind: 'deny', reason: `blastwall denied ${quote(what)}: ${reasons.join('; ')}` };
  }
  const missing = decision.requirements
    .filter((r) => !r.satisfied && r.missing)
    .map((r) => r.missing as string);
  const needs = missing.length > 0 ? ` Still needed: ${missing.join('; ')}.` : '';
  return {
    kind: 'ask',
    reason: `blastwall holds ${quote(what)} for a person: ${reasons.join('; ')}.${needs} A person with that authority can run it themselves or approve it in blastwall; do not try to work around the hold.`,
  };
}

/** The message an agent that has no "ask" shows when an action is held: a block that says how to get approval. */
export function heldAsBlock(reason: string): string {
  return `${reason} (This agent cannot ask for approval from a hook, so the action is blocked until a person approves it.)`;
}

function quote(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return `\`${short}\``;
}
