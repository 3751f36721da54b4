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

/** Launchers that run shell text as recipes or under a recorder, keyed by name. */
export function textRunners(): [string, Launch][] {
  return [
    ['script', script],
    ['make', make],
    ['gmake', make],
    ...['awk', 'gawk', 'mawk', 'nawk'].map((name): [string, Launch] => [name, awk]),
  ];
}
