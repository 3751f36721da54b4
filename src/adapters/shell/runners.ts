import { awkCommands, awkProgram } from '../../core/actions/classifiers/interpreters/interpreters.js';
import { MAKE_VALUED, makeRecipeLines } from '../../core/actions/look-inside/makefile.js';
import { nestedFrame } from './emit.js';
import { optionValue } from './options.js';
import { addUnknowable } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';

type Launch = (words: readonly Field[], inv: Invocation, ctx: ResolveContext) => Field[] | string | undefined;

// Programs that run shell text they are given: `script -c "…"` runs it in a shell under a recorder,
// `make -f /dev/stdin` runs recipes it reads from standard input.

/** The command text of `script -c TEXT`, `-qc TEXT`, `-cTEXT`, `--command[=]TEXT`, with the word holding it. */
function scriptCommand(words: readonly Field[]): Field | undefined {
  for (let i = 1; i < words.length; i++) {
    const w = words[i]?.value ?? '';
    if (w === '--command') return words[i + 1];
    if (w.startsWith('--command=')) return { ...(words[i] as Field), value: w.slice(10) };
    if (!/^-[a-zA-Z]/.test(w) || w.startsWith('--')) continue;
    const at = w.indexOf('c');
    if (at < 0) continue;
    return at === w.length - 1 ? words[i + 1] : { ...(words[i] as Field), value: w.slice(at + 1) };
  }
  return undefined;
}

const script: Launch = (words, inv, ctx) => {
  const command = scriptCommand(words);
  if (command === undefined) return undefined;
  if (command.opaque === true) {
    addUnknowable(ctx.state, `script -c runs ${command.value}, which is not known before it runs`);
    return undefined;
  }
  inv.wrappers = [...inv.wrappers, 'script'];
  ctx.engine.parseText(command.value, nestedFrame(inv, ctx.frame, 'script -c', command.value));
  return 'script';
};

const make: Launch = (words, inv, ctx) => {
  const file = optionValue(words, 1, words.length, ['-f', '--file', '--makefile']);
  const text = inv.stdinLiteral === true ? inv.stdin : inv.pipedText;
  if (file !== undefined && (file === '-' || file === '/dev/stdin') && text !== undefined) {
    // `make -f - clean <<< $'clean:\n\trm -rf build'`: the recipes are on the line, judged like a Makefile's
    if (words.some((w) => w.dynamic)) {
      addUnknowable(
        ctx.state,
        `make runs recipes chosen by ${words.find((w) => w.dynamic)?.value ?? 'an expansion'}, which are not known before it runs`,
      );
      return undefined;
    }
    const goals = words
      .slice(1)
      .filter(
        (w, i) =>
          !w.value.startsWith('-') && !w.value.includes('=') && !MAKE_VALUED.has(words[i]?.value ?? ''),
      )
      .map((w) => w.value);
    for (const { target, line } of makeRecipeLines(text, goals))
      ctx.engine.parseText(line, nestedFrame(inv, ctx.frame, `make ${target} (stdin)`, line));
    return undefined;
  }
  if (file !== undefined && (file === '-' || file === '/dev/stdin' || file.startsWith('/dev/fd/'))) {
    // recipes are shell commands, but which run depends on targets, variables and files on disk
    const from = inv.stdin !== undefined ? 'a heredoc' : (inv.pipedFrom[0] ?? 'standard input');
    addUnknowable(ctx.state, `make runs recipes read from ${from}, which are not known before it runs`);
  }
  return undefined;
};

/**
 * `awk 'BEGIN{system("date")}'`: each literal command the program runs is parsed as a command of the line; a
 * computed one is held by the awk classifier, and a program known only when the line runs is held here.
 */
const awk: Launch = (words, inv, ctx) => {
  const values = words.slice(1).map((w) => w.value);
  const program = awkProgram(values);
  if (program === undefined) return undefined;
  const field = words[values.indexOf(program) + 1];
  if (field?.dynamic === true) {
    if (/system|getline|\|/.test(program))
      addUnknowable(
        ctx.state,
        `${words[0]?.value ?? 'awk'} runs a program built from ${program}, which is not known before it runs`,
      );
    return undefined;
  }
  const name = words[0]?.value ?? 'awk';
  for (const text of awkCommands(program) ?? [])
    ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, `${name} system`, text));
  return undefined;
};

// tmux's commands that start a shell command in a new session, window or pane, and their options with a value
const TMUX_STARTS = new Set([
  'new-session',
  'new',
  'new-window',
  'neww',
  'split-window',
  'splitw',
  'respawn-pane',
]);
const TMUX_VALUED = new Set(['-t', '-s', '-n', '-c', '-e', '-F', '-x', '-y', '-l', '-L', '-S', '-f']);

/**
 * Terminal multiplexers. `tmux new-session -d 'CMD'` runs CMD in a shell on this machine: it is parsed as a command
 * of the line. `tmux send-keys -t PANE 'CMD' Enter` and `screen -X stuff 'CMD'` type CMD into a terminal that may be
 * logged into any machine (an ssh session, a container): where it runs is not known, so it is held.
 */
const tmux: Launch = (words, inv, ctx) => {
  const values = words.map((w) => w.value);
  const verbAt = values.findIndex(
    (v, i) => i > 0 && !v.startsWith('-') && !TMUX_VALUED.has(values[i - 1] ?? ''),
  );
  const verb = values[verbAt];
  if (verb === 'send-keys' || verb === 'send') {
    const typed = typedText(values.slice(verbAt + 1), TMUX_VALUED);
    const pane = optionValue(words, 1, words.length, ['-t']) ?? '';
    if (typed !== '') typeInto(`tmux pane ${pane}`.trim(), typed, inv, ctx);
    return undefined;
  }
  if (verb === undefined || !TMUX_STARTS.has(verb)) return undefined;
  const text = typedText(values.slice(verbAt + 1), TMUX_VALUED);
  if (text === '') return undefined;
  inv.wrappers = [...inv.wrappers, 'tmux'];
  ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, `tmux ${verb}`, text));
  return 'tmux';
};

const screen: Launch = (words, inv, ctx) => {
  const values = words.map((w) => w.value);
  const stuff = values.indexOf('stuff');
  if (values.includes('-X') && stuff > 0) {
    const session = optionValue(words, 1, words.length, ['-S']) ?? '';
    typeInto(`screen session ${session}`.trim(), values.slice(stuff + 1).join(' '), inv, ctx);
    return undefined;
  }
  // `screen -dmS NAME CMD ARGS…` runs CMD on this machine
  let i = 1;
  while (i < values.length && (values[i] ?? '').startsWith('-'))
    i += /^-[a-zA-Z]*[SpcLtThRrx]$/.test(values[i] ?? '') ? 2 : 1;
  const rest = words.slice(i);
  if (rest.length === 0) return undefined;
  inv.wrappers = [...inv.wrappers, 'screen'];
  return [...rest];
};

/** `expect -c 'spawn ssh host; send "CMD\r"'` types commands into the programs it spawns: not known before it runs. */
const expect: Launch = (words, inv, ctx) => {
  const values = words.map((w) => w.value);
  const script = optionValue(words, 1, words.length, ['-c']);
  // a script that only spawns programs and waits for them runs those programs; one that types into them
  // (`send`, `interact`) runs what it types wherever they are logged in: not known before it runs
  if (script !== undefined && !/\b(send|interact|exp_send)\b/.test(script) && !words.some((w) => w.dynamic)) {
    for (const statement of script.split(/[;\n]/)) {
      const spawned = /^\s*spawn\s+(.+)$/.exec(statement)?.[1];
      if (spawned !== undefined)
        ctx.engine.parseText(spawned, nestedFrame(inv, ctx.frame, 'expect spawn', spawned));
    }
    return undefined;
  }
  if (values.length > 1 && !values.includes('-v') && !values.includes('--version'))
    addUnknowable(
      ctx.state,
      `expect runs a script that types into the programs it spawns (${values.slice(1).join(' ').slice(0, 120)}), which is not known before it runs`,
    );
  return undefined;
};

/**
 * Text typed into a terminal runs in whatever that terminal is logged into (an ssh session, a container): its
 * commands are parsed as running on a machine named only by the terminal, which no environment matches — what
 * they would destroy is held, and a harmless command (`npm run dev`) stays harmless.
 */
function typeInto(terminal: string, typed: string, inv: Invocation, ctx: ResolveContext): void {
  const text = typed.replace(/\\[rn]/g, '\n');
  const remote = inv.remote;
  inv.remote = { kind: 'ssh', host: `${terminal} (a terminal that may be logged in anywhere)` };
  ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, terminal, text));
  inv.remote = remote;
}

/** The words left once options with their values are skipped and key names (`Enter`, `C-m`) dropped, joined. */
function typedText(args: readonly string[], valued: ReadonlySet<string>): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (valued.has(arg)) {
      i++;
      continue;
    }
    if (/^-[a-zA-Z]+$/.test(arg)) continue;
    if (/^(Enter|C-m|C-j|KPEnter|Escape|Tab|Space|BSpace)$/.test(arg)) continue;
    out.push(arg);
  }
  return out.join(' ').trim();
}

/**
 * `echo 'make test' | at now + 1 hour`: a job whose text the line shows is parsed as commands of the line (they
 * run later, but they are known now); a job from a file or a computed text stays held by the schedulers family.
 */
const deferred: Launch = (words, inv, ctx) => {
  const text = inv.stdinLiteral === true ? inv.stdin : inv.pipedText;
  if (text === undefined || words.some((w) => w.value === '-f' || w.dynamic)) return undefined;
  const name = words[0]?.value ?? 'at';
  ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, `${name} job`, text));
  return undefined;
};

/** Launchers that run shell text as recipes or under a recorder, keyed by name. */
export function textRunners(): [string, Launch][] {
  return [
    ['script', script],
    ['make', make],
    ['gmake', make],
    ['tmux', tmux],
    ['at', deferred],
    ['batch', deferred],
    ['screen', screen],
    ['expect', expect],
    ...['awk', 'gawk', 'mawk', 'nawk'].map((name): [string, Launch] => [name, awk]),
  ];
}
