import { hasShortFlag, optionValue, skipOptions } from './options.js';
import type { Field, Invocation } from './state.js';

// xargs appends what it reads to its command. When the line shows what it reads (a literal `echo`/`printf`
// feeding it), those words are the arguments; a process lookup (`pgrep -f x | xargs kill`) is kept as the
// substitution it equals (`kill $(pgrep -f x)`), and so is a file listing the classifiers read (`git ls-files |
// xargs rm` is `rm $(git ls-files)`); anything else stays unknown to the classifiers.

const PROCESS_LOOKUP = /(^|[|;&\s(])(pgrep|pidof|ps|lsof|fuser)\s/;
const FILE_LISTING = /^\s*(git\s+ls-files|find)(\s|$)/;

/** Resolves `xargs [opts] CMD …` into the command it runs, with its input where the line shows it. */
export function xargs(words: readonly Field[], inv: Invocation): Field[] {
  const start = skipOptions(words, 1, {
    short: 'IanLPdsE',
    long: [
      '--arg-file',
      '--delimiter',
      '--max-args',
      '--max-lines',
      '--max-procs',
      '--max-chars',
      '--process-slot-var',
    ],
  });
  const replace =
    optionValue(words, 1, start, ['-I', '--replace']) ??
    (hasShortFlag(words, 1, start, 'i') ? '{}' : undefined);
  // input from a file, or split on other delimiters, is not the piped text as read here
  const ownInput = !words.some(
    (w, i) => i < start && (/^-[^-]*[a0d]/.test(w.value) || /^--(arg-file|null|delimiter)/.test(w.value)),
  );
  // NUL- or otherwise delimited input is still what the pipe feeds; only -a/--arg-file reads elsewhere
  const fromPipe = !words.some(
    (w, i) => i < start && (/^-[^-]*a/.test(w.value) || /^--arg-file/.test(w.value)),
  );
  inv.via = [...inv.via, 'xargs'];
  const rest = words.slice(start);
  const command = rest.length === 0 ? [{ value: 'echo', dynamic: false }] : rest;
  const items = ownInput && inv.pipedText !== undefined ? splitInput(inv.pipedText) : undefined;
  if (replace === undefined || replace === '') {
    if (items !== undefined) return [...command, ...items.map((value) => ({ value, dynamic: false }))];
    if (
      inv.pipedSource !== undefined &&
      ((ownInput && PROCESS_LOOKUP.test(` ${inv.pipedSource}`)) ||
        (fromPipe && FILE_LISTING.test(inv.pipedSource)))
    )
      return [...command, { value: `$(${inv.pipedSource})`, dynamic: true, opaque: true }];
    return command;
  }
  // with -I one command runs per input line; a single known line is substituted, anything else is unknown
  const lines = inv.pipedText?.split('\n').filter((l) => l.trim() !== '');
  const line = ownInput && lines?.length === 1 ? lines[0]?.trim() : undefined;
  return command.map((w) => {
    if (!w.value.includes(replace)) return w;
    if (line !== undefined) return { value: w.value.split(replace).join(line), dynamic: w.dynamic };
    return { value: w.value, dynamic: true, opaque: w.value === replace };
  });
}

/** Splits xargs input into words: blanks separate, quotes and backslashes group. */
function splitInput(text: string): string[] | undefined {
  const out: string[] = [];
  let cur = '';
  let started = false;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (quote !== '') {
      if (ch === quote) quote = '';
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === '\\') {
      cur += text[++i] ?? '';
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) out.push(cur);
      cur = '';
      started = false;
    } else {
      cur += ch;
      started = true;
    }
  }
  // an unmatched quote makes xargs fail; treat the input as unknown
  if (quote !== '') return undefined;
  if (started) out.push(cur);
  return out;
}
