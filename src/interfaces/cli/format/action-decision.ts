import type { ActionDecision, RestorePointTaken } from '../../../core/actions/types.js';
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
  const point = decision.restorePoint;
  if (point !== undefined) lines.push(`  ${restorePointLine(point)}`);
  if (decision.blastRadius.services.length > 0) {
    lines.push(
      p.dim(`  blast radius: ${decision.blastRadius.services.map((s) => `${s.id} (T${s.tier})`).join(', ')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** What a restore point kept, and how to replay it. */
export function restorePointLine(point: RestorePointTaken): string {
  if (point.id === '') return 'restore point: nothing there to lose, none needed';
  const kept = [
    point.files > 0 ? `${point.files} file${point.files === 1 ? '' : 's'} (${kib(point.bytes)})` : '',
    point.fromGit > 0 ? `${point.fromGit} tracked file${point.fromGit === 1 ? '' : 's'} in git` : '',
    point.refs > 0 ? `${point.refs} ref${point.refs === 1 ? '' : 's'}` : '',
  ].filter((part) => part !== '');
  const skipped =
    point.notKept.length > 0
      ? `; not kept (build output or caches a tool writes again): ${point.notKept.slice(0, 3).join(', ')}${point.notKept.length > 3 ? ' …' : ''}`
      : '';
  return `restore point ${point.id} kept ${kept.join(', ') || 'the repository state'}${skipped}; \`blastwall undo ${point.id}\` brings it back`;
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The machine-readable form: the decision plus its facts, without timing noise. */
export function actionDecisionJson(decision: ActionDecision): Record<string, unknown> {
  return { ...decision };
}
