import type { ActionRequest, Gate, OperationsRequest } from '../app/gate-types.js';
import type { ActionDecision } from '../core/actions/types.js';
import { emptyBlastRadius } from '../core/catalog/graph.js';
import type { Outcome } from '../core/model.js';
import type { HookContext } from '../interfaces/hooks/types.js';

/** A gate for adapter tests: `rm -rf /` and `DROP` deny, `destroy` and destructive operations are held, the rest is allowed. */
export function fakeGate(): Gate & { commands: ActionRequest[]; operations: OperationsRequest[] } {
  const commands: ActionRequest[] = [];
  const operations: OperationsRequest[] = [];
  return {
    commands,
    operations,
    evaluateCommand(request) {
      commands.push(request);
      const outcome: Outcome = /rm -rf \/|DROP/.test(request.command)
        ? 'deny'
        : /destroy/.test(request.command)
          ? 'needs-approval'
          : 'allow';
      return decisionOf(outcome, request.command);
    },
    evaluateOperations(request) {
      operations.push(request);
      const outcome: Outcome = request.operations.some((op) => op.destructive || op.selfProtection)
        ? 'needs-approval'
        : 'allow';
      return decisionOf(outcome, '');
    },
  };
}

/** A hook context rooted at `/work/repo` with home `/home/dev`. */
export function testContext(overrides: Partial<HookContext> = {}): HookContext {
  return { cwd: '/work/repo', home: '/home/dev', env: {}, workspaceOf: () => '/work/repo', ...overrides };
}

function decisionOf(outcome: Outcome, command: string): ActionDecision {
  const reasons =
    outcome === 'allow' ? [] : [outcome === 'deny' ? 'policy says no' : 'a senior must approve'];
  return {
    decision: outcome,
    reasons,
    requirements:
      outcome === 'needs-approval'
        ? [
            {
              policy: 'p',
              reason: 'r',
              kind: 'approval',
              satisfied: false,
              approvedBy: [],
              missing: 'one approval from a senior',
            },
          ]
        : [],
    operations: [],
    blastRadius: emptyBlastRadius(),
    agent: 'test',
    command,
    warnings: [],
    elapsedMs: 0,
  };
}
