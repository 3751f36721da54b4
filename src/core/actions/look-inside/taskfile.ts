import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { classifyGeneric } from '../classifiers/generic/intent.js';
import { runPath } from './scripts.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

interface Task {
  cmds: string[];
  deps: string[];
}

function unquote(text: string): string {
  const t = text.trim();
  return /^(['"]).*\1$/s.test(t) ? t.slice(1, -1) : t;
}

/** The tasks of a Taskfile (go-task): each task's `cmds` (`- text`, `- cmd: text`) and `deps`, read by indentation. */
export function parseTaskfile(text: string): Map<string, Task> {
  const tasks = new Map<string, Task>();
  let inTasks = false;
  let current: Task | undefined;
  let list: 'cmds' | 'deps' | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) {
      inTasks = /^tasks:\s*$/.test(line);
      current = undefined;
      continue;
    }
    if (!inTasks || line.trim() === '' || line.trim().startsWith('#')) continue;
    const name = /^ {2}([\w:.-]+):\s*$/.exec(line);
    if (name !== null) {
      current = { cmds: [], deps: [] };
      tasks.set(name[1] ?? '', current);
      list = undefined;
      continue;
    }
    if (current === undefined) continue;
    const key = /^\s+(cmds|deps):\s*(.*)$/.exec(line);
    if (key !== null) {
      list = key[1] as 'cmds' | 'deps';
      const inline = /^\[(.*)\]$/.exec((key[2] ?? '').trim());
      if (inline !== null)
        current[list].push(
          ...(inline[1] ?? '')
            .split(',')
            .map(unquote)
            .filter((v) => v !== ''),
        );
      continue;
    }
    const item = /^\s+-\s+(?:(?:cmd|task):\s*)?(.*)$/.exec(line);
    if (item !== null && list !== undefined) current[list].push(unquote(item[1] ?? ''));
    else if (/^ {4}\w/.test(line)) list = undefined;
  }
  return tasks;
}

/** Look-inside for `task` (go-task): the task's commands and its dependencies' as written in the Taskfile. */
export function taskOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (
    command.args.some((a) =>
      ['--dry', '-n', '--list', '-l', '--list-all', '-a', '--summary', '--help'].includes(a),
    )
  )
    return [];
  const goals = command.args.filter((a) => !a.startsWith('-') && !a.includes('='));
  for (const file of ['Taskfile.yml', 'Taskfile.yaml', 'taskfile.yml', 'taskfile.yaml']) {
    const path = runPath(file, command, surroundings);
    if (path === undefined) continue;
    const read = readWithin(command, path, file, ctx);
    if (read === undefined) continue;
    if ('held' in read) return [read.held];
    const tasks = parseTaskfile(read.text);
    const ops: Operation[] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      const task = tasks.get(name);
      if (task === undefined || seen.has(name)) return;
      seen.add(name);
      for (const dep of task.deps) visit(dep);
      // `{{.VAR}}` is only known when task runs: an expansion the shell cannot know either
      const text = task.cmds.join('\n').replace(/\{\{[^}]*\}\}/g, '${TASK_VALUE}');
      ops.push(...shellTextOperations(command, surroundings, text, `task ${name} (${file})`, ctx));
    };
    for (const goal of goals.length > 0 ? goals : ['default']) visit(goal);
    return ops;
  }
  return classifyGeneric(command, goals);
}
