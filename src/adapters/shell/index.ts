import type { ParsedCommandLine, ShellParser } from '../../core/actions/types.js';
import { createLineState } from './state.js';
import { Walker } from './walker.js';

/** Reads one command line into every simple command a shell would run; never throws. */
export function parseCommandLine(commandLine: string): ParsedCommandLine {
  const state = createLineState();
  if (commandLine.trim() === '') return state.out;
  try {
    const walker = new Walker(state);
    walker.parseText(commandLine, {
      depth: 0,
      via: [],
      wrappers: [],
      pipedFrom: [],
      source: commandLine,
      dir: { stack: [] },
    });
  } catch (error) {
    // Fail closed: an internal failure is reported as an error so the line is never allowed.
    state.out.errors.push(`internal parser error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return state.out;
}

/** Creates the unbash-backed shell parser. */
export function createShellParser(): ShellParser {
  return { parse: parseCommandLine };
}
