import { posix } from 'node:path';
import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import type { ClassifierDeps } from '../classifiers/deps.js';
import { sqlOperations } from '../classifiers/databases/sql.js';
import { heldInside, type LookContext } from './trail.js';

// `dbt run-operation MACRO --target prod` runs a Jinja macro of the project against the target's warehouse. The
// macro is found under macros/ and decided on the SQL it sends: literal statements of `run_query('…')`,
// `adapter.execute('…')` and `{% call statement(…) %} … {% endcall %}`, judged as SQL on that target; SQL
// built when the macro runs is held. A macro the project does not define (a package's) is decided as before:
// a run against production of an effect blastwall does not know.

/** Most macro files read in search of one macro; past it the command is held. */
const MAX_MACRO_FILES = 64;

/** The macro a `dbt run-operation NAME` call runs. */
export function dbtMacroName(command: SimpleCommand): string | undefined {
  if (command.name !== 'dbt') return undefined;
  const at = command.args.indexOf('run-operation');
  const name = at < 0 ? undefined : command.args.slice(at + 1).find((a) => !a.startsWith('-'));
  return name !== undefined && /^[\w.]+$/.test(name) ? name : undefined;
}

/** The body of a project macro, with the file it is in; 'unreadable' when the search cannot finish. */
export function findDbtMacro(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: Pick<ClassifierDeps, 'readRunFile' | 'listFolder'>,
  name: string,
): { file: string; body: string } | 'unreadable' | undefined {
  if (deps.readRunFile === undefined || deps.listFolder === undefined || command.remote !== undefined)
    return undefined;
  const project = posix.resolve(surroundings.cwd, optionValue(command.args, ['--project-dir']) ?? '.');
  const pending = [posix.join(project, 'macros')];
  const opener = new RegExp(String.raw`\{%-?\s*macro\s+${name.split('.').at(-1) ?? name}\s*\(`);
  let reads = 0;
  while (pending.length > 0) {
    const dir = pending.shift() ?? '';
    const listed = deps.listFolder(dir);
    if (listed === 'too-many') return 'unreadable';
    for (const entry of listed ?? []) {
      if (entry.endsWith('/')) pending.push(posix.join(dir, entry));
      if (!entry.endsWith('.sql')) continue;
      if (++reads > MAX_MACRO_FILES) return 'unreadable';
      const file = posix.join(dir, entry);
      const read = deps.readRunFile(file);
      if (read.kind !== 'text') {
        if (read.kind === 'missing') continue;
        return 'unreadable';
      }
      const start = opener.exec(read.text);
      if (start === null) continue;
      const end = read.text.slice(start.index).search(/\{%-?\s*endmacro/);
      return {
        file: posix.relative(surroundings.cwd, file) || file,
        body: read.text.slice(start.index, end < 0 ? undefined : start.index + end),
      };
    }
  }
  return undefined;
}

const QUOTED = String.raw`(?:'((?:\\.|[^'\\])*)'|"((?:\\.|[^"\\])*)")`;

/** Look-inside for `dbt run-operation`: the SQL the macro sends, judged on the target it names. */
export function dbtMacroOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const name = dbtMacroName(command);
  if (name === undefined) return [];
  const found = findDbtMacro(command, surroundings, ctx.deps, name);
  if (found === undefined) return [];
  if (found === 'unreadable')
    return [heldInside(command, `the macro ${name}, in macro files blastwall cannot all read`)];
  const label = `macro ${name} (${found.file})`;
  const target = optionValue(command.args, ['--target', '-t']);
  const hints: EnvironmentHints = target === undefined ? {} : { environment: target };
  const ops: Operation[] = [];
  const statements: string[] = [];
  const calls = new RegExp(String.raw`\b(?:run_query|adapter\.execute)\s*\(\s*(?:${QUOTED}|([^)'"]))`, 'g');
  for (const m of found.body.matchAll(calls)) {
    if (m[3] !== undefined) ops.push(heldInside(command, `${label}, which runs SQL built when it runs`));
    else statements.push(m[1] ?? m[2] ?? '');
  }
  for (const m of found.body.matchAll(/\{%-?\s*call\s+statement\b[^%]*%\}([\s\S]*?)\{%-?\s*endcall/g))
    statements.push(m[1] ?? '');
  for (const sql of statements) {
    // Jinja in the SQL (`{{ target.schema }}`) is a name known when the macro runs
    const text = sql.replace(/\{\{[\s\S]*?\}\}/g, 'dbt_value').replace(/\{%[\s\S]*?%\}/g, ' ');
    ops.push(
      ...sqlOperations(command, ctx.deps.sql, text, 'postgres', hints).map((op) => ({
        ...op,
        summary: `${label}: ${op.summary}`,
      })),
    );
  }
  return ops;
}
