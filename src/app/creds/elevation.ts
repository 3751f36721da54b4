import type { Gate } from '../gate-types.js';
import { elevationOperation } from '../../core/creds/grant.js';
import { foldRequirements } from '../../core/policy/eligibility.js';
import type { Broker, Elevation } from './broker.js';

/** How an elevated request is judged: the gate's own policies on the operation it stands for, folded into one approval. */
export function gateElevation(
  gate: Gate,
): (request: Parameters<Broker['request']>[0], command: string) => Elevation {
  return (request, command) => {
    const decision = gate.evaluateOperations({
      description: command,
      operations: [elevationOperation(request.kind, request.environment, command)],
      agent: request.agent,
      sessionId: request.sessionId,
      ...(request.onBehalfOf !== undefined && { onBehalfOf: request.onBehalfOf }),
    });
    if (decision.decision === 'deny') return { refused: decision.reasons.join('; ') };
    const subject =
      request.onBehalfOf !== undefined
        ? { authors: [request.onBehalfOf], requester: request.onBehalfOf }
        : { authors: [] };
    // Two-person rule for elevated credentials whatever the policies say: the requester never approves.
    const requirement = {
      ...foldRequirements(decision.requirements, subject),
      notAuthor: true,
      notRequester: true,
    };
    return { requirement, reasons: decision.reasons };
  };
}
