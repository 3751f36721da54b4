import { emit, fieldsToShell, nestedFrame } from './emit.js';
import { crontab } from './crontab.js';
import { isShellInit } from './shell-init.js';
import { hasShortFlag, optionValue, skipOptions } from './options.js';
import { remoteLaunchers } from './remote.js';
import { remoteRunners } from './remote-runners.js';
import { runWrittenScript } from './script-runs.js';
import { textRunners } from './runners.js';
import { xargs } from './xargs.js';
import { addUnknowable, baseName } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';

/**
 * A launcher runs code given to it in its arguments or input. It returns the words to resolve next,
 * a string (the name it already recorded), or undefined to record the command itself.
 */
export type Launch = (
  words: readonly Field[],
  inv: Invocation,
  ctx: ResolveContext,
) => Field[] | string | undefined;

const SHELLS = ['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'fish'];

function shell(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string | undefined {
  const name = baseName(words[0]?.value ?? 'sh');
  // a non-interactive shell first runs the file BASH_ENV (bash) or ENV (sh) names: the shell itself is
  // recorded with its variables, so the classifiers can read that file; so is one handed exported functions
  // (`BASH_FUNC_ls%%=() { …; }`), whose bodies run in place of the commands they are named after
  if (
    inv.env.BASH_ENV !== undefined ||
    inv.env.ENV !== undefined ||
    Object.keys(inv.env).some((name) => name.startsWith('BASH_FUNC_'))
  )
    emit(inv, words.slice(0, 1), name, ctx.state);
  let i = 1;
  let hasC = false;
  let readsStdin = false;
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (w === '-' || w === '--') {
      readsStdin ||= w === '-';
      i++;
      break;
    }
    if (w === '-o' || w === '+o' || w === '-O' || w === '+O' || w === '--rcfile' || w === '--init-file')
      i += 2;
    else if (w.startsWith('--')) i++;
    else if ((w.startsWith('-') || w.startsWith('+')) && w.length > 1) {
      if (w.startsWith('-') && w.includes('c')) hasC = true;
      if (w.includes('s')) readsStdin = true;
      i++;
    } else break;
  }
  const operand = words[i];
  if (hasC) {
    if (operand === undefined) {
      if (inv.via.at(-1) === 'xargs')
        addUnknowable(
          ctx.state,
          `${name} -c runs command text read by xargs, which is not known before it runs`,
        );
      return undefined;
    }
    // `bash -c "$(echo cm0g… | base64 -d)"`: a substitution whose output is literal is that text
    if (operand.opaque === true && operand.printed === undefined) {
      addUnknowable(ctx.state, `${name} -c runs ${operand.value}, which is not known before it runs`);
      return undefined;
    }
    const positional = words.slice(i + 1).map((w) => w.value);
    runText(
      operand.printed ?? operand.value,
      `${name} -c`,
      inv,
      ctx,
      positional.length > 0 ? positional : [name],
    );
    return name;
  }
  if (!readsStdin && operand !== undefined) {
    const fed = substituted(operand);
    if (fed !== undefined) {
      runText(fed, `${name} ${operand.value}`, inv, ctx, [name, ...words.slice(i + 1).map((w) => w.value)]);
      return name;
    }
    if (operand.dynamic)
      addUnknowable(
        ctx.state,
        `${name} runs a script from ${operand.value}, which is not known before it runs`,
      );
    return runWrittenScript(operand, name, inv, ctx);
  }
  return fromStdin(name, inv, ctx);
}

/** What `<(…)` names when it prints known text (`bash <(echo … | base64 -d)`): that text, the file's contents. */
function substituted(word: Field): string | undefined {
  return word.opaque === true && /^<\(.*\)$/s.test(word.value) ? word.printed : undefined;
}

function fromStdin(name: string, inv: Invocation, ctx: ResolveContext): string | undefined {
  const text = inv.stdin ?? inv.pipedText;
  if (text !== undefined) {
    runText(text, `${name} stdin`, inv, ctx);
    return name;
  }
  if (inv.stdinUnknowable !== undefined) {
    addUnknowable(
      ctx.state,
      `${name} runs commands read from ${inv.stdinUnknowable}, which is not known before it runs`,
    );
  } else if (inv.pipedFrom.length > 0) {
    addUnknowable(
      ctx.state,
      `${name} runs whatever ${inv.pipedFrom[0] || 'the previous command'} prints, which is not known before it runs`,
    );
  }
  return undefined;
}

/** Parses text as a nested script; returns the name of its last command. */
function runText(
  text: string,
  how: string | undefined,
  inv: Invocation,
  ctx: ResolveContext,
  positional?: string[],
): string {
  return ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, how, text, positional));
}

function evalBuiltin(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string | undefined {
  const rest = words.slice(1);
  if (rest.length === 0) return undefined;
  const text = rest.map((w) => w.printed ?? w.value).join(' ');
  if (rest.every((w) => w.opaque === true && w.printed === undefined)) {
    if (rest.length === 1 && isShellInit(text)) return 'eval';
    addUnknowable(ctx.state, `eval runs ${text}, which is not known before it runs`);
    return undefined;
  }
  // eval runs in the current shell: its `cd` moves later commands too
  ctx.engine.parseText(text, { ...nestedFrame(inv, ctx.frame, 'eval', text), dir: ctx.frame.dir });
  return 'eval';
}

function source(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string | undefined {
  const file = words[1];
  const name = words[0]?.value ?? 'source';
  if (file === undefined) return undefined;
  const fed = substituted(file);
  if (fed !== undefined) {
    // sourcing runs in the current shell: its `cd` moves later commands too
    ctx.engine.parseText(fed, {
      ...nestedFrame(inv, ctx.frame, `${name} ${file.value}`, fed),
      dir: ctx.frame.dir,
    });
    return name;
  }
  if (file.dynamic || file.value === '/dev/stdin' || file.value === '-') {
    const from = file.dynamic ? file.value : (inv.pipedFrom[0] ?? 'standard input');
    addUnknowable(ctx.state, `${name} runs commands read from ${from}, which is not known before it runs`);
  }
  return runWrittenScript(file, name, inv, ctx);
}

const FIND_EXEC = new Set(['-exec', '-execdir', '-ok', '-okdir']);

function find(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string {
  emit(inv, words, 'find', ctx.state);
  for (let i = 1; i < words.length; i++) {
    const flag = words[i]?.value ?? '';
    if (!FIND_EXEC.has(flag)) continue;
    let end = i + 1;
    while (end < words.length && words[end]?.value !== ';' && words[end]?.value !== '+') end++;
    const inner = words
      .slice(i + 1, end)
      .map((w) => (w.value.includes('{}') ? { value: w.value, dynamic: true } : w));
    ctx.resolve({
      ...inv,
      words: inner,
      redirects: [],
      stdin: undefined,
      pipedFrom: [],
      via: [...inv.via, `find ${flag}`],
    });
    i = end;
  }
  return 'find';
}

const GIT_VALUED = [
  '-C',
  '-c',
  '--git-dir',
  '--work-tree',
  '--namespace',
  '--super-prefix',
  '--config-env',
  '--exec-path',
];

function git(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string | undefined {
  const aliases = new Map<string, string>();
  let i = 1;
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (!w.startsWith('-')) break;
    if (w === '-c') {
      const kv = words[i + 1]?.value ?? '';
      const m = /^alias\.([^=]+)=(.*)$/s.exec(kv);
      if (m !== null) aliases.set((m[1] ?? '').toLowerCase(), m[2] ?? '');
    }
    i += GIT_VALUED.includes(w) ? 2 : 1;
  }
  const sub = words[i]?.value;
  const alias = sub === undefined ? undefined : aliases.get(sub.toLowerCase());
  if (alias === undefined) return undefined;
  const rest = words.slice(i + 1);
  if (alias.startsWith('!')) {
    const text = `${alias.slice(1)} ${fieldsToShell(rest)}`.trim();
    runText(text, `git alias ${sub ?? ''}`, inv, ctx);
    return 'git';
  }
  const expanded = alias
    .split(/\s+/)
    .filter((s) => s !== '')
    .map((value): Field => ({ value, dynamic: false }));
  return emit(inv, [...words.slice(0, i), ...expanded, ...rest], 'git', ctx.state);
}

function su(words: readonly Field[], inv: Invocation, ctx: ResolveContext): string | undefined {
  const text = optionValue(words, 1, words.length, ['-c', '--command']);
  if (text === undefined) return undefined;
  inv.wrappers = [...inv.wrappers, 'su'];
  runText(text, 'su -c', inv, ctx);
  return 'su';
}

function watch(words: readonly Field[], inv: Invocation, ctx: ResolveContext): Field[] | string | undefined {
  const start = skipOptions(words, 1, { short: 'nq', long: ['--interval'] });
  const rest = words.slice(start);
  if (rest.length === 0) return undefined;
  inv.wrappers = [...inv.wrappers, 'watch'];
  // Without -x, watch hands its joined arguments to `sh -c`.
  if (hasShortFlag(words, 1, start, 'x') || words.some((w, i) => i < start && w.value === '--exec'))
    return rest;
  runText(rest.map((w) => w.value).join(' '), undefined, inv, ctx);
  return 'watch';
}

// wsl's options that take a value before the command it runs in the Linux install.
const WSL_VALUED = new Set([
  '-d',
  '--distribution',
  '--distribution-id',
  '-u',
  '--user',
  '--cd',
  '--shell-type',
]);

/**
 * `wsl [-d DISTRO] [--] CMD` runs CMD in the Linux install through its shell, `wsl -e CMD` runs it directly;
 * `wsl --list`, `wsl --unregister X` and the other `--` verbs manage installs and are recorded as wsl itself.
 */
function wsl(words: readonly Field[], inv: Invocation, ctx: ResolveContext): Field[] | string | undefined {
  let i = 1;
  let exec = false;
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (w === '--') {
      i++;
      break;
    }
    if (WSL_VALUED.has(w)) i += 2;
    else if (w === '--system' || w === '~') i++;
    else if (w === '-e' || w === '--exec') {
      exec = true;
      i++;
      break;
    } else if (w.startsWith('-')) return undefined;
    else break;
  }
  const rest = words.slice(i);
  if (rest.length === 0) return undefined;
  inv.wrappers = [...inv.wrappers, 'wsl'];
  if (exec) return rest;
  runText(rest.map((w) => w.value).join(' '), 'wsl', inv, ctx);
  return 'wsl';
}

/** Commands that run code from their arguments or input, keyed by name. */
export const LAUNCHERS: ReadonlyMap<string, Launch> = new Map<string, Launch>([
  ...SHELLS.map((name): [string, Launch] => [name, shell]),
  ['eval', evalBuiltin],
  ['source', source],
  ['.', source],
  ['xargs', xargs],
  ['find', find],
  ['git', git],
  ['su', su],
  ['watch', watch],
  ['crontab', crontab],
  ['wsl', wsl],
  ...remoteLaunchers(),
  ...remoteRunners(),
  ...textRunners(),
]);
