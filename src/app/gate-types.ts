import type { ActionEvidence } from '../core/actions/evidence.js';
import type { ActionDecision, Operation } from '../core/actions/types.js';

/** One proposed agent action, as `gate --batch` lines and `POST /v1/actions/evaluate` carry it. */
export interface ActionRequest {
  command: string;
  cwd?: string;
  agent?: string;
  onBehalfOf?: string;
  /** The agent's session, so an approval releases the same command from the same session only. */
  sessionId?: string;
}

/** A non-shell action (an MCP tool call, an editor write) already turned into operations by its interface. */
export interface OperationsRequest {
  /** What to show a person: `mcp__db__drop_table {"table":"users"}`, `Write /etc/hosts`. */
  description: string;
  operations: Operation[];
  cwd?: string;
  agent?: string;
  onBehalfOf?: string;
  sessionId?: string;
}

/** The agent gate, configured for one workspace: decides commands and pre-classified operations. */
export interface Gate {
  /** Decides a command now, on what it says and any evidence already gathered (never from the caller). */
  evaluateCommand(request: ActionRequest, evidence?: ActionEvidence): ActionDecision;
  /**
   * Decides a command after gathering what it needs (a deploy's dry-run, a push's change check, identities),
   * when the gate was given probes; otherwise the same as evaluateCommand.
   */
  decideCommand?(request: ActionRequest): Promise<ActionDecision>;
  evaluateOperations(request: OperationsRequest): ActionDecision;
}
