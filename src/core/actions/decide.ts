import { blastRadiusOf, emptyBlastRadius, type ServiceGraph } from '../catalog/graph.js';
import { levelRank, type Approval, type Config, type Person, type Requirement } from '../model.js';
import type { PolicyEngine, PolicyMeta } from '../policy/engine.js';
import { outcomeOf, resolveRequirements } from '../policy/requirements.js';
import type { EnvironmentResolver } from './environment.js';
import type { ActionDecision, Operation, ResolvedEnvironment } from './types.js';

/** Everything the agent gate needs, compiled once per configuration. */
export interface GateModel {
  config: Config;
  engine: PolicyEngine;
  graph: ServiceGraph;
  environments: EnvironmentResolver;
  people: ReadonlyMap<string, Person>;
  /** Level a person needs to run a destructive operation in a protected environment themselves (default 3, senior). */
  requiredLevel: number;
}

/** One action to decide, already parsed and classified. */
export interface ActionInput {
  agent: string;
  onBehalfOf?: string;
  command: string;
  operations: Operation[];
  parseErrors: string[];
  unknowable: string[];
  approvals?: Approval[];
  /** Workspace-relative path resolver for targets, so paths map to services. */
  workspace?: string;
  /**
   * Whether a loss confined to the workspace (an operation with a `restore` scope) can run behind a restore
   * point: `'taken'` when the caller takes one before the command runs, else why none can be. Without it, none
   * is taken, and such an operation is held (agent-undoable-workspace).
   */
  restorePoint?: 'taken' | { failed: string };
}

const NEUTRAL: Omit<Operation, 'source'> = {
  kind: 'execute',
  category: 'process',
  destructive: false,
  reversible: true,
  target: '',
  summary: 'no destructive operation found',
  hints: {},
};

/** Decides an agent action: one Cedar evaluation per operation, requirements merged; never throws. */
export function decideAction(
  model: GateModel,
  input: ActionInput,
  now: () => number = () => performance.now(),
): ActionDecision {
  const started = now();
  try {
    return decide(model, input, started, now);
  } catch (error) {
    return failClosed(
      input,
      `internal error while deciding: ${error instanceof Error ? error.message : String(error)}`,
      started,
      now,
    );
  }
}

function decide(model: GateModel, input: ActionInput, started: number, now: () => number): ActionDecision {
  const delegate = input.onBehalfOf ? model.people.get(input.onBehalfOf) : undefined;
  const operations = input.operations.map((op) => ({
    ...op,
    environment: model.environments.resolve(op.hints),
  }));
  const direct = new Set<string>();
  for (const op of operations)
    for (const id of servicesNamedBy(model.graph, op, input.workspace)) direct.add(id);
  const blastRadius = blastRadiusOf(model.graph, direct);
  const matched = new Map<string, PolicyMeta>();
  const errors: string[] = [];
  const summaries = new Map<string, string[]>();
  const evaluateOne = (
    op: Omit<Operation, 'source'> & { source?: string },
    environment: ResolvedEnvironment,
    flags: { unknowable: boolean; unparsable: boolean },
  ): void => {
    const result = model.engine.evaluate({
      principal: { type: 'Agent', id: input.agent },
      action: 'run',
      resource: { type: 'Target', id: op.target || input.command.slice(0, 200) },
      context: {
        agent: input.agent,
        operation: op.kind,
        category: op.category,
        command: input.command,
        target: op.target,
        destructive: op.destructive,
        reversible: op.reversible,
        environment: environment.id,
        environmentKnown: environment.known,
        protected: environment.protected,
        unknowable: flags.unknowable,
        unparsable: flags.unparsable,
        selfProtection: op.selfProtection === true,
        undoable: op.restore !== undefined,
        restorePoint: op.restore !== undefined && input.restorePoint === 'taken',
        delegateKnown: delegate !== undefined,
        delegateLevel: levelRank(delegate?.level),
        requiredLevel: model.requiredLevel,
        impactedServices: blastRadius.services.map((s) => s.id),
        mostCriticalTier: blastRadius.mostCriticalTier,
      },
      entities: [],
    });
    errors.push(...result.errors);
    for (const policy of result.matched) {
      matched.set(policy.id, policy);
      const list = summaries.get(policy.id) ?? [];
      const where = environment.known
        ? `in ${environment.id}`
        : `in an unknown environment (${environment.matchedBy})`;
      const noRestorePoint =
        policy.id === UNDOABLE_POLICY ? ` (no restore point: ${restoreFailure(input)})` : '';
      list.push(`${op.summary} ${where}${noRestorePoint}`);
      summaries.set(policy.id, list);
    }
  };
  const noFlags = { unknowable: false, unparsable: false };
  for (const op of operations) evaluateOne(op, op.environment, noFlags);
  if (input.parseErrors.length > 0 || input.unknowable.length > 0) {
    const unknown = model.environments.resolve({});
    const summary =
      input.parseErrors.length > 0
        ? `the command does not parse (${input.parseErrors[0]})`
        : (input.unknowable[0] ?? 'unknowable command');
    evaluateOne({ ...NEUTRAL, kind: 'unknown', category: 'unknown', destructive: true, summary }, unknown, {
      unknowable: input.unknowable.length > 0,
      unparsable: input.parseErrors.length > 0,
    });
  }
  if (operations.length === 0 && input.parseErrors.length === 0 && input.unknowable.length === 0) {
    evaluateOne(NEUTRAL, { id: 'none', protected: false, known: true }, noFlags);
  }
  const { requirements } = resolveRequirements(
    [...matched.values()],
    input.approvals ?? [],
    model.people,
    model.graph.services,
    { authors: [], ...(input.onBehalfOf ? { requester: input.onBehalfOf } : {}), blastRadius },
  );
  if (errors.length > 0) {
    requirements.push({
      policy: 'policy-evaluation-error',
      reason: `a policy could not be evaluated, so the action is blocked: ${errors[0]}`,
      kind: 'deny',
      satisfied: false,
      approvedBy: [],
    });
  }
  return {
    decision: outcomeOf(requirements),
    reasons: requirements.filter((r) => !r.satisfied).map((r) => reasonLine(r, summaries.get(r.policy))),
    requirements,
    operations,
    blastRadius,
    agent: input.agent,
    ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
    command: input.command,
    warnings: [...input.parseErrors, ...input.unknowable],
    elapsedMs: now() - started,
  };
}

const UNDOABLE_POLICY = 'agent-undoable-workspace';

function restoreFailure(input: ActionInput): string {
  const point = input.restorePoint;
  if (point === undefined) return 'this path takes none';
  return point === 'taken' ? 'taken' : point.failed;
}

function reasonLine(requirement: Requirement, summaries: string[] | undefined): string {
  const what = summaries && summaries.length > 0 ? `${[...new Set(summaries)].join('; ')}: ` : '';
  const needs =
    requirement.kind === 'approval' && requirement.missing ? ` (needs ${requirement.missing})` : '';
  return `[${requirement.policy}] ${what}${requirement.reason}${needs}`;
}

/** Services an operation's target names: a path inside the workspace, or a service id among its words. */
function servicesNamedBy(graph: ServiceGraph, op: Operation, workspace: string | undefined): string[] {
  const found: string[] = [];
  for (const id of op.services ?? []) if (graph.services.has(id) && !found.includes(id)) found.push(id);
  if (!op.target) return found;
  if (workspace && op.target.startsWith(`${workspace}/`)) {
    for (const service of graph.servicesForPath(op.target.slice(workspace.length + 1)))
      found.push(service.id);
  }
  for (const word of op.target.split(/[^A-Za-z0-9_-]+/)) {
    if (word && graph.services.has(word) && !found.includes(word)) found.push(word);
  }
  return found;
}

/** A decision that blocks, for when blastwall cannot decide. */
export function failClosed(
  input: Pick<ActionInput, 'agent' | 'onBehalfOf' | 'command'>,
  why: string,
  started = 0,
  now: () => number = () => 0,
): ActionDecision {
  return {
    decision: 'deny',
    reasons: [`[fail-closed] ${why}; the action is blocked because blastwall could not decide`],
    requirements: [{ policy: 'fail-closed', reason: why, kind: 'deny', satisfied: false, approvedBy: [] }],
    operations: [],
    blastRadius: emptyBlastRadius(),
    agent: input.agent,
    ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
    command: input.command,
    warnings: [why],
    elapsedMs: now() - started,
  };
}
