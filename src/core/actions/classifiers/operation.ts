import { isLoopback } from '../environment.js';
import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from '../types.js';
import { withCommandPlace } from './named-place.js';

/** The parts of an operation a classifier decides; the rest comes from the command. */
export type OperationDraft = Omit<Operation, 'source' | 'hints'> & { hints?: EnvironmentHints };

/** Builds an operation, merging in what the command says about where it runs (remote host, container). */
export function operation(command: SimpleCommand, draft: OperationDraft): Operation {
  const hints: EnvironmentHints = { ...draft.hints };
  const remote = command.remote;
  if (remote !== undefined) {
    delete hints.local;
    // a loopback host inside ssh/exec is the remote machine's (or pod's) own, never this workstation
    if (isLoopback(hints.host)) delete hints.host;
    // a VM this machine runs (`vagrant ssh -c …`) is the local dev stack, not a host elsewhere
    if (remote.kind === 'ssh' && hints.host === undefined && remote.hints?.localTarget === undefined)
      hints.host = remote.host;
    if (remote.kind === 'kubectl-exec' && hints.kubeContext === undefined) {
      if (remote.context !== undefined) hints.kubeContext = remote.context;
    }
    if (remote.kind === 'docker-exec' && hints.host === undefined) hints.host = remote.host;
    // the environment a cloud runner's own options name (its profile, project, subscription)
    for (const [key, value] of Object.entries(remote.hints ?? {}))
      if (hints[key as keyof EnvironmentHints] === undefined) Object.assign(hints, { [key]: value });
  }
  // what the command's own words say of where it acts (`--profile dev-sandbox`), where the draft says nothing
  const built = { ...draft, hints: withCommandPlace(hints, command), source: command.source };
  if (!restorableHere(command)) delete built.restore;
  return built;
}

/**
 * Whether a restore point taken as this user, on this machine, can undo what the command loses: not on another
 * machine (ssh, a container, a pod), and not as root (`sudo`: what root removes, the user may not read to keep).
 */
export function restorableHere(command: SimpleCommand): boolean {
  return (
    command.remote === undefined && ![...command.wrappers, ...command.via].some((v) => PRIVILEGED.test(v))
  );
}

const PRIVILEGED = /^(sudo|doas|su|pkexec|runuser|run0)\b/;

/** Builds a destructive operation of one category from what a classifier found (see `destructiveOf`). */
export type DestructiveOp = (
  command: SimpleCommand,
  kind: Operation['kind'],
  target: string,
  summary: string,
  hints: EnvironmentHints,
  reversible?: boolean,
) => Operation;

/** The builder of destructive operations of `category` (irreversible unless told), shared by a family's classifiers. */
export function destructiveOf(category: Operation['category']): DestructiveOp {
  return (command, kind, target, summary, hints, reversible = false) =>
    operation(command, { kind, category, destructive: true, reversible, target, summary, hints });
}

/** An environment variable as the command would see it: its own assignments first, then the surroundings. */
export function envVar(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  name: string,
): string | undefined {
  const own = command.env[name];
  if (own !== undefined) return own;
  if (command.remote !== undefined) return undefined;
  const inherited = surroundings.env[name];
  const change = command.envChanges?.[name];
  // `TF_WORKSPACE=prod; terraform …` changes what terraform sees when TF_WORKSPACE was in the environment.
  if (change !== undefined)
    return change.value === null || (change.ifInherited && inherited === undefined)
      ? undefined
      : change.value;
  return command.envChanges?.['*'] !== undefined ? undefined : inherited;
}
