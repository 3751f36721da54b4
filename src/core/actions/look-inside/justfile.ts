import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { classifyGeneric } from '../classifiers/generic/intent.js';
import { runPath } from './scripts.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

interface Recipe {
  dependencies: string[];
  lines: string[];
}

/** The recipes of a justfile: `name args: deps` headers followed by indented lines. */
export function parseJustfile(text: string): { recipes: Map<string, Recipe>; first?: string } {
  const recipes = new Map<string, Recipe>();
  let first: string | undefined;
  let current: Recipe | undefined;
  for (const line of text.split('\n')) {
    if (/^[ \t]+\S/.test(line)) {
      current?.lines.push(line.trim().replace(/^[@-]+/, ''));
      continue;
    }
    const header = /^@?([A-Za-z_][\w-]*)\b[^:=]*:(?!=)\s*(.*)$/.exec(line);
    current = undefined;
    if (header === null) continue;
    const name = header[1] ?? '';
    current = {
      dependencies: (header[2] ?? '').split(/\s+/).filter((d) => /^[A-Za-z_][\w-]*$/.test(d)),
      lines: [],
    };
    recipes.set(name, current);
    first ??= name;
  }
  return first === undefined ? { recipes } : { recipes, first };
}

/** Look-inside for `just`: the recipe (and its dependencies) as written in the justfile. */
export function justOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (
    command.args.some(
      (a) =>
        a === '--dry-run' || a === '-n' || a === '--list' || a === '-l' || a === '--show' || a === '--help',
    )
  )
    return [];
  const named = optionValue(command.args, ['-f', '--justfile']);
  const goals = command.args.filter(
    (a, i) =>
      !a.startsWith('-') &&
      !['-f', '--justfile', '-d', '--working-directory', '--set'].includes(command.args[i - 1] ?? ''),
  );
  for (const candidate of named !== undefined ? [named] : ['justfile', 'Justfile', '.justfile']) {
    const path = runPath(candidate, command, surroundings);
    if (path === undefined) continue;
    const read = readWithin(command, path, candidate, ctx);
    if (read === undefined) continue;
    if ('held' in read) return [read.held];
    const file = parseJustfile(read.text);
    const goal = goals.find((g) => file.recipes.has(g)) ?? (goals.length === 0 ? file.first : undefined);
    const ops: Operation[] = [];
    const seen = new Set<string>();
    const visit = (name: string): void => {
      const recipe = file.recipes.get(name);
      if (recipe === undefined || seen.has(name)) return;
      seen.add(name);
      for (const dependency of recipe.dependencies) visit(dependency);
      // `{{var}}` is only known when just runs: an expansion the shell cannot know either
      const text = recipe.lines.join('\n').replace(/\{\{[^}]*\}\}/g, '${JUST_VALUE}');
      ops.push(
        ...shellTextOperations(command, surroundings, text, `just ${name} (${posix.basename(path)})`, ctx),
      );
    };
    if (goal !== undefined) visit(goal);
    return ops;
  }
  return classifyGeneric(command, goals);
}
