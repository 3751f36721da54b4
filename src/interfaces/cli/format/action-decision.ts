import type { ActionDecision } from '../../../core/actions/types.js';
import type { Paint } from './colour.js';

const WORDS = { allow: 'ALLOW', 'needs-approval': 'HELD FOR APPROVAL', deny: 'DENY' } as const;

/** A readable account of an agent-action decision. */
export function actionDecisionText(decision: ActionDecision, p: Paint): string {
  const colour = decision.decision === 'allow' ? p.green : decision.decision === 'deny' ? p.red : p.yellow;
  const lines = [
    `${colour(p.bold(WORDS[decision.decision]))}  ${p.dim(decision.command.length > 120 ? `${decision.command.slice(0, 117)}…` : decision.command)}`,
  ];
  for (const op of decision.operations) {
    const env = op.environment.known
      ? op.environment.id
      : `unknown (${op.environment.matchedBy ?? 'protected'})`;
    lines.push(
      `  ${op.destructive ? p.red(op.kind) : op.kind} ${op.category}: ${op.summary} ${p.dim(`[env ${env}${op.environment.protected ? ', protected' : ''}${op.reversible ? '' : ', irreversible'}]`)}`,
    );
  }
  // A denied command is not held: the sign-offs other policies would ask for do not apply, so their
  // reasons would only contradict the denial. They are named, not repeated.
  const held = new Set(
    decision.decision === 'deny'
      ? decision.requirements.filter((r) => r.kind !== 'deny').map((r) => r.policy)
      : [],
  );
  const shown = decision.reasons.filter(
    (reason) => ![...held].some((policy) => reason.startsWith(`[${policy}]`)),
  );
  for (const reason of shown) lines.push(`  ${reason}`);
  if (shown.length < decision.reasons.length)
    lines.push(p.dim(`  (also held by ${[...held].join(', ')}; no approval can lift a denial)`));
  if (decision.blastRadius.services.length > 0) {
    lines.push(
      p.dim(`  blast radius: ${decision.blastRadius.services.map((s) => `${s.id} (T${s.tier})`).join(', ')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The machine-readable form: the decision plus its facts, without timing noise. */
export function actionDecisionJson(decision: ActionDecision): Record<string, unknown> {
  return { ...decision };
}
