import { posix } from 'node:path';
import picomatch from 'picomatch';
import { guardedPlaceFor, guardedWithin, guardedWriteReason, type GuardedPlace } from '../guarded-paths.js';
import { guardedWriteOp } from './patches.js';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue, positionals } from '../classifiers/args.js';
import { resolvePath } from '../classifiers/paths.js';
import { heldInside, type LookContext } from './trail.js';

// What lands below a folder when an archive is unpacked into it or a folder is copied over it: `tar xf x.tar -C
// ~/.claude`, `unzip x.zip`, `rsync -a /tmp/x/ ./`, `cp -r /tmp/x/. .`. The archive's listing or the source tree is
// read when it is local and small, and each file it would write is judged by the writers' one check; when it
// cannot be read, the command is held if the destination holds a guarded file.

/** How many entries of a source tree are read before its content counts as unknown. */
const MAX_TREE_ENTRIES = 2000;
const MAX_TREE_DEPTH = 16;

/** One tree that lands: where its files go, and the files relative to there (undefined when not known). */
interface Landed {
  dest: string;
  files: string[] | undefined;
  /** Why the files are not known, for the reason. */
  unknown?: string;
}

const RSYNC_VALUED = new Set([
  '-e',
  '--rsh',
  '-f',
  '--filter',
  '--exclude',
  '--include',
  '--exclude-from',
  '--include-from',
  '--files-from',
  '--chmod',
  '--chown',
  '--port',
  '--log-file',
  '-B',
  '--backup-dir',
  '--suffix',
  '-T',
  '--temp-dir',
  '--compare-dest',
  '--copy-dest',
  '--link-dest',
  '--partial-dir',
  '--rsync-path',
  '--password-file',
  '-t',
  '--target-directory',
  '-S',
]);
const UNZIP_VALUED = new Set(['-d', '-P', '-x']);

/** Look-inside for tar/unzip extraction and folder copies (cp, mv, rsync): held when a guarded file would land. */
export function landedTreeOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.remote !== undefined) return [];
  const place = guardedPlaceFor(surroundings);
  const landed = landedBy(command, surroundings, ctx, place);
  const ops: Operation[] = [];
  for (const tree of landed) {
    if (tree.files === undefined) {
      const what = guardedWithin(tree.dest, place);
      if (what !== undefined)
        ops.push(
          heldInside(
            command,
            `${tree.unknown ?? 'files not known before it runs'} into ${tree.dest}, which holds ${what}`,
          ),
        );
      continue;
    }
    for (const file of tree.files) {
      const target = posix.resolve(tree.dest, file);
      const found = guardedWriteReason(target, { cwd: tree.dest, place, realPath: ctx.deps.realPath });
      if (found === undefined) continue;
      ops.push(
        guardedWriteOp(command, found.target, `${command.name} writes ${found.target}, ${found.what}`),
      );
      break;
    }
  }
  return ops;
}

function landedBy(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
  place: GuardedPlace,
): Landed[] {
  switch (command.name) {
    case 'tar':
    case 'gtar':
    case 'bsdtar':
      return untarred(command, surroundings, ctx);
    case 'unzip':
      return unzipped(command, surroundings, ctx);
    case 'cp':
    case 'mv':
    case 'rsync':
      return copied(command, surroundings, ctx, place);
    default:
      return [];
  }
}

function untarred(command: SimpleCommand, surroundings: ActionSurroundings, ctx: LookContext): Landed[] {
  const { args } = command;
  const cluster = args[0] !== undefined && /^[a-zA-Z]+$/.test(args[0]) ? args[0] : undefined;
  const extracts =
    cluster?.includes('x') === true ||
    args.some((a) => a === '--extract' || a === '--get' || /^-[a-zA-Z]*x[a-zA-Z]*$/.test(a));
  if (!extracts) return [];
  const fileAt = args.findIndex(
    (a, i) => (i === 0 && cluster?.includes('f') === true) || /^-[a-zA-Z]*f$/.test(a),
  );
  const archive = optionValue(args, ['--file']) ?? (fileAt >= 0 ? args[fileAt + 1] : undefined);
  const dir = optionValue(args, ['-C', '--directory']) ?? '.';
  const dest = resolvePath(dir, surroundings, false);
  if (dest === undefined) return [];
  const strip = Number(optionValue(args, ['--strip-components']) ?? 0) || 0;
  const absolute = args.some((a) => a === '-P' || a === '--absolute-names');
  const listed = listArchive(command, archive, surroundings, ctx);
  if (listed.files === undefined) return [{ dest, files: undefined, unknown: listed.unknown }];
  const files = listed.files.map((entry) => {
    const parts = (absolute ? entry : entry.replace(/^\/+/, '')).split('/').filter((p) => p !== '');
    const kept = parts.slice(strip).join('/');
    return absolute && entry.startsWith('/') ? `/${kept}` : kept;
  });
  return [{ dest, files: files.filter((f) => f !== '') }];
}

function unzipped(command: SimpleCommand, surroundings: ActionSurroundings, ctx: LookContext): Landed[] {
  const { args } = command;
  // listing, testing or printing writes nothing
  if (args.some((a) => /^-[a-zA-Z]*[lvtpzZ]/.test(a))) return [];
  const archive = positionals(args, UNZIP_VALUED)[0];
  const dest = resolvePath(optionValue(args, ['-d']) ?? '.', surroundings, false);
  if (dest === undefined) return [];
  const listed = listArchive(command, archive, surroundings, ctx);
  return [{ dest, files: listed.files, ...(listed.unknown ? { unknown: listed.unknown } : {}) }];
}

function listArchive(
  command: SimpleCommand,
  archive: string | undefined,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): { files?: string[]; unknown?: string } {
  if (archive === undefined || archive === '-')
    return { unknown: `an archive read from ${command.pipedFrom[0] ?? 'standard input'}` };
  const path = resolvePath(archive, surroundings, false);
  if (path === undefined) return { unknown: `an archive at ${archive}, known only when it runs` };
  if (/^[\w.-]+@?[\w.-]*:/.test(archive) && !archive.startsWith('/'))
    return { unknown: `an archive on another machine (${archive})` };
  const read = ctx.deps.archiveEntries?.(path);
  if (read === undefined) return { unknown: `an archive at ${archive}, which blastwall cannot list here` };
  // a folder's own entry (`./`, `pkg/`) writes nothing guarded by itself: its files are listed too
  if (read.kind === 'entries')
    return { files: read.entries.filter((e) => !e.endsWith('/') && !/^(\.\/)*\.?$/.test(e)) };
  // not there: the command fails and lands nothing, unless the line makes it first (`curl -o x.tgz && tar xf x.tgz`)
  if (read.kind === 'missing')
    return command.madeBefore !== undefined
      ? { unknown: `an archive at ${archive}, made on the line` }
      : { files: [] };
  return { unknown: read.reason };
}

function copied(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
  place: GuardedPlace,
): Landed[] {
  const { name, args } = command;
  const files = positionals(args, RSYNC_VALUED);
  const target = optionValue(args, ['-t', '--target-directory']);
  if (name === 'rsync' && target !== undefined) return [];
  const sources = target === undefined ? files.slice(0, -1) : files;
  const destWord = target ?? (files.length >= 2 ? files[files.length - 1] : undefined);
  if (destWord === undefined || sources.length === 0) return [];
  // rsync to another machine lands nothing here
  if (name === 'rsync' && /^[^/]*:/.test(destWord)) return [];
  const dest = resolvePath(destWord, surroundings, false);
  if (dest === undefined) return [];
  // only a destination where a guarded file could land is worth reading a tree for
  const inside = (root: string) => dest === root || dest.startsWith(`${root}/`);
  if (!inside(place.workspace) && !inside(place.home) && guardedWithin(dest, place) === undefined) return [];
  const destIsFolder = Array.isArray(ctx.deps.listFolder?.(dest));
  const noTarget = args.includes('-T') || args.includes('--no-target-directory');
  const out: Landed[] = [];
  for (const { source, entry } of expand(sources, surroundings, ctx)) {
    if (name === 'rsync' && /^[^/]*:/.test(source)) {
      out.push({ dest, files: undefined, unknown: `files from ${source}, on another machine` });
      continue;
    }
    const from = resolvePath(source, surroundings, false);
    if (from === undefined) {
      out.push({ dest, files: undefined, unknown: `files from ${source}, known only when it runs` });
      continue;
    }
    const tree = walk(from, ctx);
    if (tree === 'missing') {
      if (command.madeBefore !== undefined)
        out.push({ dest, files: undefined, unknown: `files from ${source}, made on the line` });
      continue;
    }
    // a plain file: where it lands is the writers' check of the copy's destination, unless a glob named it
    if (tree === 'file') {
      if (entry) out.push({ dest, files: [posix.basename(from)] });
      continue;
    }
    // `rsync a/ d` and `cp -r a/. d` copy a's contents; `rsync a d` and `cp -r a d` (d a folder) copy a itself
    const contents =
      (noTarget && !entry) ||
      (name === 'rsync' ? source.endsWith('/') : source.endsWith('/.') || !destIsFolder);
    const into = contents ? dest : posix.join(dest, posix.basename(from));
    out.push(
      tree === 'too-many'
        ? { dest: into, files: undefined, unknown: `a folder larger than blastwall reads (${source})` }
        : { dest: into, files: tree },
    );
  }
  return out;
}

/**
 * Sources with a glob in their last part (`/tmp/x/*`) become the entries it matches, each landing in the
 * destination under its own name (`entry`).
 */
function expand(
  sources: string[],
  surroundings: ActionSurroundings,
  ctx: LookContext,
): { source: string; entry: boolean }[] {
  const out: { source: string; entry: boolean }[] = [];
  for (const source of sources) {
    const base = posix.basename(source);
    const parent = posix.dirname(source);
    const dir =
      /[*?[]/.test(base) && !/[*?[]/.test(parent) ? resolvePath(parent, surroundings, false) : undefined;
    const listed = dir === undefined ? undefined : ctx.deps.listFolder?.(dir);
    if (!Array.isArray(listed)) {
      out.push({ source, entry: false });
      continue;
    }
    const matches = picomatch(base, { dot: base.startsWith('.') });
    for (const name of listed.map((e) => e.replace(/\/$/, '')))
      if (matches(name)) out.push({ source: posix.join(parent, name), entry: true });
  }
  return out;
}

/** The files below a folder, relative to it; 'file' for a plain file, 'missing', or 'too-many' past the bound. */
function walk(root: string, ctx: LookContext): string[] | 'file' | 'missing' | 'too-many' {
  const list = ctx.deps.listFolder;
  if (list === undefined) return 'too-many';
  const top = list(root);
  if (top === 'too-many') return 'too-many';
  if (top === undefined) {
    const parent = list(posix.dirname(root));
    const there = Array.isArray(parent) && parent.includes(posix.basename(root));
    return there ? 'file' : 'missing';
  }
  const files: string[] = [];
  const queue: { rel: string; entries: string[]; depth: number }[] = [{ rel: '', entries: top, depth: 0 }];
  let seen = 0;
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const entry of next.entries) {
      if (++seen > MAX_TREE_ENTRIES) return 'too-many';
      const rel = next.rel === '' ? entry : `${next.rel}/${entry}`;
      if (!entry.endsWith('/')) {
        files.push(rel);
        continue;
      }
      const folder = rel.slice(0, -1);
      if (next.depth >= MAX_TREE_DEPTH) return 'too-many';
      const inner = list(posix.join(root, folder));
      if (inner === 'too-many') return 'too-many';
      queue.push({ rel: folder, entries: inner ?? [], depth: next.depth + 1 });
    }
  }
  return files;
}
