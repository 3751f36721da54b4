import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue, positionals } from '../classifiers/args.js';
import { codeFileOperations } from './code-files.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, type LookContext } from './trail.js';

// `rake cleanup:all` (and `rails cleanup:all`, which runs the same task) runs Ruby the project wrote in its
// Rakefile or in lib/tasks/*.rake. The task is found by its namespaced name and its body — with the tasks it
// depends on — is judged like any Ruby program (`sh '…'`, `system`, FileUtils.rm_rf). A task no file of the
// project defines comes from a gem (db:migrate, assets:precompile): its own classifier judges it.

/** Most task files read in search of one task; past it the command is held. */
export const MAX_TASK_FILES = 64;

interface Task {
  lines: { text: string; line: number }[];
  dependencies: string[];
}

const OPENER = /\bdo\s*(\|[^|]*\|)?\s*(#.*)?$|^\s*(if|unless|def|class|module|begin|case|while|until)\b/;

/** The tasks of a rake file by full name (`cleanup:all`), each with its body's lines and its dependencies. */
export function parseRakeTasks(text: string): Map<string, Task> {
  const tasks = new Map<string, Task>();
  const stack: { namespace?: string; task?: Task }[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.replace(/^\s+/, '');
    if (line.startsWith('#')) continue;
    const current = [...stack].reverse().find((frame) => frame.task !== undefined)?.task;
    if (/^end\b/.test(line)) {
      stack.pop();
      continue;
    }
    current?.lines.push({ text: raw, line: index + 1 });
    const namespace = /^namespace\s*\(?\s*[:'"]?([\w-]+)/.exec(line);
    const task = /^task\s*\(?\s*(?::?([\w-]+)|['"]([\w:-]+)['"])\s*(?::|=>)?\s*(.*)$/.exec(line);
    if (!OPENER.test(line)) {
      // a one-line task (`task default: :test`, `task :all => [:a, :b]`) has dependencies and no body
      if (task !== null && /^task\b/.test(line)) addTask(tasks, stack, task);
      continue;
    }
    if (namespace !== null) stack.push({ namespace: namespace[1] ?? '' });
    else if (task !== null && /^task\b/.test(line)) stack.push({ task: addTask(tasks, stack, task) });
    else stack.push({});
  }
  return tasks;
}

function addTask(tasks: Map<string, Task>, stack: { namespace?: string }[], match: RegExpExecArray): Task {
  const prefix = stack.flatMap((frame) => (frame.namespace !== undefined ? [frame.namespace] : []));
  const name = [...prefix, match[1] ?? match[2] ?? ''].join(':');
  const rest = (match[3] ?? '').replace(/\bdo\b.*$/, '');
  const dependencies = [...rest.matchAll(/:([\w-]+)|['"]([\w:-]+)['"]/g)].map((m) => {
    const dep = m[1] ?? m[2] ?? '';
    // a dependency names a task of its own namespace unless it is written with one
    return dep.includes(':') || prefix.length === 0 ? dep : `${prefix.join(':')}:${dep}`;
  });
  const task = tasks.get(name) ?? { lines: [], dependencies: [] };
  task.dependencies.push(...dependencies.filter((d) => d !== name));
  tasks.set(name, task);
  return task;
}

// rake's own options that take a value
const VALUED = new Set(['-f', '--rakefile', '-C', '--directory', '-I', '--libdir', '-r', '--require', '-e']);

/** Look-inside for `rake TASK` / `rails TASK`: the task's body in the project's Rakefile or lib/tasks. */
export function rakeOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.args.some((a) => /^-(T|D|P|W|n|h)$|^--(tasks|describe|prereqs|where|dry-run|help)$/.test(a)))
    return [];
  const goals = positionals(command.args, VALUED).filter((g) => !g.includes('='));
  // `rails server`, `rails console`: rails' own commands are not tasks
  const wanted = command.name === 'rails' ? goals.filter((g) => g.includes(':')) : goals;
  if (wanted.length === 0 && command.name === 'rails') return [];
  const names = wanted.length > 0 ? wanted.map((g) => g.replace(/\[.*$/, '')) : ['default'];
  const dir = runPath(optionValue(command.args, ['-C', '--directory']) ?? '.', command, surroundings);
  if (dir === undefined) return [heldInside(command, 'a Rakefile whose place is known only when it runs')];
  const named = optionValue(command.args, ['-f', '--rakefile']);
  const files = [
    ...(named !== undefined ? [posix.resolve(dir, named)] : []),
    ...names.map((n) => posix.join(dir, 'lib', 'tasks', `${n.split(':')[0] ?? n}.rake`)),
    ...['Rakefile', 'rakefile', 'Rakefile.rb'].map((f) => posix.join(dir, f)),
  ];
  const listed = ctx.deps.listFolder?.(posix.join(dir, 'lib', 'tasks'));
  if (listed === 'too-many')
    return [heldInside(command, `lib/tasks, with more task files than blastwall reads before it runs`)];
  for (const name of listed ?? [])
    if (name.endsWith('.rake')) files.push(posix.join(dir, 'lib', 'tasks', name));
  const tasks = new Map<string, { task: Task; file: string }>();
  const pending = new Set(names);
  let reads = 0;
  for (const file of [...new Set(files)]) {
    if (pending.size === 0) break;
    if (++reads > MAX_TASK_FILES)
      return [
        heldInside(command, `${names.join(' ')}, found in none of the first ${MAX_TASK_FILES} task files`),
      ];
    const label = posix.relative(dir, file) || file;
    const read = readWithin(command, file, label, ctx);
    if (read === undefined) continue;
    if ('held' in read) return [read.held];
    for (const [name, task] of parseRakeTasks(read.text)) {
      if (!tasks.has(name)) tasks.set(name, { task, file: label });
      pending.delete(name);
    }
    // the dependencies of a found task are searched for too
    for (const name of names)
      for (const dep of tasks.get(name)?.task.dependencies ?? []) if (!tasks.has(dep)) pending.add(dep);
  }
  const ops: Operation[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const found = tasks.get(name);
    if (found === undefined || seen.has(name)) return;
    seen.add(name);
    for (const dep of found.task.dependencies) visit(dep);
    // each body line keeps its place in the file, for a reason that names it
    const body = found.task.lines;
    if (body.length === 0) return;
    const first = body[0]?.line ?? 1;
    const code = [...Array<string>(first - 1).fill(''), ...body.map((l) => l.text)].join('\n');
    ops.push(...codeFileOperations(command, surroundings, code, 'ruby', found.file, ctx));
  };
  for (const name of names) visit(name);
  return ops;
}
