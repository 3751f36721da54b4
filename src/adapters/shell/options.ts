import type { Field } from './state.js';

/** Which options of a command take a value, so the value is not mistaken for the command it wraps. */
export interface OptionSpec {
  /** Short option letters that take a value (`u` for `sudo -u root`, also `-uroot`). */
  short: string;
  /** Long options that take a value when not written with `=`. */
  long?: readonly string[];
  /** Numeric flags like `nice -10` are options, not the command. */
  numeric?: boolean;
}

/** Index of the first word at or after `start` that is not an option (or the word after `--`). */
export function skipOptions(words: readonly Field[], start: number, spec: OptionSpec): number {
  let i = start;
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (w === '--') return i + 1;
    if (w.startsWith('--')) {
      if (!w.includes('=') && spec.long?.includes(w) === true) i++;
      i++;
      continue;
    }
    if (!w.startsWith('-') || w.length === 1) return i;
    if (spec.numeric === true && /^-\d+$/.test(w)) {
      i++;
      continue;
    }
    for (let j = 1; j < w.length; j++) {
      if (spec.short.includes(w[j] ?? '')) {
        if (j === w.length - 1) i++;
        break;
      }
    }
    i++;
  }
  return i;
}

/** True when a short flag letter appears in a cluster among words[start, end) (`-lc` has `c`). */
export function hasShortFlag(words: readonly Field[], start: number, end: number, letter: string): boolean {
  for (let i = start; i < end; i++) {
    const w = words[i]?.value ?? '';
    if (w.startsWith('-') && !w.startsWith('--') && w.slice(1).includes(letter)) return true;
  }
  return false;
}

/** Value of an option among words[start, end): `--name v`, `--name=v`, `-n v`, `-nv`. */
export function optionValue(
  words: readonly Field[],
  start: number,
  end: number,
  names: readonly string[],
): string | undefined {
  for (let i = start; i < end; i++) {
    const w = words[i]?.value ?? '';
    for (const name of names) {
      if (w === name) return words[i + 1]?.value;
      if (name.startsWith('--') && w.startsWith(name + '=')) return w.slice(name.length + 1);
      if (!name.startsWith('--') && w.startsWith(name) && w.length > name.length) return w.slice(name.length);
    }
  }
  return undefined;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** env(1) takes any word with `=` as an assignment, names a shell could not write included (`BASH_FUNC_ls%%=…`). */
export const ENV_ASSIGNMENT = /^[^=-][^=]*=/;

/** Reads leading `NAME=value` words into env; returns the index of the first other word. */
export function takeAssignments(
  words: readonly Field[],
  start: number,
  env: Record<string, string>,
  assignment: RegExp = ASSIGNMENT,
): number {
  let i = start;
  while (i < words.length) {
    const w = words[i]?.value ?? '';
    if (!assignment.test(w)) return i;
    const eq = w.indexOf('=');
    env[w.slice(0, eq)] = w.slice(eq + 1);
    i++;
  }
  return i;
}
