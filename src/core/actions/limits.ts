import type { ParsedCommandLine } from './types.js';

/**
 * How much of a command the gate reads before it stops and holds the command for a person. Reading a
 * shell line costs time that grows with its length (and, for nested substitutions, faster than that):
 * the server decides for many agents on one event loop, so no single command may take long to read.
 * Measured on the shell parser: 8 KiB of the costliest shapes (pipelines, functions, quoted words) reads
 * in under about 20 ms on a busy machine; nesting beyond a few dozen levels costs quadratically.
 */
export const COMMAND_LIMITS = {
  /** Characters of command text read at all. */
  maxChars: 8 * 1024,
  /** Open brackets and backquotes `( { $( \`` still unclosed at any point, counted without regard to quoting. */
  maxNesting: 32,
  /** Whitespace-separated words in the text, before parsing (twice maxArguments: quoting can split a word in two). */
  maxWords: 2048,
  /** Command separators `| ; &` in the text, before parsing, quoted or not (four per command allowed). */
  maxSeparators: 512,
  /** Simple commands a line may run once parsed (pipeline stages, `;`-separated, nested). */
  maxCommands: 128,
  /** Arguments over all of a line's simple commands. */
  maxArguments: 1024,
  /**
   * Time for reading and classifying one command, in milliseconds: a backstop behind the caps above,
   * checked between simple commands (the first SQL statement a process reads loads its parser, ~60 ms).
   */
  maxMillis: 40,
} as const;

/** Why a command is too big to read at all, judged from its text alone (linear, cheap); undefined when it may be read. */
export function tooBigToRead(command: string, limits = COMMAND_LIMITS): string | undefined {
  if (command.length > limits.maxChars)
    return `the command is ${command.length} characters long, more than the ${limits.maxChars} the gate reads`;
  // One pass over the text, counting what makes parsing costly; every count errs high, which only holds sooner.
  let depth = 0;
  let deepest = 0;
  let words = 0;
  let separators = 0;
  let inWord = false;
  for (let i = 0; i < command.length; i += 1) {
    const code = command.charCodeAt(i);
    const space = code === 32 || (code >= 9 && code <= 13);
    if (!space && !inWord) words += 1;
    inWord = !space;
    // ( { ` open; ) } close. A backquote toggles, so each counts as an opening.
    if (code === 40 || code === 123 || code === 96) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if ((code === 41 || code === 125) && depth > 0) depth -= 1;
    else if (code === 124 || code === 59 || code === 38) separators += 1;
  }
  if (deepest > limits.maxNesting)
    return `the command nests ${deepest} levels deep, more than the ${limits.maxNesting} the gate reads`;
  if (words > limits.maxWords)
    return `the command has ${words} words, more than the ${limits.maxWords} the gate reads`;
  if (separators > limits.maxSeparators)
    return `the command has ${separators} separators (| ; &), more than the ${limits.maxSeparators} the gate reads`;
  return undefined;
}

/** Why a parsed line is too big to classify; undefined when it may be classified. */
export function tooBigToClassify(parsed: ParsedCommandLine, limits = COMMAND_LIMITS): string | undefined {
  if (parsed.commands.length > limits.maxCommands)
    return `the command runs ${parsed.commands.length} commands, more than the ${limits.maxCommands} the gate reads`;
  let args = 0;
  for (const command of parsed.commands) args += command.args.length;
  if (args > limits.maxArguments)
    return `the command has ${args} arguments, more than the ${limits.maxArguments} the gate reads`;
  return undefined;
}

/** Why reading has taken too long, given when it started and the time now (milliseconds); undefined while in time. */
export function tookTooLong(started: number, now: number, limits = COMMAND_LIMITS): string | undefined {
  const spent = now - started;
  return spent > limits.maxMillis
    ? `reading the command took ${Math.round(spent)} ms, more than the ${limits.maxMillis} ms the gate allows`
    : undefined;
}
