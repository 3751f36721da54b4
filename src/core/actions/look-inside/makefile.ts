import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { classifyGeneric } from '../classifiers/generic/intent.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

interface Rule {
  prerequisites: string[];
  recipe: string[];
}
interface Makefile {
  rules: Map<string, Rule>;
  variables: Map<string, string>;
  firstTarget?: string;
}

// make's own defaults for the variables recipes use most (`$(RM) -rf /` is `rm -f -rf /`).
const DEFAULTS: [string, string][] = [
  ['MAKE', 'make'],
  ['RM', 'rm -f'],
  ['CC', 'cc'],
  ['CXX', 'g++'],
  ['SHELL', '/bin/sh'],
  ['CURDIR', '.'],
];
const DRY = new Set([
  '-n',
  '--dry-run',
  '--just-print',
  '--recon',
  '-q',
  '--question',
  '-p',
  '--print-data-base',
  '--help',
  '-h',
  '-v',
  '--version',
]);
/** make's options that take a value, so goals are told from them (the shell reader uses it too). */
export const MAKE_VALUED: ReadonlySet<string> = new Set([
  '-f',
  '--file',
  '--makefile',
  '-C',
  '--directory',
  '-j',
  '--jobs',
  '-l',
  '-o',
  '-W',
  '-I',
  '--eval',
  '-E',
]);
const MAX_RECIPES = 200;

/** Reads the rules and simple variable assignments of a Makefile; conditionals are read through, both branches. */
export function parseMakefile(text: string): Makefile {
  const rules = new Map<string, Rule>();
  const variables = new Map<string, string>(DEFAULTS);
  let firstTarget: string | undefined;
  let current: Rule[] = [];
  const lines = text.replace(/\\\n/g, ' ').split('\n');
  for (const line of lines) {
    if (line.startsWith('\t')) {
      for (const rule of current) rule.recipe.push(line.slice(1));
      continue;
    }
    const trimmed = line.replace(/#.*$/, '').trim();
    if (trimmed === '') continue;
    const assign = /^(?:export\s+|override\s+)?([A-Za-z_][\w.-]*)\s*([:?+!]?:?=)\s*(.*)$/.exec(trimmed);
    if (assign !== null) {
      const [, name = '', op, value = ''] = assign;
      if (op === '+=') variables.set(name, `${variables.get(name) ?? ''} ${value}`.trim());
      else if (op !== '?=' || !variables.has(name)) variables.set(name, value);
      current = [];
      continue;
    }
    const rule = /^([^:=]+?)\s*::?\s*([^=]*)$/.exec(trimmed);
    if (rule === null) {
      if (
        !/^(ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef|vpath|unexport)\b/.test(
          trimmed,
        )
      )
        current = [];
      continue;
    }
    const [prereqText = '', inline] = (rule[2] ?? '').split(';', 2);
    current = [];
    for (const target of (rule[1] ?? '').split(/\s+/).filter((t) => t !== '')) {
      const entry = rules.get(target) ?? { prerequisites: [], recipe: [] };
      entry.prerequisites.push(...prereqText.split(/\s+/).filter((p) => p !== '' && p !== '|'));
      if (inline !== undefined && inline.trim() !== '') entry.recipe.push(inline.trim());
      rules.set(target, entry);
      current.push(entry);
      if (firstTarget === undefined && !target.startsWith('.') && !target.includes('%')) firstTarget = target;
    }
  }
  return firstTarget === undefined ? { rules, variables } : { rules, variables, firstTarget };
}

/** Expands `$(VAR)`, `${VAR}`, `$@`, `$<`, `$^`, `$$`; an unknown variable stays an expansion the shell cannot know. */
function expand(text: string, file: Makefile, target: string, rule: Rule, depth = 0): string {
  return text.replace(
    /\$(\$|@|<|\^|\(([^()]*)\)|\{([^{}]*)\})/g,
    (whole, what: string, paren?: string, brace?: string) => {
      if (what === '$') return '$';
      if (what === '@') return target;
      if (what === '<') return rule.prerequisites[0] ?? '';
      if (what === '^') return rule.prerequisites.join(' ');
      const name = (paren ?? brace ?? '').trim();
      const value = file.variables.get(name);
      if (value === undefined || depth > 8) return `\${${name.replace(/[^\w]/g, '_') || 'MAKE_EXPANSION'}}`;
      return expand(value, file, target, rule, depth + 1);
    },
  );
}

/** The recipe lines `make` would run for the goals, prerequisites first, each once; a missing goal has none. */
function recipesFor(file: Makefile, goals: string[]): { target: string; line: string }[] {
  const out: { target: string; line: string }[] = [];
  const seen = new Set<string>();
  const visit = (target: string): void => {
    if (seen.has(target) || out.length >= MAX_RECIPES) return;
    seen.add(target);
    const rule = file.rules.get(target);
    if (rule === undefined) return;
    for (const prerequisite of rule.prerequisites) visit(prerequisite);
    for (const line of rule.recipe)
      out.push({ target, line: expand(line, file, target, rule).replace(/^[\s@+-]+/, '') });
  };
  for (const goal of goals) visit(goal);
  return out;
}

/** The recipe lines `make` runs for the goals (the first target when none) from a Makefile's text, expanded. */
export function makeRecipeLines(text: string, goals: readonly string[]): { target: string; line: string }[] {
  const file = parseMakefile(text);
  const wanted = goals.length > 0 ? [...goals] : file.firstTarget !== undefined ? [file.firstTarget] : [];
  return recipesFor(file, wanted);
}

const INCLUDE = /^[ ]*(-include|sinclude|include)\s+(.*)$/gm;
// the compiler's dependency files (`-include $(OBJS:.o=.d)`): prerequisites only, never recipes
const DEPENDENCY_FILES = /\.d\)?$/;
/** How deep included Makefiles are followed (a fragment that includes another). */
const MAX_INCLUDE_DEPTH = 4;

/**
 * The Makefile's text with its `include`d fragments (`include mk/*.mk`, `-include local.mk`) read in where they are
 * included, as make does; a fragment whose name is computed (`include $(shell …)`) may define any recipe: held.
 */
function withIncludes(
  text: string,
  dir: string,
  command: SimpleCommand,
  ctx: LookContext,
  depth = 0,
): { text: string; held: Operation[] } {
  const held: Operation[] = [];
  const joined = text.replace(/\\\n/g, ' ');
  const out = joined.replace(INCLUDE, (_, how: string, list: string) => {
    const words = list
      .replace(/#.*$/, '')
      .replace(/\$\(wildcard\s+([^()$]*)\)/g, '$1')
      .split(/\s+/)
      .filter((w) => w !== '');
    const parts: string[] = [];
    for (const word of words) {
      if (how !== 'include' && word.includes('$') && DEPENDENCY_FILES.test(word)) continue;
      if (word.includes('$') || depth >= MAX_INCLUDE_DEPTH) {
        held.push(heldInside(command, `${word}, a Makefile fragment blastwall cannot find before make runs`));
        continue;
      }
      const files = fragmentFiles(posix.resolve(dir, word), ctx);
      if (files === undefined) {
        held.push(heldInside(command, `${word}, Makefile fragments blastwall cannot list before make runs`));
        continue;
      }
      for (const file of files) {
        const read = readWithin(command, file, posix.relative(dir, file) || word, ctx);
        if (read === undefined) continue;
        if ('held' in read) held.push(read.held);
        else {
          const inner = withIncludes(read.text, dir, command, ctx, depth + 1);
          held.push(...inner.held);
          parts.push(inner.text);
        }
      }
    }
    return parts.length === 0 ? '' : `${parts.join('\n')}\n`;
  });
  return { text: out, held };
}

/** The files an include names: itself, or the files of its folder a pattern in its last part matches (sorted). */
function fragmentFiles(path: string, ctx: LookContext): string[] | undefined {
  const name = posix.basename(path);
  if (!/[*?[]/.test(path)) return [path];
  if (/[*?[]/.test(posix.dirname(path)) || ctx.deps.listFolder === undefined) return undefined;
  const listed = ctx.deps.listFolder(posix.dirname(path));
  if (listed === 'too-many') return undefined;
  const pattern = new RegExp(
    `^${name
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );
  return (listed ?? [])
    .filter((entry) => !entry.endsWith('/') && !entry.startsWith('.') && pattern.test(entry))
    .sort()
    .map((entry) => posix.join(posix.dirname(path), entry));
}

/** Look-inside for `make`: the recipes of the goals (or the default goal) as they stand in the Makefile. */
export function makeOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.args.some((a) => DRY.has(a) || /^-[a-zA-Z]*n[a-zA-Z]*$/.test(a))) return [];
  const dir = optionValue(command.args, ['-C', '--directory']) ?? '.';
  const named = optionValue(command.args, ['-f', '--file', '--makefile']);
  // a Makefile read from standard input is the shell reader's: judged from the heredoc, or held
  if (named === '-' || named === '/dev/stdin' || named?.startsWith('/dev/fd/') === true) return [];
  const candidates = named !== undefined ? [named] : ['GNUmakefile', 'makefile', 'Makefile'];
  const goals: string[] = [];
  for (let i = 0; i < command.args.length; i++) {
    const arg = command.args[i] ?? '';
    if (MAKE_VALUED.has(arg)) i++;
    else if (!arg.startsWith('-') && !arg.includes('=')) goals.push(arg);
  }
  const evals = [optionValue(command.args, ['--eval']), optionValue(command.args, ['-E'])].filter(
    (e) => e !== undefined,
  );
  for (const candidate of candidates) {
    const path = runPath(posix.join(dir, candidate), command, surroundings);
    if (path === undefined) continue;
    const label = named ?? posix.join(dir, candidate).replace(/^\.\//, '');
    const read = readWithin(command, path, label, ctx);
    if (read === undefined) continue;
    if ('held' in read) return [read.held];
    const included = withIncludes(read.text, posix.dirname(path), command, ctx);
    if (included.held.length > 0) return included.held;
    const file = parseMakefile([...evals, included.text].join('\n'));
    const wanted = goals.length > 0 ? goals : file.firstTarget !== undefined ? [file.firstTarget] : [];
    return recipesFor(file, wanted).flatMap(({ target, line }) =>
      shellTextOperations(command, surroundings, line, `make ${target} (${label})`, ctx),
    );
  }
  // no Makefile here: nothing runs but what the goal names promise (`make db-drop`)
  return classifyGeneric(command, goals);
}
