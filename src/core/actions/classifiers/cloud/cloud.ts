import type { CommandClassifier, EnvironmentHints, Operation } from '../../types.js';
import { hasFlag, optionValue, optionValues, positionals, urlHost } from '../args.js';
import { destructiveOf, envVar } from '../operation.js';
import { effectiveMethod, requestDestroys, requestSwitchesOff } from '../requests/bodies.js';
import { tenantHints } from '../generic/hosts.js';

const cloudOp = destructiveOf('cloud');

const AWS_VALUED = new Set([
  '--profile',
  '--region',
  '--endpoint-url',
  '--output',
  '--query',
  '--cli-input-json',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
]);
const AWS_DESTRUCTIVE_OP =
  /^(delete|remove|terminate|deregister|purge|destroy|disassociate|detach|revoke|cancel|disable|deactivate|reset|release|stop|schedule-key-deletion|put-bucket-lifecycle)/;
const AWS_STOP_OP = /^(stop|disable|deactivate|detach|disassociate|cancel)/;
const AWS_REVERSIBLE_OP = /^(schedule-key-deletion|stop|disable|deactivate)/;

/** aws: s3 rb/rm/sync --delete and every delete-/remove-/terminate- style operation. */
export const classifyAws: CommandClassifier = (command, surroundings) => {
  const words = positionals(command.args, AWS_VALUED);
  const [service = '', op = ''] = words;
  const profile =
    optionValue(command.args, ['--profile']) ??
    envVar(command, surroundings, 'AWS_PROFILE') ??
    envVar(command, surroundings, 'AWS_DEFAULT_PROFILE');
  const endpoint = optionValue(command.args, ['--endpoint-url']);
  const hints: EnvironmentHints = {
    ...(profile !== undefined ? { awsProfile: profile } : {}),
    ...(endpoint !== undefined ? { host: urlHost(endpoint) ?? endpoint } : {}),
  };
  const where = profile !== undefined ? ` with profile ${profile}` : '';
  if (service === 's3') {
    // `aws s3 rm|sync|mv --dryrun` prints what it would do and does nothing
    if (command.args.includes('--dryrun')) return [];
    const target = words[2] ?? 's3';
    if (op === 'rb')
      return [cloudOp(command, 'delete', target, `aws s3 rb removes bucket ${target}${where}`, hints)];
    if (op === 'rm')
      return [
        cloudOp(
          command,
          'delete',
          target,
          `aws s3 rm ${hasFlag(command.args, ['--recursive']) ? '--recursive ' : ''}deletes ${target}${where}`,
          hints,
        ),
      ];
    if (
      (op === 'sync' || op === 'mv') &&
      (command.args.includes('--delete') || op === 'mv') &&
      words.at(-1)?.startsWith('s3://') === true
    ) {
      return [
        cloudOp(
          command,
          'delete',
          words.at(-1) ?? target,
          `aws s3 ${op}${op === 'sync' ? ' --delete' : ''} removes objects from ${words.at(-1) ?? target}${where}`,
          hints,
        ),
      ];
    }
    return [];
  }
  if (!AWS_DESTRUCTIVE_OP.test(op) || command.args.includes('--dry-run') || command.args.includes('help'))
    return [];
  const idArg = command.args.find(
    (a, i) =>
      i > 0 &&
      /^--(.*-(name|id|ids|identifier|arn)|bucket|key|stack-name|instance-ids|table-name|function-name|cluster|repository-name|key-id)$/.test(
        command.args[i - 1] ?? '',
      ),
  );
  const target = idArg ?? `${service} resource`;
  const kind: Operation['kind'] = AWS_STOP_OP.test(op) ? 'stop' : 'delete';
  return [
    cloudOp(
      command,
      kind,
      target,
      `aws ${service} ${op} ${target}${where}`,
      hints,
      AWS_REVERSIBLE_OP.test(op),
    ),
  ];
};

const DELETE_VERBS = new Set([
  'delete',
  'destroy',
  'purge',
  'remove',
  'rm',
  'rb',
  'terminate',
  'abandon',
  'reset',
  'wipe',
  'disable',
  'stop',
]);

/** gcloud / az / doctl / hcloud …: any `delete`-style verb among the positionals. */
export const classifyCloudCli: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set([
      '--project',
      '--subscription',
      '--zone',
      '--region',
      '--resource-group',
      '-g',
      '--format',
      '--context',
      '-n',
      '--name',
      '--account',
      '--location',
    ]),
  );
  // `gcloud pubsub subscriptions seek S --time=T` acknowledges every message published before T: a time ahead drops them all
  const seek =
    command.name === 'gcloud' &&
    words[0] === 'pubsub' &&
    words[2] === 'seek' &&
    optionValue(command.args, ['--time']) !== undefined;
  const verbAt = seek ? 2 : words.findIndex((w) => DELETE_VERBS.has(w));
  if (verbAt < 0 || (command.name === 'gcloud' && words[verbAt] === 'stop' && words[0] !== 'compute'))
    return [];
  const verb = words[verbAt] ?? 'delete';
  // `az vm stop`, `gcloud compute instances stop` stop; the rest delete
  if (verb === 'disable' && command.name !== 'az') return [];
  const hints: EnvironmentHints = {};
  const project =
    optionValue(command.args, ['--project']) ??
    envVar(command, surroundings, 'CLOUDSDK_CORE_PROJECT') ??
    envVar(command, surroundings, 'GOOGLE_CLOUD_PROJECT');
  const subscription =
    optionValue(command.args, ['--subscription']) ?? envVar(command, surroundings, 'AZURE_SUBSCRIPTION_ID');
  const context = optionValue(command.args, ['--context']);
  if (command.name === 'gcloud' && project !== undefined) hints.gcpProject = project;
  if (command.name === 'az' && subscription !== undefined) hints.azureSubscription = subscription;
  if (context !== undefined) hints.kubeContext = context;
  // the tenant the resource lives in, named by its owners (`az iot hub device-identity delete --hub-name acme-dev-iothub`)
  Object.assign(hints, tenantHints(command.args));
  const group = optionValue(command.args, ['--resource-group', '-g']);
  const name = optionValue(command.args, ['--name', '-n']) ?? words.slice(verbAt + 1).join(' ');
  const target = [words.slice(0, verbAt).join(' '), name || group]
    .filter((s) => s !== undefined && s !== '')
    .join(' ');
  const stop = verb === 'stop' || verb === 'disable';
  return [
    cloudOp(
      command,
      stop ? 'stop' : 'delete',
      target,
      `${command.name} ${words.slice(0, verbAt + 1).join(' ')} ${name || group || ''}${project ? ` in project ${project}` : ''}`.trim(),
      hints,
      stop,
    ),
  ];
};

/** gsutil rm / rb / rsync -d. */
export const classifyGsutil: CommandClassifier = (command) => {
  const words = positionals(command.args, new Set(['-o', '-p', '-u', '-h']));
  const verb = words[0] ?? '';
  const target = words.at(-1) ?? 'objects';
  const bucket = /^gs:\/\/([^/]+)/.exec(target)?.[1];
  const hints: EnvironmentHints = {
    ...(bucket !== undefined ? { host: bucket } : {}),
    ...(optionValue(command.args, ['-p']) ? { gcpProject: optionValue(command.args, ['-p']) as string } : {}),
  };
  if (verb === 'rm' || verb === 'rb')
    return [cloudOp(command, 'delete', target, `gsutil ${verb} ${target}`, hints)];
  // `gsutil rsync -n` is its documented dry run: it lists what it would copy and delete, and changes nothing
  const rsyncArgs = command.args.slice(command.args.indexOf('rsync') + 1);
  if (verb === 'rsync' && rsyncArgs.includes('-d') && !rsyncArgs.some((a) => a === '-n' || a === '--dry-run'))
    return [cloudOp(command, 'delete', target, `gsutil rsync -d removes objects from ${target}`, hints)];
  return [];
};

/** Options whose value is a request body (curl, wget). */
const BODY_OPTIONS = [
  '-d',
  '--data',
  '--data-raw',
  '--data-binary',
  '--data-urlencode',
  '--data-ascii',
  '--json',
  '--body-data',
  '--post-data',
  '--raw',
];

/** curl / wget / httpie / xh: HTTP DELETE, and requests whose path or body says destroy, to remote APIs. */
export const classifyHttp: CommandClassifier = (command) => {
  const args = command.args;
  let method: string | undefined;
  if (command.name === 'curl') {
    method = optionValue(args, ['-X', '--request']);
    // a body without -X is a POST
    if (method === undefined && args.some((a) => /^(?:-d|-F|--data(?:-\w+)?|--json|--form)(?:=|$)/.test(a)))
      method = 'POST';
  } else if (command.name === 'wget') {
    method =
      optionValue(args, ['--method']) ??
      (args.some((a) => /^--(?:post|body)-(?:data|file)(?:=|$)/.test(a)) ? 'POST' : undefined);
  } else {
    method = args.find((a) => /^[A-Z]+$/.test(a));
  }
  const url =
    args.find(
      (a) => /^https?:\/\//i.test(a) || (/^[\w.-]+(:\d+)?\/\S*/.test(a) && command.name !== 'curl'),
    ) ?? args.find((a) => /^[\w-]+(\.[\w-]+)+(:\d+)?(\/|$)/.test(a));
  // httpie and xh take the body as items after the URL (`persistent:='{…}'`); curl and wget as options
  const items =
    command.name === 'curl' || command.name === 'wget' || url === undefined
      ? []
      : args.slice(args.indexOf(url) + 1);
  const body = [...optionValues(args, BODY_OPTIONS), ...items, command.stdin ?? ''].join('\n');
  // httpie with items and no method sends a POST
  if (method === undefined && items.some((i) => /^[\w.-]+:?=/.test(i)) && command.name !== 'curl')
    method = 'POST';
  const headers = [...optionValues(args, ['-H', '--header']), ...items.filter((i) => /^[\w-]+:[^=]/.test(i))];
  const destroys = requestDestroys({ method, url, body, headers });
  const host = url !== undefined ? (urlHost(url) ?? url.split('/')[0]?.split(':')[0]) : undefined;
  const hints: EnvironmentHints = host !== undefined ? { host } : {};
  if (destroys === undefined) {
    const off = requestSwitchesOff({ method, url, body, headers });
    return off === undefined
      ? []
      : [
          cloudOp(
            command,
            'permission-change',
            url ?? 'a remote setting',
            `HTTP ${method ?? 'request'} to ${url ?? 'a remote API'} switches a safeguard off (${off})`,
            hints,
            true,
          ),
        ];
  }
  return [
    cloudOp(
      command,
      'delete',
      url ?? 'a remote resource',
      `HTTP ${effectiveMethod({ method, url, body, headers }) ?? 'request'} to ${url ?? 'a remote API'}${destroys === 'DELETE' ? '' : ` (${destroys})`}`,
      hints,
    ),
  ];
};
