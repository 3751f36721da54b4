import { posix } from 'node:path';
import { parse } from 'yaml';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { operation } from '../classifiers/operation.js';
import { runPath } from './scripts.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

// `ansible-playbook -i inventory/prod ops/clean.yml` applies the playbook's tasks to every host of the inventory.
// Its effect is what its tasks do, and a task's module says that: `shell`/`command` run shell text on the hosts
// (judged as those hosts' commands), `file … state: absent` deletes a path there, `ping`/`debug`/`stat` only look.
// A playbook of tasks read that way is decided on them; any other module (a package, a template, a service, a
// role or an included file blastwall does not open) changes the hosts in ways not read here, and the run stays a
// deploy whose effect is not known.

const SHELL_MODULES = new Set(['shell', 'command', 'raw']);
/** Modules that only gather, print or wait: they change nothing on the hosts. */
const LOOKS = new Set([
  'ping',
  'debug',
  'setup',
  'gather_facts',
  'stat',
  'assert',
  'fail',
  'set_fact',
  'wait_for',
  'wait_for_connection',
  'pause',
  'meta',
  'find',
  'slurp',
  'fetch',
  'service_facts',
  'package_facts',
  'getent',
  'include_vars',
  'command_facts',
]);
/** What a task says besides its module (conditions, loops, privileges, names). */
const TASK_KEYWORDS = new Set([
  'name',
  'when',
  'become',
  'become_user',
  'become_method',
  'register',
  'tags',
  'vars',
  'loop',
  'loop_control',
  'ignore_errors',
  'changed_when',
  'failed_when',
  'notify',
  'delegate_to',
  'run_once',
  'environment',
  'args',
  'no_log',
  'retries',
  'until',
  'delay',
  'check_mode',
  'diff',
  'listen',
  'any_errors_fatal',
  'timeout',
  'throttle',
  'connection',
  'remote_user',
  'module_defaults',
  'collections',
  'debugger',
  'async',
  'poll',
]);
const TASK_LISTS = ['pre_tasks', 'tasks', 'post_tasks', 'handlers'];
const DRY = new Set([
  '--check',
  '-C',
  '--syntax-check',
  '--list-tasks',
  '--list-hosts',
  '--list-tags',
  '--help',
  '-h',
]);
const VALUED = new Set(['-i', '--inventory', '-e', '--extra-vars', '--vault-password-file', '-l', '--limit']);

/** What one playbook does: shell text per hosts pattern, and the modules whose changes are not read. */
interface Reading {
  runs: { hosts: string; text: string; label: string }[];
  unread: Set<string>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

// `{{ var }}` is only known when the play runs: an expansion the shell cannot know either
function templated(text: string): string {
  return text.replace(/\{\{[^}]*\}\}/g, '${ANSIBLE_VALUE}');
}

function quoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function readTasks(tasks: unknown, hosts: string, label: string, reading: Reading): void {
  if (!Array.isArray(tasks)) {
    if (tasks !== undefined && tasks !== null) reading.unread.add('tasks that are not a list');
    return;
  }
  for (const item of tasks) {
    const task = record(item);
    if (task === undefined) {
      reading.unread.add('a task that is not a mapping');
      continue;
    }
    if (task.block !== undefined) {
      for (const part of ['block', 'rescue', 'always']) readTasks(task[part], hosts, label, reading);
      continue;
    }
    const modules = Object.keys(task).filter((k) => !TASK_KEYWORDS.has(k) && !k.startsWith('with_'));
    for (const key of modules) {
      const module = key.replace(/^ansible\.(?:builtin|legacy)\./, '');
      const value = task[key];
      const args = record(value);
      if (SHELL_MODULES.has(module)) {
        const argv = Array.isArray(args?.argv)
          ? args.argv.map((w) => quoted(String(w))).join(' ')
          : undefined;
        const text = typeof value === 'string' ? value : (argv ?? args?.cmd ?? args?._raw_params);
        if (typeof text === 'string') reading.runs.push({ hosts, text: templated(text), label });
        else reading.unread.add(`${key} with no command`);
      } else if (module === 'file') {
        const params =
          args ??
          Object.fromEntries(
            String(value ?? '')
              .split(/\s+/)
              .map((p) => p.split('=', 2)),
          );
        const path = params.path ?? params.dest ?? params.name;
        if (params.state === 'absent')
          reading.runs.push({
            hosts,
            text: typeof path === 'string' ? `rm -rf ${quoted(templated(path))}` : 'rm -rf "$ANSIBLE_VALUE"',
            label,
          });
        else reading.unread.add('file');
      } else if (!LOOKS.has(module)) reading.unread.add(key);
    }
  }
}

/** Reads a playbook's plays; undefined when it is not one (not YAML, not a list of plays). */
function readPlaybook(text: string, label: string): Reading | undefined {
  let plays: unknown;
  try {
    plays = parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(plays)) return undefined;
  const reading: Reading = { runs: [], unread: new Set() };
  for (const item of plays) {
    const play = record(item);
    if (play === undefined) return undefined;
    if (play.import_playbook !== undefined || play.include !== undefined)
      reading.unread.add('import_playbook');
    if (play.roles !== undefined) reading.unread.add('roles');
    const hosts = Array.isArray(play.hosts) ? play.hosts.join(',') : String(play.hosts ?? 'all');
    for (const list of TASK_LISTS) readTasks(play[list], hosts, label, reading);
  }
  return reading;
}

const PRODUCTION = new Set(['prod', 'production', 'prd', 'live']);
const OTHERS = new Set([
  'dev',
  'development',
  'test',
  'testing',
  'staging',
  'stage',
  'qa',
  'local',
  'sandbox',
]);

/** The environment the inventory, limit or variables name by word (`-i inventory/prod`), production first. */
function environmentNamed(args: readonly string[]): string | undefined {
  const words = args.flatMap((a) => a.toLowerCase().split(/[^a-z0-9]+/));
  return words.find((w) => PRODUCTION.has(w)) ?? words.find((w) => OTHERS.has(w));
}

const LOOPBACK = /^(?:localhost|127\.0\.0\.1|::1)$/;

/**
 * Whether the tasks run on this machine whatever the play's hosts: `-c local` (every host's tasks run here), or an
 * inline inventory (`-i localhost,`) that lists only this machine.
 */
function runsHere(args: readonly string[], inventory: string | undefined): boolean {
  const connection = optionValue(args, ['-c', '--connection']);
  if (connection === 'local') return true;
  if (inventory === undefined || !inventory.includes(',')) return false;
  const hosts = inventory.split(',').filter((h) => h.trim() !== '');
  return hosts.length > 0 && hosts.every((h) => LOOPBACK.test(h.trim()));
}

/** Look-inside for `ansible-playbook`: each playbook's tasks, judged as what they run on the inventory's hosts. */
export function playbookOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (command.args.some((a) => DRY.has(a))) return [];
  const inventory = optionValue(command.args, ['-i', '--inventory']);
  const files = command.args.filter(
    (a, i) => /\.ya?ml$/.test(a) && !a.startsWith('-') && !VALUED.has(command.args[i - 1] ?? ''),
  );
  const where = environmentNamed(command.args);
  const unknown = (why: string): Operation[] => [
    operation(command, {
      kind: 'deploy',
      category: 'infrastructure',
      destructive: false,
      reversible: true,
      target: 'ansible-playbook playbook',
      summary: `ansible-playbook playbook on ${where ?? 'an environment not named'}, a deploy whose effect is not known (${why})`,
      hints: where === undefined ? {} : { environment: where },
    }),
  ];
  if (files.length === 0) return unknown('no playbook blastwall can read is named');
  const ops: Operation[] = [];
  for (const file of files) {
    const path = runPath(file, command, surroundings);
    if (path === undefined) {
      ops.push(...unknown(`${file}, a playbook whose place is known only when it runs`));
      continue;
    }
    const label = posix.relative(surroundings.cwd, path) || file;
    const read = readWithin(command, path, label, ctx);
    if (read === undefined) {
      ops.push(...unknown(`${label}, a playbook not on disk`));
      continue;
    }
    if ('held' in read) {
      ops.push(read.held);
      continue;
    }
    const reading = readPlaybook(read.text, label);
    if (reading === undefined) {
      ops.push(...unknown(`${label}, which blastwall cannot read as a playbook`));
      continue;
    }
    if (reading.unread.size > 0)
      ops.push(
        ...unknown(`${label} uses ${[...reading.unread].join(', ')}, whose changes blastwall does not read`),
      );
    const here = runsHere(command.args, inventory);
    for (const run of reading.runs) {
      const where = inventory !== undefined ? `${run.hosts} in ${inventory}` : run.hosts;
      // a local connection, or an inventory of this machine only, runs the tasks here: judged as this machine's
      const local = here || LOOPBACK.test(run.hosts);
      ops.push(
        ...(local
          ? shellTextOperations(command, surroundings, run.text, `${run.label} on this machine`, ctx)
          : shellTextOperations(command, surroundings, run.text, `${run.label} on ${where}`, ctx, {
              kind: 'ssh',
              host: where,
            })),
      );
    }
  }
  return ops;
}
