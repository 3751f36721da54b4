import type { ActionRequest, OperationsRequest } from '../../app/gate-types.js';
import type { AllowedWrites } from './attest-writes.js';

/** The agents whose hook protocol blastwall speaks. */
export const HOOK_AGENTS = ['claude-code', 'codex', 'gemini', 'cursor', 'copilot', 'kiro'] as const;
export type HookAgentId = (typeof HOOK_AGENTS)[number];

/** What the hook process knows of its surroundings, gathered by the CLI before the payload is read. */
export interface HookContext {
  /** The hook process's working directory (used when the payload carries no cwd). */
  cwd: string;
  home: string;
  env: Record<string, string | undefined>;
  /** The person the agent acts for, when configured (`--on-behalf-of`). */
  onBehalfOf?: string;
  /** Finds the workspace (repository root) that contains a directory. */
  workspaceOf(dir: string): string;
  /** Signs and stores the lines of an allowed write (attest-writes.ts); absent: writes are not attested. Throws when it cannot. */
  recordWrites?(found: AllowedWrites): void;
}

/** What a hook payload asks blastwall to decide. */
export type HookAction =
  /** A shell command for the agent gate. */
  | { kind: 'command'; request: ActionRequest; workspace: string; event?: string }
  /** A non-shell tool call already turned into operations. */
  | { kind: 'operations'; request: OperationsRequest; workspace: string; event?: string }
  /** A tool or event blastwall does not gate (a read inside the workspace, a lifecycle event): proceed. */
  | { kind: 'pass'; event?: string }
  /** The payload could not be understood: must block. */
  | { kind: 'invalid'; message: string };

/** The agent-neutral verdict a hook answers with. */
export type HookVerdict =
  | { kind: 'allow' }
  /** Held for a person: the agent's own "ask" where it has one, a block with instructions otherwise. */
  | { kind: 'ask'; reason: string }
  | { kind: 'deny'; reason: string }
  /** blastwall could not decide (bad input, config error, crash): must block. */
  | { kind: 'error'; reason: string };

/** What the hook process writes and exits with. */
export interface HookResponse {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** One agent's hook protocol: how its payload reads and how its answers are written. */
export interface HookAdapter {
  id: HookAgentId;
  /** Reads the raw stdin payload into an action; never throws for bad input (returns `invalid`). */
  parse(raw: string, context: HookContext): HookAction;
  /** Writes a verdict the way this agent honours it (for the event in `action` and the hook's environment, when known); every non-allow verdict must block or hold. */
  render(verdict: HookVerdict, action?: HookAction, context?: HookContext): HookResponse;
}
