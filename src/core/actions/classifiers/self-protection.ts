import { posix } from 'node:path';
import {
  GIT_HOOKS,
  guardedFoundBy,
  guardedPlaceFor,
  guardedTargetReason,
  type GuardedPlace,
} from '../guarded-paths.js';
import type { ActionSurroundings, Operation, OperationKind, SimpleCommand } from '../types.js';
import { hasFlag, optionValue, positionals } from './args.js';
import { operation } from './operation.js';
import { resolvePath } from './paths.js';
import { movedAgentHomes } from './agent-homes.js';
import { bypasses, gitSubcommand } from './self-protection-bypasses.js';

// Runs for every simple command, whatever its name: an agent must not switch its own guardrail off, by editing
// the files that configure it, by removing blastwall, or by bypassing it (env switches, git hooks, the server).

interface Written {
  word: string;
  verb: string;
}

const OUTPUT_OPS = new Set(['>', '>>', '>|', '&>', '&>>', '<>']);
const REMOVERS = new Set(['rm', 'unlink', 'rmdir', 'shred', 'srm', 'trash', 'rimraf', 'del', 'wipe']);
const PERMISSIONS = new Set(['chmod', 'chown', 'chgrp', 'chattr', 'setfacl']);
const COPIERS = new Set(['cp', 'install', 'rsync', 'ln']);
const IN_PLACE = new Set(['sed', 'gsed', 'perl', 'ruby']);
const VIM = new Set(['vim', 'vi', 'nvim']);
const AWKS = new Set(['awk', 'gawk']);
/** Every tool `editedInPlace` reads edits of: callers skip the others without asking. */
export const IN_PLACE_EDITORS: ReadonlySet<string> = new Set([
  ...IN_PLACE,
  ...VIM,
  ...AWKS,
  'yq',
  'sd',
  'ed',
  'ex',
  'sponge',
]);
const AWK_VALUED = new Set(['-i', '--include', '-f', '--file', '-v', '--assign', '-F', '--field-separator']);
const INTERPRETERS = /^(python[\d.]*|pypy3?|node|nodejs|bun|deno|perl|ruby|php)$/;
const CODE_OPTIONS = ['-c', '-e', '-E', '--eval', '-r'];
const CODE_WRITES =
  /write|unlink|remove|rmtree|rename|replace|truncate|chmod|rmSync|\brm\b|copy|move|symlink|dump|['"][wax]\+?b?['"]/;

/** A mode that only adds read or execute permission (`+x`, `u+x`, `755`): it makes a file runnable. */
const EXECUTABLE_MODE = /^[ugoa]*\+[rxX]+$|^0?[0-7]?7[0-7]{2}$/;
const MAKES_EXECUTABLE = 'makes executable';

/** The self-protection operations of one simple command: guarded files it changes and bypasses it attempts. */
export function classifySelfProtection(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  realPath?: (absolutePath: string) => string | undefined,
): Operation[] {
  const ops: Operation[] = [];
  const place = guardedPlaceFor(surroundings);
  for (const written of writtenWords(command)) {
    const found = guardedWrite(written, command, surroundings, place, realPath);
    // installing a git hook weakens nothing: git runs it, and look-inside judges what it runs then
    if (found && written.verb === MAKES_EXECUTABLE && found.what === GIT_HOOKS) continue;
    if (found)
      ops.push(
        selfOp(command, 'write', found.target, `${written.verb} ${found.target}, ${found.what}`, found.hints),
      );
  }
  for (const found of foundAndChanged(command, surroundings, place))
    ops.push(selfOp(command, 'write', found.target, found.summary, {}));
  for (const bypass of [...bypasses(command), ...movedAgentHomes(command, surroundings)])
    ops.push(selfOp(command, bypass.kind, bypass.target, bypass.summary, {}));
  return ops;
}

function selfOp(
  command: SimpleCommand,
  kind: OperationKind,
  target: string,
  summary: string,
  hints: Operation['hints'],
): Operation {
  // Held for a person, never denied: a person may change these, an agent may not on its own, in any environment.
  return operation(command, {
    kind,
    category: 'self-protection',
    destructive: true,
    reversible: true,
    target,
    summary,
    hints,
    selfProtection: true,
  });
}

function guardedWrite(
  written: Written,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  place: GuardedPlace,
  realPath?: (absolutePath: string) => string | undefined,
): { target: string; what: string; hints: Operation['hints'] } | undefined {
  if (command.remote !== undefined) return undefined;
  const resolved = resolvePath(written.word, surroundings, false);
  // a link made earlier (`ln -s .claude/settings.json notes.txt`) carries a write to where it leads
  const real = resolved !== undefined ? realPath?.(resolved) : undefined;
  const absolute =
    real !== undefined && real !== resolved && guardedTargetReason(real, place) !== undefined
      ? real
      : resolved;
  if (absolute === undefined) {
    // `rm "$(which blastwall)"`, `rm -rf $(npm root -g)/blastwall`: the path is only known when it runs.
    if (/blastwall/i.test(written.word))
      return {
        target: written.word,
        what: "blastwall's install or files (a path known only when it runs)",
        hints: {},
      };
    // `> "$(pwd)/.claude/settings.json"`, `>> $D/.bashrc`: where it starts is known only when it runs, but its
    // end names a guarded file wherever the start leads (the workspace or home), so it is held.
    const tail = knownTail(written.word);
    const what =
      tail === undefined
        ? undefined
        : (guardedTargetReason(posix.join(place.workspace, tail), place) ??
          guardedTargetReason(posix.join(place.home, tail), place));
    return what === undefined
      ? undefined
      : { target: written.word, what: `${what} (a path known only when it runs)`, hints: {} };
  }
  const what = guardedTargetReason(absolute, place);
  if (what === undefined) return undefined;
  const inWorkspace = surroundings.workspace !== '' && absolute.startsWith(`${surroundings.workspace}/`);
  // A workspace-relative path lets a configured environment match it; the policy holds it in any environment.
  const hints = inWorkspace
    ? { path: absolute.slice(surroundings.workspace.length + 1) }
    : { path: absolute, local: true };
  return { target: absolute, what, hints };
}

// What `find -exec` runs that changes the files it is handed.
const FIND_WRITERS = /^(rm|unlink|shred|mv|truncate|chmod|chown)$/;
const FIND_EDITORS = /^(sed|gsed|perl|ruby)$/;

/** `find . -name settings.json -delete`, `find ~ -name '*.json' -exec rm {} +`: the guarded files it would reach. */
function foundAndChanged(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  place: GuardedPlace,
): { target: string; summary: string }[] {
  const { name, args } = command;
  if (name !== 'find' || command.remote !== undefined) return [];
  const changes =
    args.includes('-delete') ||
    args.some(
      (a, i) =>
        /^-(exec|execdir|ok|okdir)$/.test(a) &&
        (FIND_WRITERS.test(args[i + 1] ?? '') ||
          (FIND_EDITORS.test(args[i + 1] ?? '') && args.slice(i + 2).some((b) => /^-[a-z]*i/.test(b)))),
    );
  if (!changes) return [];
  const starts: string[] = [];
  for (const a of args) {
    if (/^[-(!]/.test(a)) break;
    starts.push(a);
  }
  const patterns = args.flatMap((a, i) => (/^-i?name$/.test(a) ? [args[i + 1] ?? '*'] : []));
  const out: { target: string; summary: string }[] = [];
  for (const start of starts.length > 0 ? starts : ['.']) {
    const dir = resolvePath(start, surroundings, false);
    if (dir === undefined) continue;
    for (const pattern of patterns) {
      const what = guardedFoundBy(dir, pattern, place);
      if (what !== undefined)
        out.push({
          target: `${dir} -name ${pattern}`,
          summary: `find ${start} -name ${pattern} changes ${what}`,
        });
    }
  }
  return out;
}

/** The literal end of a path whose start is known only when it runs (`$(pwd)/.claude/x` → `.claude/x`). */
function knownTail(word: string): string | undefined {
  if (!/[$`]/.test(word)) return undefined;
  // everything up to the last `$NAME`, `${…}`, `$(…)` or backquoted part is known only when it runs
  const tail = word.replace(/^.*(?:\$\{[^}]*\}|\$\([^)]*\)|`[^`]*`|\$\w+)/, '').replace(/^\/+/, '');
  return tail === '' || /[$`*?[]/.test(tail) ? undefined : tail;
}

/** Words of the files a command edits in place (`sed -i`, `perl -pi`, `yq -i`, `awk -i inplace`, `ex`). */
export function editedInPlace(command: SimpleCommand): string[] {
  return writtenWords(command)
    .filter((w) => w.verb === 'edits')
    .map((w) => w.word);
}

/** Words of a command that name files it would create, overwrite, move away, delete or change the mode of. */
function writtenWords(command: SimpleCommand): Written[] {
  const out: Written[] = [];
  const add = (word: string | undefined, verb: string): void => {
    if (word !== undefined && word !== '') out.push({ word, verb });
  };
  for (const r of command.redirects)
    if (OUTPUT_OPS.has(r.op)) add(r.target, r.op.includes('>>') ? 'appends to' : 'overwrites');
  const { name, args } = command;
  namedWrites(name, args, add);
  // every in-place writer: `yq -i`, `sd`, `ex`/`vim -es`, `ed`, `sponge` edit the files they name
  if (name === 'yq' && hasFlag(args, ['--inplace', '--in-place'], 'i'))
    for (const p of positionals(args, new Set(['--from-file', '-p', '-o', '--output-format'])))
      add(p, 'edits');
  if (name === 'sd') for (const p of positionals(args).slice(2)) add(p, 'edits');
  if (name === 'ed' || name === 'ex' || name === 'sponge') for (const p of positionals(args)) add(p, 'edits');
  if (VIM.has(name) && args.some((a) => /^-[a-zA-Z]*[es]/.test(a) || a === '-c' || a.startsWith('+')))
    for (const p of positionals(args, new Set(['-c', '--cmd', '-S', '-u', '-i']))) add(p, 'edits');
  // gawk's in-place extension: `awk -i inplace '{…}' file` rewrites every file after the program
  if (AWKS.has(name) && inPlaceAwk(args))
    for (const p of positionals(args, AWK_VALUED).slice(1)) add(p, 'edits');
  if (IN_PLACE.has(name) && hasFlag(args, ['--in-place'], 'i'))
    for (const p of positionals(args, new Set(['-e', '-f', '-E', '--expression', '--file', '-l'])))
      add(p, 'edits');
  if (INTERPRETERS.test(name)) for (const literal of writtenLiterals(command)) add(literal, 'writes');
  return out;
}

type Add = (word: string | undefined, verb: string) => void;

function inPlaceAwk(args: string[]): boolean {
  return args.some(
    (arg, i) =>
      ((arg === '-i' || arg === '--include') && /^inplace(\.awk)?$/.test(args[i + 1] ?? '')) ||
      /^(-i|--include=)inplace(\.awk)?$/.test(arg),
  );
}

function namedWrites(name: string, args: string[], add: Add): void {
  if (REMOVERS.has(name)) for (const p of positionals(args)) add(p, 'deletes');
  if (PERMISSIONS.has(name)) {
    const words = positionals(args);
    const executable = name === 'chmod' && EXECUTABLE_MODE.test(words[0] ?? '');
    for (const p of executable ? words.slice(1) : words)
      add(p, executable ? MAKES_EXECUTABLE : 'changes the permissions of');
  }
  if (name === 'truncate')
    for (const p of positionals(args, new Set(['-s', '--size', '-r', '--reference']))) add(p, 'truncates');
  if (name === 'tee') for (const p of positionals(args)) add(p, 'overwrites');
  if (name === 'mv')
    for (const p of positionals(args, new Set(['-t', '--target-directory', '-S', '--suffix'])))
      add(p, 'moves');
  // what lands where it is moved or copied to: `mv -t .claude x.json`, `cp x.json .claude/`
  if (COPIERS.has(name) || name === 'mv') addDestination(args, name, add);
  // a link to a guarded file is the first half of writing it through the link
  if (name === 'ln')
    for (const p of positionals(args, new Set(['-t', '--target-directory', '-S', '--suffix'])).slice(0, -1))
      add(p, 'links to');
  if (name === 'dd') for (const a of args) if (a.startsWith('of=')) add(a.slice(3), 'overwrites');
  if (name === 'find' && args.includes('-delete')) {
    for (const a of args) {
      if (/^[-(!]/.test(a)) break;
      add(a, 'deletes');
    }
  }
  if (name === 'curl' || name === 'wget') {
    add(optionValue(args, ['-o', '--output', '-O', '--output-document']), 'downloads over');
    // `curl -sSLo FILE`: the output option closes a cluster of short flags and takes the next word
    const at = args.findIndex((a) => /^-[a-zA-Z]+$/.test(a) && /[oO]$/.test(a));
    if (at >= 0) add(args[at + 1], 'downloads over');
    // `wget -P DIR URL` saves into DIR under the URL's own file name
    const prefix = name === 'wget' ? optionValue(args, ['-P', '--directory-prefix']) : undefined;
    if (prefix !== undefined)
      for (const url of positionals(args, new Set(['-P', '--directory-prefix', '-O', '--output-document'])))
        add(posix.join(prefix, posix.basename(url.replace(/[?#].*$/, '')) || 'index.html'), 'downloads over');
  }
  // `patch FILE < x.diff` rewrites FILE, whatever the diff names
  if (name === 'patch')
    add(
      positionals(
        args,
        new Set([
          '-i',
          '--input',
          '-o',
          '--output',
          '-p',
          '-d',
          '--directory',
          '-r',
          '-B',
          '-D',
          '-F',
          '-V',
          '-z',
        ]),
      )[0],
      'patches',
    );
  if (name === 'git') for (const p of gitPathsChanged(args)) add(p, 'removes or moves');
}

function addDestination(args: string[], name: string, add: Add): void {
  const verb = name === 'ln' ? 'replaces with a link' : 'overwrites';
  const valued = new Set([
    '-t',
    '--target-directory',
    '-S',
    '--suffix',
    '-m',
    '--mode',
    '-o',
    '--owner',
    '-g',
    '--group',
    '-e',
    '--rsh',
  ]);
  const target = optionValue(args, ['-t', '--target-directory']);
  const files = positionals(args, valued);
  const sources = target === undefined ? files.slice(0, -1) : files;
  const dest = target ?? (files.length >= 2 ? files[files.length - 1] : undefined);
  if (dest === undefined) return;
  add(dest, verb);
  // `cp settings.json .claude/` overwrites .claude/settings.json
  for (const source of sources) add(posix.join(dest, posix.basename(source)), verb);
}

function gitPathsChanged(args: string[]): string[] {
  const sub = gitSubcommand(args);
  if (sub === undefined) return [];
  const rest = args.slice(sub.index + 1);
  if (sub.name === 'rm' || sub.name === 'mv') return positionals(rest);
  // `git restore [-s REF] PATHS`, `git checkout REF -- PATHS`: the named files are overwritten from elsewhere
  if (sub.name === 'restore') return positionals(rest, new Set(['-s', '--source', '--pathspec-from-file']));
  if (sub.name === 'checkout') {
    const dash = rest.indexOf('--');
    const words = positionals(rest, new Set(['-b', '-B', '--orphan', '--conflict', '--pathspec-from-file']));
    // `git checkout REF -- paths`, or `git checkout REF path…` (git takes the words after the ref as paths)
    return dash >= 0 ? rest.slice(dash + 1) : words.slice(1);
  }
  return [];
}

/** String literals of inline interpreter code (`python -c "open('x','w')"`, heredoc on stdin) that it writes to. */
function writtenLiterals(command: SimpleCommand): string[] {
  const code = [optionValue(command.args, CODE_OPTIONS), command.stdin].filter(
    (c): c is string => c !== undefined,
  );
  const out: string[] = [];
  for (const text of code) {
    if (!CODE_WRITES.test(text)) continue;
    for (const match of text.matchAll(/(['"])([^'"\n]{2,300})\1/g)) {
      const literal = match[2] ?? '';
      if (literal.includes('/') || /\.(ya?ml|json|toml|cedar)$/.test(literal)) out.push(literal);
    }
  }
  return out;
}
