import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../../types.js';
import { destructiveIntent } from '../generic/intent.js';
import { sharedWord } from '../../environment-words.js';
import { markedLocal, namesSharedPlace, testOrDevWord } from '../local-target.js';
import { operation } from '../operation.js';
import { localRuntime } from './containers.js';

// Tools that run a whole Kubernetes cluster inside containers or a VM on the developer's machine (kind, minikube,
// k3d): whatever they delete — a cluster, a node, a registry, every cluster they made — is the local dev stack.
// They still reach another machine when their container engine does (DOCKER_HOST, a remote context), and a
// cluster named for production is never taken for a disposable one.

/** kind / minikube / k3d: deleting a local cluster is local dev work unless its engine or its name says otherwise. */
export const classifyLocalCluster: CommandClassifier = (command, surroundings) => {
  const intent = destructiveIntent(command.name, command.args);
  if (intent === undefined) return [];
  return [
    operation(command, {
      kind: 'delete',
      category: 'container',
      destructive: true,
      reversible: false,
      target: command.args.join(' '),
      summary: `${command.name} with destructive intent in its ${intent}: a cluster on this machine`,
      hints: markedLocal({ local: true }, localCluster(command, surroundings)),
    }),
  ];
};

function localCluster(command: SimpleCommand, surroundings: ActionSurroundings): string | undefined {
  if (!localRuntime(command, surroundings) || namesSharedPlace(command)) return undefined;
  const named = command.args.find((a) => !a.startsWith('-') && testOrDevWord(a) !== undefined);
  return `a ${command.name} cluster${named !== undefined ? ` (${named})` : ''} on this machine`;
}

/**
 * `docker exec project-dev-redis redis-cli FLUSHALL`: what a command does inside a container of this machine's
 * engine whose name marks it as a test/dev one is done to the local dev stack. So is what it does in a service of
 * the local compose project (`docker compose exec redis redis-cli FLUSHALL`): compose starts the project's
 * services on this machine's engine for the developer, so they are the local dev stack — unless the service, or
 * a file, env file or project name the line selects, names production (`--env-file .env.production`). An unmarked
 * container (`docker exec db psql -c 'DROP SCHEMA …'`) is not: unlike removing it, which keeps its volumes, what
 * runs inside destroys the data they hold. The container stands for the host otherwise (operation.ts), and a
 * production-named one, or one on another engine, stays so.
 */
export function inLocalDevContainer(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ops: Operation[],
): Operation[] {
  const remote = command.remote;
  if (remote?.kind !== 'docker-exec' || ops.length === 0) return ops;
  if (remote.context !== undefined) return ops;
  const service =
    remote.compose !== undefined &&
    [remote.host, ...remote.compose].every((value) => sharedWord(value) === undefined);
  if (!service && testOrDevWord(remote.host) === undefined) return ops;
  // the engine is judged from the line's variables and the surroundings, as `docker exec` itself would be
  const { remote: _, ...here } = command;
  if (!localRuntime({ ...here, args: [] }, surroundings) || namesSharedPlace(here)) return ops;
  const localTarget = service
    ? `service ${remote.host} of the local compose project on this machine's engine`
    : `container ${remote.host}, a test/dev container on this machine's engine`;
  return ops.map((op) => {
    // the container itself, by name or with a port (`--bootstrap-server kafka:9092` inside service kafka)
    if (op.hints.host === undefined || op.hints.host.replace(/:\d+$/, '') !== remote.host) return op;
    const { host: __, ...hints } = op.hints;
    return { ...op, hints: { ...hints, localTarget } };
  });
}
