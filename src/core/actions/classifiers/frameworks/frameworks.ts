import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { positionals } from '../args.js';
import { dbOp } from '../databases/databases.js';
import type { ClassifierDeps } from '../deps.js';
import { operation } from '../operation.js';
import { placeOf } from './place.js';
import { dryRunOptions, FRAMEWORK_TOOLS, type Effect } from './tools.js';

// A framework or migration CLI's command, judged on what its verb does (tools.ts) where it acts (place.ts): a
// reset or rollback of this machine's development database is everyday; the same against another server, a
// production environment or a configuration blastwall cannot read is held, and a forward migration there is a
// deploy into that environment.

/** SQL statements that change or lose data, when the analyzer cannot read the text. */
const CHANGING_SQL = /\b(DROP|TRUNCATE|DELETE|ALTER|UPDATE|INSERT|GRANT|REVOKE|CREATE)\b/i;

function sqlOperations(
  command: SimpleCommand,
  deps: ClassifierDeps,
  effect: Extract<Effect, { kind: 'sql' }>,
  summary: (what: string) => string,
  hints: Operation['hints'],
): Operation[] {
  if (effect.text === undefined)
    return [dbOp(command, 'delete', 'SQL', summary(`${effect.what} known only when it runs`), hints)];
  const { statements, errors } = deps.sql.analyze(effect.text, 'postgres');
  const destructive = statements.filter((s) => s.destructive);
  if (destructive.length > 0)
    return destructive.map((s) =>
      dbOp(
        command,
        s.kind === 'DELETE' || s.kind === 'TRUNCATE' ? 'truncate' : 'delete',
        s.object ?? s.kind,
        summary(`${effect.what}: ${s.summary}`),
        hints,
      ),
    );
  if (errors.length > 0 && CHANGING_SQL.test(effect.text))
    return [dbOp(command, 'delete', 'SQL', summary(`${effect.what} that blastwall cannot read`), hints)];
  return [];
}

/**
 * What framework tool `name` does with `args` (the words after the tool, or after `manage.py` / `artisan` when an
 * interpreter runs it); undefined when the tool is not one of them.
 */
export function frameworkOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: ClassifierDeps,
  name: string,
  args: readonly string[],
): Operation[] | undefined {
  const tool = FRAMEWORK_TOOLS[name];
  if (tool === undefined) return undefined;
  const own: SimpleCommand = { ...command, args: [...args] };
  const dry = dryRunOptions(tool);
  if (args.some((a) => dry.some((d) => a === d || a.startsWith(`${d}=`)))) return [];
  const words = positionals(args, new Set(tool.valued ?? []));
  const effect = tool.effect(words, own);
  if (effect === undefined) return [];
  const place = placeOf(own, surroundings, deps, tool.where, words);
  const summary = (what: string): string => `${tool.where.label} ${what} (${place.says})`;
  switch (effect.kind) {
    case 'destroys':
      return [dbOp(command, 'delete', words.join(' ') || name, summary(effect.what), place.hints)];
    case 'sql':
      return sqlOperations(command, deps, effect, summary, place.hints);
    case 'migrates':
      // a forward migration whose place only an unreadable configuration leaves unknown is not held for it: it
      // loses nothing, and where the line or the environment names a protected place it is a deploy there
      if (place.unreadConfig === true) return [];
      return [
        operation(command, {
          kind: 'deploy',
          category: 'sql',
          destructive: false,
          reversible: true,
          target: words.join(' ') || name,
          summary: `${summary(effect.what)}: a deploy of the schema, whose effect blastwall cannot compute`,
          hints: place.hints,
        }),
      ];
  }
}

/** The framework a script an interpreter runs is (`python manage.py`, `php artisan`), by its file name. */
export function scriptFramework(script: string): string | undefined {
  const base = script.replace(/^.*\//, '');
  return base === 'manage.py' || base === 'artisan' ? base : undefined;
}
