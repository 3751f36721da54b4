import type { CommandClassifier, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals, urlHost } from '../args.js';
import { envVar, operation } from '../operation.js';

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
    if (group === 'system' && !volumes && !hasFlag(command.args, ['--all'], 'a'))
      return [
        containerOp(
          command,
          'stopped containers',
          `${name} system prune removes stopped containers and networks`,
          hints,
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
        hints,
      ),
    ];
  if (
    (group === 'rm' || (group === 'container' && verb === 'rm')) &&
    hasFlag(command.args, ['--force', '--volumes'], 'fv')
  ) {
    return [
      containerOp(
        command,
        seq.slice(group === 'rm' ? 1 : 2).join(' '),
        `${name} rm -f removes running containers ${seq.slice(group === 'rm' ? 1 : 2).join(' ')}`,
        hints,
      ),
    ];
  }
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
        hints,
      ),
    ];
  }
  return [];
};
