import { optionValue, optionValues } from '../classifiers/args.js';
import { brewfileRuns, cargoRuns, gradleFiles, gradleRuns, gradleTasks } from './build-scripts.js';
import { actRuns, actFiles, lefthookRuns, tiltRuns } from './pipeline-runners.js';
import {
  cargoAlias,
  cargoAliasRuns,
  denoRuns,
  INVOKE_VALUED,
  invokeRuns,
  mixRuns,
  nxFiles,
  nxRuns,
} from './project-runners.js';
import { DVC, HARDHAT, JUPYTER, PAPERMILL, QSUB, SBATCH, SNAKEMAKE, STEAMCMD, WP } from './run-files.js';
import type { Found, RunnerCall, TaskRunner } from './task-runners.js';
import { parseIni, parseProcfile, parseToml, tomlTable, type TomlValue } from './task-files.js';

// Which file each runner reads, and how the commands are found in it (see task-runners.ts).

const positionals = (args: readonly string[], valued: readonly string[]): string[] =>
  args.filter((a, i) => !a.startsWith('-') && !valued.includes(args[i - 1] ?? ''));
const among =
  (...flags: string[]) =>
  (args: readonly string[]): boolean =>
    args.some((a) => flags.includes(a));
const inDir = (dir: string | undefined, file: string): string =>
  dir === undefined ? file : `${dir.replace(/\/+$/, '')}/${file}`;

/** tox: the selected environments' commands (`-e a,b`, TOXENV, else env_list), each falling back to [testenv]. */
function toxRuns(text: string, call: RunnerCall): Found[] {
  const ini = parseIni(text);
  const base = ini.get('testenv');
  const chosen =
    optionValues(call.command.args, ['-e']).join(',') ||
    call.command.env.TOXENV ||
    ini.get('tox')?.get('env_list') ||
    ini.get('tox')?.get('envlist') ||
    'py';
  const names = chosen
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const all = names.includes('ALL')
    ? [...ini.keys()].filter((k) => k.startsWith('testenv:')).map((k) => k.slice(8))
    : names;
  const posargs = call.command.args.includes('--')
    ? call.command.args.slice(call.command.args.indexOf('--') + 1)
    : [];
  const found: Found[] = [];
  for (const name of all) {
    const own = ini.get(`testenv:${name}`);
    for (const key of ['commands_pre', 'commands', 'commands_post']) {
      const value = own?.get(key) ?? base?.get(key);
      if (value === undefined) continue;
      const shell = value
        .split('\n')
        .map((line) => line.replace(/^[-!]\s*/, ''))
        .join('\n')
        .replace(/\{(?:tox_root|toxinidir)\}/g, call.dir)
        .replace(/\{(?:env_dir|envdir|envtmpdir|env_tmp_dir|toxworkdir|work_dir)\}/g, `${call.dir}/.tox`)
        .replace(/\{posargs(?::([^}]*))?\}/g, (_, fallback?: string) =>
          posargs.length > 0 ? posargs.join(' ') : (fallback ?? ''),
        )
        .replace(/\{[^}]*\}/g, '${TOX_VALUE}');
      found.push({ label: `tox env ${name} (${call.file})`, shell });
    }
  }
  return found;
}

/** The string values of a TOML table (an environment), or none. */
function tableOf(value: TomlValue | undefined): Record<string, string> {
  if (value === undefined || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Shell text run with these variables set (exported first, so every command of the text sees them). */
function withEnv(env: Record<string, string>, shell: string): string {
  const names = Object.keys(env).filter((name) => /^[A-Za-z_]\w*$/.test(name));
  if (names.length === 0) return shell;
  const quoted = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
  return `${names.map((name) => `export ${name}=${quoted(env[name] ?? '')}`).join('\n')}\n${shell}`;
}

/** poe: a task of [tool.poe.tasks] — cmd/shell text, a sequence or ref of other tasks; a script or expr is held. */
function poeRuns(text: string, call: RunnerCall): Found[] | undefined {
  const toml = parseToml(text);
  const poe = tomlTable(toml, 'tool', 'poe');
  const tasks = tomlTable(toml, 'tool', 'poe', 'tasks');
  const name = positionals(call.command.args, ['-C', '--root', '--directory', '-d']).at(0);
  if (tasks === undefined || name === undefined || tasks[name] === undefined) return undefined;
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (task: TomlValue | undefined, label: string): void => {
    if (task === undefined || seen.has(label) || seen.size > 64) return;
    seen.add(label);
    const where = `poe task ${label} (${call.file})`;
    if (typeof task === 'string') return void found.push({ label: where, shell: task });
    if (Array.isArray(task)) {
      for (const item of task) visit(typeof item === 'string' ? tasks[item] : item, String(item));
      return;
    }
    if (typeof task !== 'object')
      return void found.push({ label: where, held: 'a task blastwall cannot read' });
    for (const dep of Array.isArray(task.deps) ? task.deps : [])
      if (typeof dep === 'string') visit(tasks[dep], dep);
    // the task's own environment (`env = { DATABASE_URL = … }`) over poe's global one: where the command acts
    const env = { ...tableOf(poe?.env), ...tableOf(task.env) };
    if (typeof task.cmd === 'string') found.push({ label: where, shell: withEnv(env, task.cmd) });
    else if (typeof task.shell === 'string') found.push({ label: where, shell: withEnv(env, task.shell) });
    else if (typeof task.ref === 'string') visit(tasks[task.ref.split(/\s+/)[0] ?? ''], task.ref);
    else if (Array.isArray(task.sequence)) visit(task.sequence, `${label} sequence`);
    else
      found.push({
        label: where,
        held: 'Python code (a script, expr or switch task) blastwall does not read',
      });
  };
  visit(tasks[name], name);
  return found;
}

const COMPOSER_EVENTS: Record<string, string[]> = {
  install: ['pre-install-cmd', 'post-install-cmd', 'pre-autoload-dump', 'post-autoload-dump'],
  update: ['pre-update-cmd', 'post-update-cmd', 'pre-autoload-dump', 'post-autoload-dump'],
  'dump-autoload': ['pre-autoload-dump', 'post-autoload-dump'],
};

/**
 * composer: `run-script NAME` (or a script run as `composer NAME`) and the event scripts of install, update and
 * dump-autoload. `@name` runs another script, `@php`/`@composer` those programs; a PHP callback into the project's
 * own classes (its autoload namespaces) is code blastwall does not read, held; one into a dependency is that package's.
 */
function composerRuns(text: string, call: RunnerCall): Found[] | undefined {
  let json: { scripts?: Record<string, unknown>; autoload?: { 'psr-4'?: Record<string, unknown> } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch {
    return [{ label: call.file, held: 'which is not valid JSON' }];
  }
  const scripts = json.scripts ?? {};
  const own = Object.keys(json.autoload?.['psr-4'] ?? {});
  const args = call.command.args;
  if (args.includes('--no-scripts')) return [];
  const words = positionals(args, ['-d', '--working-dir']);
  const verb = words[0] ?? '';
  const event = { i: 'install', u: 'update', upgrade: 'update', dumpautoload: 'dump-autoload' }[verb] ?? verb;
  const names =
    verb === 'run-script' || verb === 'run'
      ? [words[1] ?? '']
      : (COMPOSER_EVENTS[event] ?? (scripts[verb] !== undefined ? [verb] : []));
  if (names.length === 0 || (names.length === 1 && scripts[names[0] ?? ''] === undefined)) return undefined;
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const value = scripts[name];
    if (value === undefined || seen.has(name)) return;
    seen.add(name);
    const label = `composer script "${name}" (${call.file})`;
    for (const entry of Array.isArray(value) ? value : [value]) {
      const line = String(entry).trim();
      if (line.startsWith('@putenv')) continue;
      const ref = /^@([\w:-]+)(?:\s|$)/.exec(line)?.[1];
      if (ref !== undefined && ref !== 'php' && ref !== 'composer') visit(ref);
      else if (/^[\w\\]+::\w+$/.test(line)) {
        if (own.some((ns) => ns !== '' && line.startsWith(ns)))
          found.push({ label, held: `the project's own PHP method ${line}, which blastwall does not read` });
      } else found.push({ label, shell: line.replace(/^@(php|composer)\b/, '$1') });
    }
  };
  for (const name of names) visit(name);
  return found;
}

const MISE_FILES = [
  'mise.toml',
  '.mise.toml',
  'mise.local.toml',
  '.mise.local.toml',
  '.config/mise.toml',
  '.mise/config.toml',
  '.config/mise/config.toml',
];
const MISE_TASK_DIRS = ['.mise/tasks', 'mise-tasks', '.mise-tasks', 'mise/tasks', '.config/mise/tasks'];

/** mise: `mise run TASK` — [tasks.TASK] run (text or list) after its depends; else a file task under .mise/tasks. */
function miseRuns(text: string, call: RunnerCall): Found[] | undefined {
  const tasks = tomlTable(parseToml(text), 'tasks') ?? {};
  const names = miseTasks(call.command.args);
  if (names.length === 0) return undefined;
  const found: Found[] = [];
  const seen = new Set<string>();
  const visit = (name: string): boolean => {
    if (seen.has(name)) return true;
    seen.add(name);
    const task = tasks[name];
    const label = `mise task ${name} (${call.file})`;
    if (task === undefined) {
      for (const dir of MISE_TASK_DIRS) {
        const read = call.read(`${dir}/${name.replace(/:/g, '/')}`);
        if (read === undefined) continue;
        found.push(
          'held' in read ? { label, held: read.held } : { label: `${dir}/${name}`, script: read.text },
        );
        return true;
      }
      return false;
    }
    if (typeof task === 'string') return found.push({ label, shell: task }) > 0;
    if (typeof task !== 'object' || Array.isArray(task))
      return found.push({ label, held: 'a task blastwall cannot read' }) > 0;
    for (const dep of Array.isArray(task.depends) ? task.depends : [task.depends])
      if (typeof dep === 'string') visit(dep.split(/\s+/)[0] ?? dep);
    const run = Array.isArray(task.run) ? task.run : task.run === undefined ? [] : [task.run];
    for (const line of run)
      if (typeof line === 'string')
        found.push({ label, shell: line.replace(/\{\{[^}]*\}\}/g, '${MISE_VALUE}') });
    if (typeof task.file === 'string') {
      const read = call.read(task.file);
      if (read !== undefined)
        found.push('held' in read ? { label, held: read.held } : { label: task.file, script: read.text });
    }
    return true;
  };
  return names.every(visit) ? found : undefined;
}

function miseTasks(args: readonly string[]): string[] {
  const words = positionals(args, ['-C', '--cd', '-E', '--env', '-j', '--jobs', '-t', '--tool']);
  const at = words[0] === 'tasks' ? 1 : 0;
  if (words[at] !== 'run' && words[at] !== 'r') return [];
  return words.slice(at + 1).filter((w) => w !== ':::');
}

/** Procfile runners: every process, or the ones named after `start`; `run CMD` runs CMD itself. */
function procfileRuns(text: string, call: RunnerCall): Found[] | undefined {
  const processes = parseProcfile(text);
  const words = positionals(call.command.args, [
    '-f',
    '--procfile',
    '-e',
    '--env',
    '-d',
    '--root',
    '-p',
    '--port',
    '-l',
    '-m',
    '--formation',
  ]);
  const verb = words[0] ?? 'start';
  if (!['start', 's', 'local'].includes(verb) && call.command.name !== 'heroku') return [];
  const named = [
    ...words.slice(1),
    ...(optionValue(call.command.args, ['-l']) ?? '').split(',').filter((n) => n !== ''),
  ].filter((n) => processes.has(n));
  const chosen = named.length > 0 ? named : [...processes.keys()];
  return chosen.map((name) => ({
    label: `process ${name} (${call.file})`,
    shell: processes.get(name) ?? '',
  }));
}

const PROCFILE_VALUED = ['-f', '--procfile', '-e', '--env', '-d', '--root', '-p', '--port', '-l', '-m'];
const procfile: TaskRunner = {
  idle: among('--help', '-h', 'check', 'export', 'version', '--version'),
  files: (c) => [optionValue(c.args, ['-f', '--procfile']) ?? 'Procfile'],
  runs: procfileRuns,
  // with no Procfile: the processes named, read for intent (`honcho start purge`)
  named: (args) => positionals(args, PROCFILE_VALUED).slice(1),
};

const invoke: TaskRunner = {
  idle: among('-l', '--list', '-h', '--help', '-V', '--version', '--complete', '--dry'),
  files: (c) => {
    const root = optionValue(c.args, ['-r', '--search-root']);
    const name = optionValue(c.args, ['-c', '--collection']) ?? 'tasks';
    return [inDir(root, `${name}.py`), inDir(root, `${name}/__init__.py`)];
  },
  runs: invokeRuns,
  named: (args) => positionals(args, INVOKE_VALUED),
};

const BUILD_VERBS = ['build', 'b', 'test', 't', 'run', 'r', 'check', 'c', 'bench', 'clippy', 'doc'];

/** The runners look-inside reads configuration for, by command name. */
export const RUNNERS: Readonly<Record<string, TaskRunner>> = {
  tox: {
    idle: among(
      '-l',
      '--listenvs',
      '-a',
      '--listenvs-all',
      'list',
      'l',
      'config',
      'c',
      '--showconfig',
      '--help',
      '-h',
      '--version',
      '--notest',
    ),
    files: (c) => [optionValue(c.args, ['-c', '--conf']) ?? 'tox.ini'],
    runs: toxRuns,
  },
  poe: {
    idle: among('--help', '-h', '--version', '-d', '--dry-run'),
    files: (c) => [inDir(optionValue(c.args, ['-C', '--root', '--directory']), 'pyproject.toml')],
    runs: poeRuns,
    named: (args) => positionals(args, ['-C', '--root', '--directory']).slice(0, 1),
  },
  composer: {
    files: (c) => [inDir(optionValue(c.args, ['-d', '--working-dir']), 'composer.json')],
    runs: composerRuns,
  },
  mise: {
    idle: among('-n', '--dry-run', '--help', '-h'),
    files: (c) => MISE_FILES.map((f) => inDir(optionValue(c.args, ['-C', '--cd']), f)),
    runs: miseRuns,
  },
  lefthook: {
    files: () => ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', '.config/lefthook.yml'],
    runs: lefthookRuns,
  },
  honcho: procfile,
  foreman: procfile,
  forego: procfile,
  overmind: procfile,
  nf: procfile,
  tilt: {
    idle: (args) => !['up', 'ci'].includes(args.find((a) => !a.startsWith('-')) ?? ''),
    files: (c) => [optionValue(c.args, ['-f', '--file']) ?? 'Tiltfile'],
    runs: tiltRuns,
  },
  act: {
    idle: among('-l', '--list', '-n', '--dryrun', '-g', '--graph', '--help', '-h', '--version'),
    files: actFiles,
    runs: actRuns,
  },
  brew: {
    idle: (args) => args[0] !== 'bundle',
    files: (c) => [optionValue(c.args, ['--file']) ?? 'Brewfile'],
    runs: brewfileRuns,
  },
  cargo: {
    // `cargo install NAME` builds a published crate, not this one (unless `--path`)
    idle: (args) => {
      const verb = args.find((a) => !a.startsWith('-')) ?? '';
      if (verb === 'install') return !args.includes('--path');
      return !BUILD_VERBS.includes(verb) && cargoAlias(args) === undefined;
    },
    // an alias or xtask-style subcommand (`cargo xtask dist`) runs a program of the workspace; a build runs build.rs
    files: (c) => {
      const alias = cargoAlias(c.args);
      return alias === undefined
        ? ['build.rs']
        : ['.cargo/config.toml', '.cargo/config', `${alias}/src/main.rs`];
    },
    runs: (text, call) =>
      cargoAlias(call.command.args) === undefined ? cargoRuns(text, call) : cargoAliasRuns(text, call),
  },
  invoke,
  inv: invoke,
  deno: {
    idle: (args) => args[0] !== 'task' || args.length < 2,
    files: (c) => {
      const config = optionValue(c.args, ['-c', '--config']);
      return config !== undefined ? [config] : ['deno.json', 'deno.jsonc'];
    },
    runs: denoRuns,
    named: (args) => positionals(args.slice(1), ['-c', '--config', '--cwd', '-f', '--filter']).slice(0, 1),
  },
  nx: { files: (c) => nxFiles(c.args), runs: nxRuns },
  mix: {
    idle: among('--help', '-h'),
    files: () => ['mix.exs'],
    runs: mixRuns,
  },
  gradle: { files: gradleFiles, runs: gradleRuns, named: gradleTasks },
  gradlew: { files: gradleFiles, runs: gradleRuns, named: gradleTasks },
  papermill: PAPERMILL,
  jupyter: JUPYTER,
  sbatch: SBATCH,
  qsub: QSUB,
  wp: WP,
  dvc: DVC,
  snakemake: SNAKEMAKE,
  hardhat: HARDHAT,
  steamcmd: STEAMCMD,
};
