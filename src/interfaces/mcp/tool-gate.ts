import type { JSONRPCMessage, JSONRPCRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Gate } from '../../app/gate-types.js';
import type { Operation } from '../../core/actions/types.js';
import {
  classifyToolCall,
  describeToolCall,
  type ServerMappings,
  type ToolAnnotations,
  type ToolCallDeps,
} from '../../core/actions/tool-call.js';
import type { ActionDecision } from '../../core/actions/types.js';
import { toolErrorResult } from './json-rpc.js';

/** What the proxy learnt of one tool from the server's `tools/list`. */
export interface KnownTool {
  inputSchema?: unknown;
  annotations?: ToolAnnotations;
}

/** One gated tool call and what was decided about it, for the audit log and the approval workflow. */
export interface ToolCallDecision {
  server: string;
  tool: string;
  args: Record<string, unknown>;
  description: string;
  decision: ActionDecision;
}

/** What the approval workflow answers for a held call: its id, and what to tell the agent. */
export interface HeldResult {
  approvalId?: string;
  message: string;
}

/** Everything the proxy needs to decide a `tools/call`. */
export interface ToolGateOptions {
  gate: Gate;
  server: string;
  cwd: string;
  agent?: string;
  onBehalfOf?: string;
  sessionId?: string;
  mappings?: ServerMappings;
  classifiers?: ToolCallDeps;
  /** Called with every decision (the audit seam); its failure never lets a call through. */
  onDecision?: (event: ToolCallDecision) => void | Promise<void>;
  /** Registers a held call for approval; without it, held calls are refused with an explanation. */
  onHeld?: (event: ToolCallDecision) => Promise<HeldResult>;
  /** More operations a call performs that its name does not say (the secrets its path arguments read). */
  extraOperations?: (tool: string, args: Record<string, unknown>) => Operation[];
}

/** The outcome for one `tools/call`: forward it to the server, or answer the client instead. */
export type GateOutcome = { forward: true } | { forward: false; response: JSONRPCMessage };

const FORWARD: GateOutcome = { forward: true };

/** Remembers tool schemas and annotations from `tools/list` results (across pages). */
export class ToolCatalog {
  private readonly tools = new Map<string, KnownTool>();

  /** Records the tools of one `tools/list` result; ignores anything not shaped like one. */
  remember(result: unknown): void {
    const tools = (result as { tools?: unknown } | undefined)?.tools;
    if (!Array.isArray(tools)) return;
    for (const tool of tools as unknown[]) {
      if (!tool || typeof tool !== 'object') continue;
      const { name, inputSchema, annotations } = tool as {
        name?: unknown;
        inputSchema?: unknown;
        annotations?: unknown;
      };
      if (typeof name !== 'string') continue;
      this.tools.set(name, { inputSchema, annotations: pickAnnotations(annotations) });
    }
  }

  /** What is known of a tool, if the server listed it. */
  get(name: string): KnownTool | undefined {
    return this.tools.get(name);
  }
}

/**
 * Decides one `tools/call` request; fails closed: any error refuses the call. The answer is
 * synchronous unless an audit or approval hook has to be awaited, so an allowed call is forwarded
 * in the same turn of the event loop it arrived in.
 */
export function decideToolCall(
  request: JSONRPCRequest,
  catalog: ToolCatalog,
  options: ToolGateOptions,
): GateOutcome | Promise<GateOutcome> {
  const params = (request.params ?? {}) as { name?: unknown; arguments?: unknown };
  const tool = typeof params.name === 'string' ? params.name : '';
  const args =
    params.arguments && typeof params.arguments === 'object' && !Array.isArray(params.arguments)
      ? (params.arguments as Record<string, unknown>)
      : {};
  const description = describeToolCall(options.server, tool, args);
  let event: ToolCallDecision;
  try {
    if (tool === '') return refuse(request, 'blastwall refused this tool call: it names no tool', 'deny');
    const operations = classifyToolCall(
      {
        server: options.server,
        tool,
        args,
        annotations: catalog.get(tool)?.annotations,
        mappings: options.mappings,
      },
      options.classifiers ?? {},
    );
    operations.push(...(options.extraOperations?.(tool, args) ?? []));
    const decision = options.gate.evaluateOperations({
      description,
      operations,
      cwd: options.cwd,
      ...(options.agent !== undefined && { agent: options.agent }),
      ...(options.onBehalfOf !== undefined && { onBehalfOf: options.onBehalfOf }),
      ...(options.sessionId !== undefined && { sessionId: options.sessionId }),
    });
    event = { server: options.server, tool, args, description, decision };
  } catch (error) {
    return refuse(
      request,
      `blastwall could not check ${description}, so it was not run (internal error: ${messageOf(error)})`,
      'error',
    );
  }
  let recorded: void | Promise<void>;
  try {
    recorded = options.onDecision?.(event);
  } catch (error) {
    return unrecorded(request, description, error);
  }
  if (recorded) {
    return Promise.resolve(recorded).then(
      () => outcomeOf(request, event, options),
      (error: unknown) => unrecorded(request, description, error),
    );
  }
  return outcomeOf(request, event, options);
}

function outcomeOf(
  request: JSONRPCRequest,
  event: ToolCallDecision,
  options: ToolGateOptions,
): GateOutcome | Promise<GateOutcome> {
  const { decision, description } = event;
  if (decision.decision === 'allow') return FORWARD;
  if (decision.decision === 'deny')
    return refuse(request, `blastwall denied ${description}: ${reasonsOf(decision)}`, 'deny');
  return heldMessage(event, options).then((text) => refuse(request, text, 'needs-approval'));
}

// An action that cannot be audited does not run.
function unrecorded(request: JSONRPCRequest, description: string, error: unknown): GateOutcome {
  return refuse(
    request,
    `blastwall could not record the decision for ${description}, so it was not run (${messageOf(error)})`,
    'error',
  );
}

async function heldMessage(event: ToolCallDecision, options: ToolGateOptions): Promise<string> {
  const head = `blastwall held ${event.description} for approval: ${reasonsOf(event.decision)}`;
  if (!options.onHeld) {
    return `${head}. No approval server is configured, so it was not run: ask a person who may do this to run it themselves, or configure a blastwall server so it can be approved and retried.`;
  }
  try {
    const held = await options.onHeld(event);
    return `${head}. ${held.approvalId ? `Approval id ${held.approvalId}. ` : ''}${held.message}`;
  } catch (error) {
    return `${head}. It could not be registered for approval (${messageOf(error)}), so it was not run.`;
  }
}

function refuse(request: JSONRPCRequest, text: string, decision: string): GateOutcome {
  return { forward: false, response: toolErrorResult(request.id, text, decision) };
}

function reasonsOf(decision: ActionDecision): string {
  return decision.reasons.length > 0 ? decision.reasons.join('; ') : 'no reason given';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function pickAnnotations(value: unknown): ToolAnnotations | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const source = value as Record<string, unknown>;
  const picked: ToolAnnotations = {};
  for (const key of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const) {
    if (typeof source[key] === 'boolean') picked[key] = source[key];
  }
  return picked;
}
