import type { CommandClassifier } from '../../types.js';
import { positionals } from '../args.js';
import { classifyGeneric } from '../generic/intent.js';
import { operation } from '../operation.js';

// Sync tools delete at their destination whatever the source lacks: `rclone sync ./out remote:bucket` empties
// the bucket of everything not in ./out. A mirror is a delete of its destination's extras.

const RCLONE_MIRRORS = new Set(['sync', 'bisync', 'move', 'moveto']);
const RCLONE_VALUED = new Set([
  '--config',
  '--filter',
  '--include',
  '--exclude',
  '--transfers',
  '--checkers',
  '--backup-dir',
  '--max-age',
  '--min-age',
  '--log-file',
  '-c',
]);

/** rclone: a mirror (`sync`, `move`) loses data at its destination or source; deletes are read like any CLI's. */
export const classifyRclone: CommandClassifier = (command) => {
  if (command.args.some((a) => a === '--dry-run' || a === '-n' || a === '--interactive' || a === '-i'))
    return [];
  const [sub = '', ...rest] = positionals(command.args, RCLONE_VALUED);
  if (!RCLONE_MIRRORS.has(sub)) return classifyGeneric(command, [sub]);
  const target = sub.startsWith('move') ? (rest[0] ?? 'its source') : (rest.at(-1) ?? 'its destination');
  return [
    operation(command, {
      kind: 'delete',
      category: 'cloud',
      destructive: true,
      reversible: false,
      target,
      summary: `rclone ${sub} deletes from ${target} whatever ${sub.startsWith('move') ? 'it moves away' : 'the source lacks'}`,
      hints: {},
    }),
  ];
};
