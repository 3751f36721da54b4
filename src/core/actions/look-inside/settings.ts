import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { ASSIGNMENT_COMMAND } from '../types.js';
import { pathZone } from '../classifiers/paths.js';
import { EXECUTING_KEY, SAFE_VALUE } from './git-config.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

// Settings that make programs run code: a variable (`PAGER`, `PROMPT_COMMAND`, `BASH_ENV`, `LD_PRELOAD`),
// a git key (`core.pager`, `!` aliases, drivers), a package manager's shell, a `trap`. Setting one is judged
// on what it would run — so `git config core.pager less` stays allowed and `… 'rm -rf ~; less'` is held.

/** Variables whose value is a command some program runs. */
const COMMAND_VARIABLES = new Set([
  'EDITOR',
  'VISUAL',
  'PAGER',
  'MANPAGER',
  'SYSTEMD_PAGER',
  'GIT_PAGER',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'GIT_SSH_COMMAND',
  'GIT_SSH',
  'GIT_EXTERNAL_DIFF',
  'GIT_PROXY_COMMAND',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'SUDO_ASKPASS',
  'PROMPT_COMMAND',
  'LESSOPEN',
  'LESSCLOSE',
  'BROWSER',
]);
/** Variables naming a file of shell code that every later non-interactive shell runs first. */
const STARTUP_FILES = new Set(['BASH_ENV', 'ENV']);
/** Variables naming libraries loaded into every program. */
const PRELOADS = new Set(['LD_PRELOAD', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES']);
const SYSTEM_LIBRARIES = /^\/(usr\/(local\/)?)?lib(64|32)?\/|^\/opt\/homebrew\//;
const EXPORTERS = new Set(['export', 'declare', 'typeset', 'readonly', 'local', ASSIGNMENT_COMMAND]);
const PACKAGE_SHELL_KEYS = /^(script-shell|shell|git|editor|browser|viewer|node-options|onload-script)$/;
const STANDARD_PROGRAM =
  /^(\/(usr\/)?(local\/)?bin\/)?(bash|sh|zsh|dash|git|vim?|nvim|nano|code( --wait)?|less|more|open|xdg-open|firefox|chromium|google-chrome)$/;

/** `NAME=value` pairs the command sets: its own prefix assignments, and what `export`/`declare` or a bare assignment sets. */
function assignments(command: SimpleCommand): [string, string][] {
  const out: [string, string][] = Object.entries(command.env);
  if (EXPORTERS.has(command.name))
    for (const arg of command.args) {
      const at = arg.indexOf('=');
      if (at > 0 && !arg.startsWith('-')) out.push([arg.slice(0, at), arg.slice(at + 1)]);
    }
  return out;
}

function variableOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const ops: Operation[] = [];
  const exported = EXPORTERS.has(command.name);
  for (const [name, value] of assignments(command)) {
    const label = `${name}=${value.length > 60 ? `${value.slice(0, 57)}…` : value}`;
    if (name.startsWith('BASH_FUNC_')) {
      // bash imports `BASH_FUNC_name%%=() { …; }` as a function every later bash runs in place of `name`
      // (a plain `ls` included): judged on its body, whatever calls it; a value that is no function body is held
      const body = /^\s*\(\)\s*(\{[^]*\})\s*$/.exec(value)?.[1];
      ops.push(
        ...(body === undefined
          ? [heldInside(command, `${label}, a shell function exported into every later bash`)]
          : shellTextOperations(command, surroundings, body, `the exported function ${name}`, ctx)),
      );
    } else if (COMMAND_VARIABLES.has(name) && value !== '' && !SAFE_VALUE.test(value)) {
      // a program named by its path (`SSH_ASKPASS=/tmp/x.sh`) that is not on disk yet can appear before it runs
      // (system program dirs are not the agent's to write)
      const path =
        /^\S*\/\S*$/.test(value) && !/^\/(?:usr\/)?(?:bin|sbin|libexec|lib)\//.test(value)
          ? runPath(value, command, surroundings)
          : undefined;
      if (path !== undefined && readWithin(command, path, label, ctx) === undefined)
        ops.push(heldInside(command, `${label}, a program some tool runs, not on disk yet`));
      else ops.push(...shellTextOperations(command, surroundings, value, label, ctx));
    } else if (
      PRELOADS.has(name) &&
      value.split(/[:\s]+/).some((lib) => lib !== '' && !SYSTEM_LIBRARIES.test(lib))
    )
      ops.push(heldInside(command, `${label}, a library loaded into every program it starts`));
    else if (STARTUP_FILES.has(name) && exported) {
      // a prefix `BASH_ENV=f bash …` is read where the shell starts (scripts.ts); an export reaches every later shell
      const path = runPath(value, command, surroundings);
      const read = path === undefined ? undefined : readWithin(command, path, label, ctx);
      if (read === undefined)
        ops.push(heldInside(command, `${label}, code every later shell runs, not on disk yet`));
      else if ('held' in read) ops.push(read.held);
      else ops.push(...shellTextOperations(command, surroundings, read.text, label, ctx));
    }
  }
  return ops;
}

/** The `KEY=VALUE` settings a git command makes: `-c`, `git config [scope] KEY VALUE`, `GIT_CONFIG_KEY_n`. */
function gitSettings(command: SimpleCommand): [string, string][] {
  const out: [string, string][] = [];
  const args = command.args;
  for (let i = 0; i < args.length && (args[i] ?? '').startsWith('-'); i++) {
    if (args[i] === '-c') {
      const pair = args[i + 1] ?? '';
      const at = pair.indexOf('=');
      out.push(at < 0 ? [pair, 'true'] : [pair.slice(0, at), pair.slice(at + 1)]);
      i++;
    } else if (args[i] === '-C' || args[i] === '--git-dir' || args[i] === '--work-tree') i++;
  }
  for (const [name, key] of Object.entries(command.env)) {
    const n = /^GIT_CONFIG_KEY_(\d+)$/.exec(name)?.[1];
    if (n !== undefined) out.push([key, command.env[`GIT_CONFIG_VALUE_${n}`] ?? '']);
  }
  const sub = args.findIndex((a, i) => !a.startsWith('-') && args[i - 1] !== '-c' && args[i - 1] !== '-C');
  if (args[sub] === 'config') {
    const words = args.slice(sub + 1).filter((a) => !a.startsWith('-'));
    const reading = args.some((a) =>
      /^--(get|get-all|get-regexp|list|unset|unset-all|remove-section|show-origin)$|^-l$/.test(a),
    );
    const file = args.indexOf('--file') >= 0 || args.indexOf('-f') >= 0;
    const [key, value] = file ? words.slice(1) : words;
    if (!reading && key !== undefined && value !== undefined) out.push([key, value]);
  }
  return out;
}

/** git's filter commands: each reads a file's whole content on its standard input. */
const FILTER_KEY = /^filter\.[\w.-]+\.(?:clean|smudge|process)$/;
/** Network clients that forward their standard input as it is. */
const FORWARDERS = new Set(['nc', 'ncat', 'netcat', 'socat', 'telnet', 'ssh', 'openssl']);
/** Network clients that send their standard input when told to read it (`curl --data-binary @-`, `-T -`). */
const UPLOADERS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs']);
const LOOPBACK_URL = /^(?:[a-z]+:\/\/)?(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?:[:/]|$)/i;

/** The paths shell text deletes recursively (`rm -rf src`). */
function recursiveDeletes(text: string, ctx: LookContext): string[] {
  const parsed = ctx.deps.parser?.parse(text);
  if (parsed === undefined) return [];
  return parsed.commands
    .filter((c) => c.name === 'rm' && c.args.some((a) => /^-[a-zA-Z]*[rR]|^--recursive$/.test(a)))
    .flatMap((c) => c.args.filter((a) => !a.startsWith('-')));
}

/** True when shell text sends its standard input to another machine. */
function sendsInputAway(text: string, ctx: LookContext): boolean {
  const parsed = ctx.deps.parser?.parse(text);
  if (parsed === undefined) return true;
  return parsed.commands.some((c) => {
    const local = c.args.some((a) => LOOPBACK_URL.test(a));
    if (local) return false;
    if (FORWARDERS.has(c.name)) return true;
    return UPLOADERS.has(c.name) && c.args.some((a) => /(?:^|[=@])-$|^@-$/.test(a) || a.endsWith('@-'));
  });
}

/** ssh options that run a command of their own: a LocalCommand, or a ProxyCommand other than a jump host's relay. */
function runsOwnCommand(value: string): boolean {
  if (/\b(LocalCommand|PermitLocalCommand)\b/i.test(value)) return true;
  const proxy = /\bProxyCommand\s*=?\s*(["']?)(.+?)\1(?:\s|$)/i.exec(value)?.[2];
  return proxy !== undefined && !/^ssh\s(?:[^;&|`$]*\s)?-W\s+%h:%p\b[^;&|`$]*$/.test(proxy.trim());
}

function gitSettingOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.name !== 'git') return [];
  const ops: Operation[] = [];
  for (const [rawKey, value] of gitSettings(command)) {
    const key = rawKey.toLowerCase();
    const label = `git config ${rawKey}`;
    // ssh runs what these options name on every fetch and push; a jump host (`ssh -W %h:%p bastion`) only relays
    if (key === 'core.sshcommand' && runsOwnCommand(value))
      ops.push(
        heldInside(command, `${label}, whose ssh options run a command of their own on every fetch and push`),
      );
    if (/ext::/.test(key + value) || (/^protocol\.[\w-]+\.allow$/.test(key) && value === 'always'))
      ops.push(heldInside(command, `${label} ${value}, which lets a URL run commands (ext:: transport)`));
    else if (key === 'include.path' || /^includeif\..+\.path$/.test(key)) {
      // git reads every setting of the included file, executing ones too: one outside the workspace is not
      // reviewed anywhere (`include.path /tmp/extra.gitconfig`)
      const zone = pathZone(value, command, surroundings).zone;
      if (zone !== 'workspace')
        ops.push(
          heldInside(command, `${label} ${value}, configuration git would read from outside the workspace`),
        );
    } else if (key === 'core.hookspath') {
      const zone = pathZone(value, command, surroundings).zone;
      if (zone !== 'workspace' && zone !== 'cache')
        ops.push(heldInside(command, `${label} ${value}, hooks outside the workspace`));
    } else if (
      EXECUTING_KEY.test(key) &&
      !SAFE_VALUE.test(value) &&
      (!key.startsWith('alias.') || value.startsWith('!'))
    ) {
      ops.push(...shellTextOperations(command, surroundings, value.replace(/^!/, ''), label, ctx));
      // a command git runs later, unattended (on every merge, diff, add), that deletes a workspace folder
      // recursively destroys work git may not hold yet: held, though the same line typed now would not be
      for (const path of recursiveDeletes(value.replace(/^!/, ''), ctx))
        if (pathZone(path, command, surroundings).zone === 'workspace')
          ops.push(
            heldInside(
              command,
              `${label}, whose command deletes ${path} in the workspace whenever git runs it`,
            ),
          );
      // a filter is handed the content of every file git adds or checks out on its standard input
      if (FILTER_KEY.test(key) && sendsInputAway(value, ctx))
        ops.push(
          heldInside(
            command,
            `${label}, which sends the content of every file it filters to another machine`,
          ),
        );
    }
  }
  // a repository URL with the ext:: transport runs its command
  if (command.args.some((a) => a.startsWith('ext::')))
    ops.push(heldInside(command, 'an ext:: URL, which git runs as a command'));
  return ops;
}

function packageSettingOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (!['npm', 'yarn', 'pnpm'].includes(command.name)) return [];
  const words = command.args.filter((a) => !a.startsWith('-'));
  const at = words[0] === 'set' ? 1 : words[0] === 'config' && words[1] === 'set' ? 2 : -1;
  if (at < 0) return [];
  let [key = '', value] = words.slice(at);
  if (value === undefined && key.includes('=')) [key = '', value = ''] = key.split(/=(.*)/s);
  if (!PACKAGE_SHELL_KEYS.test(key) || value === undefined || STANDARD_PROGRAM.test(value)) return [];
  const ops = shellTextOperations(command, surroundings, value, `${command.name} config ${key}`, ctx);
  // the shell every package script runs under is any program the value names: only a standard one passes
  if (ops.length === 0)
    ops.push(
      heldInside(command, `${command.name} config ${key} ${value}, a program every script then runs under`),
    );
  return ops;
}

/** `trap 'TEXT' SIGNAL`: TEXT runs later in this shell, judged now. */
function trapOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.name !== 'trap') return [];
  const text = command.args.find((a) => !a.startsWith('-'));
  return text === undefined || text === '' || text === '-'
    ? []
    : shellTextOperations(command, surroundings, text, 'trap', ctx);
}

/** Settings that make programs run code, judged on the code they would run. */
export function settingOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  return [
    ...variableOperations(command, surroundings, ctx),
    ...gitSettingOperations(command, surroundings, ctx),
    ...packageSettingOperations(command, surroundings, ctx),
    ...trapOperations(command, surroundings, ctx),
  ];
}
