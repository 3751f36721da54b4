import { ASSIGNMENT_COMMAND, type OperationKind, type SimpleCommand } from '../types.js';
import { positionals } from './args.js';
import { brokeredVariableEdits } from './brokered-variables.js';

// Ways to switch blastwall off without touching one of its files: environment switches, git hook bypasses,
// stopping the server, uninstalling it.
const DECLARERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);
const KILLERS = new Set(['kill', 'pkill', 'killall', 'skill']);
const SERVICE_STOPS = new Set([
  'stop',
  'kill',
  'disable',
  'mask',
  'restart',
  'unload',
  'bootout',
  'remove',
  'rm',
  'pause',
]);
const UNINSTALL = new Set(['uninstall', 'un', 'remove', 'rm', 'r', 'unlink']);
const HOOK_SKIPPERS: Record<string, RegExp> = {
  HUSKY: /^(0|false)$/i,
  HUSKY_SKIP_HOOKS: /./,
  LEFTHOOK: /^(0|false)$/i,
};
const HOOKS_PATH = /^core\.hookspath(=|$)/i;

/** One bypass attempt, as the operation it becomes. */
export interface Bypass {
  kind: OperationKind;
  target: string;
  summary: string;
}

/** The agents' own command-line programs. */
export const AGENT_CLIS: ReadonlySet<string> = new Set([
  'claude',
  'codex',
  'gemini',
  'cursor-agent',
  'copilot',
  'kiro',
  'kiro-cli',
  'q',
  'amp',
]);

/** Attempts to switch blastwall off without touching a file: env switches, git hook bypasses, stopping the server. */
export function bypasses(command: SimpleCommand): Bypass[] {
  const out: Bypass[] = [];
  // an agent's own CLI can rewrite its hooks and MCP servers: `claude config set hooks '{}'`, `claude mcp remove`
  if (AGENT_CLIS.has(command.name) && /^(config|mcp|hooks?|settings)$/.test(command.args[0] ?? '')) {
    const changes = command.args
      .slice(1)
      .some((a) => /^(set|add|remove|rm|delete|reset|unset|disable|add-json|import)$/.test(a));
    if (changes)
      out.push({
        kind: 'write',
        target: `${command.name} ${command.args[0] ?? ''}`,
        summary: `${command.name} ${command.args.slice(0, 3).join(' ')}: changes the agent's own hooks, settings or MCP servers`,
      });
  }
  // a bare `NAME=value` (ASSIGNMENT_COMMAND) sets a shell variable, which an exported one passes on
  const bare = command.name === ASSIGNMENT_COMMAND;
  const assigned = bare ? assignments(command.args) : Object.entries(command.env);
  for (const [key, value] of assigned) {
    if (key.startsWith('BLASTWALL_'))
      out.push({
        kind: 'write',
        target: key,
        summary: bare
          ? `sets ${key} for the commands after it, a switch of blastwall itself`
          : `sets ${key} for ${command.name}, a switch of blastwall itself`,
      });
    else if (HOOK_SKIPPERS[key]?.test(value))
      out.push({ kind: 'write', target: key, summary: `sets ${key}=${value}, which skips git hooks` });
    else if (HOOKS_PATH.test(value.split(/\s|'/).find((v) => HOOKS_PATH.test(v)) ?? ''))
      out.push({
        kind: 'write',
        target: key,
        summary: `sets core.hooksPath through ${key}, which moves git hooks away`,
      });
  }
  out.push(...brokeredVariableEdits(command));
  out.push(...shadowedRunners(command));
  const { name, args } = command;
  if (DECLARERS.has(name)) {
    const unexport = args.includes('-n');
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const variable = eq > 0 ? arg.slice(0, eq) : arg;
      const assigns = eq > 0 || unexport;
      if (assigns && variable.startsWith('BLASTWALL_'))
        out.push({
          kind: 'write',
          target: variable,
          summary: `${name} ${arg}, a switch of blastwall itself`,
        });
      else if (eq > 0 && HOOK_SKIPPERS[variable]?.test(arg.slice(eq + 1)))
        out.push({ kind: 'write', target: variable, summary: `${name} ${arg}, which skips git hooks` });
    }
  }
  if (name === 'unset')
    for (const arg of args)
      if (arg.startsWith('BLASTWALL_'))
        out.push({ kind: 'write', target: arg, summary: `unset ${arg}, a switch of blastwall itself` });
  if (command.wrappers.includes('env')) {
    for (const match of command.source.matchAll(/(?:^|\s)(?:-u\s*|--unset[=\s]+)['"]?(BLASTWALL_\w*)/g))
      out.push({
        kind: 'write',
        target: match[1] ?? 'BLASTWALL_',
        summary: `env -u ${match[1]}, which hides a switch of blastwall`,
      });
  }
  if (name === 'git') out.push(...gitBypasses(args));
  if (KILLERS.has(name) && args.some((a) => /blastwall/i.test(a)))
    out.push({ kind: 'stop', target: 'blastwall', summary: `${name} of the blastwall server` });
  if (
    (name === 'systemctl' || name === 'launchctl' || name === 'service' || isContainerTool(name)) &&
    args.some((a) => SERVICE_STOPS.has(a)) &&
    args.some((a) => /blastwall/i.test(a))
  )
    out.push({
      kind: 'stop',
      target: 'blastwall',
      summary: `${name} ${args.join(' ')}: stops the blastwall server`,
    });
  const verb = blastwallVerb(name, args);
  if (verb === 'approve' || verb === 'token')
    out.push({
      kind: 'write',
      target: `blastwall ${verb}`,
      summary: `blastwall ${verb}: an agent may not approve held actions or mint reviewer tokens itself`,
    });
  if (isPackageManager(name) && uninstallsBlastwall(args))
    out.push({
      kind: 'delete',
      target: 'blastwall',
      summary: `${name} ${args.join(' ')}: removes blastwall's install`,
    });
  return out;
}

// What runs blastwall from a git hook or a script (`npx blastwall check`): a function exported under one of these
// names runs in its place in every later bash, so the check is whatever the function says.
const HOOK_RUNNERS = new Set([
  'blastwall',
  'npx',
  'node',
  'nodejs',
  'npm',
  'pnpm',
  'pnpx',
  'yarn',
  'bunx',
  'bun',
]);

/** `export -f blastwall`, `BASH_FUNC_npx%%=() { …; }`: a function replacing what runs blastwall's checks. */
function shadowedRunners(command: SimpleCommand): Bypass[] {
  const names: string[] = [];
  for (const key of Object.keys(command.env)) {
    const fn = /^BASH_FUNC_(.+?)(%%|\(\))?$/.exec(key)?.[1];
    if (fn !== undefined) names.push(fn);
  }
  const declaring = command.name === 'export' || command.name === 'declare' || command.name === 'typeset';
  const flags = command.args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  if (declaring && flags.includes('f') && (command.name === 'export' || flags.includes('x')))
    names.push(...command.args.filter((a) => !a.startsWith('-')));
  return names
    .filter((fn) => HOOK_RUNNERS.has(fn))
    .map((fn) => ({
      kind: 'write' as const,
      target: `function ${fn}`,
      summary: `exports a shell function named ${fn}, which runs in place of ${fn} in every later bash (git hooks that run blastwall included)`,
    }));
}

function assignments(args: readonly string[]): [string, string][] {
  return args.flatMap((arg): [string, string][] => {
    const eq = arg.indexOf('=');
    return eq > 0 ? [[arg.slice(0, eq).replace(/\+$/, ''), arg.slice(eq + 1)]] : [];
  });
}

const RUNNERS = new Set(['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm']);

/** The blastwall verb a command runs (`blastwall approve`, `npx blastwall approve`); undefined for other commands. */
function blastwallVerb(name: string, args: string[]): string | undefined {
  const words = positionals(args);
  if (name === 'blastwall') return words[0];
  if (!RUNNERS.has(name)) return undefined;
  const at = words.findIndex((w) => w === 'blastwall' || w.startsWith('blastwall@'));
  return at >= 0 && at <= 1 ? words[at + 1] : undefined;
}

function isContainerTool(name: string): boolean {
  return name === 'docker' || name === 'podman';
}

function isPackageManager(name: string): boolean {
  return name === 'npm' || name === 'yarn' || name === 'pnpm' || name === 'bun';
}

function uninstallsBlastwall(args: string[]): boolean {
  const words = positionals(
    args,
    new Set(['--prefix', '-C', '--dir', '--cwd', '-w', '--workspace', '--filter', '-F']),
  );
  const verbAt = words.findIndex((w) => UNINSTALL.has(w));
  if (verbAt < 0 || (verbAt > 0 && words[0] !== 'global')) return false;
  return words.slice(verbAt + 1).some((w) => w === 'blastwall' || w.startsWith('blastwall@'));
}

const GIT_GLOBAL_VALUED = new Set([
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--config-env',
  '--super-prefix',
  '--exec-path',
]);

/** The git subcommand and its index, past global options (`-C dir`, `-c k=v`). */
export function gitSubcommand(args: string[]): { name: string; index: number } | undefined {
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
    const value =
      arg === '-c' || arg === '--config-env'
        ? (globals[i + 1] ?? '')
        : arg.startsWith('--config-env=')
          ? arg.slice(13)
          : '';
    if (HOOKS_PATH.test(value))
      out.push({
        kind: 'write',
        target: 'core.hooksPath',
        summary: `git -c ${value}, which moves git hooks away for this command`,
      });
  }
  if (sub === undefined) return out;
  const rest = args.slice(sub.index + 1);
  if (sub.name === 'config' && changesHooksPath(rest))
    out.push({
      kind: 'write',
      target: 'core.hooksPath',
      summary: `git config ${rest.join(' ')}: changes where git looks for hooks`,
    });
  if (skipsVerification(sub.name, rest))
    out.push({
      kind: 'write',
      target: `git ${sub.name}`,
      summary: `git ${sub.name} --no-verify, which skips the git hooks`,
    });
  return out;
}

/** A hooks folder written relative to the repository that stays inside it (no `..`, home, variables or root). */
export function hooksInRepository(value: string): boolean {
  return (
    value !== '' &&
    !value.startsWith('/') &&
    !/[$`~\\]/.test(value) &&
    !value.split('/').includes('..') &&
    value.replace(/\/+$/, '') !== '.'
  );
}

function changesHooksPath(rest: string[]): boolean {
  const keyAt = rest.findIndex((a) => /^core\.hookspath$/i.test(a));
  if (keyAt < 0) return false;
  if (
    rest.some((a) => /^--(get|get-all|get-regexp|list)$|^-l$/.test(a)) ||
    rest[0] === 'get' ||
    rest[0] === 'list'
  )
    return false;
  const changers = /^--(unset|unset-all|add|replace-all|remove-section|rename-section)$/;
  const value = rest.slice(keyAt + 1).find((a) => !a.startsWith('-'));
  // Versioned hooks in a folder of the repository (`.githooks`, `.husky`) are a project's own setup: the
  // hooks still run, and look-inside judges what they run when they are set and whenever git runs them.
  if (
    value !== undefined &&
    hooksInRepository(value) &&
    !rest.some((a) => changers.test(a) || /^--(global|system|file)$|^-f$/.test(a))
  )
    return false;
  return (
    value !== undefined || rest.some((a) => changers.test(a)) || rest[0] === 'set' || rest[0] === 'unset'
  );
}

// Options whose value is a separate word (a message may mention `--no-verify` without being it).
const GIT_VALUED: Record<string, ReadonlySet<string>> = {
  commit: new Set([
    '-m',
    '-F',
    '-C',
    '-c',
    '-t',
    '--message',
    '--file',
    '--template',
    '--reuse-message',
    '--reedit-message',
    '--author',
    '--date',
    '--fixup',
    '--squash',
    '--trailer',
    '--cleanup',
    '--pathspec-from-file',
  ]),
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
