import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decideAction, failClosed, type GateModel } from '../core/actions/decide.js';
import { createEnvironmentResolver } from '../core/actions/environment.js';
import { tooBigToClassify, tooBigToRead, tookTooLong } from '../core/actions/limits.js';
import type { ActionEvidence, EvidenceNeeds, Identities } from '../core/actions/evidence.js';
import { matchesIdentities, namesIdentity, withIdentities } from '../core/actions/identity.js';
import { noNeeds, productionOperations, type ProductionContext } from '../core/actions/production.js';
import { placesOnLine } from '../core/actions/selections.js';
import { identityFiles, isIdentityFile, spoofOperation } from '../core/actions/spoofing.js';
import type { ActionDecision, Operation, RestoreScope } from '../core/actions/types.js';
import {
  createRestorePointKeeper,
  DEFAULT_RESTORE_LIMITS,
  type RestorePointKeeper,
} from '../adapters/host/restore-points.js';
import { keywordSqlAnalyzer } from '../adapters/sql/fallback-tokenizer.js';
import { createClassification } from './classification.js';
import { gatherEvidence, type EvidenceProbes } from './evidence.js';
import type { ActionRequest, Gate } from './gate-types.js';
import { findRepoRoot, openWorkspace, type Workspace } from './workspace.js';

/** How to build a gate: where the agent works and which configuration applies. */
export interface GateOptions {
  cwd: string;
  configPath?: string;
  env: Record<string, string | undefined>;
  /**
   * The command(s) about to be decided, when known up front (a hook, a single `gate`). If nothing in them
   * could reach a database, the PostgreSQL parser (WebAssembly, slow to load) is skipped and any SQL met
   * anyway is read by keywords, which errs towards holding.
   */
  commandHint?: string;
  /**
   * Where facts that take I/O come from (a deploy's dry-run, a push's change check, what names resolve to).
   * Without probes, deploys into protected environments and pushes to protected branches are held.
   */
  probes?: EvidenceProbes;
  /** The most a deploy's dry-run may take whatever the config says, in milliseconds (what the hook's own timeout leaves). */
  effectBudgetCapMs?: number;
  /** A monotonic clock in milliseconds for the surroundings cache (default `performance.now`); tests advance it. */
  elapsedMs?: () => number;
  /**
   * blastwall's data folder, where restore points are written before an allowed loss confined to the workspace
   * runs (`git clean`, `reset --hard`, `rm` inside the repository; policy agent-undoable-workspace). Without it
   * no restore point is taken, and such a loss is held for a person.
   */
  restorePointsIn?: string;
}

/** Identities when none were read: every kube context resolves to an unknown cluster. */
const UNRESOLVED: Identities = { kubeContexts: {}, awsProfiles: {} };

/** Seconds a deploy's effect may take to compute when the configuration does not say. */
export const DEFAULT_EFFECT_SECONDS = 5;

/**
 * Whether a command could carry SQL worth parsing: a database client or tool by name, or a statement shape.
 * Bare words like "delete" or "update" are not enough (`kubectl delete`, `apt update`): loading the
 * PostgreSQL parser costs a hook tens of milliseconds. Without it the keyword analyzer still judges SQL.
 */
const MAY_HOLD_SQL =
  /psql|pg_|mysql|mariadb|sqlite|mongo|redis|sql|prisma|rails|rake|manage\.py|dropdb|createdb|knex|sequelize|typeorm|flyway|liquibase|alembic|drizzle|supabase|cockroach|clickhouse|duckdb|\bbq\b|cqlsh|\bdrop\s+(?:table|database|schema|view|index|sequence|type|extension|owned|materialized|foreign|domain|function|procedure|trigger|role|user|if)\b|\bdelete\s+from\b|\btruncate\b|\bupdate\s+\S+\s+set\b|\balter\s+(?:table|database|schema|role|user)\b/i;

/** True when a command hint may need the SQL parser (exported for the corpus test of the hint path). */
export function mayHoldSql(command: string): boolean {
  return MAY_HOLD_SQL.test(command);
}

/** A gate with the workspace it was built from (for interfaces that need the config too). */
export interface LoadedGate extends Gate {
  workspace: Workspace;
  decideCommand(request: ActionRequest): Promise<ActionDecision>;
}

/** Loads the configuration and policies once and returns a gate that decides commands in microseconds. */
export async function createGate(options: GateOptions): Promise<LoadedGate> {
  const repo = findRepoRoot(options.cwd);
  const workspace = await openWorkspace(repo, options.configPath, options.env);
  const skipParser = options.commandHint !== undefined && !mayHoldSql(options.commandHint);
  const services = new Set(workspace.config.services.map((s) => s.id));
  const rules = { protectedBranches: workspace.config.protectedBranches ?? [] };
  const classification = createClassification({
    // A deploy or push read out of a Makefile recipe or a script is judged like one typed on the line; with no
    // evidence gathered for it, it holds in a protected place.
    alsoInside: (command, surroundings, classifierDeps) =>
      productionOperations(command, surroundings, { deps: classifierDeps, rules, services }, noNeeds()),
    sql: skipParser
      ? keywordSqlAnalyzer()
      : await (await import('../adapters/sql/index.js')).createSqlAnalyzer(),
    workspace: repo,
    env: options.env,
    ...(options.elapsedMs ? { elapsedMs: options.elapsedMs } : {}),
  });
  const { deps, parser, surroundingsFor } = classification;
  const model: GateModel = {
    config: workspace.config,
    engine: workspace.engine,
    graph: workspace.graph,
    environments: createEnvironmentResolver(workspace.config.environments),
    people: new Map(workspace.config.people.map((p) => [p.id, p])),
    requiredLevel: 3,
  };
  const defaultAgent = options.env.BLASTWALL_AGENT ?? 'agent';
  const keeper = restorePointKeeper(
    options.restorePointsIn,
    workspace.config.restorePoints,
    options.effectBudgetCapMs,
  );
  /**
   * An allowed decision whose operations lose something inside the workspace runs only once a restore point
   * keeps it; when none can be taken, the same action is decided again knowing that, and is held.
   */
  const behindRestorePoint = (
    decision: ActionDecision,
    cwd: string,
    again: (failed: string) => ActionDecision,
  ): ActionDecision => {
    const scopes: RestoreScope[] = decision.operations.flatMap((op) => (op.restore ? [op.restore] : []));
    if (scopes.length === 0 || decision.decision !== 'allow' || keeper === undefined) return decision;
    let taken;
    try {
      taken = keeper.keep(scopes, { command: decision.command, agent: decision.agent, cwd });
    } catch (error) {
      taken = { failed: error instanceof Error ? error.message : String(error) };
    }
    return 'failed' in taken ? again(taken.failed) : { ...decision, restorePoint: taken };
  };
  const resolvesIdentities = matchesIdentities(workspace.config.environments);
  const budgetMs = Math.min(
    options.effectBudgetCapMs ?? Infinity,
    (workspace.config.effectTimeoutSeconds ?? DEFAULT_EFFECT_SECONDS) * 1000,
  );
  /** Parses and classifies a command; `needs` says what evidence would let it be decided on facts. */
  const classify = (request: ActionRequest, evidence: ActionEvidence | undefined) => {
    const needs: EvidenceNeeds = noNeeds();
    // A command too big to read in bounded time is held for a person, unread: never allowed, never a crash.
    const unread = (why: string) => ({
      operations: [] as Operation[],
      unknowable: [`${why}; held for a person to read`],
      errors: [] as string[],
      needs,
    });
    const unreadable = tooBigToRead(request.command);
    if (unreadable) return unread(unreadable);
    const cwd = resolve(options.cwd, request.cwd ?? '.');
    const surroundings = surroundingsFor(cwd);
    // Timed from the parse: reading the surroundings is the gate's own cost, cached, not the command's.
    // The budget is CPU time the process spends, not wall time: on a busy machine a preempted gate must not
    // hold a line at random (that made decisions and tests depend on the load), while work that really is
    // too long to read is still cut short.
    const started = cpuMs();
    const parsed = parser.parse(request.command);
    const tooBig = tooBigToClassify(parsed);
    if (tooBig) return unread(tooBig);
    let operations: Operation[] = [];
    const unknowable = [...parsed.unknowable];
    const production: ProductionContext = {
      deps,
      rules,
      services,
      ...(evidence !== undefined ? { evidence } : {}),
    };
    // `terraform workspace select dev && terraform destroy`: each command where the line leaves it
    const places = placesOnLine(parsed.commands, surroundings);
    for (const [index, place] of places.entries()) {
      // Out of time, what was classified still counts (a deny stays a deny) and the rest is held unread.
      const slow = index > 0 ? tookTooLong(started, cpuMs()) : undefined;
      if (slow) {
        unknowable.push(`${slow}; held for a person to read`);
        break;
      }
      const found: Operation[] = [];
      for (const { command, surroundings: where } of place) {
        for (const op of classification.classify(command, where)) {
          if (op.kind === 'unknown' && op.category === 'unknown')
            unknowable.push(`${op.summary}: ${op.source}`);
          else found.push(op);
        }
        found.push(...productionOperations(command, where, production, needs));
      }
      operations.push(...(place.length === 1 ? found : distinctOperations(found)));
    }
    // Where environments match on identities, a name nobody resolved is not taken at its word.
    const identities = evidence?.identities ?? (resolvesIdentities ? UNRESOLVED : undefined);
    if (identities !== undefined) operations = operations.map((op) => withIdentities(op, identities));
    needs.identities = resolvesIdentities && operations.some(namesIdentity);
    return { operations, unknowable, errors: parsed.errors, needs };
  };
  /** The decision on a classification, or on the one `classify` makes now with `evidence`. */
  const evaluate = (
    request: ActionRequest,
    evidence: ActionEvidence | undefined,
    classified?: ReturnType<typeof classify>,
  ): ActionDecision => {
    const agent = request.agent ?? defaultAgent;
    const onBehalfOf = request.onBehalfOf ?? options.env.BLASTWALL_ON_BEHALF_OF;
    try {
      const { operations, unknowable, errors } = classified ?? classify(request, evidence);
      const input = {
        agent,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        command: request.command,
        operations,
        parseErrors: errors,
        unknowable,
        workspace: repo,
      };
      return behindRestorePoint(
        decideAction(model, { ...input, ...(keeper ? { restorePoint: 'taken' as const } : {}) }),
        resolve(options.cwd, request.cwd ?? '.'),
        (failed) => decideAction(model, { ...input, restorePoint: { failed } }),
      );
    } catch (error) {
      return failClosed(
        { agent, command: request.command },
        `could not read the command: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  return {
    workspace,
    evaluateCommand: (request, evidence) => evaluate(request, evidence),
    async decideCommand(request): Promise<ActionDecision> {
      let first: ReturnType<typeof classify>;
      try {
        first = classify(request, undefined);
      } catch {
        return evaluate(request, undefined);
      }
      const { needs } = first;
      const { probes } = options;
      // With no evidence to gather, the first classification is the one to decide on (not read twice).
      if (
        probes === undefined ||
        (needs.deploys.length === 0 && needs.pushes.length === 0 && !needs.identities)
      )
        return evaluate(request, undefined, first);
      const evidence = await gatherEvidence(probes, {
        needs,
        budgetMs,
        workspace,
        isProtected: (intent, identities) => {
          const op = { hints: intent.hints, source: intent.source } as Operation;
          const hints = identities ? withIdentities(op, identities).hints : intent.hints;
          return model.environments.resolve(hints).protected;
        },
      });
      return evaluate(request, evidence);
    },
    evaluateOperations(request): ActionDecision {
      const agent = request.agent ?? defaultAgent;
      const onBehalfOf = request.onBehalfOf ?? options.env.BLASTWALL_ON_BEHALF_OF;
      const unknowable: string[] = [];
      const operations: Operation[] = [];
      const files = identityFiles(surroundingsFor(resolve(options.cwd, request.cwd ?? '.')));
      for (const op of request.operations) {
        // An operation nobody could classify is held, not denied: irreversibility is not known either.
        operations.push(op.kind === 'unknown' ? { ...op, reversible: true, destructive: true } : op);
        if (op.kind !== 'read' && isIdentityFile(op.target, files))
          operations.push(spoofOperation(op.target, `${op.summary}`, op.source));
      }
      const input = {
        agent,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        command: request.description,
        operations,
        parseErrors: [],
        unknowable,
        workspace: repo,
      };
      return behindRestorePoint(
        decideAction(model, { ...input, ...(keeper ? { restorePoint: 'taken' as const } : {}) }),
        resolve(options.cwd, request.cwd ?? '.'),
        (failed) => decideAction(model, { ...input, restorePoint: { failed } }),
      );
    },
  };
}

/** The keeper of restore points in blastwall's data folder, within the configured bounds. */
function restorePointKeeper(
  dataDirectory: string | undefined,
  bounds: { maxMegabytes?: number; maxFiles?: number; keep?: number } | undefined,
  capMs: number | undefined,
): RestorePointKeeper | undefined {
  if (dataDirectory === undefined) return undefined;
  return createRestorePointKeeper(dataDirectory, {
    maxBytes:
      bounds?.maxMegabytes !== undefined
        ? bounds.maxMegabytes * 1024 * 1024
        : DEFAULT_RESTORE_LIMITS.maxBytes,
    maxFiles: bounds?.maxFiles ?? DEFAULT_RESTORE_LIMITS.maxFiles,
    keep: bounds?.keep ?? DEFAULT_RESTORE_LIMITS.keep,
    // within what the hook's own timeout leaves, as a deploy's dry-run is
    maxMs: Math.min(DEFAULT_RESTORE_LIMITS.maxMs, capMs ?? Infinity),
  });
}

/** Operations without repeats (a command judged in two places mostly finds the same ones twice). */
function distinctOperations(ops: Operation[]): Operation[] {
  return [...new Map(ops.map((op) => [JSON.stringify(op), op])).values()];
}

let threadClock = process.platform === 'linux';

/**
 * CPU time this thread has used, in milliseconds. Linux tells a thread's own time to the nanosecond
 * (/proc/thread-self/schedstat); the process's time would also count V8's compiler and GC threads, which on a
 * loaded machine run long after code was first loaded and held lines at random. Elsewhere the process's time.
 */
function cpuMs(): number {
  if (threadClock) {
    try {
      return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
    } catch {
      threadClock = false;
    }
  }
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}
