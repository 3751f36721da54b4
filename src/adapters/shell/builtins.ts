import { UNKNOWN_VALUE } from '../../core/actions/types.js';
import type { Field, LineState } from './state.js';
import { printedText } from './writes.js';

const DECLARERS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

/** Records a variable assigned on the line; an unknowable value forgets it. */
export function setVar(state: LineState, name: string, value: Field): void {
  if (!value.array) state.arrays.delete(name);
  if (value.dynamic) state.vars.delete(name);
  else state.vars.set(name, value.value);
  state.changed.set(name, value.dynamic ? UNKNOWN_VALUE : value.value);
}

/**
 * Applies a builtin's effect on later commands of the same line (variables, exports, aliases);
 * returns the literal output of an `echo`/`printf`, for `echo '…' | sh`.
 */
export function builtinEffects(
  state: LineState,
  words: readonly Field[],
  declared: readonly [string, Field][],
): string | undefined {
  const head = words[0];
  if (head === undefined || head.dynamic) return undefined;
  const name = head.value;
  if (DECLARERS.has(name)) {
    const exporting = name === 'export' || words.some((w) => /^-[a-zA-Z]*x/.test(w.value));
    for (const [n, v] of declared) {
      setVar(state, n, v);
      if (exporting) state.exported.add(n);
    }
    if (exporting)
      for (const w of words.slice(1)) if (/^[A-Za-z_]\w*$/.test(w.value)) state.exported.add(w.value);
  } else if (name === 'unset' || name === 'read') {
    for (const w of words.slice(1)) {
      state.vars.delete(w.value);
      state.arrays.delete(w.value);
      if (/^[A-Za-z_]\w*$/.test(w.value)) state.changed.set(w.value, name === 'unset' ? null : UNKNOWN_VALUE);
    }
  } else if (name === 'alias') {
    for (const w of words.slice(1)) {
      const eq = w.value.indexOf('=');
      if (eq > 0) state.aliases.set(w.value.slice(0, eq), w.value.slice(eq + 1));
    }
  } else if (name === 'set') {
    // `set -e` / `set -o errexit`: a failing `cd` stops the line, so later commands surely run where it moved
    const values = words.slice(1).map((w) => w.value);
    if (values.some((v, i) => /^-[a-zA-Z]*e/.test(v) || (v === '-o' && values[i + 1] === 'errexit')))
      state.errexit = true;
  } else if (name === 'echo' || name === 'printf') {
    return printedText(words);
  }
  return undefined;
}

/**
 * `set -- a b c`: the positional parameters it gives the shell (`$0` first), kept by `$0`; undefined when it sets
 * none, null when they are only known when it runs.
 */
export function positionalFromSet(words: readonly Field[], zero: string): string[] | null | undefined {
  if (words[0]?.value !== 'set' || words[0].dynamic) return undefined;
  const at = words.findIndex((w, i) => i > 0 && w.value === '--');
  if (at < 0) return undefined;
  const given = words.slice(at + 1);
  return given.some((w) => w.dynamic) ? null : [zero, ...given.map((w) => w.value)];
}
