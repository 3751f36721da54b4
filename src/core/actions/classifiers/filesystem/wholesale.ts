import { posix } from 'node:path';
import type { ActionSurroundings, SimpleCommand } from '../../types.js';
import { positionals } from '../args.js';
import { CACHE_NAMES, pathZone } from '../paths.js';

// A deletion inside the workspace is routine: git restores a file or a directory. A deletion that takes the
// repository's contents wholesale is not — it loses every uncommitted change at once and leaves nothing to work
// from — so it is destructive (held for a person), although git can bring back what was committed:
//   - a wildcard that matches everything in the workspace root (`rm -rf ./*`, `mv ~/project/* /tmp/x`);
//   - several top-level entries of the workspace in one recursive delete (`rm -rf src/ tests/ docs/`), unless
//     they are build output or caches;
//   - a tree-wide find that deletes from the workspace root, unless it only selects disposable artefacts
//     (compiled files, caches, editor and patch leftovers, empty entries) or names one file by its literal name;
//   - deleting what `git ls-files` lists (the tracked source).
// Everyday cleanups stay allowed: build output and caches by name, one directory, one file, a glob with a suffix.

/** Suffixes of files that are always generated or left over, never source. */
const DISPOSABLE_SUFFIXES = [
  '.pyc',
  '.pyo',
  '.class',
  '.o',
  '.obj',
  '.orig',
  '.rej',
  '.bak',
  '.swp',
  '.swo',
  '.tmp',
  '.temp',
  '.log',
  '.tsbuildinfo',
  '.gcda',
  '.gcno',
  '~',
];
const DISPOSABLE_NAMES = new Set([...CACHE_NAMES, '.DS_Store', 'Thumbs.db', '.coverage', '*.egg-info']);
const GLOB = /[*?[]/;
/** A last path segment that matches every entry of its directory (`*`, `.*`, `*.*`, `.??*`). */
const EVERYTHING = /^[.*?]*\*[.*?]*$/;

/** True when `path` is the workspace root or a directory that contains it. */
function atOrAboveRoot(dir: string, workspace: string): boolean {
  if (workspace === '') return false;
  return workspace === dir || workspace.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** Why these resolved targets take the workspace's contents wholesale, or undefined when they do not. */
export function wholesaleTargets(
  words: readonly string[],
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  recursive: boolean,
): string | undefined {
  if (command.remote !== undefined || surroundings.workspace === '') return undefined;
  const root = surroundings.workspace;
  const topLevel = new Set<string>();
  for (const word of words) {
    const { path, zone } = pathZone(word, command, surroundings);
    if (zone !== 'workspace') continue;
    const dir = posix.dirname(path);
    const last = posix.basename(path);
    if (GLOB.test(last) && EVERYTHING.test(last) && atOrAboveRoot(dir, root))
      return `${word} matches everything in the workspace root`;
    // top-level source entries, not hidden tool state (.idea, .vscode) and not build output or caches
    if (dir === root && !last.startsWith('.') && !GLOB.test(last)) topLevel.add(last);
  }
  if (recursive && topLevel.size >= 2)
    return `${[...topLevel].join(', ')} are ${topLevel.size} top-level directories of the workspace`;
  return undefined;
}

/** True when a find/ls-files name pattern only selects disposable artefacts, or one file by name. */
function disposablePattern(pattern: string): boolean {
  const base = pattern.replace(/^.*\//, '');
  if (DISPOSABLE_NAMES.has(base)) return true;
  if (!GLOB.test(base)) return true; // a literal name: one file (or one kind of file) by name
  return DISPOSABLE_SUFFIXES.some((suffix) => base === `*${suffix}` || base.endsWith(`*${suffix}`));
}

const NAME_TESTS = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename']);

/**
 * Why a find that deletes selects the workspace's contents wholesale: it starts at the workspace root (or
 * above it, which other rules already hold) and does not only select disposable artefacts.
 */
export function wholesaleFind(
  args: readonly string[],
  starts: readonly string[],
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): string | undefined {
  if (command.remote !== undefined || surroundings.workspace === '') return undefined;
  const fromRoot = starts.some((start) => {
    const { path, zone } = pathZone(start.endsWith('/') ? `${start}*` : `${start}/*`, command, surroundings);
    return zone === 'workspace' && atOrAboveRoot(posix.dirname(path), surroundings.workspace);
  });
  if (!fromRoot) return undefined;
  if (args.includes('-empty')) return undefined;
  const patterns: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-exec' || arg === '-execdir' || arg === '-ok' || arg === '-okdir') break;
    if (arg === '-regex' || arg === '-iregex') return `find selects by ${arg} from the workspace root`;
    if (!NAME_TESTS.has(arg)) continue;
    const before = args[i - 1];
    if (before === '!' || before === '-not')
      return `find deletes everything but ${args[i + 1] ?? 'a name'} from the workspace root`;
    patterns.push(args[i + 1] ?? '');
  }
  if (patterns.length === 0) return 'find deletes every file it meets from the workspace root';
  const kept = patterns.filter((p) => !disposablePattern(p));
  return kept.length === 0
    ? undefined
    : `find deletes every ${kept.join(', ')} of the workspace, from its root`;
}

/**
 * Why deleting what a file listing prints (`git ls-files | xargs rm`, kept by the parser as `$(git ls-files)`)
 * takes the workspace's contents wholesale; `unknown` when the listing is not one read here.
 */
export function wholesaleListing(
  word: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): string | undefined | 'unknown' {
  const inner = /^\$\((.*)\)$/s.exec(word)?.[1];
  if (inner === undefined) return 'unknown';
  const words = (inner.split('|')[0] ?? '')
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/^(['"])(.*)\1$/, '$2'));
  if (words[0] === 'find') {
    const starts: string[] = [];
    for (const arg of words.slice(1)) {
      if (arg.startsWith('-') || arg === '(' || arg === '!') break;
      starts.push(arg);
    }
    return wholesaleFind(words.slice(1), starts.length > 0 ? starts : ['.'], command, surroundings);
  }
  if (words[0] !== 'git' || words[1] !== 'ls-files') return 'unknown';
  const args = words.slice(2);
  // untracked (-o) or ignored (-i) files are judged by where they are, like any other path
  const others = args.some((a) => /^-[a-zA-Z]*[oi]/.test(a) || a === '--others' || a === '--ignored');
  const specs = positionals(args, new Set(['-x', '--exclude', '-X', '--exclude-from']));
  if (others) return undefined;
  const paths = specs.length > 0 ? specs : ['.'];
  const atRoot = paths.some((spec) => {
    const { path, zone } = pathZone(spec, command, surroundings);
    if (zone !== 'workspace' && zone !== 'workspace-root') return false;
    const pattern = GLOB.test(posix.basename(path)) ? posix.basename(path) : undefined;
    const dir = pattern !== undefined ? posix.dirname(path) : path;
    return (
      atOrAboveRoot(dir, surroundings.workspace) && (pattern === undefined || !disposablePattern(pattern))
    );
  });
  return atRoot ? 'git ls-files lists the tracked source of the workspace' : undefined;
}
