import { positionals } from './classifiers/args.js';
import { envVar } from './classifiers/operation.js';
import type { ActionSurroundings, SimpleCommand } from './types.js';

// A line may select where later commands act before running them: `terraform workspace select dev && terraform
// destroy`, `kubectl config use-context prod-eu && kubectl delete ns web`, `docker context use remote && docker rm
// -f db`. The selection is written to disk when it runs, after the gate has read the surroundings, so the later
// commands are judged where the line leaves them. A selection the line may go on without (`select dev; destroy`,
// one nested in `bash -c`) may have failed: the later commands are judged both where it points and where things
// stood, and the more protected place decides.

/** Where a command is judged: itself (with what the line selected for it) and its surroundings. */
export interface Placed {
  command: SimpleCommand;
  surroundings: ActionSurroundings;
}

/** What the line has selected so far, in one of the ways it may have gone. */
interface Selected {
  /** The terraform workspace, with the directory (as the command wrote it) it was selected in. */
  terraform?: { workspace: string; dir: string | undefined };
  kubeContext?: { context: string; kubeconfig: string | undefined };
  dockerContext?: string;
}

const TERRAFORM = new Set(['terraform', 'tofu', 'terragrunt']);
const KUBE_CONFIG_FLAG = /^--kubeconfig(?:=|$)/;

/** The selection a command makes, if it is one (`terraform workspace select dev`, `kubectx kind-dev`). */
function selectionOf(command: SimpleCommand, surroundings: ActionSurroundings): Selected | undefined {
  if (command.remote !== undefined || command.dynamicArgs.length > 0) return undefined;
  const words = positionals(command.args);
  if (TERRAFORM.has(command.name) && !command.args.some((a) => /^-{1,2}chdir/.test(a))) {
    if (words[0] === 'workspace' && (words[1] === 'select' || words[1] === 'new') && words[2] !== undefined)
      return { terraform: { workspace: words[2], dir: command.cwd } };
    return undefined;
  }
  const kubeconfig = envVar(command, surroundings, 'KUBECONFIG');
  if (command.args.some((a) => KUBE_CONFIG_FLAG.test(a))) return undefined;
  if ((command.name === 'kubectl' || command.name === 'oc') && words[0] === 'config') {
    const context =
      words[1] === 'use-context' || words[1] === 'use'
        ? words[2]
        : words[1] === 'set' && words[2] === 'current-context'
          ? words[3]
          : undefined;
    return context !== undefined ? { kubeContext: { context, kubeconfig } } : undefined;
  }
  if (command.name === 'kubectx' && words.length === 1 && words[0] !== '-')
    return { kubeContext: { context: words[0] ?? '', kubeconfig } };
  if (
    (command.name === 'docker' || command.name === 'podman') &&
    words[0] === 'context' &&
    words[1] === 'use'
  )
    return words[2] !== undefined ? { dockerContext: words[2] } : undefined;
  return undefined;
}

/** A command and its surroundings as one way the line may have gone leaves them. */
function placed(command: SimpleCommand, surroundings: ActionSurroundings, selected: Selected): Placed {
  let where = surroundings;
  let what = command;
  const tf = selected.terraform;
  // a workspace is selected per directory; TF_WORKSPACE, where set, overrides it for terraform itself
  if (
    tf !== undefined &&
    tf.dir === command.cwd &&
    command.cwdOtherwise === undefined &&
    command.cwdUnknown !== true &&
    envVar(command, surroundings, 'TF_WORKSPACE') === undefined
  ) {
    if (command.cwd === undefined) where = { ...where, terraformWorkspace: tf.workspace };
    else if (TERRAFORM.has(command.name))
      what = { ...what, env: { ...what.env, TF_WORKSPACE: tf.workspace } };
  }
  const kube = selected.kubeContext;
  if (
    kube !== undefined &&
    kube.kubeconfig === envVar(command, surroundings, 'KUBECONFIG') &&
    command.remote === undefined
  )
    where = { ...where, kubeContext: kube.context };
  if (selected.dockerContext !== undefined && command.remote === undefined)
    where = { ...where, dockerContext: selected.dockerContext };
  return { command: what, surroundings: where };
}

/**
 * Every place each command of a line is judged in: one, or one per way the line may have gone when a selection
 * before it may have failed without stopping the line.
 */
export function placesOnLine(
  commands: readonly SimpleCommand[],
  surroundings: ActionSurroundings,
): Placed[][] {
  let ways: Selected[] = [{}];
  const out: Placed[][] = [];
  for (const command of commands) {
    out.push(ways.map((way) => placed(command, surroundings, way)));
    const selection = selectionOf(command, surroundings);
    if (selection === undefined) continue;
    const after = ways.map((way) => ({ ...way, ...selection }));
    // surely made when the line stops on its failure; else it may not have been, and both ways stay
    ways = command.stopsLine === true ? after : distinct([...after, ...ways]);
  }
  return out;
}

function distinct(ways: Selected[]): Selected[] {
  return [...new Map(ways.map((way) => [JSON.stringify(way), way])).values()];
}
