import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from '../../types.js';
import { isLoopback } from '../../environment.js';
import { frameworkTestEnvironment, markedLocal, testOrDevWord } from '../local-target.js';
import { operation } from '../operation.js';
import { pathZone } from '../paths.js';
import { contextHints, hostHints, tenantHints, variableHosts } from './hosts.js';

// The generic reading of destructive intent: the fallback for a command no family's classifier claims.
// It reads the verbs of any CLI's subcommands, flags and own name, so an unfamiliar tool that destroys
// (`vault kv delete`, `zfs destroy`, `mix ecto.drop`, `lvremove`) is held instead of allowed.

/** Subcommand verbs that destroy data, state, access or a safeguard. */
const VERBS = new Set([
  'delete',
  'del',
  'deleteall',
  'destroy',
  'remove',
  'rm',
  'rmr',
  'rmdir',
  'rb',
  'drop',
  'dropall',
  'purge',
  'wipe',
  'truncate',
  'flush',
  'flushall',
  'flushdb',
  'reset',
  'terminate',
  'uninstall',
  'prune',
  'revoke',
  'disable',
  'erase',
  'nuke',
  'zap',
  'obliterate',
  'expunge',
  'fresh',
  'rollback',
  'teardown',
  'deprovision',
  'decommission',
  'deregister',
  'unregister',
  'undeploy',
  'shred',
  'restore',
  'downgrade',
  'forget',
  'yank',
  'format',
  'empty',
  'labelclear',
  'clear',
  // `vault operator seal`: the store stops answering until someone unseals it with the key shares
  'seal',
  // subscriptions and backups: `sns unsubscribe`, `pgbackrest expire` (old backups deleted), `rclone deletefile`
  'unsubscribe',
  'expire',
  'deletefile',
  'resetwal',
  'resetxlog',
]);
/** Verbs that destroy only when the command also skips its confirmation (`atlas schema clean --auto-approve`). */
const CONFIRMED_VERBS = new Set(['clean', 'clobber', 'scrub']);
const SKIPS_CONFIRMATION =
  /^(--auto-approve|--yes|-y|--force|-f|--confirm|--no-confirm|--non-interactive|--assume-yes)(=.*)?$/;
/** An action or spec file a tool is handed (`curator delete_indices.yml`): its name says what it does. */
const ACTION_FILE = /\.(?:ya?ml|json)$/i;
/** Verbs that, as a flag (`--delete`, `--force-delete`, `--purge`), make any command destructive. */
const FLAG_VERBS = new Set([
  'delete',
  'destroy',
  'drop',
  'purge',
  'wipe',
  'truncate',
  'erase',
  'remove',
  'flush',
  'nuke',
  'zap',
  'obliterate',
  'expunge',
  'deleteall',
  'reset',
  'zero',
]);
/** Verbs long enough to be read inside a command's own name (`lvremove`, `userdel` is read by its family). */
const NAME_VERBS = [
  'remove',
  'delete',
  'destroy',
  'drop',
  'purge',
  'wipe',
  'erase',
  'nuke',
  'uninstall',
  'reduce',
];
/** Tokens that turn a flag into its opposite or into a question (`--no-delete`, `--skip-drop`). */
const NEGATIONS = new Set([
  'no',
  'not',
  'skip',
  'keep',
  'dry',
  'without',
  'except',
  'prevent',
  'protect',
  'protection',
  'safe',
  'disable',
  'list',
  'show',
]);
/** Arguments that make a command describe itself rather than act. */
const INERT = new Set(['--help', '-h', '--dry-run', '--dryrun', '--what-if', '--version', 'help']);
/**
 * Of those, the ones many tools also take with a value (`fastly backend delete --version active`, `-h db.prod`):
 * followed by a word that is no option, they choose a version or a host and the command acts.
 */
const INERT_UNLESS_VALUED = new Set(['--version', '-h']);

/** Package managers' own words for "say what you would do": `apt-get -s remove`, `dnf --assumeno`, `pacman -p`. */
const SIMULATES: Record<string, RegExp> = {
  zfs: /^-[a-zA-Z]*n[a-zA-Z]*$/,
  zpool: /^-[a-zA-Z]*n[a-zA-Z]*$/,
  apt: /^(-s|--simulate|--just-print|--dry-run|--recon|--no-act)$/,
  'apt-get': /^(-s|--simulate|--just-print|--dry-run|--recon|--no-act)$/,
  aptitude: /^(-s|--simulate)$/,
  dpkg: /^(--no-act|--dry-run|--simulate)$/,
  dnf: /^(--assumeno)$/,
  yum: /^(--assumeno)$/,
  zypper: /^(--dry-run)$/,
  pacman: /^(-p|--print)$/,
  rpm: /^(--test)$/,
};

/** True when an argument makes the command describe itself (see INERT_UNLESS_VALUED). */
function describesItself(args: readonly string[], name?: string): boolean {
  const simulates = name !== undefined ? SIMULATES[name] : undefined;
  if (simulates !== undefined && args.some((a) => simulates.test(a))) return true;
  return args.some((a, i) => {
    if (!INERT.has(a)) return false;
    if (!INERT_UNLESS_VALUED.has(a)) return true;
    const next = args[i + 1];
    return next === undefined || next.startsWith('-');
  });
}
// A word that names a file of a well-known kind (`test_delete.py`) is data, not a verb.
const FILE_LIKE =
  /\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|php|sql|sh|bash|zsh|txt|md|json|ya?ml|toml|ini|cfg|conf|csv|log|html?|css|xml|lock|env|tf|tfvars|proto)$/i;
const MAX_SUBCOMMANDS = 3;

/** The lower-case tokens of a word split across `-`, `_`, `:`, `.`, `/` and camelCase (`dbWipe` → db, wipe). */
export function verbTokens(word: string): string[] {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[-_:.\s]+/)
    .filter((t) => t !== '');
}

/** The destructive verb a subcommand-like word carries, if any. */
function subcommandVerb(word: string): string | undefined {
  if (/[\s/=@]|^\d|:\/\//.test(word) || FILE_LIKE.test(word)) return undefined;
  const tokens = verbTokens(word);
  if (tokens.some((t) => NEGATIONS.has(t) && t !== 'disable')) return undefined;
  return tokens.find((t) => VERBS.has(t));
}

/** A verb that destroys only without a confirmation, when the command skips it. */
function confirmedVerb(word: string, args: readonly string[]): string | undefined {
  if (!CONFIRMED_VERBS.has(word.toLowerCase())) return undefined;
  return args.some((a) => SKIPS_CONFIRMATION.test(a)) ? word.toLowerCase() : undefined;
}

/** The destructive verb of a long flag (`--force-delete`, `--delete=true`), unless negated (`--no-delete`, `--delete=false`). */
function flagVerb(arg: string): string | undefined {
  const [name = '', value] = arg.slice(2).split('=', 2);
  if (value !== undefined && /^(?:false|no|off|0)$/i.test(value)) return undefined;
  const tokens = verbTokens(name);
  if (tokens.some((t) => NEGATIONS.has(t))) return undefined;
  // `pubsub subscriptions pull --auto-ack`: what is acknowledged on receipt is gone from the subscription
  if (name === 'auto-ack') return 'ack';
  return tokens.find((t) => FLAG_VERBS.has(t));
}

const ACCOUNT_DELETE = /^(?:(?:user|group|member)del|del(?:user|group))$/;

function nameVerb(name: string): string | undefined {
  const base = name.replace(/\.(?:sh|py|rb|pl|js|exe)$/, '');
  const tokens = verbTokens(base);
  const found = tokens.find((t) => VERBS.has(t) && t.length >= 4);
  if (found !== undefined && tokens.length > 1) return found;
  // `pg_dropcluster`, `kafka_deletetopic`: a verb fused with its object in one token of a compound name
  const fused =
    tokens.length > 1 ? NAME_VERBS.find((verb) => tokens.some((t) => t.startsWith(verb))) : undefined;
  if (fused !== undefined) return fused;
  // the account tools: `userdel`, `groupdel`, `deluser`, `delgroup`
  if (ACCOUNT_DELETE.test(base)) return 'del';
  const lower = base.toLowerCase();
  return NAME_VERBS.find((verb) => lower !== verb && (lower.endsWith(verb) || lower.startsWith(verb)));
}

/** The destructive verb in a URL's path (`/topic/delete`, `/_flush`, `/v1/cache:purge`), if any. */
export function urlPathVerb(url: string): string | undefined {
  const path =
    url
      .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
      .replace(/^[^/]*/, '')
      .split(/[?#]/)[0] ?? '';
  for (const segment of path.split('/')) {
    const verb = segment === '' ? undefined : subcommandVerb(segment);
    if (verb !== undefined) return verb;
  }
  return undefined;
}

/** What in the command reads as destructive intent: `subcommand "delete"`, `flag --purge`, `name lvremove`. */
export function destructiveIntent(name: string, args: readonly string[], byPath = false): string | undefined {
  if (describesItself(args, name)) return undefined;
  // `apptainer cache clean -f`, `helm repo cache clean`: what a tool's cache holds it fetches again
  if (args.find((a) => !a.startsWith('-')) === 'cache') return undefined;
  // a file run by its path (`./scripts/reset-db.sh`) is judged on what it contains (look-inside), not its name
  // — but a bare `kafka-delete-records.sh` is found on PATH: an installed tool, read by its name
  const own = byPath || (name.includes('/') && FILE_LIKE.test(name)) ? undefined : nameVerb(name);
  if (own !== undefined) return `"${name}" (${own})`;
  let seen = 0;
  let afterOption = false;
  for (const arg of args) {
    if (arg === '--') break;
    // Hadoop-style commands are single-dash words (`hdfs dfs -rm -r`, `hadoop fs -rmr`)
    if (/^-(?:rm|rmr|rmdir)$/.test(arg)) return `subcommand "${arg}" (rm)`;
    // Go-style single-dash long flags (`-purge`, `-force-delete`) read like `--purge`
    if (arg.startsWith('--') || /^-[a-z]{3,}(?:[-_][a-z]+)*(?:=.*)?$/i.test(arg)) {
      const verb = flagVerb(arg.startsWith('--') ? arg : `-${arg}`);
      if (verb !== undefined) return `flag ${arg.split('=')[0] ?? arg} (${verb})`;
      afterOption = !arg.includes('=');
      continue;
    }
    if (arg.startsWith('-')) {
      afterOption = true;
      continue;
    }
    // `curator --config c.yml delete_indices.yml`: an action file named for what it does
    if (ACTION_FILE.test(arg) && !afterOption) {
      const stem = (arg.split('/').pop() ?? arg).replace(ACTION_FILE, '');
      const fileVerb = verbTokens(stem).find((t) => VERBS.has(t) && t !== 'format');
      if (fileVerb !== undefined && !verbTokens(stem).some((t) => NEGATIONS.has(t)))
        return `action file "${arg}" (${fileVerb})`;
    }
    const verb = subcommandVerb(arg) ?? confirmedVerb(arg, args);
    // the word after an option is most likely its value (`-dir migrations`), not a subcommand; once a
    // subcommand word was read (`branches list --project-id empty-sun-1`) it is its value for certain
    if (afterOption && (verb === undefined || seen > 0)) {
      afterOption = false;
      continue;
    }
    afterOption = false;
    if (seen >= MAX_SUBCOMMANDS) continue;
    seen++;
    if (verb !== undefined) return `subcommand "${arg}" (${verb})`;
    // a path or a quoted sentence ends the subcommand words: what follows is data
    if (/[\s/]/.test(arg)) seen = MAX_SUBCOMMANDS;
  }
  return undefined;
}

/** Tools that send their stdin to a server as a raw protocol (`echo flush_all | nc cache 11211`). */
const RAW_SENDERS = new Set(['nc', 'ncat', 'netcat', 'telnet', 'socat', 'openssl']);

/** Names of interactive command shells of a service (`zkCli.sh`, `zookeeper-shell`, `acme-cli`). */
const CLI_SHELL = /(?:cli|shell|console)(?:\.sh)?$/i;

/** A destructive verb in what a raw sender sends: memcached `flush_all`, redis `FLUSHDB`, zookeeper `deleteall`. */
function rawProtocolIntent(command: SimpleCommand): string | undefined {
  if (command.stdin === undefined) return undefined;
  // an unfamiliar interactive CLI (`zkCli.sh`, `foo-shell`) fed commands on stdin: the first word of each line
  if (!RAW_SENDERS.has(command.name)) {
    if (!CLI_SHELL.test(command.name)) return undefined;
    for (const line of command.stdin.split('\n')) {
      const first = line.trim().split(/\s+/)[0] ?? '';
      const verb = first === '' ? undefined : subcommandVerb(first);
      if (verb !== undefined) return `input "${first}" (${verb})`;
    }
    return undefined;
  }
  for (const word of command.stdin.split(/\s+/)) {
    const verb = word === '' ? undefined : subcommandVerb(word);
    if (verb !== undefined) return `input "${word}" (${verb})`;
  }
  return undefined;
}

/** `nc HOST PORT`: the first word that is not an option or a port. */
function rawHost(args: readonly string[]): { host?: string } {
  const host = args.find((a) => !a.startsWith('-') && !/^\d+$/.test(a));
  return host !== undefined ? { host } : {};
}

/**
 * `tilt down --context prod-us`: `down` alone is too common a word to read as deletion (`vagrant down`), but a
 * tool pointed at a kube context that it takes `down` removes what it deployed there.
 */
function clusterTeardown(args: readonly string[], context: EnvironmentHints): string | undefined {
  if (context.kubeContext === undefined) return undefined;
  const first = args.find((a) => !a.startsWith('-'));
  return first === 'down' ? `subcommand "down" (tears down what it deployed in the kube context)` : undefined;
}

/** Tools that act on the local node unless given another one, and the option naming a scope on that node. */
const LOCAL_NODE_TOOLS: Record<
  string,
  { node: string[]; nodeVariable: string; scope: string[]; scopeVerbs?: string[] }
> = {
  // `delete_vhost /test` names the scope as its operand
  rabbitmqctl: {
    node: ['-n', '--node'],
    nodeVariable: 'RABBITMQ_NODENAME',
    scope: ['-p', '--vhost'],
    scopeVerbs: ['delete_vhost'],
  },
};

/** The value of an option given as `-p v`, `--vhost v` or `--vhost=v`. */
function optionValue(args: readonly string[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (names.includes(arg)) return args[i + 1];
    const eq = arg.indexOf('=');
    if (eq > 0 && names.includes(arg.slice(0, eq))) return arg.slice(eq + 1);
  }
  return undefined;
}

/**
 * `rabbitmqctl purge_queue test_emails -p /dev`: no node named, so the node on this machine, and a scope on it
 * (a vhost) named for test or dev — a local throwaway, as a test/dev container is. A node named (`-n`) or a scope
 * not marked leaves it held.
 */
function localNodeScope(command: SimpleCommand, args: readonly string[]): string | undefined {
  const tool = LOCAL_NODE_TOOLS[command.name];
  if (tool === undefined) return undefined;
  if (optionValue(args, tool.node) !== undefined || command.env[tool.nodeVariable] !== undefined)
    return undefined;
  const words = args.filter((a) => !a.startsWith('-'));
  const scope =
    optionValue(args, tool.scope) ??
    (tool.scopeVerbs?.includes(words[0] ?? '') === true ? words[1] : undefined);
  if (scope === undefined || testOrDevWord(scope) === undefined) return undefined;
  return `${scope} on the local ${command.name} node`;
}

/** Options that name the repository or store a backup or data tool acts on (`restic -r`, `borg --repo`). */
const REPOSITORY_OPTIONS = ['-r', '--repo', '--repository', '-R'];

/**
 * `restic -r /tmp/restic-test forget --prune`: the store the tool acts on is a folder under the temp dir, which
 * the machine clears on its own — disposable, as any file there is. A store elsewhere or unnamed stays held.
 */
function temporaryRepository(
  command: SimpleCommand,
  args: readonly string[],
  surroundings: ActionSurroundings,
): string | undefined {
  const repo = optionValue(args, REPOSITORY_OPTIONS);
  // a path written as one (`-r` is also `userdel -r NAME`'s "and the home folder")
  if (repo === undefined || !repo.includes('/') || command.remote !== undefined || command.via.length > 0)
    return undefined;
  if (command.dynamicArgs.length > 0) return undefined;
  if (/^[a-z][\w+.-]*:/i.test(repo)) return undefined; // s3:…, sftp:…, rest:… are other machines
  return pathZone(repo, command, surroundings).zone === 'temp'
    ? `${repo}, a repository under the temp dir`
    : undefined;
}

/** The variables the command sees: its own, and the surroundings' where it runs here. */
function ownVariables(
  command: SimpleCommand,
  surroundings: ActionSurroundings | undefined,
): Record<string, string | undefined> {
  return command.remote === undefined && surroundings !== undefined
    ? { ...surroundings.env, ...command.env }
    : command.env;
}

/**
 * The fallback for a command no family claims: destructive intent read from its argv, held as an unknown target —
 * unless it is a framework's task runner pointed at its test/dev environment (`MIX_ENV=test mix ecto.reset`), when
 * `surroundings` are given to read the variables it inherits.
 */
export function classifyGeneric(
  command: SimpleCommand,
  args: readonly string[] = command.args,
  surroundings?: ActionSurroundings,
): Operation[] {
  const context = contextHints(args, command.env);
  const intent =
    destructiveIntent(command.name, args, command.path !== undefined) ??
    rawProtocolIntent(command) ??
    clusterTeardown(args, context);
  if (intent === undefined) return [];
  return [
    operation(command, {
      kind: 'delete',
      category: 'unknown',
      destructive: true,
      // nothing is known of what it destroys, so it is held for a person rather than refused outright
      reversible: true,
      target: command.source,
      summary: `${command.name} with destructive intent in its ${intent}, on a target blastwall does not know`,
      hints: RAW_SENDERS.has(command.name)
        ? rawHost(args)
        : markedLocal(
            {
              ...hostHints(
                args,
                isLoopback,
                variableHosts(command.name, ownVariables(command, surroundings)),
              ),
              ...context,
              ...tenantHints(args),
            },
            localNodeScope(command, args) ??
              (surroundings !== undefined
                ? (frameworkTestEnvironment(command, surroundings) ??
                  temporaryRepository(command, args, surroundings))
                : undefined),
          ),
    }),
  ];
}
