import type { Operation, SimpleCommand } from '../../types.js';
import { optionValue, optionValues } from '../args.js';
import { namesSharedPlace } from '../local-target.js';

// `spark-sql` with no cluster (`--master` absent or `local[…]`) runs on this machine, and its catalog named `local`
// is, by the convention of Iceberg's and Spark's quick starts, a warehouse folder on this machine: a statement whose
// every table is in it acts on local files. A catalog configured on the line to live elsewhere (a metastore URI, a
// warehouse in a bucket), a cluster, or a word naming production keeps the statement held.

/** True when the line keeps spark-sql and its `local` catalog on this machine. */
function localSession(command: SimpleCommand): boolean {
  if (command.remote !== undefined || namesSharedPlace(command)) return false;
  const master = optionValue(command.args, ['--master']);
  if (master !== undefined && !/^local(?:\[[\d*]+\])?$/.test(master)) return false;
  const confs = optionValues(command.args, ['--conf', '-c']);
  return !confs.some((c) => /^spark\.sql\.catalog\.local\.(?:uri|warehouse)=(?![/.]|file:)/.test(c.trim()));
}

/** The SQL client's operations, marked as this machine's own when every table is in the local catalog. */
export function sparkLocalCatalog(command: SimpleCommand, ops: Operation[]): Operation[] {
  const destructive = ops.filter((op) => op.destructive);
  if (destructive.length === 0 || !localSession(command)) return ops;
  if (!destructive.every((op) => op.kind !== 'unknown' && /^local\.[\w.]+$/i.test(op.target))) return ops;
  return ops.map((op) => ({
    ...op,
    hints: { ...op.hints, localTarget: `${op.target}, a table of spark's local catalog on this machine` },
  }));
}
