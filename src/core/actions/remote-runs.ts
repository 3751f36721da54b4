import type { EnvironmentHints } from './types.js';

// Cloud and orchestrator tools that run one command on a machine, allocation or container elsewhere carry that
// command in their arguments. One table says, for each, where the command is and what names the place it runs:
// the shell reader (adapters/shell/remote-runners.ts) parses the command as run there, and the generic deploy
// reading (generic-deploy.ts) leaves these verbs alone, so `df -h` on a prod VM is judged as `df -h`, not as a
// deploy whose effect is unknown.

type HintOptions = { [K in keyof EnvironmentHints]?: readonly string[] };

interface Runner {
  tools: readonly string[];
  /** The subcommand words, one after another, before the command (`compute ssh`, `alloc exec`). */
  path: readonly string[];
  /** The path is the tool's first subcommand: only options come before it (`lxc exec`, not `consul kv put exec`). */
  first?: boolean;
  /** After `--`, the runner hands these options to ssh before the command (`gcloud compute ssh vm -- -L 80:x:80 cmd`). */
  sshOptions?: boolean;
  /** Options whose value is the command text (`--command`, `--scripts`). */
  option?: readonly string[];
  /** The option takes several words, each a command (`az … --scripts 'a' 'b'`). */
  many?: boolean;
  /**
   * The command is the words after the target (or after `--`); `dashes`: only after `--`; `positionals`: the words
   * that are not the runner's own options, wherever those stand (`kamal app exec 'cmd' -d production`).
   */
  rest?: 'target' | 'dashes' | 'options' | 'positionals';
  /** Those words are the program and its arguments, run without a shell (`nomad alloc exec`, `lxc exec`). */
  argv?: boolean;
  /** Options that take a value, so their value is not read as the target. */
  valued?: readonly string[];
  /** Options, then environment variables, that name the machine; else the target word. */
  host?: readonly string[];
  hostEnv?: readonly string[];
  /** Options and environment variables that name the environment the command runs in. */
  hints?: HintOptions;
  hintEnv?: HintOptions;
  /** Options that hand the command over in a file or URL, which cannot be read on the line. */
  unreadable?: readonly string[];
  /** Turns the option's value into the command text; undefined when it carries none. */
  text?: (value: string) => string | undefined;
  /**
   * The machine is one this machine runs (a Vagrant or Multipass VM), in plain words — unless the variable named
   * picks a provider that is not this machine's (`VAGRANT_DEFAULT_PROVIDER=aws`).
   */
  local?: { what: string; provider?: { variable: string; local: RegExp } };
}

/** Vagrant providers that run the VM on this machine. */
const LOCAL_VAGRANT_PROVIDER =
  /^(?:virtualbox|vmware_desktop|vmware_fusion|vmware_workstation|libvirt|hyperv|parallels|docker|qemu|utm)$/;
/** A Vagrant machine: a VM on this machine unless the provider says otherwise. */
export const VAGRANT_LOCAL = {
  what: 'a Vagrant VM on this machine',
  provider: { variable: 'VAGRANT_DEFAULT_PROVIDER', local: LOCAL_VAGRANT_PROVIDER },
};

const AWS_HINTS: HintOptions = { awsProfile: ['--profile'], region: ['--region'] };
const AWS_ENV: HintOptions = { awsProfile: ['AWS_PROFILE'], region: ['AWS_REGION', 'AWS_DEFAULT_REGION'] };

/**
 * The commands of an SSM `--parameters` value in any of its forms: JSON (`{"commands":["a","b"]}`), shorthand
 * lists (`commands=["a","b"]`, `commands=a,b`), and `command=` for AWS-StartInteractiveCommand.
 */
function ssmCommands(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = JSON.parse(trimmed) as Record<string, unknown>;
      const list = parsed.commands ?? parsed.command;
      if (Array.isArray(list)) return list.map(String).join('\n');
      if (typeof list === 'string') return list;
      return undefined;
    } catch {
      return trimmed;
    }
  }
  const m = /(?:^|,)\s*commands?=(.*)$/s.exec(trimmed);
  if (m === null) return undefined;
  const list = (m[1] ?? '').trim();
  if (list.startsWith('[')) {
    const quoted = [...list.matchAll(/"((?:\\.|[^"\\])*)"/g)].map((q) =>
      (q[1] ?? '').replace(/\\(.)/g, '$1'),
    );
    return quoted.length > 0 ? quoted.join('\n') : list.slice(1, list.endsWith(']') ? -1 : undefined);
  }
  return list.split(',').join('\n');
}

const RUNNERS: readonly Runner[] = [
  {
    tools: ['nomad'],
    first: true,
    path: ['alloc', 'exec'],
    rest: 'target',
    argv: true,
    valued: [
      '-task',
      '-address',
      '-region',
      '-namespace',
      '-token',
      '-ca-cert',
      '-client-cert',
      '-client-key',
      '-e',
    ],
    host: ['-address', '--address'],
    hostEnv: ['NOMAD_ADDR'],
    hints: { region: ['-region'] },
  },
  {
    tools: ['consul'],
    first: true,
    path: ['exec'],
    rest: 'options',
    host: ['-http-addr', '--http-addr', '-node'],
    hostEnv: ['CONSUL_HTTP_ADDR'],
  },
  {
    // `knife ssh QUERY CMD`: CMD runs on every node the search query matches (`chef_environment:production`)
    tools: ['knife'],
    first: true,
    path: ['ssh'],
    rest: 'target',
    valued: [
      '-x',
      '--ssh-user',
      '-i',
      '--ssh-identity-file',
      '-a',
      '--attribute',
      '-C',
      '--concurrency',
      '-p',
      '--ssh-port',
      '-P',
      '--ssh-password',
      '-G',
      '--ssh-gateway',
      '-c',
      '--config',
      '--environment',
      '-E',
    ],
    hints: { environment: ['-E', '--environment'] },
  },
  {
    tools: ['az'],
    path: ['run-command'],
    option: ['--scripts', '--script'],
    many: true,
    host: ['--vm-name', '--name', '-n', '--vmss-name'],
    hints: { azureSubscription: ['--subscription'] },
    hintEnv: { azureSubscription: ['AZURE_SUBSCRIPTION_ID'] },
    unreadable: ['--script-uri'],
  },
  {
    tools: ['az'],
    path: ['aks', 'command', 'invoke'],
    option: ['--command', '-c'],
    host: ['--name', '-n'],
    hints: { azureSubscription: ['--subscription'] },
  },
  {
    tools: ['aws'],
    path: ['ssm', 'send-command'],
    option: ['--parameters'],
    host: ['--instance-ids', '--targets'],
    hints: AWS_HINTS,
    hintEnv: AWS_ENV,
    text: ssmCommands,
  },
  {
    tools: ['aws'],
    path: ['ssm', 'start-session'],
    option: ['--parameters'],
    host: ['--target'],
    hints: AWS_HINTS,
    hintEnv: AWS_ENV,
    text: ssmCommands,
  },
  {
    tools: ['aws'],
    path: ['ecs', 'execute-command'],
    option: ['--command'],
    host: ['--task', '--cluster'],
    hints: AWS_HINTS,
    hintEnv: AWS_ENV,
  },
  {
    // `gcloud compute ssh`, `gcloud compute tpus tpu-vm ssh`, `gcloud cloud-shell ssh`, `gcloud workstations ssh`
    tools: ['gcloud'],
    path: ['ssh'],
    sshOptions: true,
    option: ['--command'],
    rest: 'dashes',
    valued: [
      '--zone',
      '--project',
      '--ssh-key-file',
      '--command',
      '--container',
      '--ssh-flag',
      '--worker',
      '--region',
      '--cluster',
      '--config',
    ],
    hints: { gcpProject: ['--project'] },
    hintEnv: { gcpProject: ['CLOUDSDK_CORE_PROJECT'] },
  },
  {
    tools: ['doctl'],
    first: true,
    path: ['compute', 'ssh'],
    option: ['--ssh-command'],
    valued: [
      '--ssh-command',
      '--ssh-key-path',
      '--ssh-user',
      '--ssh-port',
      '--context',
      '-t',
      '--access-token',
    ],
  },
  {
    tools: ['hcloud'],
    first: true,
    path: ['server', 'ssh'],
    rest: 'target',
    valued: ['--user', '-u', '--port', '-p', '--context'],
  },
  {
    tools: ['fly', 'flyctl'],
    path: ['ssh', 'console'],
    first: true,
    option: ['-C', '--command'],
    host: ['-a', '--app'],
  },
  {
    tools: ['fly', 'flyctl'],
    path: ['machine', 'exec'],
    first: true,
    rest: 'target',
    valued: ['-a', '--app', '--timeout', '--container'],
    host: ['-a', '--app'],
  },
  {
    // `kamal app exec -d production 'bin/rails db:migrate:down …'`: runs in the app's containers of a destination
    tools: ['kamal'],
    first: true,
    path: ['app', 'exec'],
    rest: 'positionals',
    valued: [
      '-d',
      '--destination',
      '-r',
      '--roles',
      '-h',
      '--hosts',
      '-c',
      '--config-file',
      '--version',
      '-e',
      '--env',
    ],
    hints: { environment: ['-d', '--destination'] },
  },
  {
    tools: ['eb'],
    first: true,
    path: ['ssh'],
    option: ['--command'],
    valued: ['--command', '--instance', '-i', '--profile', '--region', '-r'],
  },
  {
    tools: ['vagrant'],
    first: true,
    path: ['ssh'],
    option: ['-c', '--command'],
    valued: ['-c', '--command'],
    local: VAGRANT_LOCAL,
  },
  {
    tools: ['multipass'],
    local: { what: 'a Multipass VM on this machine' },
    first: true,
    path: ['exec'],
    rest: 'target',
    argv: true,
    valued: ['--working-directory', '-d'],
  },
  {
    tools: ['lxc', 'incus'],
    first: true,
    path: ['exec'],
    rest: 'target',
    argv: true,
    valued: ['--env', '--user', '--group', '--cwd', '--mode', '--project'],
  },
];

/** The tools the table reads. */
export const REMOTE_RUNNER_TOOLS: readonly string[] = [...new Set(RUNNERS.flatMap((r) => r.tools))];

/** A command a remote runner carries, and where it runs. */
export interface RemoteRun {
  /** The runner as named in reasons (`nomad alloc exec`). */
  label: string;
  /** The command text, as the remote shell gets it; undefined when the line hands it over unreadably. */
  text?: string;
  /** Indices of the words the text came from, so the reader can tell whether they are known before it runs. */
  from: number[];
  /** The machine, allocation or container the command runs on. */
  host: string;
  hints: EnvironmentHints;
  /** Why the command cannot be read (a file, a URL), when it cannot. */
  unreadable?: string;
  /** The words from `from` are a program and its arguments, run without a shell. */
  argv?: boolean;
}

const hostOf = (value: string): string => {
  // `https://nomad.prod.corp.io:4646` → `nomad.prod.corp.io`; `user@vm` → `vm`; `remote:container` stays
  const url = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(value);
  if (url !== null) return url[1] ?? value;
  return value.slice(value.lastIndexOf('@') + 1);
};

/** Value of option `name` in words[start, end): `--x v`, `--x=v`, `-x v`, `-x=v`; with its index. */
function option(
  words: readonly string[],
  names: readonly string[],
  start: number,
  end: number,
): [string, number] | undefined {
  for (let i = start; i < end; i++) {
    const w = words[i] ?? '';
    for (const name of names) {
      if (w === name && i + 1 < words.length) return [words[i + 1] ?? '', i + 1];
      if (w.startsWith(name + '=')) return [w.slice(name.length + 1), i];
    }
  }
  return undefined;
}

/** Where the subcommand path ends (the index after its last word), or -1 when the words do not follow it. */
function pathEnd(words: readonly string[], runner: Runner, end: number): number {
  for (let at = 1; at + runner.path.length <= end; at++) {
    if (runner.path.every((step, i) => words[at + i] === step)) return at + runner.path.length;
    if (runner.first === true && !(words[at] ?? '').startsWith('-')) return -1;
  }
  return -1;
}

/** ssh's options that take a value (OpenSSH). */
const SSH_VALUED = /^-[BbcDEeFIiJLlmOoPpQRSWw]$/;

/** The index of the first positional word at or after `start` (options and their values skipped). */
function firstPositional(
  words: readonly string[],
  start: number,
  end: number,
  valued: readonly string[],
): number {
  let i = start;
  while (i < end) {
    const w = words[i] ?? '';
    if (w === '--' || !w.startsWith('-') || w === '-') return w === '--' ? end : i;
    i += !w.includes('=') && valued.includes(w) ? 2 : 1;
  }
  return end;
}

function hintsOf(
  runner: Runner,
  words: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  end: number,
): EnvironmentHints {
  const hints: Record<string, string> = {};
  for (const [key, names] of Object.entries(runner.hints ?? {})) {
    const value = option(words, names, 1, end)?.[0];
    if (value !== undefined) hints[key] = value;
  }
  for (const [key, names] of Object.entries(runner.hintEnv ?? {})) {
    const value = names.map((n) => env[n]).find((v) => v !== undefined);
    if (value !== undefined && hints[key] === undefined) hints[key] = value;
  }
  const local = runner.local;
  const provider = local?.provider === undefined ? undefined : env[local.provider.variable];
  if (local !== undefined && (provider === undefined || local.provider?.local.test(provider) === true))
    hints.localTarget = local.what;
  return hints as EnvironmentHints;
}

/**
 * The remote command a cloud or orchestrator runner carries (`nomad alloc exec A redis-cli INFO`, `az vm
 * run-command invoke --scripts 'df -h'`), or undefined when the words are not such a run (`gcloud compute ssh vm`
 * opens a session and carries none). `words` include the tool's name; `env` is what the line sets for it.
 */
export function remoteRunOf(
  words: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): RemoteRun | undefined {
  const tool = words[0] ?? '';
  const dashes = words.indexOf('--');
  const end = dashes < 0 ? words.length : dashes;
  for (const runner of RUNNERS) {
    if (!runner.tools.includes(tool)) continue;
    const after = pathEnd(words, runner, end);
    if (after < 0) continue;
    const label = [tool, ...runner.path].join(' ');
    const hints = hintsOf(runner, words, env, end);
    const target = firstPositional(words, after, end, runner.valued ?? runner.option ?? []);
    const named =
      option(words, runner.host ?? [], 1, end)?.[0] ??
      (runner.hostEnv ?? []).map((n) => env[n]).find((v) => v !== undefined) ??
      (runner.rest !== 'options' && runner.rest !== 'positionals' && target < end
        ? words[target]
        : undefined);
    const host = named === undefined ? tool : hostOf(named);
    const unreadable = option(words, runner.unreadable ?? [], 1, end);
    if (unreadable !== undefined)
      return {
        label,
        from: [unreadable[1]],
        host,
        hints,
        unreadable: `${label} runs the script at ${unreadable[0]}`,
      };
    const found = runner.option === undefined ? undefined : option(words, runner.option, 1, end);
    if (found !== undefined) {
      const [value, at] = found;
      const from = [at];
      const values = [value];
      // `az … --scripts 'a' 'b'`: each following word up to the next option is one more line
      for (let i = at + 1; runner.many === true && i < end; i++) {
        const w = words[i] ?? '';
        if (w.startsWith('-')) break;
        values.push(w);
        from.push(i);
      }
      if (values.some((v) => /^(?:@|file:\/\/|fileb:\/\/|https?:\/\/)/.test(v)))
        return { label, from, host, hints, unreadable: `${label} runs the commands in ${values.join(' ')}` };
      const text = runner.text === undefined ? values.join('\n') : runner.text(values.join('\n'));
      if (text === undefined) continue;
      return { label, text, from, host, hints };
    }
    if (runner.rest === 'positionals' && dashes < 0) {
      const from: number[] = [];
      for (let i = after; i < end; i++) {
        const w = words[i] ?? '';
        if (w.startsWith('-')) {
          if (!w.includes('=') && (runner.valued ?? []).includes(w)) i++;
          continue;
        }
        from.push(i);
      }
      if (from.length === 0) continue;
      return { label, text: from.map((i) => words[i]).join(' '), from, host, hints };
    }
    let start = -1;
    if (runner.rest === 'dashes' || (runner.rest !== undefined && dashes >= 0))
      start = dashes < 0 ? -1 : dashes + 1;
    else if (runner.rest === 'target' && target < end)
      // a runner that joins its words for a shell reads its own options anywhere (`fly machine exec ID -a app 'ls'`)
      start =
        runner.argv === true ? target + 1 : firstPositional(words, target + 1, end, runner.valued ?? []);
    else if (runner.rest === 'options') start = firstPositional(words, after, end, runner.valued ?? []);
    // ssh's own options after `--` come before the command it runs
    while (runner.sshOptions === true && start >= 0 && (words[start] ?? '').startsWith('-'))
      start += SSH_VALUED.test(words[start] ?? '') ? 2 : 1;
    if (start < 0 || start >= words.length) continue;
    const from = words.map((_, i) => i).filter((i) => i >= start);
    const text = from.map((i) => words[i]).join(' ');
    return runner.argv === true
      ? { label, text, from, host, hints, argv: true }
      : { label, text, from, host, hints };
  }
  return undefined;
}
