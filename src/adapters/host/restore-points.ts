import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  chmodSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CACHE_NAMES } from '../../core/actions/classifiers/paths.js';
import type { RestorePointTaken, RestoreScope } from '../../core/actions/types.js';

/** Bounds of one restore point: past them the loss is held for a person instead (agent-undoable-workspace). */
export interface RestorePointLimits {
  maxBytes: number;
  maxFiles: number;
  /** Milliseconds taking it may last (the hook's own timeout must not run out first: the agent may not wait). */
  maxMs: number;
  /** Restore points kept; the oldest are removed when a new one is written. */
  keep: number;
}

export const DEFAULT_RESTORE_LIMITS: RestorePointLimits = {
  maxBytes: 64 * 1024 * 1024,
  maxFiles: 20_000,
  keep: 50,
  maxMs: 5_000,
};

/** What the command was, for the restore point's manifest and `blastwall undo --list`. */
export interface RestoreAbout {
  command: string;
  agent: string;
  cwd: string;
}

/** Takes restore points before a loss confined to the workspace runs. */
export interface RestorePointKeeper {
  keep(scopes: RestoreScope[], about: RestoreAbout): RestorePointTaken | { failed: string };
}

/** One thing a restore point brings back. */
export type RestoreEntry =
  /** A file's bytes, copied to `stored` (relative to the restore point's folder). */
  | { type: 'file'; path: string; stored: string; mode: number; bytes: number }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'dir'; path: string; mode: number }
  /**
   * A repository's uncommitted state: `snapshot` is a commit made by `git stash create` (work tree and index of
   * tracked files) or HEAD when nothing was uncommitted; `head` what HEAD was. With `paths`, only those paths'
   * tracked files are brought back (a delete); without, the whole uncommitted state (reset --hard, checkout -f).
   */
  | {
      type: 'git-state';
      root: string;
      snapshot: string;
      stashed: boolean;
      head: { ref?: string; sha: string };
      paths?: string[];
    }
  | { type: 'git-ref'; root: string; ref: string; sha: string };

export interface RestoreManifest {
  version: 1;
  id: string;
  createdAt: string;
  command: string;
  agent: string;
  cwd: string;
  entries: RestoreEntry[];
  notKept: string[];
  /** Repositories holding an anchor ref (refs/blastwall/restore/<id>…) that keeps the snapshot's objects from gc. */
  anchors: { root: string; ref: string }[];
  undoneAt?: string;
}

// Only reads and object writes, with nothing of the repository's config that could run a program switched on.
const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.quotePath=false'];
const GIT_MS = 10_000;

class Bounded extends Error {}

/** The folder of restore points under blastwall's data folder. */
export function restoreFolder(dataDirectory: string): string {
  return join(dataDirectory, 'restore-points');
}

/** A keeper writing restore points under `dataDirectory` (blastwall's data folder, guarded by self-protection). */
export function createRestorePointKeeper(
  dataDirectory: string,
  limits: RestorePointLimits = DEFAULT_RESTORE_LIMITS,
  now: () => Date = () => new Date(),
): RestorePointKeeper {
  return {
    keep(scopes, about) {
      const folder = restoreFolder(dataDirectory);
      const at = now();
      const id = `${at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
      const partial = join(folder, `${id}.partial`);
      const taking = new Taking(partial, limits);
      try {
        mkdirSync(join(partial, 'files'), { recursive: true, mode: 0o700 });
        for (const scope of scopes) taking.scope(scope, id);
        if (taking.entries.length === 0 && taking.notKept.length === 0) {
          rmSync(partial, { recursive: true, force: true });
          return { id: '', files: 0, bytes: 0, fromGit: 0, refs: 0, notKept: [] };
        }
        const manifest: RestoreManifest = {
          version: 1,
          id,
          createdAt: at.toISOString(),
          command: about.command,
          agent: about.agent,
          cwd: about.cwd,
          entries: taking.entries,
          notKept: taking.notKept,
          anchors: taking.anchors,
        };
        writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, {
          mode: 0o600,
        });
        renameSync(partial, join(folder, id));
      } catch (error) {
        rmSync(partial, { recursive: true, force: true });
        for (const anchor of taking.anchors) git(anchor.root, ['update-ref', '-d', anchor.ref]);
        const why = error instanceof Error ? error.message : String(error);
        return { failed: error instanceof Bounded ? why : `it could not be written: ${why}` };
      }
      prune(folder, limits.keep);
      const files = taking.entries.filter((e) => e.type === 'file');
      return {
        id,
        files: files.length,
        bytes: taking.bytes,
        fromGit: taking.fromGit,
        refs: taking.entries.filter((e) => e.type === 'git-ref').length,
        notKept: taking.notKept,
      };
    },
  };
}

/** One restore point being taken: copies within the limits, records what git keeps. */
class Taking {
  entries: RestoreEntry[] = [];
  notKept: string[] = [];
  anchors: { root: string; ref: string }[] = [];
  bytes = 0;
  fromGit = 0;
  private copies = 0;
  private readonly seen = new Set<string>();

  private readonly deadline: number;

  constructor(
    private readonly folder: string,
    private readonly limits: RestorePointLimits,
  ) {
    this.deadline = Date.now() + limits.maxMs;
  }

  /** git within what is left of the time bound; past it, the restore point is not taken. */
  private git(cwd: string, args: string[], quiet = false): string {
    const left = this.deadline - Date.now();
    if (left <= 0) throw new Bounded(`taking it would last longer than ${this.limits.maxMs} ms`);
    const out = gitOk(cwd, args, quiet, undefined, left);
    if (Date.now() >= this.deadline)
      throw new Bounded(`taking it would last longer than ${this.limits.maxMs} ms`);
    return out;
  }

  scope(scope: RestoreScope, id: string): void {
    switch (scope.kind) {
      case 'files':
        return this.files(scope.root, scope.paths, id);
      case 'worktree':
        return this.gitState(scope.root, id, undefined);
      case 'untracked':
        return this.untracked(scope.root, scope.cleanArgs);
      case 'refs':
        return this.refs(scope.root, scope.refs, id);
    }
  }

  /** A delete: tracked files come back from a snapshot of the repository, the rest are copied. */
  private files(root: string, paths: string[], id: string): void {
    const top = topOf(root);
    if (top === undefined) {
      for (const path of paths) this.copy(resolve(path));
      return;
    }
    const rels = paths.map((p) => relative(top, resolve(p)) || '.');
    if (rels.some((r) => r.startsWith('..'))) {
      for (const path of paths) this.copy(resolve(path));
      return;
    }
    // tracked files come back from git; the snapshot is only taken when the delete reaches some
    if (this.git(top, ['ls-files', '-z', '--', ...rels]) !== '') this.gitState(top, id, rels);
    // untracked files, and ignored ones (an ignored folder listed once, so node_modules is not walked)
    const untracked = lines(
      this.git(top, ['ls-files', '-z', '--others', '--exclude-standard', '--', ...rels]),
      '\0',
    );
    const ignored = lines(
      this.git(top, [
        'ls-files',
        '-z',
        '--others',
        '--ignored',
        '--exclude-standard',
        '--directory',
        '--',
        ...rels,
      ]),
      '\0',
    );
    for (const rel of [...untracked, ...ignored]) this.copy(join(top, rel));
  }

  /** `git clean`: exactly what it says it would remove (`-n` with the same arguments), copied. */
  private untracked(cwd: string, cleanArgs: string[]): void {
    const said = this.git(cwd, ['clean', ...dryRunArgs(cleanArgs)]);
    for (const line of lines(said, '\n')) {
      const match = /^Would remove (.+)$/.exec(line);
      if (match?.[1] === undefined) continue;
      this.copy(resolve(cwd, unquote(match[1])));
    }
  }

  /** The uncommitted state of tracked files, index and HEAD, kept in git's own objects under an anchor ref. */
  private gitState(root: string, id: string, paths: string[] | undefined): void {
    const top = topOf(root) ?? root;
    const sha = this.git(top, ['rev-parse', '--verify', '-q', 'HEAD']).trim();
    if (sha === '') throw new Error(`${top} has no commit yet, so git cannot keep its state`);
    const ref = this.git(top, ['symbolic-ref', '-q', 'HEAD'], true).trim();
    const stash = this.git(top, ['stash', 'create', 'blastwall restore point']).trim();
    const snapshot = stash || sha;
    const anchor = `refs/blastwall/restore/${id}${this.anchors.length > 0 ? `-${this.anchors.length}` : ''}`;
    this.git(top, ['update-ref', anchor, snapshot]);
    this.anchors.push({ root: top, ref: anchor });
    const changed = stash
      ? lines(
          this.git(top, ['diff', '--name-only', '-z', '--no-renames', sha, stash, '--', ...(paths ?? [])]),
          '\0',
        )
      : [];
    const tracked = paths
      ? lines(this.git(top, ['ls-tree', '-r', '-z', '--name-only', snapshot, '--', ...paths]), '\0').length
      : changed.length;
    this.fromGit += tracked;
    this.entries.push({
      type: 'git-state',
      root: top,
      snapshot,
      stashed: stash !== '',
      head: { ...(ref !== '' ? { ref } : {}), sha },
      ...(paths ? { paths } : {}),
    });
  }

  private refs(root: string, refs: string[], id: string): void {
    const top = topOf(root) ?? root;
    const shas: { ref: string; sha: string }[] = [];
    for (const ref of refs) {
      if (ref === 'stash') {
        const all = lines(this.git(top, ['stash', 'list', '--format=%H'], true), '\n');
        all.forEach((sha, i) => shas.push({ ref: `stash@{${i}}`, sha }));
        continue;
      }
      const sha = this.git(top, ['rev-parse', '--verify', '-q', `${ref}^{commit}`], true).trim();
      if (sha !== '') shas.push({ ref, sha });
    }
    for (const { ref, sha } of shas) {
      const anchor = `refs/blastwall/restore/${id}-ref${this.anchors.length}`;
      this.git(top, ['update-ref', anchor, sha]);
      this.anchors.push({ root: top, ref: anchor });
      this.entries.push({ type: 'git-ref', root: top, ref, sha });
    }
  }

  /** Copies a file, link or folder (caches and build output inside are named, not kept). */
  private copy(listed: string): void {
    const path = listed.length > 1 ? listed.replace(/\/+$/, '') : listed;
    if (this.seen.has(path)) return;
    this.seen.add(path);
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return; // nothing there: nothing to lose
    }
    if (stat.isSymbolicLink()) {
      this.entries.push({ type: 'symlink', path, target: readlinkSync(path) });
      return;
    }
    if (stat.isDirectory()) {
      const name = path.split(sep).pop() ?? '';
      if (CACHE_NAMES.has(name)) {
        this.notKept.push(path);
        return;
      }
      this.entries.push({ type: 'dir', path, mode: stat.mode & 0o7777 });
      for (const child of readdirSync(path)) this.copy(join(path, child));
      return;
    }
    if (!stat.isFile()) return; // sockets, fifos: nothing to keep
    if (Date.now() >= this.deadline)
      throw new Bounded(`taking it would last longer than ${this.limits.maxMs} ms`);
    this.copies += 1;
    this.bytes += stat.size;
    if (this.copies > this.limits.maxFiles)
      throw new Bounded(`more than ${this.limits.maxFiles} files would have to be kept`);
    if (this.bytes > this.limits.maxBytes)
      throw new Bounded(`more than ${megabytes(this.limits.maxBytes)} would have to be kept`);
    const stored = `files/${this.copies}`;
    copyFileSync(path, join(this.folder, stored), constants.COPYFILE_FICLONE);
    this.entries.push({ type: 'file', path, stored, mode: stat.mode & 0o7777, bytes: stat.size });
  }
}

/** `git clean` arguments that only say what would be removed: -f and -i dropped, -n added. */
export function dryRunArgs(args: readonly string[]): string[] {
  const out: string[] = ['-n'];
  let literal = false;
  for (const arg of args) {
    if (literal || !arg.startsWith('-') || arg === '-') {
      out.push(arg);
      continue;
    }
    if (arg === '--') {
      literal = true;
      out.push(arg);
      continue;
    }
    if (arg === '--force' || arg === '--interactive' || arg === '--quiet' || arg === '--dry-run') continue;
    if (arg.startsWith('--')) {
      out.push(arg);
      continue;
    }
    // a cluster of short flags; -e takes a value (the rest of the word, or the next word)
    const e = arg.indexOf('e');
    const flags = (e >= 0 ? arg.slice(1, e) : arg.slice(1)).replace(/[fiqn]/g, '');
    const value = e >= 0 ? arg.slice(e) : '';
    const word = `${flags}${value}`;
    if (word !== '') out.push(`-${word}`);
  }
  return out;
}

/** Lists restore points, newest first. */
export function listRestorePoints(dataDirectory: string): RestoreManifest[] {
  const folder = restoreFolder(dataDirectory);
  if (!existsSync(folder)) return [];
  const out: RestoreManifest[] = [];
  for (const name of readdirSync(folder).sort().reverse()) {
    if (name.endsWith('.partial')) continue;
    try {
      out.push(JSON.parse(readFileSync(join(folder, name, 'manifest.json'), 'utf8')) as RestoreManifest);
    } catch {
      // an unreadable restore point is not listed; undo names it when asked for by id
    }
  }
  return out;
}

/** What `undo` did, or would do with --force. */
export interface UndoResult {
  restored: string[];
  /** Paths that exist now with other contents, or git refusing: left as they are unless forced. */
  conflicts: string[];
  /** Git steps that ran (or would run). */
  steps: string[];
}

/**
 * Brings back what a restore point kept. Files and folders that are missing are written back; a file that exists
 * again with other contents is a conflict, overwritten only with `force`. With conflicts and no `force`, nothing
 * is written. `dryRun` only says what would happen.
 */
export function undoRestorePoint(
  dataDirectory: string,
  manifest: RestoreManifest,
  options: { force?: boolean; dryRun?: boolean } = {},
): UndoResult {
  const folder = join(restoreFolder(dataDirectory), manifest.id);
  const result: UndoResult = { restored: [], conflicts: [], steps: [] };
  const writes: (() => void)[] = [];
  for (const entry of manifest.entries) {
    switch (entry.type) {
      case 'dir':
        if (!existsSync(entry.path)) {
          writes.push(() => mkdirSync(entry.path, { recursive: true, mode: entry.mode }));
        }
        break;
      case 'file': {
        const stored = join(folder, entry.stored);
        const same = existsSync(entry.path) && sameBytes(entry.path, stored);
        if (same) break;
        if (existsSync(entry.path) && !options.force) {
          result.conflicts.push(`${entry.path} exists with other contents`);
          break;
        }
        result.restored.push(entry.path);
        writes.push(() => {
          mkdirSync(dirname(entry.path), { recursive: true });
          copyFileSync(stored, entry.path);
          chmodSync(entry.path, entry.mode);
        });
        break;
      }
      case 'symlink':
        if (existsSync(entry.path) || isLink(entry.path)) break;
        result.restored.push(entry.path);
        writes.push(() => {
          mkdirSync(dirname(entry.path), { recursive: true });
          writeLink(entry.target, entry.path);
        });
        break;
      case 'git-ref':
        planRef(entry, result, writes);
        break;
      case 'git-state':
        planGitState(entry, result, writes, options.force === true);
        break;
    }
  }
  if (options.dryRun || (result.conflicts.length > 0 && !options.force)) return result;
  for (const write of writes) write();
  const file = join(folder, 'manifest.json');
  writeFileSync(file, `${JSON.stringify({ ...manifest, undoneAt: new Date().toISOString() }, null, 2)}\n`);
  return result;
}

function planRef(
  entry: Extract<RestoreEntry, { type: 'git-ref' }>,
  result: UndoResult,
  writes: (() => void)[],
): void {
  if (entry.ref.startsWith('stash@{')) {
    const present = lines(gitOk(entry.root, ['stash', 'list', '--format=%H'], true), '\n');
    if (present.includes(entry.sha)) return;
    result.restored.push(`${entry.ref} (${entry.sha.slice(0, 12)})`);
    result.steps.push(`git stash store ${entry.sha.slice(0, 12)}`);
    writes.push(() =>
      gitOk(entry.root, ['stash', 'store', '-m', 'brought back by blastwall undo', entry.sha]),
    );
    return;
  }
  const now = gitOk(entry.root, ['rev-parse', '--verify', '-q', entry.ref], true).trim();
  if (now === entry.sha) return;
  if (now !== '') {
    result.conflicts.push(`${entry.ref} exists again at ${now.slice(0, 12)} (was ${entry.sha.slice(0, 12)})`);
    return;
  }
  result.restored.push(`${entry.ref} at ${entry.sha.slice(0, 12)}`);
  result.steps.push(`git update-ref ${entry.ref} ${entry.sha.slice(0, 12)}`);
  writes.push(() => gitOk(entry.root, ['update-ref', entry.ref, entry.sha, '']));
}

function planGitState(
  entry: Extract<RestoreEntry, { type: 'git-state' }>,
  result: UndoResult,
  writes: (() => void)[],
  force: boolean,
): void {
  const { root, snapshot } = entry;
  if (entry.paths !== undefined) {
    // a delete: tracked files under the paths that are missing now come back from the snapshot's work tree
    const files = lines(
      gitOk(root, ['ls-tree', '-r', '-z', '--name-only', snapshot, '--', ...entry.paths]),
      '\0',
    );
    const missing = files.filter((f) => !existsSync(join(root, f)) && !isLink(join(root, f)));
    const present = force ? files.filter((f) => !missing.includes(f)) : [];
    const back = [...missing, ...present];
    if (back.length === 0) return;
    result.restored.push(...back.map((f) => join(root, f)));
    result.steps.push(`git restore --source=${snapshot.slice(0, 12)} --worktree (${back.length} files)`);
    writes.push(() =>
      gitOk(
        root,
        ['restore', `--source=${snapshot}`, '--worktree', '--pathspec-from-file=-', '--pathspec-file-nul'],
        false,
        back.join('\0'),
      ),
    );
    return;
  }
  // the whole uncommitted state: HEAD where it was, then the stashed work tree and index on top of it
  const headRef = gitOk(root, ['symbolic-ref', '-q', 'HEAD'], true).trim();
  const headSha = gitOk(root, ['rev-parse', '--verify', '-q', 'HEAD'], true).trim();
  const dirty = gitOk(root, ['status', '--porcelain', '--untracked-files=no'], true).trim() !== '';
  const moves: string[][] = [];
  if (entry.head.ref !== undefined && headRef !== entry.head.ref) {
    moves.push(['checkout', '-q', entry.head.ref.replace(/^refs\/heads\//, '')]);
    moves.push(['reset', '-q', '--keep', entry.head.sha]);
  } else if (entry.head.ref === undefined && headSha !== entry.head.sha) {
    moves.push(['checkout', '-q', '--detach', entry.head.sha]);
  } else if (headSha !== entry.head.sha) {
    moves.push(['reset', '-q', '--keep', entry.head.sha]);
  }
  if (moves.length === 0 && !entry.stashed) return;
  if (dirty && !force) {
    result.conflicts.push(
      `${root} has uncommitted changes made since; commit or stash them first, or pass --force`,
    );
    return;
  }
  for (const move of moves) result.steps.push(`git ${move.join(' ')}`);
  if (entry.stashed) {
    result.steps.push(`git stash apply --index ${snapshot.slice(0, 12)}`);
    result.restored.push(`${root}: uncommitted changes of ${snapshot.slice(0, 12)}`);
  }
  writes.push(() => {
    for (const move of moves) gitOk(root, move);
    if (entry.stashed) gitOk(root, ['stash', 'apply', '--index', snapshot]);
  });
}

function prune(folder: string, keep: number): void {
  const names = readdirSync(folder)
    .filter((n) => !n.endsWith('.partial'))
    .sort();
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    try {
      const manifest = JSON.parse(
        readFileSync(join(folder, name, 'manifest.json'), 'utf8'),
      ) as RestoreManifest;
      for (const anchor of manifest.anchors) git(anchor.root, ['update-ref', '-d', anchor.ref]);
    } catch {
      // a restore point without a readable manifest has no anchors to drop
    }
    rmSync(join(folder, name), { recursive: true, force: true });
  }
}

function topOf(dir: string): string | undefined {
  const run = git(existsSync(dir) ? dir : dirname(dir), ['rev-parse', '--show-toplevel']);
  return run.ok ? run.stdout.trim() : undefined;
}

function git(
  cwd: string,
  args: string[],
  input?: string,
  timeout = GIT_MS,
): { ok: boolean; stdout: string; stderr: string } {
  const run = spawnSync('git', [...SAFE, ...args], {
    cwd,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    input,
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  return {
    ok: run.status === 0 && run.error === undefined,
    stdout: run.stdout ?? '',
    stderr: run.stderr ?? '',
  };
}

/** git's output; a failure throws with git's words, unless `quiet` (then ''). */
function gitOk(cwd: string, args: string[], quiet = false, input?: string, timeout = GIT_MS): string {
  const run = git(cwd, args, input, timeout);
  if (run.ok) return run.stdout;
  if (quiet) return '';
  throw new Error(`git ${args[0]} failed in ${cwd}: ${run.stderr.trim().split('\n')[0] || 'no answer'}`);
}

function lines(text: string, separator: string): string[] {
  return text.split(separator).filter((l) => l !== '');
}

/** A path as git prints it: C-quoted when it holds special characters. */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[++i] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
      continue;
    }
    const named: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 };
    bytes.push(named[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function sameBytes(a: string, b: string): boolean {
  try {
    return readFileSync(a).equals(readFileSync(b));
  } catch {
    return false;
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function writeLink(target: string, path: string): void {
  symlinkSync(target, path);
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
