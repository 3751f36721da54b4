import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValues, positionals } from '../classifiers/args.js';
import { runPath } from './scripts.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

// `docker compose up` starts the services its files describe, and an override file is merged in silently: an
// agent that writes `docker-compose.override.yml` with a container mounting the home directory and deleting
// through the mount gets it run by an innocent-looking `docker compose up -d`. Each service is judged as the
// `docker run` it amounts to (its image, bind mounts, privileges and command), so the container's command
// reaches the host paths it mounts exactly as it would when typed.

const DEFAULT_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const OVERRIDES = [
  'compose.override.yaml',
  'compose.override.yml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];
// compose verbs that start containers from the files' service definitions
const STARTS = new Set(['up', 'start', 'restart', 'create', 'run', 'watch']);
const COMPOSE_VALUED = new Set([
  '-f',
  '--file',
  '-p',
  '--project-name',
  '--project-directory',
  '--env-file',
  '--profile',
  '--ansi',
  '--progress',
  '--parallel',
]);

interface Service {
  name: string;
  image?: string;
  privileged?: boolean;
  volumes: string[];
  command?: string;
  entrypoint?: string;
}

function unquote(text: string): string {
  const t = text.trim();
  return /^(['"]).*\1$/s.test(t) ? t.slice(1, -1) : t;
}

/** A flow list (`["sh", "-c", "x"]`) or a scalar, as shell words. */
function commandText(value: string, items: string[]): string {
  const quote = (word: string): string =>
    /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  if (items.length > 0) return items.map((i) => quote(unquote(i))).join(' ');
  const flow = /^\[(.*)\]$/s.exec(value.trim());
  if (flow !== null)
    return [...(flow[1] ?? '').matchAll(/"((?:\\.|[^"])*)"|'([^']*)'|([^,\s][^,]*)/g)]
      .map((m) => quote((m[1] ?? m[2] ?? m[3] ?? '').trim()))
      .join(' ');
  return unquote(value);
}

/**
 * The services of a compose file, read by indentation (the keys that matter here, in block or flow form).
 * What is not understood is left out: the service is then judged on what was read.
 */
export function parseComposeServices(text: string): Service[] {
  const lines = text.split('\n').map((l) => l.replace(/\s+#.*$/, '').replace(/\r$/, ''));
  const services: Service[] = [];
  let inServices = false;
  let serviceIndent = -1;
  let current: Service | undefined;
  let key: string | undefined;
  let keyIndent = -1;
  let items: string[] = [];
  let scalar: string[] = [];
  let source: string | undefined;
  const finishKey = (): void => {
    if (current !== undefined && (key === 'command' || key === 'entrypoint')) {
      // a block list is one word per item; a block scalar (`>`, `|`) is the command line itself
      if (items.length > 0) current[key] = commandText('', items);
      else if (scalar.length > 0) current[key] = scalar.join(' ');
    }
    key = undefined;
    items = [];
    scalar = [];
  };
  for (const line of lines) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (indent === 0) {
      finishKey();
      current = undefined;
      inServices = /^services\s*:\s*$/.test(body);
      serviceIndent = -1;
      continue;
    }
    if (!inServices) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent === serviceIndent) {
      finishKey();
      const name = /^([\w.-]+)\s*:/.exec(body)?.[1];
      current = name !== undefined ? { name, volumes: [] } : undefined;
      if (current !== undefined) services.push(current);
      continue;
    }
    if (current === undefined) continue;
    const pair = /^([\w-]+)\s*:\s*(.*)$/.exec(body);
    if (key !== undefined && indent > keyIndent) {
      // inside a key's block: list items, or a long-syntax volume's source/target
      const item = /^-\s*(.*)$/.exec(body)?.[1];
      if (key === 'volumes') {
        const field = /^(?:-\s*)?(source|target)\s*:\s*(.*)$/.exec(body);
        if (field?.[1] === 'source') source = unquote(field[2] ?? '');
        else if (field?.[1] === 'target' && source !== undefined) {
          current.volumes.push(`${source}:${unquote(field[2] ?? '')}`);
          source = undefined;
        } else if (item !== undefined && !/^\w+\s*:/.test(item)) current.volumes.push(unquote(item));
      } else if (item !== undefined) items.push(item);
      else if (key === 'command' || key === 'entrypoint') scalar.push(body);
      continue;
    }
    finishKey();
    if (pair === null) continue;
    const [, name = '', value = ''] = pair;
    if (name === 'image') current.image = unquote(value);
    else if (name === 'privileged') current.privileged = /^(true|yes|on)$/i.test(value.trim());
    else if ((name === 'command' || name === 'entrypoint') && value.trim() !== '' && !/^[>|]/.test(value))
      current[name] = commandText(value, []);
    else if (name === 'volumes' && value.trim().startsWith('['))
      current.volumes.push(...commandText(value, []).split(' ').map(unquote));
    if (value.trim() === '' || /^[>|]/.test(value.trim())) {
      key = name;
      keyIndent = indent;
    }
  }
  finishKey();
  return services;
}

/** The `docker run` a service amounts to, as shell text (host paths as written, relative to the file's folder). */
function asDockerRun(service: Service, dir: string): string {
  const quote = (word: string): string =>
    /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  const mounts = service.volumes.map((v) => {
    const [host = '', ...rest] = v.split(':');
    const absolute = host.startsWith('.') ? posix.resolve(dir, host) : host;
    return `-v ${quote([absolute, ...rest].join(':'))}`;
  });
  return [
    'docker run',
    ...(service.privileged === true ? ['--privileged'] : []),
    ...mounts,
    ...(service.entrypoint !== undefined
      ? [`--entrypoint ${quote(service.entrypoint.split(' ')[0] ?? '')}`]
      : []),
    quote(service.image ?? service.name),
    ...(service.entrypoint !== undefined ? [service.entrypoint.split(' ').slice(1).join(' ')] : []),
    service.command ?? '',
  ]
    .filter((part) => part !== '')
    .join(' ');
}

/** Look-inside for `docker compose up|run|start …`: each service of its files, as the `docker run` it is. */
export function composeOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const legacy = command.name === 'docker-compose';
  if (!legacy && command.args[0] !== 'compose') return [];
  const args = legacy ? command.args : command.args.slice(1);
  const verb = positionals(args, COMPOSE_VALUED)[0];
  if (verb === undefined || !STARTS.has(verb)) return [];
  const named = optionValues(args, ['-f', '--file']);
  const project = optionValues(args, ['--project-directory'])[0] ?? '.';
  const files = named.length > 0 ? named : [...DEFAULT_FILES, ...OVERRIDES];
  const ops: Operation[] = [];
  for (const file of files) {
    const path = runPath(posix.isAbsolute(file) ? file : posix.join(project, file), command, surroundings);
    if (path === undefined) continue;
    const read = readWithin(command, path, file, ctx);
    if (read === undefined) continue;
    if ('held' in read) return [...ops, read.held];
    for (const service of parseComposeServices(read.text)) {
      const run = asDockerRun(service, posix.dirname(path));
      ops.push(...shellTextOperations(command, surroundings, run, `${file} service ${service.name}`, ctx));
    }
  }
  return ops;
}
