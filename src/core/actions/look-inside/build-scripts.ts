import type { SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import type { Found, RunnerCall } from './task-runners.js';

// Build scripts that run as code when a build tool starts: a Brewfile (Ruby) under `brew bundle`, Cargo's build.rs
// under `cargo build`, Gradle's build scripts under `./gradlew TASK`. What they start or delete is read from their
// literals: a process with a literal command is judged as that command, a deletion of a literal path as `rm -rf`
// of it; a process or a path computed when the code runs (a variable, `System.getProperty("user.home")`,
// `format!`) is held.

/** `brew bundle`: the Brewfile is Ruby, evaluated whole (`system`, backticks, FileUtils). */
export function brewfileRuns(text: string, call: RunnerCall): Found[] {
  return [{ label: call.file, code: text, language: 'ruby' }];
}

const LITERAL = /^"((?:\\.|[^"\\\n])*)"|^'((?:\\.|[^'\\\n])*)'/;

/** A literal string at the start of `text` (no templates: `"$x"`, `"${x}"`, `{}` format holes are computed). */
function literal(text: string): string | undefined {
  const m = LITERAL.exec(text.trim());
  if (m === null || m[0].length !== text.trim().length) return undefined;
  const body = m[1] ?? m[2] ?? '';
  return /\$[{\w]|#\{/.test(body) ? undefined : body.replace(/\\(.)/g, '$1');
}

/** The top-level comma-separated parts of an argument list (between its brackets). */
function parts(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  return last === '' ? out : [...out, last];
}

/** The text between the bracket at `open` and its match. */
function inside(text: string, open: number): string {
  const pairs: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
  const close = pairs[text[open] ?? ''] ?? ')';
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote !== '') {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === text[open]) depth++;
    else if (c === close && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

/** Literal words of argument parts, flattening list literals (`listOf(…)`, `vec![…]`, `&[…]`, `[…]`); undefined if any is computed. */
function words(items: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const item of items) {
    const list = /^(?:&?\[|vec!\[|(?:listOf|arrayOf|mutableListOf)\()/.exec(item);
    if (list !== null) {
      const inner = words(parts(inside(item, list[0].length - 1)));
      if (inner === undefined) return undefined;
      out.push(...inner);
      continue;
    }
    const word = literal(item);
    if (word === undefined) return undefined;
    out.push(word);
  }
  return out;
}

function shellWords(list: readonly string[]): string {
  return list.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Deletions and process starts in build code: `rm -rf` of literal paths, literal commands, holds for the rest. */
export function codeFinds(
  code: string,
  file: string,
  language: 'rust' | 'gradle' | 'elixir',
  first = 1,
): Found[] {
  const found: Found[] = [];
  const text = code.replace(language === 'elixir' ? /^\s*#.*$/gm : /^\s*\/\/.*$/gm, (m) =>
    ' '.repeat(m.length),
  );
  const at = (index: number): string => `${file}:${lineOf(text, index) + first - 1}`;
  // a project's own build folder is the build tool's to delete
  const ownBuild = /^(?:project\.|rootProject\.)?(?:layout\.buildDirectory|buildDir)(?:\.get\(\))?$/;
  const deletes =
    language === 'rust'
      ? /\b(?:fs::)?(remove_dir_all|remove_file|remove_dir)\s*\(/g
      : language === 'elixir'
        ? /\bFile\.(rm_rf!?|rm!?|rmdir!?)\s*\(/g
        : /(?<![\w.])(delete|project\.delete|file\([^)]*\)\.deleteRecursively|deleteRecursively|deleteDir)\s*\(/g;
  for (const m of text.matchAll(deletes)) {
    const open = (m.index ?? 0) + m[0].length - 1;
    const args = parts(inside(text, open)).filter((p) => !ownBuild.test(p));
    const paths = words(args);
    const where = at(m.index ?? 0);
    if (paths === undefined || (args.length === 0 && !/\bdelete\(/.test(m[0])))
      found.push({ label: where, held: `${m[1] ?? 'a deletion'} of a path only known when it runs` });
    else if (paths.length > 0) found.push({ label: where, shell: `rm -rf ${shellWords(paths)}` });
  }
  if (language === 'elixir') return [...found, ...elixirStarts(text, at)];
  const starts =
    language === 'rust'
      ? /\bCommand::new\s*\(/g
      : /(?<![\w.])(commandLine|ProcessBuilder|Runtime\.getRuntime\(\)\.exec|executable)\s*(?:=\s*)?(\(|(?=['"]))/g;
  for (const m of text.matchAll(starts)) {
    const where = at(m.index ?? 0);
    const open = (m.index ?? 0) + m[0].length - 1;
    let argv: string[] | undefined;
    if (text[open] === '(') {
      argv = words(parts(inside(text, open)));
      if (language === 'rust' && argv !== undefined) {
        // the builder chain that follows: `.arg("x")`, `.args(["a", "b"])`, up to the end of the statement
        const rest = text.slice(open + inside(text, open).length + 2);
        const chain = rest.slice(0, rest.search(/;|$/));
        for (const call of chain.matchAll(/\.(arg|args|current_dir|env)\s*\(/g)) {
          if (call[1] !== 'arg' && call[1] !== 'args') continue;
          const more = words(parts(inside(chain, (call.index ?? 0) + call[0].length - 1)));
          if (more === undefined) argv = undefined;
          else argv?.push(...more);
          if (argv === undefined) break;
        }
      }
    } else {
      // Groovy without parentheses: `commandLine 'rm', '-rf', 'x'` to the end of the line
      const end = text.indexOf('\n', open);
      argv = words(parts(text.slice(open + 1, end === -1 ? undefined : end)));
    }
    if (argv === undefined || argv.length === 0)
      found.push({ label: where, held: 'a process whose command is only known when it runs' });
    else found.push({ label: where, shell: shellWords(argv) });
  }
  // Groovy runs a string or list as a process: `"git push -f".execute()`, `["rm", "-rf", x].execute()`
  if (language === 'gradle')
    for (const m of text.matchAll(
      /("(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|\[[^\]\n]*\]|\S+)\s*\.execute\s*\(/g,
    )) {
      const target = m[1] ?? '';
      const argv = target.startsWith('[') ? words(parts(target.slice(1, -1))) : literal(target);
      found.push(
        argv === undefined
          ? { label: at(m.index ?? 0), held: 'a process whose command is only known when it runs' }
          : { label: at(m.index ?? 0), shell: typeof argv === 'string' ? argv : shellWords(argv) },
      );
    }
  return found;
}

/**
 * Elixir's process starts: `System.cmd("rm", ["-rf", "x"], opts)` an argv, `System.shell("…")`, `Mix.shell().cmd("…")`
 * and `:os.cmd('…')` shell text; `Port.open` or a computed command is held.
 */
function elixirStarts(text: string, at: (index: number) => string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(
    /\b(System\.cmd|System\.shell|Mix\.shell\(\)\.cmd|Mix\.Shell\.\w+\.cmd|:os\.cmd|Port\.open)\s*\(/g,
  )) {
    const where = at(m.index ?? 0);
    const args = parts(inside(text, (m.index ?? 0) + m[0].length - 1));
    const argv =
      m[1] === 'System.cmd'
        ? words(args.slice(0, 2))
        : m[1] === 'Port.open'
          ? undefined
          : words(args.slice(0, 1));
    if (argv === undefined || argv.length === 0)
      found.push({ label: where, held: 'a process whose command is only known when it runs' });
    else found.push({ label: where, shell: m[1] === 'System.cmd' ? shellWords(argv) : (argv[0] ?? '') });
  }
  return found;
}

/** `cargo build|test|run|check …`: build.rs runs first, whole. */
export function cargoRuns(text: string, call: RunnerCall): Found[] {
  return codeFinds(text, call.file, 'rust');
}

/** Gradle's build files: the named one (`-b`), else the project's build and settings scripts. */
export function gradleFiles(command: SimpleCommand): string[] {
  const dir = optionValue(command.args, ['-p', '--project-dir']);
  const named = optionValue(command.args, ['-b', '--build-file']);
  if (named !== undefined) return [named];
  const at = (f: string): string => (dir === undefined ? f : `${dir.replace(/\/+$/, '')}/${f}`);
  return [at('build.gradle.kts'), at('build.gradle')];
}

// A task's definition and the block that configures it: `tasks.register<Delete>("x") {`, `task x(type: Exec) {`,
// `tasks.named("x") {`, `val x by tasks.registering {`.
const TASK =
  /(?:tasks\.(?:register|create|named|getByName)\s*(?:<[^>]*>)?\s*\(\s*["']([\w-]+)["'][^)]*\)|\btask\s*\(?\s*["']?([\w-]+)["']?\s*(?:\([^)]*\))?|\bval\s+([\w]+)\s+by\s+tasks\.(?:registering|creating)\s*(?:\([^)]*\))?)\s*\{/g;

/** The tasks a Gradle call asks for, by their own name (`:app:clean` is clean). */
export function gradleTasks(args: readonly string[]): string[] {
  return args
    .filter(
      (a, i) =>
        !a.startsWith('-') &&
        !['-p', '--project-dir', '-b', '--build-file', '-x', '--exclude-task'].includes(args[i - 1] ?? ''),
    )
    .map((g) => g.split(':').at(-1) ?? g);
}

/**
 * `./gradlew TASK…`: the build script's configuration code always runs; a task's own block runs when the task (or a
 * task depending on it) is asked for. Settings scripts run too.
 */
export function gradleRuns(text: string, call: RunnerCall): Found[] {
  const goals = gradleTasks(call.command.args);
  const language = 'gradle' as const;
  const blocks: { name: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(TASK)) {
    const name = m[1] ?? m[2] ?? m[3] ?? '';
    const open = (m.index ?? 0) + m[0].length - 1;
    blocks.push({ name, start: open, end: open + inside(text, open).length + 2 });
  }
  const wanted = new Set(goals);
  // dependsOn("x") / dependsOn 'x' inside a wanted task's block pulls x in too
  for (let grew = true; grew;) {
    grew = false;
    for (const b of blocks.filter((b) => wanted.has(b.name)))
      for (const d of text
        .slice(b.start, b.end)
        .matchAll(/\b(?:dependsOn|finalizedBy)\s*\(?\s*["']([\w:-]+)["']/g)) {
        const dep = (d[1] ?? '').split(':').at(-1) ?? '';
        if (!wanted.has(dep)) {
          wanted.add(dep);
          grew = true;
        }
      }
  }
  // configuration code: everything outside task blocks, each blanked out (lengths kept, so lines still match)
  let config = text;
  for (const b of blocks)
    config =
      config.slice(0, b.start) + config.slice(b.start, b.end).replace(/[^\n]/g, ' ') + config.slice(b.end);
  const found = codeFinds(config, call.file, language);
  for (const b of blocks.filter((b) => wanted.has(b.name)))
    found.push(
      ...codeFinds(text.slice(b.start, b.end), call.file, language, lineOf(text, b.start)).map((f) => ({
        ...f,
        label: `${f.label} (task ${b.name})`,
      })),
    );
  for (const settings of ['settings.gradle.kts', 'settings.gradle']) {
    const read = call.read(settings);
    if (read === undefined) continue;
    found.push(
      ...('held' in read ? [{ label: settings, held: read.held }] : codeFinds(read.text, settings, language)),
    );
  }
  return found;
}
