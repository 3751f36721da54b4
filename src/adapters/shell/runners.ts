import { nestedFrame } from './emit.js';
import { optionValue } from './options.js';
import { addUnknowable } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';

type Launch = (words: readonly Field[], inv: Invocation, ctx: ResolveContext) => Field[] | string | undefined;

// Programs that run shell text they are given: `script -c "…"` runs it in a shell under a recorder,
// `make -f /dev/stdin` runs recipes it reads from standard input.

const script: Launch = (words, inv, ctx) => {
  const text = optionValue(words, 1, words.length, ['-c', '--command']);
  if (text === undefined) return undefined;
  const at = words.findIndex(
    (w) => w.value === text || w.value.endsWith(`=${text}`) || w.value === `-c${text}`,
  );
  if (words[at]?.opaque === true) {
    addUnknowable(ctx.state, `script -c runs ${text}, which is not known before it runs`);
    return undefined;
  }
  inv.wrappers = [...inv.wrappers, 'script'];
  ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, 'script -c', text));
  return 'script';
};

const make: Launch = (words, inv, ctx) => {
  const file = optionValue(words, 1, words.length, ['-f', '--file', '--makefile']);
  if (file !== undefined && (file === '-' || file === '/dev/stdin' || file.startsWith('/dev/fd/'))) {
    // recipes are shell commands, but which run depends on targets, variables and files on disk
    const from = inv.stdin !== undefined ? 'a heredoc' : (inv.pipedFrom[0] ?? 'standard input');
    addUnknowable(ctx.state, `make runs recipes read from ${from}, which are not known before it runs`);
  }
  return undefined;
};

/** Launchers that run shell text as recipes or under a recorder, keyed by name. */
export function textRunners(): [string, Launch][] {
  return [
    ['script', script],
    ['make', make],
    ['gmake', make],
  ];
}
