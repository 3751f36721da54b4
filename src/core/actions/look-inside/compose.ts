import { posix } from 'node:path';
import { parse } from 'yaml';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValues, positionals } from '../classifiers/args.js';
import { localRuntime } from '../classifiers/containers/containers.js';
import { sharedWord } from '../environment-words.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

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
  /** Its environment (`environment:` as a map or a list of `KEY=VALUE`). */
  environment: Record<string, string>;
  /** The networks it joins (`networks:` as a list or a map); compose's `default` when it names none. */
  networks: string[];
  /** Its `network_mode:` (`host`, `none`, `service:x`, `container:x`), when set. */
  networkMode?: string;
  /** The host names its `extra_hosts:` map to an address of their own. */
  extraHosts: string[];
}

/** A compose command or entrypoint (a string, or a list of words) as shell text. */
function commandText(value: unknown): string | undefined {
  const quote = (word: string): string =>
    /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (Array.isArray(value)) return value.map((word) => quote(String(word))).join(' ');
  return undefined;
}

/** A volume in short (`./src:/app`) or long (`{ source, target }`) syntax, as `host:container`. */
function volumeText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const { source, target } = value as { source?: unknown; target?: unknown };
    if (typeof source === 'string' && typeof target === 'string') return `${source}:${target}`;
  }
  return undefined;
}

/** A service's `environment:` as a map (`KEY: value`) or a list (`- KEY=value`); bare names are skipped. */
function environmentOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = String(item);
      const eq = text.indexOf('=');
      if (eq > 0) out[text.slice(0, eq)] = text.slice(eq + 1);
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>))
      if (v !== null && v !== undefined) out[key] = String(v);
  }
  return out;
}

/** The keys of a compose list (`[a, b]`) or map (`{ a: …, b: … }`) as strings. */
function namesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'object' && value !== null) return Object.keys(value);
  return [];
}

/** The host names of `extra_hosts:` (`- "db:10.0.0.5"`, `- "db=10.0.0.5"`, or a map `db: 10.0.0.5`). */
function extraHostNames(value: unknown): string[] {
  const entries = Array.isArray(value) ? value.map(String) : namesOf(value);
  return entries.map((entry) => (/^([^:=\s]+)/.exec(entry.trim())?.[1] ?? '').toLowerCase());
}

/**
 * The services of a compose file, read with the YAML parser the rest of look-inside uses; undefined when the file
 * is not YAML, so the caller holds rather than judge what it could not read.
 */
export function parseComposeServices(text: string): Service[] | undefined {
  let document: unknown;
  try {
    document = parse(text);
  } catch {
    return undefined;
  }
  const services = (document as { services?: unknown } | null)?.services;
  if (typeof services !== 'object' || services === null) return [];
  return Object.entries(services as Record<string, unknown>).map(([name, raw]) => {
    const service = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const command = commandText(service.command);
    const entrypoint = commandText(service.entrypoint);
    const volumes = Array.isArray(service.volumes) ? service.volumes.map(volumeText) : [];
    return {
      name,
      ...(typeof service.image === 'string' ? { image: service.image } : {}),
      ...(service.privileged === true ? { privileged: true } : {}),
      volumes: volumes.filter((v): v is string => v !== undefined),
      environment: environmentOf(service.environment),
      networks: service.networks === undefined ? ['default'] : namesOf(service.networks),
      ...(typeof service.network_mode === 'string' ? { networkMode: service.network_mode } : {}),
      extraHosts: extraHostNames(service.extra_hosts),
      ...(command !== undefined ? { command } : {}),
      ...(entrypoint !== undefined ? { entrypoint } : {}),
    };
  });
}

/**
 * A service's environment as the command inside it sees it. A URL whose host is another service of the same
 * project (`postgresql://…@db:5432/app_dev`) reaches that service's container, on the engine the project runs
 * on: on this machine's engine that is this machine, so the host is read as `localhost` — when compose's own DNS
 * is what answers for the name (see `siblingHost`); otherwise the host stays as written, and is judged as one.
 */
function serviceEnvironment(
  service: Service,
  services: readonly Service[],
  localEngine: boolean,
): Record<string, string> {
  if (!localEngine) return service.environment;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(service.environment))
    out[key] = value.replace(
      /^([a-z][\w+.-]*:\/\/(?:[^@/]*@)?)([\w.-]+)(?=[:/]|$)/i,
      (whole, scheme: string, host: string) =>
        siblingHost(service, host, services) ? `${scheme}localhost` : whole,
    );
  return out;
}

/**
 * True when `host`, named in `service`'s environment, is answered by compose's DNS with a sibling's container: a
 * plain service name (no dots, no production word: `db.prod.acme.io` and `pg-prod` read as the places they name),
 * not mapped elsewhere by the service's `extra_hosts` (the hosts file answers first), neither service on a
 * `network_mode` of its own (off compose's network the name goes to the machine's resolver), and a network shared.
 */
function siblingHost(service: Service, host: string, services: readonly Service[]): boolean {
  const sibling = services.find((s) => s.name === host && s !== service);
  if (sibling === undefined || host.includes('.') || sharedWord(host) !== undefined) return false;
  if (service.extraHosts.includes(host.toLowerCase())) return false;
  if (service.networkMode !== undefined || sibling.networkMode !== undefined) return false;
  return service.networks.some((network) => sibling.networks.includes(network));
}

/** The `docker run` a service amounts to, as shell text (host paths as written, relative to the file's folder). */
function asDockerRun(service: Service, dir: string, environment: Record<string, string>): string {
  const quote = (word: string): string =>
    /^[\w@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
  // the command runs with the service's environment, which is where it finds its database or server
  const env = Object.entries(environment)
    .filter(([key]) => /^[A-Za-z_]\w*$/.test(key))
    .map(([key, value]) => `-e ${quote(`${key}=${value}`)}`);
  const mounts = service.volumes.map((v) => {
    const [host = '', ...rest] = v.split(':');
    const absolute = host.startsWith('.') ? posix.resolve(dir, host) : host;
    return `-v ${quote([absolute, ...rest].join(':'))}`;
  });
  return [
    'docker run',
    ...(service.privileged === true ? ['--privileged'] : []),
    ...mounts,
    ...env,
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
    const services = parseComposeServices(read.text);
    if (services === undefined)
      return [...ops, heldInside(command, `${file}, which is not a compose file it can read`)];
    const localEngine = localRuntime(command, surroundings);
    for (const service of services) {
      const environment = serviceEnvironment(service, services, localEngine);
      const run = asDockerRun(service, posix.dirname(path), environment);
      ops.push(...shellTextOperations(command, surroundings, run, `${file} service ${service.name}`, ctx));
    }
  }
  return ops;
}
