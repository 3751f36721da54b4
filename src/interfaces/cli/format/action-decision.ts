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
  for (const reason of decision.reasons) lines.push(`  ${reason}`);
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
