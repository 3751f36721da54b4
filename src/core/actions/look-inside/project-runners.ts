import { optionValue } from '../classifiers/args.js';
import { codeFinds } from './build-scripts.js';
import type { Found, RunnerCall } from './task-runners.js';
import { parseToml, TaskFileError, tomlTable, type TomlValue } from './task-files.js';

// Project task runners whose tasks live in the project's own files, read when they are called: invoke's tasks.py
// (python functions), deno.json tasks, Nx targets in a project.json, mix aliases in mix.exs, cargo aliases and the
// xtask convention (a Rust program of the workspace). Shell text is judged as typed; code is judged on what it
// calls (code-files.ts, build-scripts.ts). A file that defines the task in a way not read here holds the call.

const positionals = (args: readonly string[], valued: readonly string[]): string[] =>
  args.filter((a, i) => !a.startsWith('-') && !valued.includes(args[i - 1] ?? ''));

/** JSON with comments and trailing commas (deno.jsonc, project.json), or a TaskFileError. */
function parseJson(text: string): Record<string, unknown> {
  const stripped = text
    .replace(/("(?:\\.|[^"\\])*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (_, string?: string) => string ?? '')
    .replace(/,(\s*[}\]])/g, '$1');
  try {
    const value = JSON.parse(stripped) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new TaskFileError('not valid JSON');
}

const record = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

// ── invoke ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const INVOKE_VALUED = ['-c', '--collection', '-r', '--search-root', '-f', '--config', '-e'];

interface PythonFunction {
  /** First line (its decorators) and the line after its body, 0-based. */
  start: number;
  end: number;
}

/** The module's top-level functions, by name, each with its decorators and body. */
function pythonFunctions(lines: readonly string[]): Map<string, PythonFunction> {
  const out = new Map<string, PythonFunction>();
  let open: { name: string; start: number } | undefined;
  let decorators: number | undefined;
  const close = (end: number): void => {
    if (open !== undefined) out.set(open.name, { start: open.start, end });
    open = undefined;
  };
  for (const [i, line] of lines.entries()) {
    if (!/^\S/.test(line) || line.startsWith('#')) continue;
    // a top-level line ends the function before it (a `)` closing a multi-line signature does not)
    if (open !== undefined && !/^[)\]]/.test(line)) close(i);
    if (line.startsWith('@')) {
      decorators ??= i;
      continue;
    }
    const def = /^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/.exec(line);
    if (def !== null) open = { name: def[1] ?? '', start: decorators ?? i };
    decorators = undefined;
  }
  close(lines.length);
  return out;
}

/**
 * invoke: the tasks named on the line, read as python from tasks.py — the task's function, the functions it calls
 * (its `pre=`/`post=` tasks, its helpers) and the module's own top-level code, which runs on import; the other
 * tasks' code does not run. A task name tasks.py does not define (a namespaced collection) holds the call.
 */
export function invokeRuns(text: string, call: RunnerCall): Found[] | undefined {
  const names = positionals(call.command.args, INVOKE_VALUED);
  if (names.length === 0) return undefined;
  const lines = text.split('\n');
  const functions = pythonFunctions(lines);
  const wanted = names.filter((n) => functions.has(n.replace(/-/g, '_')));
  if (wanted.length === 0)
    return [{ label: call.file, held: `which does not define task ${names[0] ?? ''} where blastwall reads` }];
  const kept = new Set<string>();
  const visit = (name: string): void => {
    const fn = functions.get(name);
    if (fn === undefined || kept.has(name)) return;
    kept.add(name);
    const body = lines.slice(fn.start, fn.end).join('\n');
    for (const other of functions.keys()) if (new RegExp(`\\b${other}\\b`).test(body)) visit(other);
  };
  for (const name of wanted) visit(name.replace(/-/g, '_'));
  const inside = new Set<number>();
  for (const [name, fn] of functions)
    if (!kept.has(name)) for (let i = fn.start; i < fn.end; i++) inside.add(i);
  // the code of the tasks not run is blanked, so reasons keep their line numbers
  const code = lines.map((line, i) => (inside.has(i) ? '' : line)).join('\n');
  return [{ label: call.file, code, language: 'python' }];
}

// ── deno ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** deno: `deno task NAME` — the task's command (text, or `{ command, dependencies }`), its dependencies first. */
export function denoRuns(text: string, call: RunnerCall): Found[] | undefined {
  const tasks = record(parseJson(text).tasks);
  const name = positionals(call.command.args.slice(1), ['-c', '--config', '--cwd', '-f', '--filter'])[0];
  if (tasks === undefined || name === undefined || tasks[name] === undefined) return undefined;
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (task: string): void => {
    if (seen.has(task) || tasks[task] === undefined) return;
    seen.add(task);
    const value = tasks[task];
    const label = `deno task ${task} (${call.file})`;
    const entry = record(value);
    for (const dep of Array.isArray(entry?.dependencies) ? entry.dependencies : [])
      if (typeof dep === 'string') visit(dep);
    const command = typeof value === 'string' ? value : entry?.command;
    if (typeof command === 'string') found.push({ label, shell: command });
    else if (entry === undefined || entry.command !== undefined)
      found.push({ label, held: 'a task blastwall cannot read' });
  };
  visit(name);
  return found;
}

// ── nx ──────────────────────────────────────────────────────────────────────────────────────────────────────────

/** The project and target an nx call runs: `nx run app:target[:config]`, `nx target app`, `nx run-many` is none. */
export function nxTarget(args: readonly string[]): { project: string; target: string } | undefined {
  const words = positionals(args, ['-c', '--configuration', '-p', '--projects', '-t', '--targets']);
  if (words[0] === 'run') {
    const [project, target] = (words[1] ?? '').split(':');
    return project !== undefined && target !== undefined && target !== '' ? { project, target } : undefined;
  }
  const [target, project] = words;
  if (target === undefined || project === undefined || target.includes(':')) return undefined;
  return { project, target };
}

/** Where a project's project.json usually is, for `nx run app:target`. */
export function nxFiles(args: readonly string[]): string[] {
  const at = nxTarget(args);
  if (at === undefined) return [];
  const project = at.project.replace(/^@[^/]+\//, '');
  return [
    ...['apps', 'libs', 'packages', 'projects', 'services'].map((d) => `${d}/${project}/project.json`),
    `${project}/project.json`,
    'project.json',
  ];
}

// Executors that run the target's shell text; other published executors are their package's code.
const RUN_COMMANDS = new Set([
  'nx:run-commands',
  '@nrwl/workspace:run-commands',
  '@nx/workspace:run-commands',
]);

/**
 * nx: the target of the project.json that names the project — `nx:run-commands` options (`command`, `commands`,
 * run in `cwd`), `nx:run-script` a package script, its `dependsOn` targets of the same project first. An executor of
 * the workspace's own (`./tools/executors/x:y`) is code blastwall does not read: held.
 */
export function nxRuns(text: string, call: RunnerCall): Found[] | undefined {
  const at = nxTarget(call.command.args);
  const json = parseJson(text);
  if (at === undefined) return undefined;
  if (typeof json.name === 'string' && json.name !== at.project && json.name.split('/').pop() !== at.project)
    return undefined;
  const targets = record(json.targets) ?? {};
  if (targets[at.target] === undefined) return undefined;
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const target = record(targets[name]);
    if (target === undefined || seen.has(name)) return;
    seen.add(name);
    for (const dep of Array.isArray(target.dependsOn) ? target.dependsOn : [])
      if (typeof dep === 'string' && !dep.startsWith('^')) visit(dep);
    const label = `nx target ${at.project}:${name} (${call.file})`;
    const executor = typeof target.executor === 'string' ? target.executor : 'nx:run-commands';
    const options = record(target.options) ?? {};
    const cwd = typeof options.cwd === 'string' ? `cd ${JSON.stringify(options.cwd)} && ` : '';
    if (RUN_COMMANDS.has(executor)) {
      const commands = [
        options.command,
        ...(Array.isArray(options.commands) ? options.commands : []),
        ...(target.command !== undefined ? [target.command] : []),
      ].filter((c) => c !== undefined);
      for (const c of commands) {
        const text = typeof c === 'string' ? c : record(c)?.command;
        if (typeof text === 'string') found.push({ label, shell: `${cwd}${text}` });
        else found.push({ label, held: 'a command blastwall cannot read' });
      }
    } else if (executor === 'nx:run-script' && typeof options.script === 'string')
      found.push({ label, shell: `npm run ${options.script}` });
    else if (executor.startsWith('.') || executor.startsWith('/'))
      found.push({ label, held: `the workspace's own executor ${executor}, which blastwall does not read` });
  };
  visit(at.target);
  return found;
}

// ── mix ─────────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * mix: an alias of mix.exs (`setup: ["deps.get", "cmd …", &reset/1]`) — each string a mix task run as
 * `mix TASK …` (`cmd …` is shell text), a function capture the project's Elixir code, judged on what it calls.
 */
export function mixRuns(text: string, call: RunnerCall): Found[] | undefined {
  const name = positionals(call.command.args, [])[0];
  if (name === undefined) return undefined;
  const aliases = mixAliases(text);
  if (aliases === undefined) return undefined;
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (alias: string): boolean => {
    const entries = aliases.get(alias);
    if (entries === undefined || seen.has(alias)) return false;
    seen.add(alias);
    const label = `mix alias ${alias} (${call.file})`;
    for (const entry of entries) {
      const task = /^"((?:\\.|[^"\\])*)"$/.exec(entry)?.[1]?.replace(/\\(.)/g, '$1');
      if (task === undefined) {
        // a function (`&reset_db/1`, `fn _ -> … end`): the project's code
        found.push(...codeFinds(text, call.file, 'elixir'));
        continue;
      }
      const cmd = /^cmd\s+(.*)$/s.exec(task)?.[1];
      if (cmd !== undefined) found.push({ label, shell: cmd });
      // an alias of the same name runs the task itself (mix's rule), another alias is read in turn
      else if (task.split(/\s+/)[0] === alias || !visit(task.split(/\s+/)[0] ?? ''))
        found.push({ label, shell: `mix ${task}` });
    }
    return true;
  };
  return visit(name) ? found : undefined;
}

/** The aliases of mix.exs: each name with its list's entries as written; undefined when there are none. */
function mixAliases(text: string): Map<string, string[]> | undefined {
  // the aliases function (`defp aliases do [...] end`, `defp aliases, do: [...]`) to the file's end: its list first
  const at = /\bdefp?\s+aliases\b/.exec(text)?.index;
  if (at === undefined) return undefined;
  const body = text.slice(at);
  const out = new Map<string, string[]>();
  for (const m of body.matchAll(/(?:^|[\s,[])"?([a-z][\w.]*)"?:\s*(\[|"|&)/g)) {
    const start = (m.index ?? 0) + m[0].length - 1;
    const name = m[1] ?? '';
    if (out.has(name)) continue;
    if (m[2] === '[') out.set(name, elixirList(body, start));
    else out.set(name, [elixirItem(body, start)]);
  }
  return out;
}

/** The entries of the Elixir list opening at `open`, as written. */
function elixirList(text: string, open: number): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i] ?? '';
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      depth--;
      if (depth === 0) {
        items.push(text.slice(start, i).trim());
        break;
      }
    } else if (c === ',' && depth === 1) {
      items.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return items.filter((item) => item !== '');
}

function elixirItem(text: string, start: number): string {
  const rest = text.slice(start);
  return (/^"(?:\\.|[^"\\])*"/.exec(rest)?.[0] ?? /^[^,\]\n]*/.exec(rest)?.[0] ?? '').trim();
}

// ── cargo ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** cargo's own subcommands: anything else is an alias (`.cargo/config.toml`) or an installed `cargo-NAME`. */
const CARGO_BUILTINS = new Set(
  (
    'add b bench build c check clean clippy config d doc fetch fix fmt generate-lockfile help info init install ' +
    'locate-project login logout metadata miri new owner package pkgid publish r remove report rm run rustc ' +
    'rustdoc search t test tree uninstall update vendor verify-project version yank'
  ).split(' '),
);

/** The subcommand of a cargo call when it is not cargo's own (`cargo xtask dist`: xtask). */
export function cargoAlias(args: readonly string[]): string | undefined {
  const verb = args.find((a) => !a.startsWith('-') && !a.startsWith('+'));
  return verb === undefined || CARGO_BUILTINS.has(verb) ? undefined : verb;
}

/**
 * A cargo alias: `[alias] NAME = "run --package xtask --"` in .cargo/config.toml runs that package's program (its
 * src/main.rs, judged as Rust on what it starts and deletes); an alias of other cargo words is that cargo call.
 * With no alias, the xtask convention: a workspace folder of that name whose program `cargo NAME` runs.
 */
export function cargoAliasRuns(text: string, call: RunnerCall): Found[] | undefined {
  const verb = cargoAlias(call.command.args);
  if (verb === undefined) return undefined;
  if (call.file.endsWith('.rs')) return codeFinds(text, call.file, 'rust');
  const value: TomlValue | undefined = tomlTable(parseToml(text), 'alias')?.[verb];
  const words =
    typeof value === 'string'
      ? value.split(/\s+/).filter((w) => w !== '')
      : Array.isArray(value)
        ? value.map(String)
        : undefined;
  if (words === undefined) {
    const read = call.read(`../${verb}/src/main.rs`);
    if (read === undefined) return undefined;
    return 'held' in read
      ? [{ label: `${verb}/src/main.rs`, held: read.held }]
      : codeFinds(read.text, `${verb}/src/main.rs`, 'rust');
  }
  const rest = call.command.args.slice(call.command.args.indexOf(verb) + 1);
  const label = `cargo alias ${verb} (${call.file})`;
  if (words[0] !== 'run' && words[0] !== 'r')
    return [{ label, shell: ['cargo', ...words, ...rest].join(' ') }];
  const pkg = optionValue(words, ['-p', '--package', '--bin']);
  const manifest = optionValue(words, ['--manifest-path'])?.replace(/\/?Cargo\.toml$/, '');
  const folder = manifest ?? pkg;
  if (folder === undefined) return [{ label, held: 'a program of the workspace blastwall does not find' }];
  const file = `${folder}/src/main.rs`;
  const read = call.read(`../${file}`);
  if (read === undefined) return [{ label, held: `${file}, a program blastwall does not find` }];
  return 'held' in read ? [{ label: file, held: read.held }] : codeFinds(read.text, file, 'rust');
}
