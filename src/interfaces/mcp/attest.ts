import { recordWrites } from '../../app/attest-record.js';
import { mcpToolWrites } from '../hooks/attest-writes.js';
import type { ToolGateOptions } from './tool-gate.js';

type OnDecision = NonNullable<ToolGateOptions['onDecision']>;

/** Who the gateway's calls are made by, and where attestations go. */
export interface GatewayOrigin {
  cwd: string;
  agent?: string;
  onBehalfOf?: string;
  sessionId?: string;
  env: Record<string, string | undefined>;
}

/**
 * Wraps the gateway's decision seam so an allowed file-writing tool call (write_file, edit_file …) is attested
 * after any approval settled it and before it is forwarded; a failure to record refuses the call.
 */
export function attestingDecisions(next: OnDecision | undefined, origin: GatewayOrigin): OnDecision {
  const record = (event: Parameters<OnDecision>[0]): void => {
    if (event.decision.decision !== 'allow') return;
    const writes = mcpToolWrites(event.tool, event.args, origin.cwd);
    if (writes.length === 0) return;
    recordWrites(
      writes,
      {
        agent: origin.agent ?? event.decision.agent,
        tool: `mcp:${event.server}:${event.tool}`,
        ...(origin.sessionId !== undefined && { sessionId: origin.sessionId }),
        ...(origin.onBehalfOf !== undefined && { onBehalfOf: origin.onBehalfOf }),
      },
      origin.env,
    );
  };
  return (event) => {
    const settling = next?.(event);
    if (settling) return Promise.resolve(settling).then(() => record(event));
    record(event);
    return undefined;
  };
}
