import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { classifyGeneric } from '../classifiers/generic/intent.js';
import { codeFileOperations, languageOf } from './code-files.js';
import { runPath } from './scripts.js';
import { TaskFileError } from './task-files.js';
import { RUNNERS } from './task-runner-table.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

// Task runners and build tools whose configuration the agent could have written one call earlier: `tox -e x`,
// `poe x`, `composer run-script x`, `mise run x`, `lefthook run pre-commit`, `honcho start`, `tilt ci`, `act`,
// `brew bundle`, `cargo build` (build.rs), `./gradlew x`. Each runner's entry in task-runner-table.ts names the
// files it reads and how the commands are found in them; what it finds is judged like the same commands typed on
// the line. A file that exists but cannot be read or followed holds the command; with no configuration file, the
// call is decided as it was before (the task's name, read for intent, where a runner takes one).

/** What a runner's configuration makes a call run: shell text, a program's code, a file run by content, or a hold. */
export type Found =
  | { label: string; shell: string }
  | { label: string; code: string; language: string }
  | { label: string; script: string }
  | { label: string; held: string }
  /** What the file does that is not a command (a Steam build set live), already decided. */
  | { label: string; operations: Operation[] };

/** The files a runner reads, and what the call runs once they are read. */
export interface TaskRunner {
  /** Nothing runs (a listing, a dry run, help). */
  idle?: (args: readonly string[]) => boolean;
  /** The configuration files, relative to where the command runs; the first that exists is read. */
  files: (command: SimpleCommand) => string[];
  /**
   * What the call runs from the file's text; undefined when the file does not define what the call names (then the
   * call is decided as if there were no file). `read` reads another file beside it (a task file, a script).
   */
  runs: (text: string, call: RunnerCall) => Found[] | undefined;
  /** With no configuration: the words read for intent (the task's name); none by default. */
  named?: (args: readonly string[]) => string[];
}

/** The call being looked inside, for a runner's `runs`. */
export interface RunnerCall {
  command: SimpleCommand;
  /** The configuration file, as the reasons name it, and its folder (absolute). */
  file: string;
  dir: string;
  /** Reads another file (absolute, or relative to `dir`): its text, undefined when missing, or a reason it holds. */
  read: (path: string) => { text: string } | { held: string } | undefined;
  /** Lists a folder (absolute, or relative to `dir`); undefined when it cannot be listed. */
  list: (path: string) => string[] | undefined;
}

/** Whether look-inside reads configuration for this command name. */
export function isTaskRunner(name: string): boolean {
  return Object.hasOwn(RUNNERS, name);
}

/** Look-inside for task runners and build tools: what their configuration makes this call run, as it stands now. */
export function taskRunnerOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const runner = RUNNERS[command.name];
  if (runner === undefined || runner.idle?.(command.args) === true) return [];
  for (const entry of runner.files(command)) {
    const at = runPath(entry, command, surroundings);
    if (at === undefined)
      return [heldInside(command, `${entry}, a file whose place is known only when it runs`)];
    // a folder (`.github/workflows/`): each of its YAML files
    const listed = entry.endsWith('/') ? ctx.deps.listFolder?.(at) : undefined;
    if (listed === 'too-many')
      return [heldInside(command, `${entry}, with more files than blastwall reads before it runs`)];
    const files = entry.endsWith('/')
      ? (listed ?? [])
          .filter((f) => /\.ya?ml$/.test(f))
          .sort()
          .map((f) => posix.join(entry, f))
      : [entry];
    if (files.length === 0) continue;
    const ops: Operation[] = [];
    let defined = false;
    for (const file of files) {
      const got = fileOperations(runner, command, surroundings, file, ctx);
      if (got === undefined) continue;
      defined = true;
      ops.push(...got);
    }
    if (defined) return ops;
  }
  const named = runner.named?.(command.args) ?? [];
  return named.length === 0 ? [] : classifyGeneric(command, named);
}

/** What one configuration file makes the call run; undefined when there is no such file or it does not define it. */
function fileOperations(
  runner: TaskRunner,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  file: string,
  ctx: LookContext,
): Operation[] | undefined {
  const path = runPath(file, command, surroundings);
  if (path === undefined)
    return [heldInside(command, `${file}, a file whose place is known only when it runs`)];
  const read = readWithin(command, path, file, ctx);
  if (read === undefined) return undefined;
  if ('held' in read) return [read.held];
  const dir = posix.dirname(path);
  const call: RunnerCall = {
    command,
    file,
    dir,
    read: (other) => {
      const absolute = posix.resolve(dir, other);
      const label = posix.relative(surroundings.cwd, absolute) || other;
      const got = readWithin(command, absolute, label, ctx);
      if (got === undefined) return undefined;
      return 'held' in got ? { held: got.held.target } : got;
    },
    list: (folder) => {
      const listed = ctx.deps.listFolder?.(posix.resolve(dir, folder));
      return listed === 'too-many' ? undefined : listed;
    },
  };
  let found: Found[] | undefined;
  try {
    found = runner.runs(read.text, call);
  } catch (error) {
    if (!(error instanceof TaskFileError)) throw error;
    return [heldInside(command, `${file}, which blastwall cannot read (${error.message})`)];
  }
  return found?.flatMap((f) => foundOperations(command, surroundings, f, dir, ctx));
}

function foundOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  found: Found,
  dir: string,
  ctx: LookContext,
): Operation[] {
  if ('held' in found) return [heldInside(command, `${found.label}, ${found.held}`)];
  if ('operations' in found) return found.operations;
  if ('shell' in found) return shellTextOperations(command, surroundings, found.shell, found.label, ctx);
  if ('code' in found)
    return codeFileOperations(command, surroundings, found.code, found.language, found.label, ctx);
  const language = languageOf(found.label, found.script);
  return language === 'shell'
    ? shellTextOperations(command, { ...surroundings, cwd: dir }, found.script, found.label, ctx)
    : codeFileOperations(command, surroundings, found.script, language, found.label, ctx);
}
