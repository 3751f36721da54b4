import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { codeFileOperations } from './code-files.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, type LookContext } from './trail.js';

// `python manage.py resetall` runs the module `<app>/management/commands/resetall.py` of one of the project's apps:
// code the agent can write one call before it names it. The module is found below manage.py's folder (apps sit one
// or two folders down: `shop/`, `apps/shop/`, `src/shop/`) and judged like any program file.

const SKIP =
  /^(?:\.|__pycache__\/|node_modules\/|venv\/|env\/|static\/|media\/|templates\/|migrations\/|dist\/|build\/)/;
/** How many folders one search may list. */
const MAX_LISTED = 64;

const PYTHONS = new Set(['python', 'python3', 'python2', 'pypy', 'pypy3']);

function managementCommand(command: SimpleCommand): { script: string; name: string } | undefined {
  const first = command.args.find((a) => !a.startsWith('-'));
  if (command.name === 'django-admin') return first === undefined ? undefined : { script: '', name: first };
  // `./manage.py resetall`: the file runs by its path
  if (command.path?.endsWith('manage.py') === true)
    return first === undefined ? undefined : { script: command.path, name: first };
  if (!PYTHONS.has(command.name)) return undefined;
  const at = command.args.findIndex((a) => a.endsWith('manage.py'));
  if (at === -1 || command.args.slice(0, at).some((a) => ['-c', '-m'].includes(a))) return undefined;
  const name = command.args.slice(at + 1).find((a) => !a.startsWith('-'));
  return name === undefined ? undefined : { script: command.args[at] ?? '', name };
}

/**
 * The module of management command `name` below `root`; undefined when the project has none (a command of Django
 * or of an installed app); 'unsearched' when the search ran past its bounds, so the caller holds.
 */
function findModule(
  root: string,
  name: string,
  listFolder: (dir: string) => string[] | 'too-many' | undefined,
): string | 'unsearched' | undefined {
  let tooMany = false;
  const list = (dir: string): string[] | undefined => {
    const entries = listFolder(dir);
    if (entries !== 'too-many') return entries;
    tooMany = true;
    return undefined;
  };
  let listed = 0;
  let level = [root];
  for (let depth = 0; depth < 3 && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (listed++ >= MAX_LISTED) return 'unsearched';
      const entries = list(dir) ?? [];
      if (entries.includes('management/')) {
        const commands = posix.join(dir, 'management', 'commands');
        if ((list(commands) ?? []).includes(`${name}.py`)) return posix.join(commands, `${name}.py`);
      }
      for (const entry of entries)
        if (entry.endsWith('/') && !SKIP.test(entry)) next.push(posix.join(dir, entry.slice(0, -1)));
    }
    level = next;
  }
  return tooMany ? 'unsearched' : undefined;
}

/** Look-inside for `python manage.py NAME` and `django-admin NAME`: the project's own command module, as written now. */
export function djangoCommandOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const list = ctx.deps.listFolder;
  const run = list === undefined ? undefined : managementCommand(command);
  if (list === undefined || run === undefined || !/^[\w-]+$/.test(run.name)) return [];
  const manage = run.script === '' ? surroundings.cwd : runPath(run.script, command, surroundings);
  if (manage === undefined) return [];
  const root = run.script === '' ? manage : posix.dirname(manage);
  const module = findModule(root, run.name, list);
  if (module === undefined) return [];
  if (module === 'unsearched')
    return [
      heldInside(command, `management command ${run.name}, in a project larger than blastwall searches`),
    ];
  const label = posix.relative(surroundings.cwd, module) || module;
  const read = readWithin(command, module, label, ctx);
  if (read === undefined) return [];
  if ('held' in read) return [read.held];
  return codeFileOperations(command, surroundings, read.text, 'python', label, ctx);
}
