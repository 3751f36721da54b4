import { positionals } from './classifiers/args.js';
import { envVar } from './classifiers/operation.js';
import { commandSurroundings, resolvePath } from './classifiers/paths.js';
import type { ActionSurroundings, Operation, SimpleCommand } from './types.js';

// kubectl config verbs that rewrite what a context name points at (use-context only switches between them).
const KUBECONFIG_WRITES = new Set([
  'rename-context',
  'set-context',
  'set-cluster',
  'set-credentials',
  'set',
  'unset',
  'delete-context',
  'delete-cluster',
  'delete-user',
]);
// Commands that write the files named in their arguments.
const FILE_WRITERS = new Set(['tee', 'cp', 'mv', 'ln', 'install', 'sed', 'dd', 'truncate', 'rsync', 'touch']);

/** The files that say what kube contexts, cloud profiles and ssh hosts resolve to. */
export function identityFiles(surroundings: ActionSurroundings, command?: SimpleCommand): string[] {
  const home = surroundings.home;
  const get = (name: string): string | undefined =>
    command ? envVar(command, surroundings, name) : surroundings.env[name];
  return [
    `${home}/.kube/`,
    ...(get('KUBECONFIG')?.split(':').filter(Boolean) ?? []),
    `${home}/.aws/config`,
    `${home}/.aws/credentials`,
    ...[get('AWS_CONFIG_FILE'), get('AWS_SHARED_CREDENTIALS_FILE')].filter((f) => f !== undefined),
    `${home}/.config/gcloud/`,
    ...(get('CLOUDSDK_CONFIG') !== undefined ? [`${get('CLOUDSDK_CONFIG')}/`] : []),
    `${home}/.azure/`,
    // the warehouse tools' connections, profiles and targets, whose names place their commands
    `${home}/.snowsql/`,
    `${home}/.snowflake/`,
    `${home}/.databrickscfg`,
    ...(get('DATABRICKS_CONFIG_FILE') !== undefined ? [get('DATABRICKS_CONFIG_FILE') as string] : []),
    `${home}/.dbt/profiles.yml`,
    ...(get('DBT_PROFILES_DIR') !== undefined ? [`${get('DBT_PROFILES_DIR')}/profiles.yml`] : []),
    `${home}/.ssh/config`,
    `${home}/.ssh/config.d/`,
    '/etc/ssh/ssh_config',
    '/etc/ssh/ssh_config.d/',
    '/etc/hosts',
  ];
}

/** True when `path` is one of those files or inside one of those folders. */
export function isIdentityFile(path: string, files: readonly string[]): boolean {
  return files.some((file) => (file.endsWith('/') ? path.startsWith(file) : path === file));
}

/** An operation that rewrites environment identity: held as environment spoofing. */
export function spoofOperation(target: string, summary: string, source: string): Operation {
  return {
    kind: 'write',
    category: 'environment-identity',
    destructive: false,
    reversible: true,
    target,
    summary: `${summary}: it changes what names resolve to (environment spoofing)`,
    hints: { local: true },
    source,
  };
}

/**
 * Agent writes to kubeconfig, AWS/gcloud/Azure config or ssh config: with them a prod cluster could be
 * renamed `kind-…`, so they are held whatever the environment (`kubectl config rename-context`,
 * `aws configure set`, `gcloud config set`, `>> ~/.ssh/config`, `cp x ~/.kube/config`).
 */
export function spoofingOperations(command: SimpleCommand, original: ActionSurroundings): Operation[] {
  if (command.dynamicName) return [];
  const words = positionals(command.args, new Set(['--profile', '--context', '--kubeconfig']));
  const name = command.name;
  const ops: Operation[] = [];
  if ((name === 'kubectl' || name === 'oc') && words[0] === 'config' && KUBECONFIG_WRITES.has(words[1] ?? ''))
    ops.push(
      spoofOperation(
        'kubeconfig',
        `${name} config ${words[1]} ${words.slice(2).join(' ')}`.trim(),
        command.source,
      ),
    );
  if (
    name === 'aws' &&
    words[0] === 'configure' &&
    words[1] !== 'get' &&
    words[1] !== 'list' &&
    words[1] !== 'list-profiles'
  )
    ops.push(
      spoofOperation('AWS config', `aws configure ${words.slice(1).join(' ')}`.trim(), command.source),
    );
  if (
    name === 'gcloud' &&
    words[0] === 'config' &&
    (words[1] === 'set' ||
      words[1] === 'unset' ||
      (words[1] === 'configurations' && ['create', 'rename', 'delete'].includes(words[2] ?? '')))
  )
    ops.push(spoofOperation('gcloud config', `gcloud ${words.join(' ')}`, command.source));
  // a stack's name is what environments match on (its last segment, as a workspace's): renaming the prod stack
  // `acme/dev` makes the next `pulumi up --stack acme/dev` look like dev
  if (name === 'pulumi' && words[0] === 'stack' && words[1] === 'rename')
    ops.push(spoofOperation('pulumi stack', `pulumi stack rename ${words[2] ?? ''}`.trim(), command.source));
  const surroundings = commandSurroundings(command, original);
  const files = identityFiles(surroundings, command);
  const remote = command.remote !== undefined;
  const written: string[] = [];
  for (const redirect of command.redirects)
    if (redirect.op.includes('>') && !/^&?\d*$/.test(redirect.target)) written.push(redirect.target);
  if (
    FILE_WRITERS.has(name) &&
    !(name === 'sed' && !command.args.some((a) => /^-[a-zA-Z]*i|^--in-place/.test(a)))
  )
    written.push(...command.args.filter((a) => !a.startsWith('-')));
  for (const word of written) {
    const path = resolvePath(word.replace(/^of=/, ''), surroundings, remote);
    if (path !== undefined && !remote && isIdentityFile(path, files))
      ops.push(spoofOperation(path, `${name} writes ${path}`, command.source));
  }
  return ops;
}
