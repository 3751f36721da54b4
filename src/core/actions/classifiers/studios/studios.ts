import type { CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue } from '../args.js';
import { operation } from '../operation.js';

// Tools of game studios and research clusters whose destructive forms are flags, not verbs: Perforce deletes a
// spec with `-d` and obliterates only with `-y`; itch.io's butler publishes to a channel players download from;
// Slurm cancels every job of a user, account or partition at once.

function op(
  command: SimpleCommand,
  kind: Operation['kind'],
  target: string,
  summary: string,
  reversible: boolean,
): Operation {
  const server = optionValue(command.args, ['-p']) ?? command.env.P4PORT;
  return operation(command, {
    kind,
    category: 'infrastructure',
    destructive: true,
    reversible,
    target,
    summary,
    hints: server !== undefined ? { host: server.replace(/^(ssl|tcp)\d*:/, '').replace(/:\d+$/, '') } : {},
  });
}

/** Perforce spec commands: `p4 depot|user|stream|label|group|client|branch|job -d NAME` deletes the spec. */
const P4_SPECS =
  /^(depot|user|stream|label|group|client|workspace|branch|job|typemap|protect|triggers|server|remote)$/;

/** p4: spec deletes (`-d`), `obliterate -y` (history gone for good), `p4d -jr` over a server root. */
export const classifyP4: CommandClassifier = (command) => {
  const args = command.args;
  const at = args.findIndex(
    (a, i) => !a.startsWith('-') && !['-p', '-u', '-c', '-P', '-H'].includes(args[i - 1] ?? ''),
  );
  const sub = args[at];
  const rest = at < 0 ? [] : args.slice(at + 1);
  if (sub === undefined) return [];
  if (P4_SPECS.test(sub) && rest.includes('-d')) {
    const name = rest.filter((a) => !a.startsWith('-')).at(-1) ?? sub;
    return [
      op(command, 'delete', `${sub} ${name}`, `p4 ${sub} -d deletes the ${sub} ${name}`, sub !== 'depot'),
    ];
  }
  // without -y, obliterate only reports what it would remove
  if (sub === 'obliterate' && rest.includes('-y'))
    return [
      op(
        command,
        'delete',
        rest.filter((a) => !a.startsWith('-')).join(' '),
        'p4 obliterate -y removes files and their history for good',
        false,
      ),
    ];
  return [];
};

/** p4d: replaying a checkpoint (`-jr`) into a server root replaces what it holds. */
export const classifyP4d: CommandClassifier = (command) =>
  command.args.some((a) => a === '-jr' || a.startsWith('-jr'))
    ? [
        op(
          command,
          'write',
          optionValue(command.args, ['-r']) ?? 'the server root',
          'p4d -jr replays a checkpoint over the server root',
          false,
        ),
      ]
    : [];

/** butler: `push DIR owner/game:channel` uploads a build players download. */
export const classifyButler: CommandClassifier = (command) => {
  const [sub, , target] = command.args.filter((a) => !a.startsWith('-'));
  if (sub !== 'push' || command.args.includes('--dry-run')) return [];
  const channel = target ?? 'a channel';
  // a channel named for testing (`:windows-beta`, `:test`) reaches testers; anything else is a release
  if (/:(?:[\w-]*-)?(beta|test|testing|alpha|internal|dev|staging)(?:-[\w-]*)?$/i.test(channel)) return [];
  return [
    operation(command, {
      kind: 'deploy',
      category: 'release',
      destructive: true,
      reversible: true,
      target: channel,
      summary: `butler push publishes a build to ${channel}, which players download`,
      hints: { environment: 'production', namedTarget: channel },
    }),
  ];
};

/** scancel: every job of a user, an account or a partition (not one job by id). */
export const classifyScancel: CommandClassifier = (command) => {
  const args = command.args;
  if (hasFlag(args, ['--test-only', '--help'], '')) return [];
  const scope =
    optionValue(args, ['-u', '--user']) ??
    optionValue(args, ['-A', '--account']) ??
    optionValue(args, ['-p', '--partition']) ??
    optionValue(args, ['-w', '--nodelist']);
  if (scope === undefined && !args.includes('--me')) return [];
  return [
    op(
      command,
      'stop',
      scope ?? 'your jobs',
      `scancel cancels every job of ${scope ?? 'yours'} at once`,
      true,
    ),
  ];
};
