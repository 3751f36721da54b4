import type { Operation, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { operation } from '../operation.js';
import { storeHints } from './sql.js';

// `bq` overwrites without a statement: `bq cp -f` over an existing table, `bq load --replace`, `bq query --replace
// --destination_table`, and `bq extract` writing over objects in a bucket. The project the table names places it
// (warehouses/connections.ts); the bucket's name places an extract.

const VALUED = new Set([
  '--project_id',
  '--dataset_id',
  '--location',
  '--format',
  '--source_format',
  '--destination_table',
  '--destination_format',
  '--schema',
  '--field_delimiter',
  '--max_rows',
  '--parameter',
  '--compression',
]);

/** True when a boolean flag is given and not switched off (`--replace`, `--replace=true`, not `--replace=false`). */
function on(args: readonly string[], name: string): boolean {
  return args.some((a) => a === name || (a.startsWith(`${name}=`) && !/=(?:false|0)$/i.test(a)));
}

function overwriteOp(command: SimpleCommand, target: string, summary: string): Operation {
  return operation(command, {
    kind: 'truncate',
    category: 'sql',
    destructive: true,
    reversible: false,
    target,
    summary,
    hints: {},
  });
}

/** The tables and objects a `bq` command writes over. */
export function bigQueryOverwrites(command: SimpleCommand): Operation[] {
  const args = command.args;
  const [verb, ...rest] = positionals(args, VALUED);
  if (verb === 'cp') {
    const forced =
      hasFlag(args, ['--force'], 'f') && !hasFlag(args, ['--append_table', '--no_clobber'], 'an');
    const destination = rest.at(-1);
    return forced && destination !== undefined
      ? [overwriteOp(command, destination, `bq cp -f overwrites table ${destination}`)]
      : [];
  }
  if (verb === 'load' && on(args, '--replace') && rest[0] !== undefined)
    return [overwriteOp(command, rest[0], `bq load --replace replaces the data of table ${rest[0]}`)];
  if (verb === 'query' && on(args, '--replace')) {
    const destination = optionValue(args, ['--destination_table']);
    if (destination !== undefined)
      return [overwriteOp(command, destination, `bq query --replace overwrites table ${destination}`)];
  }
  if (verb === 'extract') {
    const location = rest.at(-1);
    if (location !== undefined && /^gs:\/\//i.test(location))
      return [
        {
          ...overwriteOp(command, location, `bq extract writes over ${location}`),
          kind: 'write',
          hints: storeHints(location),
        },
      ];
  }
  return [];
}
