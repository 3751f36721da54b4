import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../adapters/storage/types.js';
import type { Gate } from '../../app/gate-types.js';
import type { ApprovalRequirement } from '../../core/model.js';
import { foldRequirements } from '../../core/policy/eligibility.js';
import type { ActionDecision, Operation } from '../../core/actions/types.js';
import type { AuthVariables, Principal } from './auth.js';
import { identityOf } from './agent-identity.js';
import type { Metrics } from './metrics.js';
import { parseBody, readJsonBody } from './request-body.js';

type Env = { Variables: AuthVariables };

const Id = z.string().min(1).max(200);

/** A `gate --batch` line. */
const EvaluateBody = z.strictObject({
  command: z
    .string()
    .min(1)
    .max(64 * 1024),
  cwd: z.string().max(4096).optional(),
  agent: Id.optional(),
  onBehalfOf: Id.optional(),
  sessionId: Id.optional(),
  /** A non-shell action (MCP tool call, editor write) as its interface classified it; `command` then describes it. */
  operations: z
    .array(z.looseObject({ kind: z.string(), summary: z.string() }))
    .min(1)
    .max(100)
    .optional(),
});

/** What the actions routes need. */
export interface ActionRoutesOptions {
  store: Store;
  gate: Gate;
  /** How long an approval releases the same command, and how long a pending one waits (default 60). */
  approvalTtlMinutes?: number;
  metrics?: Metrics;
  now?: () => Date;
}

/** `POST /v1/actions/evaluate`: the agent gate for remote agents; held actions open an approval, approved ones pass. */
export function actionRoutes(options: ActionRoutesOptions): Hono<Env> {
  const { store, gate } = options;
  const ttlMs = (options.approvalTtlMinutes ?? 60) * 60_000;
  const now = options.now ?? (() => new Date());
  const routes = new Hono<Env>();

  routes.post('/evaluate', async function evaluateAction(c) {
    const started = performance.now();
    const body = parseBody(EvaluateBody, await readJsonBody(c));
    const principal = c.get('principal');
    const { agent, onBehalfOf, sessionId } = identityOf(principal, body);
    const request = {
      command: body.command,
      agent,
      ...(body.cwd !== undefined && { cwd: body.cwd }),
      ...(onBehalfOf !== undefined && { onBehalfOf }),
      ...(sessionId !== undefined && { sessionId }),
    };
    let decision: ActionDecision = body.operations
      ? gate.evaluateOperations({
          ...request,
          description: body.command,
          operations: operationsOf(principal, body.command, body.operations),
        })
      : gate.evaluateCommand(request);
    let approvalId: string | undefined;
    let hold: { requirement: ApprovalRequirement; expiresAt: string } | undefined;
    if (decision.decision === 'needs-approval') {
      const at = now();
      // One approval releases one run of exactly this request: the first allow uses it up.
      const approved = await store.consumeApprovedAction(
        {
          command: body.command,
          agent,
          ...(sessionId !== undefined && { sessionId }),
          ...(body.cwd !== undefined && { cwd: body.cwd }),
          ...(onBehalfOf !== undefined && { onBehalfOf }),
          since: new Date(at.getTime() - ttlMs).toISOString(),
        },
        `token:${principal.tokenId}`,
      );
      if (approved) {
        approvalId = approved.id;
        decision = {
          ...decision,
          decision: 'allow',
          reasons: [`released by approval ${approved.id} (${approved.approvedBy.join(', ')})`],
        };
      } else {
        hold = {
          requirement: requirementOf(decision, onBehalfOf),
          expiresAt: new Date(at.getTime() + ttlMs).toISOString(),
        };
      }
    }
    const recorded = await store.recordActionDecision(
      {
        command: body.command,
        agent,
        ...(onBehalfOf !== undefined && { onBehalfOf }),
        ...(sessionId !== undefined && { sessionId }),
        ...(body.cwd !== undefined && { cwd: body.cwd }),
        operations: decision.operations,
        decision: decision.decision,
        reasons: decision.reasons,
        detail: {
          requirements: decision.requirements,
          warnings: decision.warnings,
          blastRadius: decision.blastRadius,
          ...(approvalId !== undefined && { approvalId }),
        },
      },
      `token:${principal.tokenId}`,
      hold,
    );
    approvalId ??= recorded.approval?.id;
    options.metrics?.observeDecision(decision, (performance.now() - started) / 1000);
    return c.json({
      ...decision,
      actionId: recorded.action.id,
      ...(approvalId !== undefined && { approvalId }),
    });
  });

  return routes;
}

/**
 * The operations of a non-shell action. The server classifies: an agent's own description of what its
 * action does is not believed (it could call `kubectl delete namespace` a read). Only a trusted integration,
 * whose role says it classifies (the MCP gateway), is taken at its word; anything else is held unseen.
 */
function operationsOf(principal: Principal, description: string, claimed: readonly unknown[]): Operation[] {
  if (principal.role === 'integration') return claimed as Operation[];
  return [
    {
      kind: 'unknown',
      category: 'unknown',
      // Destructive so that it is held; reversible so that it is held rather than refused outright.
      destructive: true,
      reversible: true,
      target: '',
      summary: `${description.slice(0, 200)} (classified by the agent, which the server does not take on trust)`,
      hints: {},
      source: description.slice(0, 200),
    },
  ];
}

/**
 * The approval a held action opens: the strictest of its unmet requirements. The person the agent acts
 * for asked for the action: an author for `@notAuthor`, the requester for `@notRequester`.
 */
export function requirementOf(decision: ActionDecision, onBehalfOf: string | undefined): ApprovalRequirement {
  if (onBehalfOf === undefined) return foldRequirements(decision.requirements, { authors: [] });
  return foldRequirements(decision.requirements, { authors: [onBehalfOf], requester: onBehalfOf });
}
