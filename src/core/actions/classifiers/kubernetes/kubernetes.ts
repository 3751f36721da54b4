import type { ActionSurroundings, CommandClassifier, EnvironmentHints, SimpleCommand } from '../../types.js';
import { hasFlag, optionValue, positionals } from '../args.js';
import { destructiveOf, envVar } from '../operation.js';

const KUBECTL_VALUED = new Set([
  '--context',
  '-n',
  '--namespace',
  '--kubeconfig',
  '-s',
  '--server',
  '--cluster',
  '--user',
  '-l',
  '--selector',
  '-f',
  '--filename',
  '-o',
  '--output',
  '--replicas',
  '--grace-period',
  '--timeout',
  '-c',
  '--container',
  '--field-selector',
]);
const STATEFUL_KINDS =
  /^(ns|namespaces?|pvc?|persistentvolumes?|persistentvolumeclaims?|statefulsets?|sts|crds?|customresourcedefinitions?|secrets?|nodes?|no|clusterroles?|clusterrolebindings?|all)$/i;
const RECREATED_KINDS = /^(po|pods?|jobs?|replicasets?|rs)$/i;

function kubeHints(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  options: string[],
): EnvironmentHints {
  const context =
    optionValue(command.args, options) ??
    (command.remote === undefined ? surroundings.kubeContext : command.remote.context);
  const kubeconfig =
    optionValue(command.args, ['--kubeconfig']) ?? envVar(command, surroundings, 'KUBECONFIG');
  if (context !== undefined) return { kubeContext: context };
  return kubeconfig !== undefined ? { path: kubeconfig } : {};
}

const kubeOp = destructiveOf('kubernetes');

/** kubectl / oc: delete, replace --force, drain, scale to zero, apply --prune. */
export const classifyKubectl: CommandClassifier = (command, surroundings) => {
  const args = command.args;
  const words = positionals(args, KUBECTL_VALUED);
  const [verb = '', ...rest] = words;
  const hints = kubeHints(command, surroundings, ['--context']);
  const ns = optionValue(args, ['-n', '--namespace']);
  const context = hints.kubeContext ?? 'the current context';
  const inNs = ns !== undefined ? ` in namespace ${ns}` : '';
  if (args.includes('--dry-run') || args.some((a) => a.startsWith('--dry-run=') && a !== '--dry-run=none'))
    return [];
  switch (verb) {
    case 'delete': {
      const what = rest.join(' ') || optionValue(args, ['-f', '--filename']) || 'resources';
      const kindWord = (rest[0] ?? '').split('/')[0] ?? '';
      const recreated = RECREATED_KINDS.test(kindWord) && !hasFlag(args, ['--all', '--all-namespaces'], 'A');
      const worst = /^(ns|namespaces?)$/i.test(kindWord) ? ' (a whole namespace and everything in it)' : '';
      return [
        kubeOp(
          command,
          'delete',
          what,
          `kubectl delete ${what}${inNs} on ${context}${worst}`,
          hints,
          recreated && !STATEFUL_KINDS.test(kindWord),
        ),
      ];
    }
    case 'replace':
      return hasFlag(args, ['--force'])
        ? [
            kubeOp(
              command,
              'replace',
              optionValue(args, ['-f', '--filename']) ?? 'resources',
              `kubectl replace --force deletes and recreates resources on ${context}`,
              hints,
            ),
          ]
        : [];
    case 'drain':
      return [
        kubeOp(
          command,
          'stop',
          rest[0] ?? 'a node',
          `kubectl drain evicts every pod from ${rest[0] ?? 'a node'} on ${context}`,
          hints,
          true,
        ),
      ];
    case 'scale': {
      const replicas = optionValue(args, ['--replicas']);
      return replicas === '0'
        ? [
            kubeOp(
              command,
              'stop',
              rest.join(' '),
              `kubectl scale ${rest.join(' ')} to zero replicas${inNs} on ${context}`,
              hints,
              true,
            ),
          ]
        : [];
    }
    case 'apply':
      return args.some((a) => a === '--prune' || a.startsWith('--prune='))
        ? [
            kubeOp(
              command,
              'delete',
              'pruned resources',
              `kubectl apply --prune deletes resources missing from the manifests on ${context}`,
              hints,
            ),
          ]
        : [];
    case 'cordon':
    case 'taint':
      return [];
    default:
      return [];
  }
};

/** helm uninstall/delete. */
export const classifyHelm: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set(['--kube-context', '-n', '--namespace', '--kubeconfig', '--timeout']),
  );
  const verb = words[0] ?? '';
  if (!['uninstall', 'delete', 'del', 'un'].includes(verb)) return [];
  const context =
    optionValue(command.args, ['--kube-context']) ??
    envVar(command, surroundings, 'HELM_KUBECONTEXT') ??
    (command.remote === undefined ? surroundings.kubeContext : undefined);
  const release = words.slice(1).join(' ') || 'a release';
  return [
    kubeOp(
      command,
      'delete',
      release,
      `helm uninstall ${release} on ${context ?? 'the current context'}`,
      context !== undefined ? { kubeContext: context } : {},
    ),
  ];
};

/** argocd app delete. */
export const classifyArgocd: CommandClassifier = (command) => {
  const words = positionals(
    command.args,
    new Set(['--server', '--auth-token', '--grpc-web-root-path', '--kube-context']),
  );
  if (
    !(words[0] === 'app' && (words[1] === 'delete' || words[1] === 'rm')) &&
    !(words[0] === 'cluster' && words[1] === 'rm')
  )
    return [];
  const server = optionValue(command.args, ['--server']);
  const context = optionValue(command.args, ['--kube-context']);
  const app = words.slice(2).join(' ') || 'an application';
  // an application's name is fixed on the server by whoever created it (`payments-dev-pr-12`): it names where
  return [
    kubeOp(command, 'delete', app, `argocd ${words[0]} ${words[1]} ${app} and its resources`, {
      ...(server !== undefined ? { host: server } : {}),
      ...(context !== undefined ? { kubeContext: context } : {}),
      ...(words[0] === 'app' && words.length === 3 ? { ownedName: app } : {}),
    }),
  ];
};
