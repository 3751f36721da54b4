import { resolve } from 'node:path';
import { decideAction, failClosed, type GateModel } from '../core/actions/decide.js';
import { createEnvironmentResolver } from '../core/actions/environment.js';
import { tooBigToClassify, tooBigToRead, tookTooLong } from '../core/actions/limits.js';
import type { ActionDecision, Operation } from '../core/actions/types.js';
import { keywordSqlAnalyzer } from '../adapters/sql/fallback-tokenizer.js';
import { createClassification } from './classification.js';
import type { Gate } from './gate-types.js';
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
}

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
}

/** Loads the configuration and policies once and returns a gate that decides commands in microseconds. */
export async function createGate(options: GateOptions): Promise<LoadedGate> {
  const repo = findRepoRoot(options.cwd);
  const workspace = await openWorkspace(repo, options.configPath, options.env);
  const skipParser = options.commandHint !== undefined && !mayHoldSql(options.commandHint);
  const classification = createClassification({
    sql: skipParser
      ? keywordSqlAnalyzer()
      : await (await import('../adapters/sql/index.js')).createSqlAnalyzer(),
    workspace: repo,
    env: options.env,
  });
  const { parser, surroundingsFor } = classification;
  const model: GateModel = {
    config: workspace.config,
    engine: workspace.engine,
    graph: workspace.graph,
    environments: createEnvironmentResolver(workspace.config.environments),
    people: new Map(workspace.config.people.map((p) => [p.id, p])),
    requiredLevel: 3,
  };
  const defaultAgent = options.env.BLASTWALL_AGENT ?? 'agent';
  return {
    workspace,
    evaluateCommand(request): ActionDecision {
      const agent = request.agent ?? defaultAgent;
      const onBehalfOf = request.onBehalfOf ?? options.env.BLASTWALL_ON_BEHALF_OF;
      // A command too big to read in bounded time is held for a person, unread: never allowed, never a crash.
      const held = (why: string): ActionDecision =>
        decideAction(model, {
          agent,
          ...(onBehalfOf ? { onBehalfOf } : {}),
          command: request.command,
          operations: [],
          parseErrors: [],
          unknowable: [`${why}; held for a person to read`],
          workspace: repo,
        });
      try {
        const unreadable = tooBigToRead(request.command);
        if (unreadable) return held(unreadable);
        const cwd = resolve(options.cwd, request.cwd ?? '.');
        const surroundings = surroundingsFor(cwd);
        // Timed from the parse: reading the surroundings is the gate's own cost, cached, not the command's.
        const started = performance.now();
        const parsed = parser.parse(request.command);
        const tooBig = tooBigToClassify(parsed);
        if (tooBig) return held(tooBig);
        const operations: Operation[] = [];
        const unknowable = [...parsed.unknowable];
        for (const command of parsed.commands) {
          // Out of time, what was classified still counts (a deny stays a deny) and the rest is held unread.
          const slow = tookTooLong(started, performance.now());
          if (slow) {
            unknowable.push(`${slow}; held for a person to read`);
            break;
          }
          for (const op of classification.classify(command, surroundings)) {
            if (op.kind === 'unknown' && op.category === 'unknown')
              unknowable.push(`${op.summary}: ${op.source}`);
            else operations.push(op);
          }
        }
        return decideAction(model, {
          agent,
          ...(onBehalfOf ? { onBehalfOf } : {}),
          command: request.command,
          operations,
          parseErrors: parsed.errors,
          unknowable,
          workspace: repo,
        });
      } catch (error) {
        return failClosed(
          { agent, command: request.command },
          `could not read the command: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    },
    evaluateOperations(request): ActionDecision {
      const agent = request.agent ?? defaultAgent;
      const onBehalfOf = request.onBehalfOf ?? options.env.BLASTWALL_ON_BEHALF_OF;
      const unknowable: string[] = [];
      const operations: Operation[] = [];
      for (const op of request.operations) {
        // An operation nobody could classify is held, not denied: irreversibility is not known either.
        operations.push(op.kind === 'unknown' ? { ...op, reversible: true, destructive: true } : op);
      }
      return decideAction(model, {
        agent,
        ...(onBehalfOf ? { onBehalfOf } : {}),
        command: request.description,
        operations,
        parseErrors: [],
        unknowable,
        workspace: repo,
      });
    },
  };
}
