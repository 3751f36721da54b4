import type { EnvChange, SimpleCommand } from '../../core/actions/types.js';
import { recordWrites, writtenKey } from './writes.js';
import { addUnknowable, forkDir } from './state.js';
import type { Field, Frame, Invocation, LineState } from './state.js';

/** The frame for a script nested in this invocation (`bash -c`, `eval`, `ssh host …`). */
export function nestedFrame(
  inv: Invocation,
  frame: Frame,
  how: string | undefined,
  text: string,
  positional?: string[],
): Frame {
  return {
    depth: frame.depth + 1,
    via: how === undefined ? inv.via : [...inv.via, how],
    wrappers: inv.wrappers,
    remote: inv.remote,
    pipedFrom: [],
    positional,
    source: text,
    // a nested shell starts where its parent is, and its `cd` stays inside it
    dir: forkDir(frame.dir),
    // and prints where its launcher prints
    pipedTo: inv.pipedTo,
    captured: inv.captured,
  };
}

const INTERPRETERS = new Set(['python', 'python2', 'python3', 'node', 'perl', 'ruby', 'php', 'deno', 'bun']);
const PROGRAM_FLAGS = new Set([
  '-c',
  '-e',
  '-m',
  '-E',
  '--eval',
  '-p',
  '--print',
  '-r',
  '-V',
  '--version',
  '-h',
  '--help',
]);

/** Quotes a literal so that re-parsing yields exactly this word. */
export function shellQuote(value: string): string {
  if (value !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return "'" + value.replace(/'/g, "'\\''") + "'";
}

/** Render fields back into shell text that re-parses to the same words (dynamic parts keep their source). */
export function fieldsToShell(fields: readonly Field[]): string {
  return fields.map((f) => (f.dynamic ? f.value : shellQuote(f.value))).join(' ');
}

/** Records the simple command that runs; returns its name. */
export function emit(inv: Invocation, words: readonly Field[], name: string, state: LineState): string {
  const args: string[] = [];
  const dynamicArgs: number[] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i] as Field;
    if (w.dynamic) dynamicArgs.push(args.length);
    args.push(w.value);
  }
  const command: SimpleCommand = {
    name,
    args,
    dynamicName: name === '',
    dynamicArgs,
    env: inv.env,
    redirects: inv.redirects,
    pipedFrom: inv.pipedFrom,
    wrappers: inv.wrappers,
    via: inv.via,
    source: inv.source,
  };
  const changes = envChanges(inv, state);
  if (changes !== undefined) command.envChanges = changes;
  // a known pipe (`echo 'DROP TABLE t' | psql`) feeds the command as a heredoc would
  const stdin = inv.stdin ?? inv.pipedText;
  if (stdin !== undefined) command.stdin = stdin;
  if (inv.pipedSource !== undefined) command.pipedSource = inv.pipedSource;
  if (inv.pipedTo !== undefined) command.pipedTo = inv.pipedTo;
  if (inv.captured === true) command.outputCaptured = true;
  const word = words[0]?.value ?? '';
  if (word.includes('/') && words[0]?.dynamic !== true) command.path = word;
  if (inv.remote !== undefined) command.remote = inv.remote;
  if (inv.stopsLine === true && inv.via.length === 0 && inv.pipedFrom.length === 0) command.stopsLine = true;
  const dir = inv.dir;
  if (dir?.cwd !== undefined) {
    command.cwd = dir.cwd;
    if (dir.unknown === true || dir.fallback?.unknown === true) command.cwdUnknown = true;
    else if (dir.fallback !== undefined && dir.fallback.cwd !== dir.cwd)
      command.cwdOtherwise = dir.fallback.cwd ?? '';
  }
  const madeBefore = state.out.commands.filter(mayChangeState).map(changerName);
  if (madeBefore.length > 0) command.madeBefore = madeBefore;
  runsWrittenFile(command, inv, state);
  recordWrites(command, inv, state);
  if (name === '') {
    addUnknowable(
      state,
      `the command name comes from ${words[0]?.value ?? 'an expansion'}, which is not known before it runs`,
    );
  } else if (INTERPRETERS.has(name) || /^python\d/.test(name)) {
    checkInterpreter(command, inv, state);
  }
  state.out.commands.push(command);
  return name;
}

// Commands that change neither files nor refs, so what a later command reads at decision time is still there.
const QUIET = new Set([
  'cd',
  'pushd',
  'popd',
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'pwd',
  'ls',
  'test',
  '[',
  '=',
]);
const QUIET_GIT = new Set(['status', 'log', 'diff', 'show', 'rev-parse', 'describe']);

function mayChangeState(earlier: SimpleCommand): boolean {
  if (QUIET.has(earlier.name)) return false;
  return !(earlier.name === 'git' && QUIET_GIT.has(gitSub(earlier.args)));
}

function changerName(earlier: SimpleCommand): string {
  if (earlier.name !== 'git') return earlier.name;
  const sub = gitSub(earlier.args);
  if (sub !== 'stash') return `git ${sub}`;
  // `git stash` alone, or with options only, pushes
  const verb = earlier.args.slice(earlier.args.indexOf('stash') + 1).find((a) => !a.startsWith('-'));
  return `git stash ${verb === undefined || verb === 'save' ? 'push' : verb}`;
}

/** git's subcommand past its global options (`git -C dir fetch` → `fetch`). */
function gitSub(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '-C' || arg === '-c' || arg === '--git-dir' || arg === '--work-tree') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return '';
}

// A file written earlier on the line is not on disk when the gate decides, so look-inside cannot read it:
// running it by path, or as an interpreter's program, is unknowable (`bash F` and `source F` parse its text).
function runsWrittenFile(command: SimpleCommand, inv: Invocation, state: LineState): void {
  if (state.written.size === 0) return;
  const program =
    command.path ??
    (INTERPRETERS.has(command.name) || /^python\d/.test(command.name)
      ? command.args.find((a) => !a.startsWith('-'))
      : undefined);
  if (program === undefined) return;
  const key = writtenKey(program, inv.dir, inv.remote);
  if (key !== undefined && state.written.has(key))
    addUnknowable(
      state,
      `${command.name} runs ${program}, written earlier on the line, whose content is not on disk yet`,
    );
}

// An interpreter with no program argument reads its program from stdin: from a pipe that is unknowable.
function checkInterpreter(command: SimpleCommand, inv: Invocation, state: LineState): void {
  const first = command.args.find((a) => !a.startsWith('-') || a === '-' || PROGRAM_FLAGS.has(a));
  if (first !== undefined && first.startsWith('<(')) {
    addUnknowable(
      state,
      `${command.name} runs a program produced by ${first}, which is not known before it runs`,
    );
    return;
  }
  const fromStdin = first === undefined || first === '-';
  if (!fromStdin) return;
  const feeder = inv.pipedFrom[0];
  if (feeder !== undefined) {
    addUnknowable(
      state,
      `${command.name} runs whatever ${feeder || 'the previous command'} prints, which is not known before it runs`,
    );
  } else if (inv.stdinUnknowable !== undefined) {
    addUnknowable(
      state,
      `${command.name} runs a program read from ${inv.stdinUnknowable}, which is not known before it runs`,
    );
  }
}

/** What the line changed of variables that `env` does not carry (see SimpleCommand.envChanges). */
function envChanges(inv: Invocation, state: LineState): Record<string, EnvChange> | undefined {
  const changes: Record<string, EnvChange> = {};
  for (const [name, value] of state.changed) {
    if (inv.env[name] !== undefined) continue;
    // An exported variable whose value is not known still reaches the command; a plain one only if inherited.
    changes[name] = { value, ifInherited: !state.exported.has(name) };
  }
  for (const name of inv.unset ?? []) changes[name] = { value: null, ifInherited: false };
  return Object.keys(changes).length > 0 ? changes : undefined;
}
