import { posix } from 'node:path';
import { GIT_TOPLEVEL, type ActionSurroundings, type SimpleCommand } from '../types.js';

/** Where a path lies, from the point of view of "can this loss be undone". */
export type PathZone =
  | 'workspace' // inside the workspace, restorable from git
  | 'workspace-root' // the workspace itself or its .git: not restorable
  | 'cache' // build output or caches, anywhere under home, workspace or temp
  | 'temp' // below /tmp or /var/tmp
  | 'device' // /dev/… (except the harmless sinks)
  | 'system' // /, /etc, /usr …
  | 'home' // the home directory or anything in it that is not a cache
  | 'other' // elsewhere on the machine
  | 'unknown'; // not knowable before running

/** Names of build output and cache directories, disposable wherever they are. */
export const CACHE_NAMES: ReadonlySet<string> = new Set([
  'node_modules',
  'dist',
  'build',
  'target',
  '.cache',
  '__pycache__',
  'coverage',
  '.next',
  '.nuxt',
  '.turbo',
  '.parcel-cache',
  'out',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.gradle',
  '.tox',
  '.nyc_output',
  '.eslintcache',
  '.svelte-kit',
  '.angular',
  '.tmp',
  '.venv',
  'venv',
  '.terraform',
  'cdk.out',
  '.serverless',
  '.aws-sam',
  '.dart_tool',
  '.expo',
  'storybook-static',
  'htmlcov',
  '.vite',
  '.npm',
  '.yarn',
  '.pnpm-store',
  '_build',
  '.sass-cache',
  '.docusaurus',
  // game engines' and .NET's build output and caches: Unity's Temp, Obj and ScriptAssemblies, Unreal's
  // Intermediate, DerivedDataCache and Binaries, MSBuild's obj
  'obj',
  'Obj',
  'Temp',
  'ScriptAssemblies',
  'Intermediate',
  'DerivedDataCache',
  'Binaries',
]);
// Directories directly in home that only ever hold caches.
const HOME_CACHES = new Set([
  '.cache',
  '.npm',
  '.pnpm-store',
  '.yarn',
  '.bun',
  '.cargo-cache',
  '.gradle-cache',
]);
// Well-known cache directories deeper in home, rebuilt on demand by their tool: Xcode's DerivedData, macOS app
// caches, Gradle's and Maven's downloaded dependencies.
const HOME_CACHE_PATHS: readonly (readonly string[])[] = [
  ['Library', 'Caches'],
  ['Library', 'Developer', 'Xcode', 'DerivedData'],
  ['.gradle', 'caches'],
  ['.m2', 'repository'],
  // downloaded packages other tools fetch again: cargo's registry and git checkouts, Go's module cache, NuGet,
  // Ivy, Dart's pub cache, CocoaPods' spec repos
  ['.cargo', 'registry'],
  ['.cargo', 'git'],
  ['go', 'pkg', 'mod'],
  ['.nuget', 'packages'],
  ['.ivy2', 'cache'],
  ['.pub-cache'],
  ['.cocoapods', 'repos'],
];
const SYSTEM_ROOTS = [
  '/etc',
  '/usr',
  '/bin',
  '/sbin',
  '/lib',
  '/lib64',
  '/boot',
  '/var',
  '/opt',
  '/srv',
  '/root',
  '/sys',
  '/proc',
  '/dev',
  '/home',
  '/mnt',
  '/media',
  '/snap',
  '/Applications',
  '/System',
  '/Library',
  '/Users',
  '/private',
];
const HARMLESS_DEVICES = new Set([
  '/dev/null',
  '/dev/stdout',
  '/dev/stderr',
  '/dev/tty',
  '/dev/zero',
  '/dev/random',
  '/dev/urandom',
]);
const GLOB = /[*?[]/;

const SHOW_TOPLEVEL = /^\$\(\s*git\s+rev-parse\s+--show-toplevel\s*\)(?=\/|$)/;

/** Resolves a word to an absolute path (`~`, `$HOME`, relative to cwd); undefined when it cannot be known. */
export function resolvePath(
  word: string,
  surroundings: ActionSurroundings,
  remote: boolean,
): string | undefined {
  let text = word;
  // `rm -rf "$(git rev-parse --show-toplevel)/node_modules"`: the root of the repository the command runs in, known
  // when it runs inside the line's own repository
  const top = surroundings.gitToplevel;
  if (
    !remote &&
    top !== undefined &&
    (surroundings.cwd === top || surroundings.cwd.startsWith(`${top}/`)) &&
    SHOW_TOPLEVEL.test(text)
  )
    text = GIT_TOPLEVEL + text.replace(SHOW_TOPLEVEL, '');
  if (text.startsWith(GIT_TOPLEVEL)) {
    // Only the line's own repository root is known, and only on this machine.
    if (remote || surroundings.gitToplevel === undefined) return undefined;
    text = surroundings.gitToplevel + text.slice(GIT_TOPLEVEL.length);
  }
  const home = remote ? '/root' : surroundings.home;
  if (text === '~' || text.startsWith('~/')) text = home + text.slice(1);
  else if (/^\$\{?HOME\}?(\/|$)/.test(text)) text = home + text.replace(/^\$\{?HOME\}?/, '');
  else if (/^\$\{?(TMPDIR|TMP|TEMP)\}?(\/|$)/.test(text)) text = '/tmp' + text.replace(/^\$\{?\w+\}?/, '');
  else if (/^\$\{?PWD\}?(\/|$)/.test(text) && !remote)
    text = surroundings.cwd + text.replace(/^\$\{?PWD\}?/, '');
  if (text.includes('$') || text.includes('`') || text === '{}' || text.startsWith('~')) return undefined;
  const base = remote ? home : surroundings.cwd;
  // after `cd "$X"` the directory is unknown: so is every relative path (UNKNOWN_DIR is not absolute)
  if (!text.startsWith('/') && !base.startsWith('/')) return undefined;
  return posix.resolve(base, text);
}

/** The cwd of surroundings whose command ran after a `cd` to a directory only known when it runs. */
export const UNKNOWN_DIR = '(a directory known only when it runs)';

/** The surroundings as a command sees them: its cwd moved by an earlier `cd`/`pushd`/`popd` on the line. */
export function commandSurroundings(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): ActionSurroundings {
  if (!movedByLine(command)) return surroundings;
  // The terraform workspace selected where the line started says nothing of the directory it moved to:
  // the terraform classifier reads the one selected there (only terraform needs it, so nothing is read here).
  const { terraformWorkspace: _, ...moved } = surroundings;
  const cwd = command.cwdUnknown === true ? undefined : resolvePath(command.cwd, surroundings, false);
  return { ...moved, cwd: cwd ?? UNKNOWN_DIR };
}

/**
 * True when an earlier `cd` on the line moved where the command runs (a remote command's paths are judged
 * against the remote home already).
 */
export function movedByLine(command: SimpleCommand): command is SimpleCommand & { cwd: string } {
  return command.cwd !== undefined && command.remote === undefined;
}

/** Classifies an absolute path (globs judged by the directory they expand in, `/*` is `/`). */
export function zoneOf(
  path: string | undefined,
  surroundings: ActionSurroundings,
  remote: boolean,
): PathZone {
  if (path === undefined) return 'unknown';
  let p = path;
  const globAt = p.search(GLOB);
  let lastGlobSegment = '';
  if (globAt >= 0) {
    const cut = p.lastIndexOf('/', globAt);
    lastGlobSegment = p.slice(cut + 1);
    p = cut <= 0 ? '/' : p.slice(0, cut);
  }
  if (HARMLESS_DEVICES.has(p) || p.startsWith('/dev/fd/') || p.startsWith('/proc/self/fd/')) return 'temp';
  if (p.startsWith('/dev/')) return 'device';
  const segments = p.split('/').filter((s) => s !== '');
  if (!remote && surroundings.workspace !== '') {
    const rel = isWithin(p, surroundings.workspace);
    // a glob in the workspace root matches files git can restore, unless it starts with a dot (.git)
    if (rel === 'equal')
      return globAt >= 0 && !lastGlobSegment.startsWith('.') ? 'workspace' : 'workspace-root';
    if (rel === 'inside') {
      const inner = p.slice(surroundings.workspace.length + 1).split('/');
      // a stale git lock file is routine to remove; anything else in .git is history
      if (inner.includes('.git')) return p.endsWith('.lock') ? 'workspace' : 'workspace-root';
      return inner.some((s) => CACHE_NAMES.has(s)) ? 'cache' : 'workspace';
    }
  }
  const home = remote ? '/root' : surroundings.home;
  const inHome = isWithin(p, home);
  if (inHome === 'equal') return 'home';
  if (inHome === 'inside') {
    const inner = segments.slice(home.split('/').filter((s) => s !== '').length);
    // a cache below a project dir or in a well-known cache dir, never a top-level dir like ~/.ssh
    const cached =
      HOME_CACHES.has(inner[0] ?? '') ||
      inner.slice(1).some((s) => CACHE_NAMES.has(s)) ||
      HOME_CACHE_PATHS.some((prefix) => prefix.every((s, i) => inner[i] === s));
    return cached ? 'cache' : 'home';
  }
  // a glob directly in a temp dir matches its entries, not the dir itself
  if (p === '/tmp' || p === '/var/tmp' || p === '/private/tmp') return globAt >= 0 ? 'temp' : 'system';
  if (p.startsWith('/tmp/') || p.startsWith('/var/tmp/') || p.startsWith('/private/tmp/')) return 'temp';
  if (segments.length === 0) return 'system';
  // a Windows profile's temp folder seen from WSL (`/mnt/c/Users/dev/AppData/Local/Temp/…`) is disposable
  const windowsTemp = /^\/mnt\/[a-z]\/Users\/[^/]+\/AppData\/Local\/Temp(\/.)?/i.exec(p);
  if (windowsTemp !== null && (windowsTemp[1] !== undefined || globAt >= 0)) return 'temp';
  if (SYSTEM_ROOTS.some((root) => p === root || p.startsWith(root + '/'))) return 'system';
  return 'other';
}

/** Where a path lies against a folder: the folder itself, inside it, or outside. */
export function isWithin(path: string, dir: string): 'equal' | 'inside' | 'outside' {
  if (dir === '') return 'outside';
  const d = dir.endsWith('/') && dir.length > 1 ? dir.slice(0, -1) : dir;
  if (path === d) return 'equal';
  return path.startsWith(d === '/' ? '/' : d + '/') ? 'inside' : 'outside';
}

/** True when losing what is at this zone cannot be undone from git and is not disposable. */
export function isProtectedZone(zone: PathZone): boolean {
  return zone !== 'workspace' && zone !== 'cache' && zone !== 'temp';
}

/** Resolves and classifies a word of a command in one step. */
export function pathZone(
  word: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  dynamic = false,
): { path: string; zone: PathZone } {
  const remote = command.remote !== undefined;
  const resolved = dynamic ? undefined : resolvePath(word, surroundings, remote);
  return { path: resolved ?? word, zone: zoneOf(resolved, surroundings, remote) };
}
