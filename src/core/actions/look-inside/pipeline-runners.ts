import { parse } from 'yaml';
import { optionValue } from '../classifiers/args.js';
import type { SimpleCommand } from '../types.js';
import { TaskFileError } from './task-files.js';
import type { Found, RunnerCall } from './task-runners.js';

// Runners whose configuration is a pipeline of steps: lefthook's hooks, GitHub workflows run locally by act, and a
// Tiltfile's local commands. Placeholders the runner fills in when it runs (`{staged_files}`, `${{ secrets.X }}`)
// become expansions the shell cannot know, so a command is judged on what is written around them.

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function yaml(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new TaskFileError(`not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
}

/** lefthook: `lefthook run HOOK` — the hook's commands, scripts (under .lefthook/HOOK/) and jobs. */
export function lefthookRuns(text: string, call: RunnerCall): Found[] | undefined {
  const words = call.command.args.filter((a) => !a.startsWith('-'));
  if (words[0] !== 'run' || words[1] === undefined) return [];
  const hookName = words[1];
  const hook = record(record(yaml(text))?.[hookName]);
  if (hook === undefined) return undefined;
  const only = optionValue(call.command.args, ['--commands', '--command'])?.split(',');
  const found: Found[] = [];
  const fill = (run: string): string =>
    run
      .replace(/\{(?:staged_files|all_files|push_files|files|\d+)\}/g, '${LEFTHOOK_FILES}')
      .replace(/\{[^}]*\}/g, '${LEFTHOOK_VALUE}');
  const job = (entry: Record<string, unknown> | undefined, name: string): void => {
    if (entry === undefined || (only !== undefined && !only.includes(name))) return;
    const label = `lefthook ${hookName} ${name} (${call.file})`;
    if (typeof entry.run === 'string') found.push({ label, shell: fill(entry.run) });
    if (typeof entry.script === 'string') script(entry.script, label);
    for (const inner of Array.isArray(record(entry.group)?.jobs)
      ? (record(entry.group)?.jobs as unknown[])
      : [])
      job(record(inner), String(record(inner)?.name ?? name));
  };
  const script = (file: string, label: string): void => {
    const read = call.read(`.lefthook/${hookName}/${file}`);
    if (read === undefined) return;
    found.push(
      'held' in read
        ? { label, held: read.held }
        : { label: `.lefthook/${hookName}/${file}`, script: read.text },
    );
  };
  for (const [name, entry] of Object.entries(record(hook.commands) ?? {})) job(record(entry), name);
  for (const [file, entry] of Object.entries(record(hook.scripts) ?? {}))
    if (only === undefined || only.includes(file))
      script(file, `lefthook ${hookName} ${file} (${String(record(entry)?.runner ?? 'script')})`);
  for (const [i, entry] of (Array.isArray(hook.jobs) ? hook.jobs : []).entries())
    job(record(entry), String(record(entry)?.name ?? `job ${i + 1}`));
  return found;
}

/** act's workflow files: the one `-W` names, else every workflow (a folder, ending in /). */
export function actFiles(command: SimpleCommand): string[] {
  const named = optionValue(command.args, ['-W', '--workflows']);
  if (named === undefined) return ['.github/workflows/'];
  return /\.ya?ml$/.test(named) ? [named] : [`${named.replace(/\/+$/, '')}/`];
}

/** act: the `run:` steps of the jobs the event triggers (`-j` picks one); a local action or workflow is held. */
export function actRuns(text: string, call: RunnerCall): Found[] | undefined {
  const workflow = record(yaml(text));
  if (workflow === undefined) return [];
  const args = call.command.args;
  const valued = [
    '-W',
    '--workflows',
    '-j',
    '--job',
    '-s',
    '--secret',
    '--var',
    '-e',
    '--eventpath',
    '-P',
    '--platform',
    '--env',
    '--input',
    '--container-architecture',
    '-C',
    '--directory',
  ];
  const event = args.find((a, i) => !a.startsWith('-') && !valued.includes(args[i - 1] ?? '')) ?? 'push';
  // `on` is read by YAML 1.1 readers as true: both spellings
  const on = workflow.on ?? workflow.true;
  const triggered =
    on === event ||
    (Array.isArray(on) && on.includes(event)) ||
    (record(on) !== undefined && Object.hasOwn(record(on) ?? {}, event));
  const only = optionValue(args, ['-j', '--job']);
  if (!triggered && only === undefined && optionValue(args, ['-W', '--workflows']) === undefined) return [];
  const found: Found[] = [];
  for (const [name, value] of Object.entries(record(workflow.jobs) ?? {})) {
    if (only !== undefined && name !== only) continue;
    const job = record(value);
    const label = `act job ${name} (${call.file})`;
    if (typeof job?.uses === 'string' && job.uses.startsWith('./'))
      found.push({ label, held: `a workflow of the repository (${job.uses}) blastwall does not read` });
    for (const step of Array.isArray(job?.steps) ? (job.steps as unknown[]) : []) {
      const s = record(step);
      if (typeof s?.run === 'string')
        found.push({ label, shell: s.run.replace(/\$\{\{[^}]*\}\}/g, '${ACT_EXPRESSION}') });
      else if (typeof s?.uses === 'string' && s.uses.startsWith('./'))
        found.push({ label, held: `an action of the repository (${s.uses}) blastwall does not read` });
    }
  }
  return found;
}

/** One argument of a Starlark call: its keyword (if any) and its literal value (a string, or a list of strings). */
interface Argument {
  keyword?: string;
  value?: string | string[];
}

const STRING = /^(?:[rRbB]?)("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')/;

function unquote(literal: string): string {
  const triple = literal.startsWith('"""') || literal.startsWith("'''");
  const body = literal.slice(triple ? 3 : 1, triple ? -3 : -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
}

/** The arguments of a call whose `(` is at `open`, split at top-level commas; a value that is not a literal is undefined. */
function callArguments(text: string, open: number): Argument[] {
  const args: Argument[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const literal = STRING.exec(text.slice(i, i + 4096));
    if (literal !== null && i > open) {
      i += literal[0].length - 1;
      continue;
    }
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if ((c === ',' && depth === 1) || depth === 0) {
      const part = text.slice(start, i).trim();
      if (part !== '') args.push(argument(part));
      start = i + 1;
      if (depth === 0) break;
    }
  }
  return args;
}

function argument(part: string): Argument {
  const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*/.exec(part);
  const text = keyword === null ? part : part.slice(keyword[0].length);
  const out: Argument = keyword === null ? {} : { keyword: keyword[1] ?? '' };
  const whole = STRING.exec(text);
  if (whole !== null && whole[0].length === text.length) return { ...out, value: unquote(whole[0]) };
  const list = /^\[([\s\S]*)\]$/.exec(text);
  if (list === null) return out;
  const items = (list[1] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const words = items.map((s) => STRING.exec(s)?.[0]).filter((s): s is string => s !== undefined);
  return words.length === items.length && words.every((w, i) => w.length === items[i]?.length)
    ? { ...out, value: words.map(unquote) }
    : out;
}

function quoted(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

// The Tiltfile functions that run a command on this machine, and which argument holds it (keyword, position).
const TILT_COMMANDS: Record<string, [string, number][]> = {
  local: [['command', 0]],
  local_resource: [
    ['cmd', 1],
    ['serve_cmd', 7],
  ],
  custom_build: [['command', 1]],
};

/** tilt up/ci: the commands a Tiltfile's `local(…)`, `local_resource(cmd=…)` and `custom_build` run; computed ones held. */
export function tiltRuns(text: string, call: RunnerCall): Found[] {
  const found: Found[] = [];
  const code = text.replace(/^\s*#.*$/gm, (m) => ' '.repeat(m.length));
  for (const match of code.matchAll(/(?<![\w.])(local_resource|local|custom_build|include|load)\s*\(/g)) {
    const fn = match[1] ?? '';
    const line = code.slice(0, match.index).split('\n').length;
    const label = `${call.file}:${line} ${fn}`;
    const args = callArguments(code, (match.index ?? 0) + match[0].length - 1);
    if (fn === 'include' || fn === 'load') {
      const file = args[0]?.value;
      if (
        typeof file === 'string' &&
        (file.startsWith('./') || file.startsWith('../') || !file.includes(':'))
      )
        found.push({ label, held: `another Tiltfile (${file}) blastwall does not read` });
      continue;
    }
    for (const [keyword, position] of TILT_COMMANDS[fn] ?? []) {
      const arg =
        args.find((a) => a.keyword === keyword) ?? args.filter((a) => a.keyword === undefined)[position];
      if (arg === undefined) continue;
      if (arg.value === undefined) found.push({ label, held: 'a command only known when it runs' });
      else found.push({ label, shell: typeof arg.value === 'string' ? arg.value : quoted(arg.value) });
    }
  }
  return found;
}
