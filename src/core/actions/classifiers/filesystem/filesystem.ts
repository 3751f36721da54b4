import type {
  ActionSurroundings,
  CommandClassifier,
  Operation,
  OperationKind,
  SimpleCommand,
} from '../../types.js';
import { hasFlag, positionals } from '../args.js';
import { operation } from '../operation.js';
import { isProtectedZone, pathZone, type PathZone } from '../paths.js';
import { editedInPlace } from '../self-protection.js';
import { wholesaleFind, wholesaleListing, wholesaleTargets } from './wholesale.js';

const ZONE_WORDS: Record<PathZone, string> = {
  workspace: 'inside the workspace',
  'workspace-root': 'the workspace itself or its git history',
  cache: 'a cache or build output',
  temp: 'a temporary path',
  device: 'a device',
  system: 'a system path',
  home: 'in the home directory',
  other: 'a path outside the workspace',
  unknown: 'a path that cannot be known before running',
};

/** One operation per target word; destructive when the target is not restorable or disposable. */
function pathOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  targets: readonly string[],
  kind: OperationKind,
  verb: string,
  destructiveEverywhere = false,
): Operation[] {
  const ops: Operation[] = [];
  for (const word of targets) {
    // dynamic words still resolve when they only use $HOME, $TMPDIR or $PWD; anything else stays unknown
    const { path, zone } = pathZone(word, command, surroundings);
    // even an overwrite-everywhere verb (shred) only destroys disposable things under a temp dir
    const destructive = (destructiveEverywhere && zone !== 'temp') || isProtectedZone(zone);
    // A delete inside the workspace also loses what git cannot bring back (untracked files, uncommitted
    // edits): it runs behind a restore point (agent-undoable-workspace).
    const undoable = kind === 'delete' && zone === 'workspace' && !destructive;
    ops.push(
      operation(command, {
        kind,
        category: 'filesystem',
        destructive,
        reversible: !destructive || zone === 'workspace',
        target: path,
        summary: `${verb} ${path} (${ZONE_WORDS[zone]})`,
        hints: { local: true, path },
        ...(undoable
          ? { restore: { kind: 'files' as const, root: surroundings.workspace, paths: [path] } }
          : {}),
      }),
    );
  }
  return ops;
}

/** One operation for a deletion that takes the workspace's contents wholesale (see wholesale.ts). */
function wholesaleOperation(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  why: string,
): Operation {
  return operation(command, {
    kind: 'delete',
    category: 'filesystem',
    destructive: true,
    // git brings back what was committed, never the uncommitted work
    reversible: true,
    target: surroundings.workspace,
    summary: `${command.name} deletes the workspace's contents wholesale (${why}; uncommitted work is lost)`,
    hints: { local: true, path: surroundings.workspace },
  });
}

/** rm / unlink / rimraf / srm: recursive or forced deletes of what is not restorable are destructive. */
export const classifyRemove: CommandClassifier = (command, surroundings) => {
  const targets = positionals(command.args);
  const recursive = command.name === 'rimraf' || hasFlag(command.args, ['--recursive'], 'rR');
  // `git ls-files | xargs rm`: the parser keeps a file listing it read as `$(listing)`
  const listings = targets.filter((t) => t.startsWith('$(') && command.via.includes('xargs'));
  for (const listing of listings) {
    const why = wholesaleListing(listing, command, surroundings);
    if (why !== undefined && why !== 'unknown') return [wholesaleOperation(command, surroundings, why)];
  }
  const known = targets.filter(
    (t) => t !== '{}' && !(listings.includes(t) && wholesaleListing(t, command, surroundings) !== 'unknown'),
  );
  const wholesale = wholesaleTargets(known, command, surroundings, recursive);
  if (wholesale !== undefined) return [wholesaleOperation(command, surroundings, wholesale)];
  if (known.length === 0) {
    // targets arriving through xargs cannot be known; only a recursive delete of them is held
    // (find -exec targets are judged on the find command itself)
    if (!recursive || !command.via.some((v) => v.startsWith('xargs'))) return [];
    return pathOperations(
      command,
      surroundings,
      ['<input from a pipe>'],
      'delete',
      'recursive delete of',
      true,
    );
  }
  return pathOperations(
    command,
    surroundings,
    known,
    'delete',
    recursive ? 'recursive delete of' : 'delete of',
  );
};

/** `tar -czf x.tgz ~/Documents --remove-files`: tar deletes what it archived, judged like `rm -r` of it. */
export const classifyTarRemoveFiles: CommandClassifier = (command, surroundings) => {
  if (!command.args.includes('--remove-files')) return [];
  const valued = new Set(['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from']);
  const inputs = positionals(command.args, valued).filter((w) => !/^[A-Za-z]+$/.test(w) || w.includes('/'));
  return pathOperations(command, surroundings, inputs, 'delete', 'tar --remove-files deletes');
};

/** shred / wipe: overwrite to make recovery impossible. */
export const classifyShred: CommandClassifier = (command, surroundings) =>
  pathOperations(
    command,
    surroundings,
    positionals(command.args, new Set(['-n', '-s', '--iterations', '--size'])),
    'delete',
    'shred of',
    true,
  ).map((op) => ({ ...op, reversible: false }));

/** dd: writing to a device or over a file outside the workspace. */
export const classifyDd: CommandClassifier = (command, surroundings) => {
  const of = command.args.find((a) => a.startsWith('of='))?.slice(3);
  if (of === undefined) return [];
  return pathOperations(command, surroundings, [of], 'write', 'dd overwrite of');
};

/** mkfs*, wipefs, fdisk and friends: destroy a device's contents. */
export const classifyDeviceFormat: CommandClassifier = (command, surroundings) => {
  if (hasFlag(command.args, ['--help', '--version', '--list'], '') || readsOnly(command.name, command.args))
    return [];
  const words = positionals(command.args);
  const target = words.find((w) => w.startsWith('/dev/')) ?? words.at(-1) ?? 'a device';
  // a disk image file (`mkfs.ext4 -F ./test.img`) is a file like any other: judged by where it lies
  if (target !== 'a device' && !target.startsWith('/dev/')) {
    const zone = pathZone(target, command, surroundings).zone;
    if (zone === 'workspace' || zone === 'cache' || zone === 'temp') return [];
  }
  return [
    operation(command, {
      kind: 'delete',
      category: 'filesystem',
      destructive: true,
      reversible: false,
      target,
      summary: `${command.name} on ${target} destroys its contents`,
      hints: { local: true, path: target },
    }),
  ];
};

// Partitioning tools that only print: `parted -l`, `sgdisk -p`, `sfdisk -d`, and `wipefs` without -a/-o (lists).
function readsOnly(name: string, args: readonly string[]): boolean {
  switch (name) {
    case 'fdisk':
    case 'sfdisk':
      return args.some((a) => /^-(l|d|s)$|^--(list|dump|show-size)$/.test(a));
    case 'parted':
      return args.some((a) => a === '-l' || a === '--list' || a === 'print' || a === 'p');
    case 'sgdisk':
      return args.every((a) => !a.startsWith('-') || /^-(p|i|v|O)$|^--(print|info|verify|print-mbr)/.test(a));
    case 'wipefs':
      return !args.some((a) => /^-[a-zA-Z]*[ao]|^--(all|offset)/.test(a));
    case 'cryptsetup': {
      // the actions that only read a header or a mapping; open/close map a device without touching its data
      const action = args.find((a) => !a.startsWith('-'));
      return (
        action !== undefined &&
        /^(luksDump|tcryptDump|bitlkDump|fvault2Dump|isLuks|luksUUID|status|benchmark|open|close|luksOpen|luksClose)$/.test(
          action,
        )
      );
    }
    default:
      return false;
  }
}

/** truncate: shrinking a file outside the workspace loses its contents. */
export const classifyTruncate: CommandClassifier = (command, surroundings) =>
  pathOperations(
    command,
    surroundings,
    positionals(command.args, new Set(['-s', '--size', '-r', '--reference'])),
    'truncate',
    'truncate of',
  );

/** rsync --delete: removes whatever the destination has that the source lacks. */
export const classifyRsync: CommandClassifier = (command, surroundings) => {
  if (!command.args.some((a) => a.startsWith('--delete') || a === '--remove-source-files')) return [];
  // -n / --dry-run only lists what would be transferred and deleted
  if (hasFlag(command.args, ['--dry-run'], 'n')) return [];
  const words = positionals(
    command.args,
    new Set(['-e', '--rsh', '--exclude', '--include', '--filter', '-f']),
  );
  const dest = words.at(-1);
  if (dest === undefined) return [];
  const remoteTarget = /^[^/]*:/.exec(dest);
  if (remoteTarget !== null) {
    const host = dest.slice(0, dest.indexOf(':')).replace(/^.*@/, '');
    return [
      operation(command, {
        kind: 'delete',
        category: 'filesystem',
        destructive: true,
        reversible: false,
        target: dest,
        summary: `rsync --delete onto ${dest} removes files there`,
        hints: { host, path: dest },
      }),
    ];
  }
  return pathOperations(command, surroundings, [dest], 'delete', 'rsync --delete onto');
};

/** chmod / chown / chgrp: permission changes on system paths or the home directory. */
export const classifyPermission: CommandClassifier = (command, surroundings) => {
  const words = positionals(command.args, new Set(['--reference', '--from']));
  // the first word is the mode or owner, the rest are paths
  const targets = command.args.some((a) => a.startsWith('--reference')) ? words : words.slice(1);
  const recursive = hasFlag(command.args, ['--recursive'], 'R');
  const ops: Operation[] = [];
  for (const word of targets) {
    const { path, zone } = pathZone(word, command, surroundings);
    const risky =
      zone === 'system' ||
      zone === 'device' ||
      (recursive && ['home', 'unknown', 'other', 'workspace-root'].includes(zone));
    if (!risky) continue;
    ops.push(
      operation(command, {
        kind: 'permission-change',
        category: 'filesystem',
        destructive: true,
        reversible: false,
        target: path,
        summary: `${recursive ? 'recursive ' : ''}${command.name} on ${path}`,
        hints: { local: true, path },
      }),
    );
  }
  return ops;
};

/** find … -delete or -exec rm: deletes below the start paths. */
export const classifyFind: CommandClassifier = (command, surroundings) => {
  const args = command.args;
  const deletes = args.includes('-delete');
  const execAt = args.findIndex((a) => a === '-exec' || a === '-execdir' || a === '-ok' || a === '-okdir');
  const execName = execAt >= 0 ? (args[execAt + 1] ?? '').replace(/^.*\//, '') : '';
  const execDeletes = ['rm', 'shred', 'unlink', 'rmdir', 'srm'].includes(execName);
  if (!deletes && !execDeletes) return [];
  const starts: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') || arg === '(' || arg === '!') break;
    starts.push(arg);
  }
  const wholesale = wholesaleFind(args, starts.length > 0 ? starts : ['.'], command, surroundings);
  if (wholesale !== undefined) return [wholesaleOperation(command, surroundings, wholesale)];
  // find deletes what lies below its start paths, never the start directory's history itself
  const below = (starts.length > 0 ? starts : ['.']).map((s) => (s.endsWith('/') ? s + '*' : s + '/*'));
  // find deletes what matches its tests (names, ages), not its start paths: a restore point of the whole start
  // path would keep far more than it removes, so a find inside the workspace runs without one, as before
  return pathOperations(command, surroundings, below, 'delete', 'find-and-delete below').map(
    ({ restore: _kept, ...op }) => op,
  );
};

/** mv: moving system or home paths away (or onto /dev/null) loses them where they are needed. */
export const classifyMove: CommandClassifier = (command, surroundings) => {
  const words = positionals(command.args, new Set(['-t', '--target-directory', '-S', '--suffix']));
  if (words.length < 2) return [];
  const dest = words.at(-1) ?? '';
  const sources = words.slice(0, -1);
  // moving the workspace's contents out of it is deleting them there
  const destZone = pathZone(dest, command, surroundings).zone;
  const wholesale =
    destZone === 'workspace' || destZone === 'cache'
      ? undefined
      : wholesaleTargets(sources, command, surroundings, true);
  if (wholesale !== undefined) return [wholesaleOperation(command, surroundings, wholesale)];
  const ops = pathOperations(command, surroundings, sources, 'delete', 'move away of').filter(
    (op) => op.destructive,
  );
  if (dest === '/dev/null')
    return pathOperations(command, surroundings, sources, 'delete', 'move to /dev/null of', true);
  if (destZone === 'system' || destZone === 'device')
    ops.push(...pathOperations(command, surroundings, [dest], 'write', 'overwrite of'));
  // a file moved onto a file of the home folder replaces it, as `cp` over it does (`mv /tmp/blank ~/notes.md`)
  else if (destZone === 'home' && !dest.endsWith('/') && !hasFlag(command.args, ['--no-clobber'], 'n'))
    ops.push(...pathOperations(command, surroundings, [dest], 'write', 'overwrite of'));
  return ops;
};

/** `ln -sf /dev/null ~/notes.md`: a forced link replaces the file at its name. */
export const classifyLink: CommandClassifier = (command, surroundings) => {
  if (!hasFlag(command.args, ['--force'], 'f')) return [];
  const words = positionals(command.args, new Set(['-t', '--target-directory', '-S', '--suffix']));
  if (words.length < 2) return [];
  const name = words.at(-1) ?? '';
  return pathOperations(command, surroundings, [name], 'write', 'forced link over').filter(
    (op) => op.destructive,
  );
};

/** `zip -d ARCHIVE '*'`, `7z d ARCHIVE …`: entries deleted from an archive, judged by where the archive lies. */
export const classifyArchiveDelete: CommandClassifier = (command, surroundings) => {
  const args = command.args;
  const deletes =
    command.name === 'zip'
      ? hasFlag(args, ['--delete'], 'd')
      : ['d', 'delete'].includes(args.find((a) => !a.startsWith('-')) ?? '');
  if (!deletes) return [];
  const words = positionals(args, new Set(['-b', '-t', '-p', '-P']));
  const archive = command.name === 'zip' ? words[0] : words[1];
  if (archive === undefined) return [];
  return pathOperations(
    command,
    surroundings,
    [archive],
    'delete',
    'entries deleted from the archive',
  ).filter((op) => op.destructive);
};

/** cp / tee / install: writing over system paths or devices. */
export const classifyCopyInto: CommandClassifier = (command, surroundings) => {
  const words = positionals(command.args, new Set(['-t', '--target-directory', '-m', '--mode', '-o', '-g']));
  // copying into a directory (`cp a /tmp/`, `cp a /tmp`) writes a new file inside it
  const targets = (command.name === 'tee' ? words : words.slice(-1)).map((w) =>
    w.endsWith('/') || /^\/(var\/)?tmp$/.test(w) ? `${w.replace(/\/$/, '')}/copy` : w,
  );
  if (command.name !== 'tee' && words.length < 2) return [];
  const append = command.name === 'tee' && hasFlag(command.args, ['--append'], 'a');
  const ops: Operation[] = [];
  for (const op of pathOperations(command, surroundings, targets, 'write', 'overwrite of')) {
    const zone = pathZone(op.target, command, surroundings).zone;
    if (zone === 'system' || zone === 'device' || (!append && op.destructive && zone !== 'unknown'))
      ops.push(op);
  }
  return ops;
};

/** An in-place edit that deletes every line: `sed -i '1,$d'`, `sed -i d`, `vim -es -c '%d'`, `ex -sc '%d|x'`. */
function deletesEveryLine(command: SimpleCommand): boolean {
  return command.args.some((a) => /^(?:1,\$d|\$?d|%d(?:\s*\|.*)?|g\/\^\/d|g\/\.\*\/d)$/.test(a.trim()));
}

/** The files a machine boots, mounts, resolves accounts and grants root with. */
const CRITICAL_SYSTEM_FILE =
  /^\/etc\/(fstab|crypttab|passwd|shadow|group|gshadow|sudoers(\.d\/.*)?|pam\.d\/.*|security\/.*|default\/grub|inittab|modprobe\.d\/.*)$|^\/boot\//;

/** Output redirections over files outside the workspace, for any command; in-place edits of system files. */
export function classifyRedirects(command: SimpleCommand, surroundings: ActionSurroundings): Operation[] {
  const ops: Operation[] = [];
  // `sed -i '/data/d' /etc/fstab`: an in-place edit of what the machine needs to boot, mount or let anyone log in,
  // like a redirect over it; other settings edited in place are the safeguards family's to judge by what changes
  // sed's script, when no -e or -f names it, is its first word, not a file it edits
  const script =
    (command.name === 'sed' || command.name === 'gsed') &&
    !command.args.some((a) => /^(-e|--expression|-f|--file)(=|$)/.test(a))
      ? positionals(command.args, new Set(['-l', '--line-length']))[0]
      : undefined;
  for (const word of editedInPlace(command).filter((w) => w !== script)) {
    const { path, zone } = pathZone(word, command, surroundings);
    const emptied = isProtectedZone(zone) && deletesEveryLine(command);
    if (!emptied && zone !== 'device' && !(zone === 'system' && CRITICAL_SYSTEM_FILE.test(path))) continue;
    ops.push(
      operation(command, {
        kind: 'write',
        category: 'filesystem',
        destructive: true,
        reversible: false,
        target: path,
        summary: `${command.name} edits ${path} in place (${ZONE_WORDS[zone]})`,
        hints: { local: true, path },
      }),
    );
  }
  for (const redirect of command.redirects) {
    if (!redirect.op.includes('>') || /^&?\d*$/.test(redirect.target) || redirect.target.startsWith('&'))
      continue;
    const { path, zone } = pathZone(redirect.target, command, surroundings);
    const appends = redirect.op.includes('>>');
    if (!isProtectedZone(zone) || (appends && zone !== 'device' && zone !== 'system') || zone === 'unknown')
      continue;
    ops.push(
      operation(command, {
        kind: appends ? 'write' : 'truncate',
        category: 'filesystem',
        destructive: true,
        reversible: false,
        target: path,
        summary: `redirect ${redirect.op} overwrites ${path}`,
        hints: { local: true, path },
      }),
    );
  }
  return ops;
}
