import { posix } from 'node:path';
import { guardedTargetReason, type GuardedPlace } from '../guarded-paths.js';
import type { ActionSurroundings, Operation, OperationKind, SimpleCommand } from '../types.js';
import { hasFlag, optionValue, positionals } from './args.js';
import { operation } from './operation.js';
import { resolvePath } from './paths.js';

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
const INTERPRETERS = /^(python[\d.]*|pypy3?|node|nodejs|bun|deno|perl|ruby|php)$/;
const CODE_OPTIONS = ['-c', '-e', '-E', '--eval', '-r'];
const CODE_WRITES = /write|unlink|remove|rmtree|rename|replace|truncate|chmod|rmSync|\brm\b|copy|move|symlink|dump|['"][wax]\+?b?['"]/;
const DECLARERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
const KILLERS = new Set(['kill', 'pkill', 'killall', 'skill']);
const SERVICE_STOPS = new Set(['stop', 'kill', 'disable', 'mask', 'restart', 'unload', 'bootout', 'remove', 'rm', 'pause']);
const UNINSTALL = new Set(['uninstall', 'un', 'remove', 'rm', 'r', 'unlink']);
const HOOK_SKIPPERS: Record<string, RegExp> = { HUSKY: /^(0|false)$/i, HUSKY_SKIP_HOOKS: /./, LEFTHOOK: /^(0|false)$/i };
const HOOKS_PATH = /^core\.hookspath(=|$)/i;

/** The self-protection operations of one simple command: guarded files it changes and bypasses it attempts. */
export function classifySelfProtection(command: SimpleCommand, surroundings: ActionSurroundings): Operation[] {
  const ops: Operation[] = [];
  const place = guardedPlace(surroundings);
  for (const written of writtenWords(command)) {
    const found = guardedWrite(written, command, surroundings, place);
    if (found) ops.push(selfOp(command, 'write', found.target, `${written.verb} ${found.target}, ${found.what}`, found.hints));
  }
  for (const bypass of bypasses(command)) ops.push(selfOp(command, bypass.kind, bypass.target, bypass.summary, {}));
  return ops;
}

function guardedPlace(surroundings: ActionSurroundings): GuardedPlace {
  const org = surroundings.env.BLASTWALL_ORG_DIR;
  return { workspace: surroundings.workspace, home: surroundings.home, ...(org ? { extra: [org] } : {}) };
}

function selfOp(command: SimpleCommand, kind: OperationKind, target: string, summary: string, hints: Operation['hints']): Operation {
  // Held for a person, never denied: a person may change these, an agent may not on its own, in any environment.
  return operation(command, { kind, category: 'self-protection', destructive: true, reversible: true, target, summary, hints, selfProtection: true });
}

function guardedWrite(
  written: Written,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  place: GuardedPlace,
): { target: string; what: string; hints: Operation['hints'] } | undefined {
  if (command.remote !== undefined) return undefined;
  const absolute = resolvePath(written.word, surroundings, false);
  if (absolute === undefined) {
    // `rm "$(which blastwall)"`, `rm -rf $(npm root -g)/blastwall`: the path is only known when it runs.
    return /blastwall/i.test(written.word) ? { target: written.word, what: "blastwall's install or files (a path known only when it runs)", hints: {} } : undefined;
  }
  const what = guardedTargetReason(absolute, place);
  if (what === undefined) return undefined;
  const inWorkspace = surroundings.workspace !== '' && absolute.startsWith(`${surroundings.workspace}/`);
  // A workspace-relative path lets a configured environment match it; the policy holds it in any environment.
  const hints = inWorkspace ? { path: absolute.slice(surroundings.workspace.length + 1) } : { path: absolute, local: true };
  return { target: absolute, what, hints };
}

/** Words of a command that name files it would create, overwrite, move away, delete or change the mode of. */
function writtenWords(command: SimpleCommand): Written[] {
  const out: Written[] = [];
  const add = (word: string | undefined, verb: string): void => {
    if (word !== undefined && word !== '') out.push({ word, verb });
  };
  for (const r of command.redirects) if (OUTPUT_OPS.has(r.op)) add(r.target, r.op.includes('>>') ? 'appends to' : 'overwrites');
  const { name, args } = command;
  namedWrites(name, args, add);
  if (IN_PLACE.has(name) && hasFlag(args, ['--in-place'], 'i'))
    for (const p of positionals(args, new Set(['-e', '-f', '-E', '--expression', '--file', '-l']))) add(p, 'edits');
  if (INTERPRETERS.test(name)) for (const literal of writtenLiterals(command)) add(literal, 'writes');
  return out;
}

type Add = (word: string | undefined, verb: string) => void;

function namedWrites(name: string, args: string[], add: Add): void {
  if (REMOVERS.has(name)) for (const p of positionals(args)) add(p, 'deletes');
  if (PERMISSIONS.has(name)) for (const p of positionals(args)) add(p, 'changes the permissions of');
  if (name === 'truncate') for (const p of positionals(args, new Set(['-s', '--size', '-r', '--reference']))) add(p, 'truncates');
  if (name === 'tee') for (const p of positionals(args)) add(p, 'overwrites');
  if (name === 'mv') for (const p of positionals(args, new Set(['-t', '--target-directory', '-S', '--suffix']))) add(p, 'moves');
  if (COPIERS.has(name)) addDestination(args, name, add);
  if (name === 'dd') for (const a of args) if (a.startsWith('of=')) add(a.slice(3), 'overwrites');
  if (name === 'find' && args.includes('-delete')) {
    for (const a of args) {
      if (/^[-(!]/.test(a)) break;
      add(a, 'deletes');
    }
  }
  if (name === 'curl' || name === 'wget') add(optionValue(args, ['-o', '--output', '-O', '--output-document']), 'downloads over');
  if (name === 'git') for (const p of gitPathsChanged(args)) add(p, 'removes or moves');
}

function addDestination(args: string[], name: string, add: Add): void {
  const verb = name === 'ln' ? 'replaces with a link' : 'overwrites';
  const valued = new Set(['-t', '--target-directory', '-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group', '-e', '--rsh']);
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
  if (sub === undefined || (sub.name !== 'rm' && sub.name !== 'mv')) return [];
  return positionals(args.slice(sub.index + 1));
}

/** String literals of inline interpreter code (`python -c "open('x','w')"`, heredoc on stdin) that it writes to. */
function writtenLiterals(command: SimpleCommand): string[] {
  const code = [optionValue(command.args, CODE_OPTIONS), command.stdin].filter((c): c is string => c !== undefined);
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

interface Bypass {
  kind: OperationKind;
  target: string;
  summary: string;
}

/** Attempts to switch blastwall off without touching a file: env switches, git hook bypasses, stopping the server. */
function bypasses(command: SimpleCommand): Bypass[] {
  const out: Bypass[] = [];
  for (const [key, value] of Object.entries(command.env)) {
    if (key.startsWith('BLASTWALL_')) out.push({ kind: 'write', target: key, summary: `sets ${key} for ${command.name}, a switch of blastwall itself` });
    else if (HOOK_SKIPPERS[key]?.test(value)) out.push({ kind: 'write', target: key, summary: `sets ${key}=${value}, which skips git hooks` });
    else if (HOOKS_PATH.test(value.split(/\s|'/).find((v) => HOOKS_PATH.test(v)) ?? '')) out.push({ kind: 'write', target: key, summary: `sets core.hooksPath through ${key}, which moves git hooks away` });
  }
  const { name, args } = command;
  if (DECLARERS.has(name)) {
    const unexport = args.includes('-n');
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const variable = eq > 0 ? arg.slice(0, eq) : arg;
      const assigns = eq > 0 || unexport;
      if (assigns && variable.startsWith('BLASTWALL_')) out.push({ kind: 'write', target: variable, summary: `${name} ${arg}, a switch of blastwall itself` });
      else if (eq > 0 && HOOK_SKIPPERS[variable]?.test(arg.slice(eq + 1))) out.push({ kind: 'write', target: variable, summary: `${name} ${arg}, which skips git hooks` });
    }
  }
  if (name === 'unset') for (const arg of args) if (arg.startsWith('BLASTWALL_')) out.push({ kind: 'write', target: arg, summary: `unset ${arg}, a switch of blastwall itself` });
  if (command.wrappers.includes('env')) {
    for (const match of command.source.matchAll(/(?:^|\s)(?:-u\s*|--unset[=\s]+)['"]?(BLASTWALL_\w*)/g))
      out.push({ kind: 'write', target: match[1] ?? 'BLASTWALL_', summary: `env -u ${match[1]}, which hides a switch of blastwall` });
  }
  if (name === 'git') out.push(...gitBypasses(args));
  if (KILLERS.has(name) && args.some((a) => /blastwall/i.test(a))) out.push({ kind: 'stop', target: 'blastwall', summary: `${name} of the blastwall server` });
  if ((name === 'systemctl' || name === 'launchctl' || name === 'service' || isContainerTool(name)) && args.some((a) => SERVICE_STOPS.has(a)) && args.some((a) => /blastwall/i.test(a)))
    out.push({ kind: 'stop', target: 'blastwall', summary: `${name} ${args.join(' ')}: stops the blastwall server` });
  if (isPackageManager(name) && uninstallsBlastwall(args)) out.push({ kind: 'delete', target: 'blastwall', summary: `${name} ${args.join(' ')}: removes blastwall's install` });
  return out;
}

function isContainerTool(name: string): boolean {
  return name === 'docker' || name === 'podman';
}

function isPackageManager(name: string): boolean {
  return name === 'npm' || name === 'yarn' || name === 'pnpm' || name === 'bun';
}

function uninstallsBlastwall(args: string[]): boolean {
  const words = positionals(args, new Set(['--prefix', '-C', '--dir', '--cwd', '-w', '--workspace', '--filter', '-F']));
  const verbAt = words.findIndex((w) => UNINSTALL.has(w));
  if (verbAt < 0 || (verbAt > 0 && words[0] !== 'global')) return false;
  return words.slice(verbAt + 1).some((w) => w === 'blastwall' || w.startsWith('blastwall@'));
}

const GIT_GLOBAL_VALUED = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix', '--exec-path']);

function gitSubcommand(args: string[]): { name: string; index: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (GIT_GLOBAL_VALUED.has(arg)) i++;
    else if (!arg.startsWith('-')) return { name: arg, index: i };
  }
  return undefined;
}

function gitBypasses(args: string[]): Bypass[] {
  const out: Bypass[] = [];
  const sub = gitSubcommand(args);
  const globals = sub === undefined ? args : args.slice(0, sub.index);
  for (let i = 0; i < globals.length; i++) {
    const arg = globals[i] ?? '';
    const value = arg === '-c' || arg === '--config-env' ? (globals[i + 1] ?? '') : arg.startsWith('--config-env=') ? arg.slice(13) : '';
    if (HOOKS_PATH.test(value)) out.push({ kind: 'write', target: 'core.hooksPath', summary: `git -c ${value}, which moves git hooks away for this command` });
  }
  if (sub === undefined) return out;
  const rest = args.slice(sub.index + 1);
  if (sub.name === 'config' && changesHooksPath(rest)) out.push({ kind: 'write', target: 'core.hooksPath', summary: `git config ${rest.join(' ')}: changes where git looks for hooks` });
  if (skipsVerification(sub.name, rest)) out.push({ kind: 'write', target: `git ${sub.name}`, summary: `git ${sub.name} --no-verify, which skips the git hooks` });
  return out;
}

function changesHooksPath(rest: string[]): boolean {
  const keyAt = rest.findIndex((a) => /^core\.hookspath$/i.test(a));
  if (keyAt < 0) return false;
  if (rest.some((a) => /^--(get|get-all|get-regexp|list)$|^-l$/.test(a)) || rest[0] === 'get' || rest[0] === 'list') return false;
  const changers = /^--(unset|unset-all|add|replace-all|remove-section|rename-section)$/;
  return rest.slice(keyAt + 1).some((a) => !a.startsWith('-')) || rest.some((a) => changers.test(a)) || rest[0] === 'set' || rest[0] === 'unset';
}

// Options whose value is a separate word (a message may mention `--no-verify` without being it).
const GIT_VALUED: Record<string, ReadonlySet<string>> = {
  commit: new Set(['-m', '-F', '-C', '-c', '-t', '--message', '--file', '--template', '--reuse-message', '--reedit-message', '--author', '--date', '--fixup', '--squash', '--trailer', '--cleanup', '--pathspec-from-file']),
  push: new Set(['-o', '--push-option', '--repo', '--receive-pack', '--exec']),
  merge: new Set(['-m', '-F', '--message', '--file', '-s', '--strategy', '-X', '--strategy-option']),
};
const VERIFYING = new Set(['commit', 'push', 'merge', 'am', 'rebase', 'cherry-pick', 'revert']);

function skipsVerification(sub: string, rest: string[]): boolean {
  if (!VERIFYING.has(sub)) return false;
  const valued = GIT_VALUED[sub] ?? new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (arg === '--') return false;
    if (valued.has(arg)) i++;
    else if (/^--no-veri(f|fy)?$/.test(arg)) return true;
    else if (sub === 'commit' && /^-[a-zA-Z]+$/.test(arg)) {
      // `-an` has -n (no-verify); in `-am msg` the m takes a value, so letters after it are not flags
      for (const letter of arg.slice(1)) {
        if (letter === 'n') return true;
        if ('mFCctuS'.includes(letter)) {
          if (arg.endsWith(letter) && 'mFCct'.includes(letter)) i++;
          break;
        }
      }
    }
  }
  return false;
}
