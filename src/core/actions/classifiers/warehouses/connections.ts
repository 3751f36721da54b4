import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { optionValue, positionals } from '../args.js';
import { envVar } from '../operation.js';

// Warehouse tools reach their warehouse through a connection, profile or target named in their own configuration
// (`snowsql -c dev`, `databricks -p prod`, `dbt --target prod`, a BigQuery project id): the name its owners gave
// it is the place the command acts on. The resolver reads such a name by one word rule with cloud project ids
// (environment.ts): a name that says dev is dev, one that says prod is prod, any other name is unknown.

interface NamedBy {
  /** Options whose value names the connection, profile or target. */
  options: readonly string[];
  /** Variables the tool reads it from when no option names it. */
  variables: readonly string[];
}

/** How each warehouse tool is told which connection, profile or target to use. */
const TOOLS: Record<string, NamedBy> = {
  snowsql: { options: ['-c', '--connection'], variables: [] },
  snow: { options: ['-c', '--connection'], variables: ['SNOWFLAKE_DEFAULT_CONNECTION_NAME'] },
  databricks: {
    options: ['-p', '--profile', '-t', '--target'],
    variables: ['DATABRICKS_CONFIG_PROFILE', 'DATABRICKS_BUNDLE_TARGET', 'DATABRICKS_BUNDLE_ENV'],
  },
  dbt: { options: ['-t', '--target'], variables: ['DBT_TARGET'] },
};

/** `bq`'s options that take a value, so a table reference is told from an option's value. */
const BQ_VALUED = new Set([
  '--project_id',
  '--dataset_id',
  '--location',
  '--format',
  '--source_format',
  '--max_rows',
  '--parameter',
  '--destination_table',
  '--schema',
  '--field_delimiter',
  '--api',
]);

/** The BigQuery project a `bq` command acts on: the destination's (`proj:dataset.table`), else `--project_id`. */
function bigQueryProject(command: SimpleCommand, surroundings: ActionSurroundings): string | undefined {
  const references = [
    optionValue(command.args, ['--destination_table']),
    ...positionals(command.args, BQ_VALUED).reverse(),
  ].filter((w): w is string => w !== undefined);
  const named = references.map((w) => /^([a-z][a-z0-9.-]*[a-z0-9]):[\w.-]+$/i.exec(w)?.[1]).find(Boolean);
  return (
    named ??
    optionValue(command.args, ['--project_id']) ??
    envVar(command, surroundings, 'CLOUDSDK_CORE_PROJECT')
  );
}

/** Where a warehouse tool points by the names it is given; {} for any other tool or none named. */
export function warehouseHints(command: SimpleCommand, surroundings: ActionSurroundings): EnvironmentHints {
  if (command.name === 'bq') {
    const project = bigQueryProject(command, surroundings);
    return project !== undefined ? { gcpProject: project } : {};
  }
  const tool = TOOLS[command.name];
  if (tool === undefined) return {};
  // every name given counts (`databricks bundle deploy -t dev -p prod`): the resolver finds a protected one first
  const names = [
    ...tool.options.map((o) => optionValue(command.args, [o])),
    ...tool.variables.map((v) => envVar(command, surroundings, v)),
  ].filter((n): n is string => n !== undefined && n !== '');
  const hints: EnvironmentHints = names.length > 0 ? { namedTarget: [...new Set(names)].join(' and ') } : {};
  const host = command.name === 'databricks' ? envVar(command, surroundings, 'DATABRICKS_HOST') : undefined;
  if (host !== undefined) hints.host = host;
  return hints;
}

/**
 * The command's own operations placed where its warehouse tool points: the named connection, profile, target or
 * project replaces the "this machine" a client with no host defaults to. Operations read from elsewhere (a script
 * it runs) keep their own hints.
 */
export function atWarehouse(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ops: Operation[],
): Operation[] {
  if (ops.length === 0) return ops;
  const named = warehouseHints(command, surroundings);
  if (Object.keys(named).length === 0) return ops;
  return ops.map((op) => {
    if (op.source !== command.source) return op;
    const { local: _, localTarget: __, ...rest } = op.hints;
    return { ...op, hints: { ...rest, ...named, ...alreadyNamed(op.hints, named) } };
  });
}

/** What the operation already named for the same keys: a host a client named outright (`-a`, `--server`) stays. */
function alreadyNamed(own: EnvironmentHints, named: EnvironmentHints): EnvironmentHints {
  const kept: EnvironmentHints = {};
  for (const key of Object.keys(named) as (keyof EnvironmentHints)[])
    if (own[key] !== undefined && key !== 'local' && key !== 'localTarget')
      Object.assign(kept, { [key]: own[key] });
  return kept;
}
