import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { LANGUAGES } from '../classifiers/interpreters/interpreters.js';
import { sqlOperations } from '../classifiers/databases/sql.js';
import { operation } from '../classifiers/operation.js';
import { isProtectedZone, pathZone } from '../classifiers/paths.js';
import { shellTextOperations, type LookContext } from './trail.js';

const SHEBANG: [RegExp, string][] = [
  [/python/, 'python'],
  [/\b(node|bun|deno|tsx|ts-node)\b/, 'node'],
  [/ruby/, 'ruby'],
  [/perl/, 'perl'],
  [/php/, 'php'],
];
const EXTENSIONS: Record<string, string> = {
  py: 'python',
  js: 'node',
  mjs: 'node',
  cjs: 'node',
  ts: 'node',
  rb: 'ruby',
  pl: 'perl',
  php: 'php',
};
const SPAWNS: Record<string, RegExp> = {
  python:
    /\b(?:session|c|ctx|context|conn|connection)\.(?:run|sudo|local|run_always)\s*\(|subprocess|os\.(system|popen|exec|spawn)|\bpty\b|\bsh\b\.|plumbum|\beval\(|\bexec\(/,
  node: /child_process|Bun\.spawn|Bun\.\$|Deno\.(run|Command)|execa|shelljs|\bzx\b|\beval\(|new Function/,
};
// Task runners' own ways to start a process: nox `session.run`, invoke/fabric `c.run`, `sh.run`.
const RUNS: Record<string, RegExp> = {
  python: /\b(?:session|c|ctx|context|conn|connection)\.(?:run|sudo|local|run_always)\s*\(/,
  ruby: /\bsh\s*\(|\bsh\s+['"]|\bruby\s+['"]/,
};
const SQL_TEXT = /^\s*(?:DROP|TRUNCATE|DELETE|UPDATE|ALTER)\s/i;
const LITERAL = /(['"`])((?:\\.|(?!\1).)*)\1/g;
const LIST = /\[\s*((?:(['"])(?:\\.|(?!\2).)*\2\s*,?\s*)+)\]/;

/** How a file runs when executed directly: its shebang's language, else its extension's, else a shell. */
export function languageOf(path: string, text: string): string {
  const first = text.slice(0, 200).split('\n', 1)[0] ?? '';
  if (first.startsWith('#!')) return SHEBANG.find(([re]) => re.test(first))?.[1] ?? 'shell';
  return EXTENSIONS[/\.([a-z]+)$/.exec(path)?.[1] ?? ''] ?? 'shell';
}

function literals(text: string): string[] {
  return [...text.matchAll(LITERAL)].map((m) => m[2] ?? '');
}

/**
 * Look-inside for a program file (python, node, ruby, perl, php): each line that starts a process has its
 * command read from its string literals and judged as shell text (`os.system("rm -rf ~")`,
 * `subprocess.run(["rm", "-rf", "/"])`); one whose command is computed is held. A line that deletes files
 * is judged on the paths it names. Reasons name the file and line.
 */
export function codeFileOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  code: string,
  language: string,
  label: string,
  ctx: LookContext,
): Operation[] {
  const rules = LANGUAGES[language];
  if (rules === undefined) return [];
  const ops: Operation[] = [];
  // `pattern.exec(text)` is no process: only code that can start one is read for the commands it starts
  const spawns = SPAWNS[language]?.test(code) ?? true;
  const lines = code.split('\n');
  for (const [index, line] of lines.entries()) {
    if (/^\s*(#|\/\/)/.test(line)) continue;
    const where = `${label}:${index + 1}`;
    if (
      spawns &&
      (rules.executes.test(line) || RUNS[language]?.test(line) === true) &&
      !/^\s*(import|from|const|let|var)\b.*(child_process|subprocess)/.test(line)
    ) {
      const list = LIST.exec(line);
      const text = list !== null ? literals(list[1] ?? '').join(' ') : literals(line).join(' ');
      if (text.trim() === '' || /\$\{|%s|\{\}|\bf['"]/.test(line)) {
        ops.push(
          codeOp(
            command,
            'execute',
            where,
            `${where} starts a process whose command is computed when it runs`,
          ),
        );
      } else {
        ops.push(...shellTextOperations(command, surroundings, text, where, ctx));
      }
    }
    // SQL in a string literal (`cur.execute('DROP TABLE users')`) is SQL through one more door
    for (const literal of literals(line))
      if (SQL_TEXT.test(literal))
        ops.push(
          ...sqlOperations(command, ctx.deps.sql, literal, 'postgres', {}).map((op) => ({
            ...op,
            summary: `${where}: ${op.summary}`,
          })),
        );
    if (rules.deletes.test(line)) {
      // a path in a variable (`for d in ('build', 'dist'): rmtree(d)`) is one of the file's literals
      const own = literals(line).filter((t) => t !== '' && !/\s/.test(t));
      // …but only when the call's argument is a plain variable; a call (`os.homedir()`) is computed
      const variable = /\(\s*[A-Za-z_$][\w$]*\s*[,)]/.test(line);
      const named =
        own.length > 0 || !variable
          ? own
          : literals(code).filter((t) => t !== '' && !/\s/.test(t) && /^[~./\w-]+$/.test(t));
      const risky =
        named.length === 0
          ? ['a path computed at run time']
          : named.filter((p) => isProtectedZone(pathZone(p, command, surroundings).zone));
      for (const path of risky) ops.push(codeOp(command, 'delete', path, `${where} deletes ${path}`));
    }
  }
  return ops;
}

function codeOp(command: SimpleCommand, kind: Operation['kind'], target: string, summary: string): Operation {
  return operation(command, {
    kind,
    category: kind === 'delete' ? 'filesystem' : 'process',
    destructive: true,
    reversible: false,
    target,
    summary: `${command.name} runs ${summary}`,
    hints: { local: true },
  });
}
