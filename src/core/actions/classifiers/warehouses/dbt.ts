import type { CommandClassifier } from '../../types.js';
import { hasFlag, positionals } from '../args.js';
import { operation } from '../operation.js';

// `dbt run|build|seed|snapshot --full-refresh` drops and rebuilds incremental models, seeds and snapshots from
// scratch: what they had accumulated (rows their sources no longer hold, a snapshot's history) is gone. Where
// it acts is the target it names (connections.ts); `run-operation` macros are read by the generic reading.

const REBUILDS = new Set(['run', 'build', 'seed', 'snapshot']);
const VALUED = new Set([
  '-t',
  '--target',
  '-s',
  '--select',
  '--exclude',
  '--selector',
  '--vars',
  '--profile',
  '--profiles-dir',
  '--project-dir',
  '--threads',
  '--state',
]);

/** dbt's full refresh: a replace of every incremental model, seed or snapshot it selects. */
export const classifyDbt: CommandClassifier = (command) => {
  const verb = positionals(command.args, VALUED)[0];
  if (verb === undefined || !REBUILDS.has(verb)) return [];
  if (!hasFlag(command.args, ['--full-refresh'], 'f')) return [];
  return [
    operation(command, {
      kind: 'truncate',
      category: 'sql',
      destructive: true,
      reversible: false,
      target: `dbt ${verb} --full-refresh`,
      summary: `dbt ${verb} --full-refresh drops and rebuilds its incremental models, seeds or snapshots (what they accumulated is lost)`,
      hints: {},
    }),
  ];
};
