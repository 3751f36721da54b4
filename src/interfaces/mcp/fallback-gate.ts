import type { ActionRequest, Gate, OperationsRequest } from '../../app/gate-types.js';
import type { ActionDecision, Operation, ResolvedEnvironment } from '../../core/actions/types.js';

// Without the policy engine no environment can be told, and an unknown environment is protected (DESIGN.md).
const UNKNOWN: ResolvedEnvironment = { id: 'unknown', protected: true, known: false };

/** A conservative stand-in for the Cedar gate: every environment is protected, destructive calls are held or denied. */
export function createFallbackGate(): Gate {
  return {
    evaluateCommand(request: ActionRequest): ActionDecision {
      return decide(request.command, [], request.agent, request.onBehalfOf, 'commands are not decided by this gate');
    },
    evaluateOperations(request: OperationsRequest): ActionDecision {
      return decide(request.description, request.operations, request.agent, request.onBehalfOf);
    },
  };
}

function decide(command: string, operations: Operation[], agent = 'unknown-agent', onBehalfOf?: string, forced?: string): ActionDecision {
  const started = performance.now();
  const irreversible = operations.filter((op) => op.destructive && !op.reversible);
  const destructive = operations.filter((op) => op.destructive);
  const reasons: string[] = [];
  let outcome: ActionDecision['decision'] = 'allow';
  if (forced) {
    outcome = 'needs-approval';
    reasons.push(forced);
  } else if (irreversible.length > 0) {
    outcome = 'deny';
    reasons.push(`agent-no-irreversible-prod: an agent may never run an irreversible destructive operation in a protected environment (${irreversible.map((op) => op.summary).join('; ')})`);
  } else if (destructive.length > 0) {
    outcome = 'needs-approval';
    reasons.push(`agent-destructive-needs-human: a destructive operation in a protected environment is held until a person approves (${destructive.map((op) => op.summary).join('; ')})`);
  }
  return {
    decision: outcome,
    reasons,
    requirements: [],
    operations: operations.map((op) => ({ ...op, environment: UNKNOWN })),
    blastRadius: { services: [], mostCriticalTier: 5, dependentMostCriticalTier: 5, unownedFiles: 0, codeowners: [], score: 0 },
    agent,
    ...(onBehalfOf !== undefined && { onBehalfOf }),
    command,
    warnings: ['decided by the fallback gate: the policy engine is not available'],
    elapsedMs: performance.now() - started,
  };
}
