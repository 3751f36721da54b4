import { dbtMacroName, findDbtMacro } from '../../look-inside/dbt-macros.js';
import type { CommandClassifier } from '../../types.js';
import { hasFlag, positionals } from '../args.js';
import type { ClassifierDeps } from '../deps.js';
import { classifyGeneric } from '../generic/intent.js';
import { operation } from '../operation.js';

// `dbt run|build|seed|snapshot --full-refresh` drops and rebuilds incremental models, seeds and snapshots from
// scratch: what they had accumulated (rows their sources no longer hold, a snapshot's history) is gone. Where
// it acts is the target it names (connections.ts). `dbt run-operation NAME` runs a macro: one the project defines
// is decided on the SQL it sends (look-inside/dbt-macros.ts), not on its name; dbt's other verbs, and a macro
// from elsewhere, are read like any CLI's words.

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

/** dbt: its full refresh, a macro the project defines read for its SQL, anything else read for its words. */
export const createDbtClassifier =
  (deps: ClassifierDeps): CommandClassifier =>
  (command, surroundings) => {
    const macro = dbtMacroName(command);
    if (macro !== undefined && findDbtMacro(command, surroundings, deps, macro) !== undefined) return [];
    const verb = positionals(command.args, VALUED)[0];
    if (verb === undefined || !REBUILDS.has(verb) || !hasFlag(command.args, ['--full-refresh'], 'f'))
      return classifyGeneric(command, command.args, surroundings);
    return fullRefresh(command, verb);
  };

/** A replace of every incremental model, seed or snapshot the run selects. */
function fullRefresh(command: Parameters<CommandClassifier>[0], verb: string): ReturnType<CommandClassifier> {
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
}
