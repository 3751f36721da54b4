import type { Function as FunctionNode } from 'unbash';
import type { ParsedCommandLine, SimpleCommand } from '../../core/actions/types.js';

/** One word after expansion: its value, and whether part of it cannot be known before running. */
export interface Field {
  value: string;
  dynamic: boolean;
  /** The base name is literal even though an earlier part is dynamic (`$HOME/bin/tool`). */
  knownBase?: string;
  /** Nothing of the word is literal: it is only unknowable expansions (`"$x"`, `$(curl …)`). */
  opaque?: boolean;
  /** What an opaque field's command substitutions print, when that is known (`"$(echo cm0g… | base64 -d)"`). */
  printed?: string;
  /** An array's assignment (`name=(…)`), whose elements LineState.arrays keeps when they are literal. */
  array?: boolean;
}

/** Where a command runs when it is not on this machine. */
export type Remote = NonNullable<SimpleCommand['remote']>;

/** The working directory of one shell as `cd`/`pushd`/`popd` on the line leave it; shared by frames of that shell. */
export interface Dir {
  /** As written: absolute, `~`-based or relative to the starting directory; undefined while unchanged. */
  cwd?: string | undefined;
  /** The directory was changed to one only known when it runs (`cd "$X"`). */
  unknown?: boolean;
  /** Where the shell still is if the last `cd` failed and the line went on anyway (`cd x; rm -rf .`). */
  fallback?: { cwd?: string | undefined; unknown?: boolean } | undefined;
  /** `pushd` stack, nearest first. */
  stack: { cwd?: string | undefined; unknown?: boolean }[];
}

/** A copy of a directory state for a subshell, whose `cd` does not leak out. */
export function forkDir(dir: Dir | undefined): Dir {
  return dir === undefined
    ? { stack: [] }
    : { cwd: dir.cwd, unknown: dir.unknown === true, fallback: dir.fallback, stack: [...dir.stack] };
}

/** Facts that hold for everything parsed from one command line: variables, aliases, functions, results. */
export interface LineState {
  vars: Map<string, string>;
  /** Arrays assigned on the line whose every element is literal (`cmd=(rm -rf ./out)`), for `"${cmd[@]}"`. */
  arrays: Map<string, string[]>;
  exported: Set<string>;
  /** Variables assigned, read or unset on the line: the value, UNKNOWN_VALUE, or null when unset. */
  changed: Map<string, string | null>;
  aliases: Map<string, string>;
  functions: Map<string, { node: FunctionNode; source: string }>;
  /** Functions and aliases being expanded, so recursive definitions stop. */
  expanding: Set<string>;
  out: ParsedCommandLine;
  /** Files written earlier on the line (key from `writtenKey`), with their text when it is known. */
  written: Map<string, string | undefined>;
  /** `set -e` ran: a failing command stops the line. */
  errexit: boolean;
  /** Nested parses left; bounds the work one hostile line can cause. */
  budget: number;
}

/** How the commands of one (possibly nested) script are reached. */
export interface Frame {
  depth: number;
  via: string[];
  wrappers: string[];
  remote?: Remote | undefined;
  pipedFrom: string[];
  /** Positional parameters ($0, $1 …) inside a function or `sh -c`. */
  positional?: string[] | undefined;
  /** Source text that node positions index into. */
  source: string;
  /** Standard input inherited from the launcher (`ssh host bash <<EOF`). */
  stdin?: string | undefined;
  stdinUnknowable?: string | undefined;
  /** The shell's working directory; frames of one shell share it, subshells get a fork. */
  dir?: Dir | undefined;
  /** Source of the pipeline stages the frame's output is piped into (a group or nested shell in a pipeline). */
  pipedTo?: string | undefined;
  /** The frame's output is captured by a command substitution (`x=$(…)`), not shown. */
  captured?: boolean | undefined;
}

/** One command about to be resolved: its words and everything attached to it. */
export interface Invocation {
  words: Field[];
  env: Record<string, string>;
  redirects: { op: string; target: string; fd?: number }[];
  stdin?: string | undefined;
  /** That text is all literal (a quoted heredoc, a here-string without expansions). */
  stdinLiteral?: boolean;
  /** A redirect feeds stdin from something unknowable (process substitution, a variable). */
  stdinUnknowable?: string | undefined;
  /** Literal text piped in by an `echo`/`printf` just before this command. */
  pipedText?: string | undefined;
  /** Source text of the pipeline stages before this one (`pgrep -f x` for `pgrep -f x | xargs kill`). */
  pipedSource?: string | undefined;
  /** Source text of the pipeline stages after this one (see SimpleCommand.pipedTo). */
  pipedTo?: string | undefined;
  /** Output captured by a command substitution (see SimpleCommand.outputCaptured). */
  captured?: boolean | undefined;
  /** The working directory when this command starts. */
  dir?: Dir | undefined;
  /** Variables `env -u NAME` removes for this command (`*` for `env -i`). */
  unset?: string[];
  source: string;
  wrappers: string[];
  via: string[];
  remote?: Remote | undefined;
  pipedFrom: string[];
  /** The line stops if this command fails (`X && …`, `X || exit`, `set -e`); see SimpleCommand.stopsLine. */
  stopsLine?: boolean;
}

/** What the resolver needs from the walker: nested parsing and function calls. */
export interface Engine {
  /** Parses shell text as a nested script in `frame`; returns the name of its last command. */
  parseText(text: string, frame: Frame): string;
  /** Runs a function defined earlier on the line with these arguments. */
  callFunction(name: string, words: readonly Field[], inv: Invocation, frame: Frame): string;
}

/** Everything a launcher may use while resolving one invocation. */
export interface ResolveContext {
  state: LineState;
  frame: Frame;
  engine: Engine;
  /** Resolves another invocation found inside this one (`find -exec`). */
  resolve(inv: Invocation): string;
}

/** Most nested shells (`bash -c`, `eval`, `ssh`) followed before giving up. */
export const MAX_DEPTH = 8;

/** Create the state for parsing one command line. */
export function createLineState(): LineState {
  return {
    vars: new Map(),
    arrays: new Map(),
    exported: new Set(),
    changed: new Map(),
    aliases: new Map(),
    functions: new Map(),
    expanding: new Set(),
    out: { commands: [], errors: [], unknowable: [] },
    written: new Map(),
    errexit: false,
    budget: 64,
  };
}

/** Add an unknowable reason once. */
export function addUnknowable(state: LineState, reason: string): void {
  if (!state.out.unknowable.includes(reason)) state.out.unknowable.push(reason);
}

/** Base name of a command word: `/bin/rm` → `rm`; `powershell.exe` → `powershell` (WSL runs Windows programs by that name). */
export function baseName(value: string): string {
  const slash = value.lastIndexOf('/');
  const base = slash >= 0 && slash < value.length - 1 ? value.slice(slash + 1) : value;
  return base.length > 4 ? base.replace(/\.exe$/i, '') : base;
}
