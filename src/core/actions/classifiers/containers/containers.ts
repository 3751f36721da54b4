import type {
  ActionSurroundings,
  CommandClassifier,
  EnvironmentHints,
  Operation,
  SimpleCommand,
} from '../../types.js';
import { hasFlag, optionValue, optionValues, positionals, urlHost } from '../args.js';
import { sharedWord } from '../../environment-words.js';
import { markedLocal, namesSharedPlace } from '../local-target.js';
import { envVar, operation } from '../operation.js';

/** Docker contexts that are this machine's own engine (the default socket, a desktop VM). */
const LOCAL_CONTEXT =
  /^(?:default|desktop-linux|desktop-windows|rancher-desktop|orbstack|colima(?:-[\w-]+)?)$/;

/**
 * True when a container CLI talks to this machine's engine: no `-H`/`--context`/`--remote`/`--url`, no
 * DOCKER_HOST/CONTAINER_HOST, and the selected context (its variable, else docker's config.json) is a local one.
 */
export function localRuntime(command: SimpleCommand, surroundings: ActionSurroundings): boolean {
  if (command.remote !== undefined) return false;
  if (
    optionValue(command.args, ['-H', '--host', '--url', '--connection', '--address']) !== undefined ||
    hasFlag(command.args, ['--remote'])
  )
    return false;
  if (['DOCKER_HOST', 'CONTAINER_HOST'].some((name) => envVar(command, surroundings, name) !== undefined))
    return false;
  const context =
    optionValue(command.args, ['--context', '-c']) ??
    envVar(command, surroundings, 'DOCKER_CONTEXT') ??
    surroundings.dockerContext;
  return context === undefined || LOCAL_CONTEXT.test(context);
}

/**
 * What marks containers or volumes the command names as the local dev stack's: the local engine, and every name
 * written out on the line (`project-db-1`, `pgdata`). The containers and volumes of this machine's own engine are
 * the developer's disposable dev resources — every independent corpus writer runs `docker rm -f project-db-1` and
 * `docker compose down -v` as everyday work — unless a name or the line names production (`pgdata_prod`).
 * Wholesale removals (`--all`, names only known when it runs) are never marked.
 */
function localNamed(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  names: readonly string[],
  what: string,
): string | undefined {
  if (names.length === 0 || hasFlag(command.args, ['--all'], 'a')) return undefined;
  // names known only when it runs are wholesale, unless they are the containers a filtered listing selects
  // (`$(docker ps -aq --filter label=com.docker.compose.project=web)`): one project's, not every one
  if (command.dynamicArgs.some((i) => !filteredListing(command.args[i] ?? ''))) return undefined;
  if (!localRuntime(command, surroundings) || namesSharedPlace(command)) return undefined;
  if (names.some((n) => (n.includes('$') && !filteredListing(n)) || sharedWord(n) !== undefined))
    return undefined;
  return `${what} ${names.join(', ')} on this machine's container engine`;
}

/** A command substitution that lists this engine's containers (`$(docker ps -aq …)`), with the listing's options. */
const LISTING = /^\$\(\s*(?:docker|podman)\s+(?:container\s+)?(?:ps|ls)\b([^;&|`()$\n]*)\)$/;
/** A label filter with its value (`label=com.docker.compose.project=web`): the containers carrying that label. */
const LABEL_FILTER = /^label=[\w.-]+=[\w.-]+$/;
/**
 * A name filter of a plain name (`name=web-dev`). docker matches it as a regular expression on part of the name,
 * so a metacharacter (`name=.`), an empty or a one- or two-letter name selects nearly every container.
 */
const NAME_FILTER = /^name=[A-Za-z0-9][A-Za-z0-9_-]{2,}$/;

/**
 * True for a listing of this engine's containers that selects one project's: every `--filter`/`-f` it has names
 * a label with its value or a plain name. docker ORs repeated filters of one key, so one broad filter (`status=`,
 * `before=`, `label=KEY` alone, a name known only when it runs) makes the listing every container, and wholesale.
 */
function filteredListing(text: string): boolean {
  const options = LISTING.exec(text)?.[1];
  if (options === undefined) return false;
  const words = options.trim().split(/\s+/);
  const filters: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const joined = /^(?:--filter|-f)=(.*)$/.exec(word);
    if (joined) filters.push(joined[1] ?? '');
    else if (word === '--filter' || word === '-f') filters.push(words[++i] ?? '');
  }
  const values = filters.map((f) => f.replace(/^(["'])(.*)\1$/, '$2'));
  return values.length > 0 && values.every((v) => LABEL_FILTER.test(v) || NAME_FILTER.test(v));
}

/** Objects of a swarm cluster (`docker service rm`): the cluster's, wherever the engine that is asked runs. */
const SWARM_OBJECTS = new Set(['service', 'stack', 'node', 'secret', 'config']);

function containerOp(
  command: SimpleCommand,
  target: string,
  summary: string,
  hints: EnvironmentHints,
): Operation {
  return operation(command, {
    kind: 'delete',
    category: 'container',
    destructive: true,
    reversible: false,
    target,
    summary,
    hints,
  });
}

/** docker / podman: prune, volume removal, forced container removal, compose down -v. */
export const classifyDocker: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set([
      '-H',
      '--host',
      '--context',
      '-c',
      '-f',
      '--file',
      '-p',
      '--project-name',
      '--filter',
      '--env-file',
      '--profile',
    ]),
  );
  const hostOpt = optionValue(command.args, ['-H', '--host']) ?? envVar(command, surroundings, 'DOCKER_HOST');
  const context =
    optionValue(command.args, ['--context', '-c']) ?? envVar(command, surroundings, 'DOCKER_CONTEXT');
  const hints: EnvironmentHints =
    hostOpt !== undefined
      ? { host: urlHost(hostOpt) ?? hostOpt }
      : context !== undefined
        ? { host: context }
        : command.remote === undefined
          ? { local: true }
          : {};
  const name = command.name === 'docker-compose' ? 'docker compose' : command.name;
  const seq = command.name === 'docker-compose' ? ['compose', ...words] : words;
  const [group = '', verb = ''] = seq;
  const all = seq.join(' ');
  if (
    (group === 'system' || group === 'volume' || group === 'container' || group === 'network') &&
    verb === 'prune'
  ) {
    const volumes = group === 'volume' || command.args.includes('--volumes');
    // stopped containers of this machine's engine hold nothing the developer keeps: a dev resource
    if (group === 'container')
      return [
        containerOp(
          command,
          'stopped containers',
          `${name} container prune removes stopped containers`,
          markedLocal(
            hints,
            localRuntime(command, surroundings) && !namesSharedPlace(command)
              ? "stopped containers on this machine's container engine"
              : undefined,
          ),
        ),
      ];
    // without --volumes a system prune takes stopped containers, unused networks, images and build cache: all
    // of it rebuilt or pulled again, none of it data — on this machine's engine, a dev cleanup
    if (group === 'system' && !volumes)
      return [
        containerOp(
          command,
          'stopped containers',
          `${name} system prune removes stopped containers, networks${hasFlag(command.args, ['--all'], 'a') ? ', unused images' : ''} and build cache`,
          markedLocal(
            hints,
            localRuntime(command, surroundings) && !namesSharedPlace(command)
              ? "stopped containers, networks and images on this machine's container engine (no volumes)"
              : undefined,
          ),
        ),
      ];
    return [
      containerOp(
        command,
        volumes ? 'volumes' : group,
        `${name} ${group} prune removes ${volumes ? 'volumes and their data' : group + 's'}`,
        hints,
      ),
    ];
  }
  if (group === 'volume' && (verb === 'rm' || verb === 'remove'))
    return [
      containerOp(
        command,
        seq.slice(2).join(' '),
        `${name} volume rm deletes the data in ${seq.slice(2).join(' ')}`,
        markedLocal(hints, localNamed(command, surroundings, seq.slice(2), 'volume')),
      ),
    ];
  if (
    (group === 'rm' || (group === 'container' && verb === 'rm')) &&
    hasFlag(command.args, ['--force', '--volumes'], 'fv')
  ) {
    // rm's own options take no value: every positional after it is a container (`-f` here is not compose's file)
    const names = positionals(command.args.slice(command.args.indexOf('rm') + 1));
    return [
      containerOp(
        command,
        names.join(' '),
        `${name} rm -f removes running containers ${names.join(' ')}`,
        markedLocal(hints, localNamed(command, surroundings, names, 'container')),
      ),
    ];
  }
  // a swarm's services, stacks, nodes, secrets and configs belong to the cluster, not to this machine's engine
  if (SWARM_OBJECTS.has(group) && (verb === 'rm' || verb === 'remove' || verb === 'down')) {
    const names = seq.slice(2);
    return [
      containerOp(
        command,
        names.join(' ') || group,
        `${name} ${group} ${verb} removes the swarm's ${group} ${names.join(' ')}`.trim(),
        hints.local === true ? {} : hints,
      ),
    ];
  }
  if (group === 'swarm' && verb === 'leave' && hasFlag(command.args, ['--force'], 'f'))
    return [
      containerOp(
        command,
        'the swarm',
        `${name} swarm leave --force takes this manager out of its swarm`,
        {},
      ),
    ];
  if (
    group === 'compose' &&
    (verb === 'down' || verb === 'rm') &&
    hasFlag(command.args, ['--volumes'], 'v')
  ) {
    return [
      containerOp(
        command,
        'compose volumes',
        `${name} ${all} deletes the project's volumes and their data`,
        markedLocal(hints, localCompose(command, surroundings)),
      ),
    ];
  }
  return [];
};

/**
 * A compose project's volumes on this machine's engine are the local dev stack's (`docker compose down -v` is how
 * developers reset it) unless the line names production in the project, its files or env files (`--env-file
 * .env.production`, `-f compose.prod.yml`).
 */
function localCompose(command: SimpleCommand, surroundings: ActionSurroundings): string | undefined {
  if (!localRuntime(command, surroundings) || namesSharedPlace(command)) return undefined;
  const chosen = [
    ...[
      optionValue(command.args, ['-p', '--project-name']),
      envVar(command, surroundings, 'COMPOSE_PROJECT_NAME'),
    ],
    ...optionValues(command.args, ['-f', '--file']),
    envVar(command, surroundings, 'COMPOSE_FILE'),
  ].filter((value): value is string => value !== undefined);
  for (const name of ['--env-file']) chosen.push(...optionValues(command.args, [name]));
  if (chosen.some((value) => sharedWord(value) !== undefined)) return undefined;
  const project = optionValue(command.args, ['-p', '--project-name']) ?? chosen[0];
  return `the volumes of compose project ${project ?? 'of this directory'} on this machine's container engine`;
}
