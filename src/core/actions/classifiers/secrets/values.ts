import type {
  ActionSurroundings,
  EnvironmentHints,
  Operation,
  ShellParser,
  SimpleCommand,
} from '../../types.js';
import { hasFlag, optionValue, positionals, urlHost } from '../args.js';
import { sharedWord } from '../../environment-words.js';
import { testOrDevWord } from '../local-target.js';
import { verbTokens } from '../generic/intent.js';
import { envVar, operation } from '../operation.js';
import { SECRET_VARIABLE } from './places.js';
import { PATTERN_FIRST, PRINTERS } from './reads.js';
import { keepsNamesOnly } from './names-only.js';

// A secret's value printed into the agent's context: what a command prints reaches the model and its provider
// exactly as a Read tool's result does. A secrets store's read verb (`vault kv get`, `op read`), a cloud or
// platform secret read (`aws secretsmanager get-secret-value`, `kubectl get secret -o yaml`) or a secret
// variable echoed by name shows the value — when its output reaches the agent: not captured by `$(…)`, not
// redirected to a file, not piped into a consumer that keeps it (`| docker login --password-stdin`).
// A value from a store is judged in the environment its words name (`secret/dev/db`, `--profile dev`): held
// where that is protected or not known. The user's own credentials (`gh auth token`, `$GITHUB_TOKEN`, a
// keychain password, gpg secret keys) belong to no environment and are held like a secret file.

/** CLIs whose only business is secrets: anything they send is one (exfiltration); their read verbs print one. */
export const SECRET_STORES = new Set([
  'vault',
  'op',
  'doppler',
  'infisical',
  'chamber',
  'pass',
  'gopass',
  'bw',
  'lpass',
  'sops',
  'security',
  'akeyless',
  'conjur',
  'keyctl',
  'secret-tool',
  'berglas',
  'teller',
]);
/** Decrypters: what they print is a secret only when they decrypt (or export secret keys). */
const DECRYPTERS = new Set(['age', 'gpg', 'gpg2']);
/** Multi-purpose CLIs (cloud, cluster, platform): their secret commands are told by their words. */
export const PLATFORM_CLIS = new Set([
  'aws',
  'gcloud',
  'az',
  'kubectl',
  'oc',
  'heroku',
  'gh',
  'glab',
  'doctl',
  'fly',
  'flyctl',
  'vercel',
  'netlify',
  'railway',
  'render',
  'git',
  'npm',
  'docker',
]);

/** A secret value a command prints: what it is, and whether it is the user's own credential. */
interface SecretValue {
  what: string;
  /** The user's own credential (a login token, a keychain password): no environment makes it harmless. */
  own?: boolean;
}

/** Options that take a value as a separate word, per CLI, so that value is not read as a verb or a kind. */
const KUBE_VALUED = [
  '-n',
  '--namespace',
  '--context',
  '--kubeconfig',
  '-l',
  '--selector',
  '--cluster',
  '--user',
  '-o',
  '--output',
  '--field-selector',
  '-s',
  '--server',
  '--token',
  '--as',
];
const VALUED: Record<string, ReadonlySet<string>> = {
  doppler: new Set(['--project', '-p', '--config', '-c', '--token', '--format', '--scope', '--api-host']),
  infisical: new Set(['--env', '--projectId', '--path', '--token', '--format', '--domain']),
  op: new Set(['--vault', '--account', '--fields', '--format', '--session', '--cache']),
  vault: new Set(['-address', '-namespace', '-mount', '-field', '-format', '-version']),
  heroku: new Set(['-a', '--app', '-r', '--remote']),
  gh: new Set(['-h', '--hostname']),
  glab: new Set(['-h', '--hostname', '-R', '--repo', '-g', '--group']),
  bw: new Set(['--session', '--organizationid', '--itemid']),
  kubectl: new Set(KUBE_VALUED),
  oc: new Set(KUBE_VALUED),
  aws: new Set([
    '--profile',
    '--region',
    '--output',
    '--query',
    '--endpoint-url',
    '--secret-id',
    '--name',
    '--names',
    '--path',
  ]),
  gcloud: new Set([
    '--project',
    '--secret',
    '--format',
    '--account',
    '--impersonate-service-account',
    '--out-file',
  ]),
  az: new Set([
    '--vault-name',
    '--name',
    '-n',
    '--query',
    '-o',
    '--output',
    '--subscription',
    '--file',
    '-f',
    '--id',
  ]),
};

function words(command: SimpleCommand): string[] {
  return positionals(command.args, VALUED[command.name]);
}

/** True when an option that sends the value to a file is given (`-o out`, `--output=f`, `--out-file f`). */
function toFile(command: SimpleCommand, long: readonly string[], short = ''): boolean {
  const file = optionValue(command.args, [...long, ...(short === '' ? [] : [`-${short}`])]);
  return file !== undefined && file !== '-' && file !== '/dev/stdout';
}

/** Secrets stores' read verbs. */
function storeValue(command: SimpleCommand): SecretValue | undefined {
  const w = words(command);
  const args = command.args;
  switch (command.name) {
    case 'vault': {
      // `vault kv get|read`, `vault read` (a dynamic secret's credentials); `kv metadata get` and `kv list` show none
      const kv = w[0] === 'kv' ? w.slice(1) : w;
      // `-field=version` of a kv v2 secret with no such data key prints its metadata, not a value
      if (KV_METADATA.has(optionValue(args, ['-field', '--field']) ?? '')) return undefined;
      // `vault read auth/oidc/role/admin`: an auth method's role is its configuration (policies, bound claims),
      // which Vault returns without credentials — not `…/role-id`, `…/secret-id` or a token lookup under auth/
      if (w[0] === 'read' && AUTH_ROLE.test(kv[1] ?? '')) return undefined;
      if (kv[0] === 'get' || kv[0] === 'read')
        return { what: `vault ${w.slice(0, w[0] === 'kv' ? 2 : 1).join(' ')} ${kv[1] ?? ''}`.trim() };
      if (w[0] === 'print' && w[1] === 'token') return { what: 'your vault token', own: true };
      return undefined;
    }
    case 'op':
      if (w[0] === 'read' && !toFile(command, ['--out-file'], 'o'))
        return { what: `op read ${w[1] ?? ''}`.trim() };
      if (w[0] === 'item' && w[1] === 'get' && args.includes('--reveal'))
        return { what: `op item get ${w[2] ?? ''}`.trim() };
      if (w[0] === 'inject' && !toFile(command, ['--out-file'], 'o')) return { what: 'op inject' };
      if (w[0] === 'document' && w[1] === 'get' && !toFile(command, ['--out-file', '--output'], 'o'))
        return { what: `op document get ${w[2] ?? ''}`.trim() };
      return undefined;
    case 'doppler': {
      if (w[0] !== 'secrets') return undefined;
      if (args.includes('--only-names')) return undefined;
      const verb = w[1];
      if (verb === undefined || verb === 'get' || verb === 'substitute')
        return { what: `doppler secrets ${verb ?? ''}`.trim() };
      if (verb === 'download' && args.includes('--no-file'))
        return { what: 'doppler secrets download --no-file' };
      return undefined;
    }
    case 'infisical':
      if (w[0] === 'secrets' && (w[1] === undefined || w[1] === 'get') && !args.includes('--plain-names'))
        return { what: `infisical secrets ${w[1] ?? ''}`.trim() };
      if (w[0] === 'export' && !toFile(command, ['--output-file'])) return { what: 'infisical export' };
      return undefined;
    case 'chamber':
      if (
        w[0] === 'read' ||
        w[0] === 'env' ||
        (w[0] === 'export' && !toFile(command, ['--output-file'], 'o'))
      )
        return { what: `chamber ${w.slice(0, 2).join(' ')}` };
      return undefined;
    case 'pass':
    case 'gopass': {
      if (hasFlag(args, ['--clip'], 'c')) return undefined;
      // `pass NAME` shows NAME; `pass`, `pass ls` list names only
      const verb = w[0];
      if (verb === 'show' || verb === 'cat' || verb === 'grep')
        return { what: `${command.name} ${w.slice(0, 2).join(' ')}` };
      if (verb !== undefined && !PASS_VERBS.has(verb)) return { what: `${command.name} ${verb}` };
      return undefined;
    }
    case 'bw':
      if (w[0] === 'get' && w[1] !== 'template' && w[1] !== undefined)
        return { what: `bw get ${w[1]} ${w[2] ?? ''}`.trim() };
      if (w[0] === 'list' && w[1] === 'items') return { what: 'bw list items' };
      return undefined;
    case 'lpass':
      return w[0] === 'show' && !hasFlag(args, ['--clip'], 'c')
        ? { what: `lpass show ${w[1] ?? ''}`.trim() }
        : undefined;
    case 'security':
      if (/^find-(generic|internet)-password$/.test(w[0] ?? '') && hasFlag(args, [], 'wg'))
        return { what: `a keychain password (security ${w[0] ?? ''})`, own: true };
      if (w[0] === 'dump-keychain' && hasFlag(args, [], 'd')) return { what: 'the keychain', own: true };
      return undefined;
    case 'akeyless':
      return /^get-(dynamic-|rotated-)?secret-value$/.test(w[0] ?? '')
        ? { what: `akeyless ${w[0] ?? ''}` }
        : undefined;
    case 'conjur':
      return w[0] === 'variable' && (w[1] === 'get' || w[1] === 'value')
        ? { what: `conjur variable ${w[1]}` }
        : undefined;
    case 'berglas':
      return w[0] === 'access' ? { what: `berglas access ${w[1] ?? ''}`.trim() } : undefined;
    case 'keyctl':
      return w[0] === 'print' || w[0] === 'pipe' || w[0] === 'read'
        ? { what: 'a kernel keyring key', own: true }
        : undefined;
    case 'secret-tool':
      return w[0] === 'lookup' ? { what: 'a desktop keyring secret', own: true } : undefined;
    case 'sops':
      // `sops -d -i` rewrites the file (sops.ts); `--output` writes elsewhere
      if (!hasFlag(args, ['--decrypt'], 'd') && w[0] !== 'decrypt') return undefined;
      if (hasFlag(args, ['--in-place'], 'i') || toFile(command, ['--output'])) return undefined;
      return { what: `the decrypted ${w.at(-1) ?? 'file'}` };
    case 'age':
      if (!hasFlag(args, ['--decrypt'], 'd') || toFile(command, ['--output'], 'o')) return undefined;
      return { what: `the decrypted ${w.at(-1) ?? 'file'}` };
    case 'gpg':
    case 'gpg2':
      if (toFile(command, ['--output'], 'o')) return undefined;
      if (args.some((a) => a === '--export-secret-keys' || a === '--export-secret-subkeys'))
        return { what: 'your gpg secret keys', own: true };
      if (hasFlag(args, ['--decrypt'], 'd') && !args.includes('--verify'))
        return { what: `the decrypted ${w.at(-1) ?? 'input'}` };
      return undefined;
    default:
      return undefined;
  }
}
/** An auth method's role, and nothing below it (`auth/oidc/role/admin`, not `auth/approle/role/ci/role-id`). */
const AUTH_ROLE = /^\/?auth\/[\w.-]+\/roles?\/[\w.@-]+\/?$/;

/** Metadata fields of a kv v2 secret, which `vault kv get -field=…` prints when the data has no such key. */
const KV_METADATA = new Set(['version', 'created_time', 'deletion_time', 'destroyed', 'custom_metadata']);
/** `pass`/`gopass` verbs that show no secret. */
const PASS_VERBS = new Set([
  'ls',
  'list',
  'find',
  'search',
  'init',
  'insert',
  'add',
  'edit',
  'generate',
  'rm',
  'remove',
  'delete',
  'mv',
  'rename',
  'cp',
  'copy',
  'git',
  'help',
  'version',
  'sync',
  'setup',
  'config',
  'otp',
  'audit',
  'fsck',
  'mounts',
  'recipients',
  'templates',
  'env',
]);

const KUBE_OUTPUT = /^(ya?ml|json|jsonpath.*|go-template.*|template.*|custom-columns.*)$/;
const SECRET_KIND = /^(secrets?|secret\/.+)$/;

/** Cloud and platform CLIs' secret reads. */
function platformValue(command: SimpleCommand): SecretValue | undefined {
  const w = words(command);
  const args = command.args;
  const at = (word: string): number => w.indexOf(word);
  switch (command.name) {
    case 'aws': {
      const service = w.findIndex((x) => /^(secretsmanager|ssm|sts|configure|ecr|kms)$/.test(x));
      const op = w[service + 1] ?? '';
      const pair = `${w[service] ?? ''} ${op}`;
      if (/^secretsmanager (batch-)?get-secret-value$/.test(pair)) return { what: `aws ${pair}` };
      if (/^ssm get-parameters?(-by-path)?$/.test(pair) && args.includes('--with-decryption'))
        return { what: `aws ${pair} --with-decryption` };
      if (/^sts (get-session-token|assume-role\S*|get-federation-token)$/.test(pair))
        return { what: `credentials from aws ${pair}` };
      if (pair === 'configure export-credentials') return { what: 'aws configure export-credentials' };
      if (pair === 'configure get' && /secret|session_token|access_key/i.test(w[service + 2] ?? ''))
        return { what: `aws configure get ${w[service + 2] ?? ''}` };
      if (pair === 'ecr get-login-password')
        return { what: 'a registry password from aws ecr get-login-password' };
      if (pair === 'kms decrypt' && !/Plaintext/.test(optionValue(args, ['--query']) ?? 'Plaintext'))
        return undefined;
      if (pair === 'kms decrypt') return { what: 'aws kms decrypt' };
      return undefined;
    }
    case 'gcloud': {
      const i = at('secrets');
      if (i >= 0 && w[i + 1] === 'versions' && w[i + 2] === 'access' && !toFile(command, ['--out-file']))
        return { what: `gcloud secrets versions access ${optionValue(args, ['--secret']) ?? ''}`.trim() };
      const auth = at('auth');
      if (auth >= 0 && /^print-(access|identity)-token$/.test(w[auth + 1] ?? ''))
        return { what: `your gcloud ${w[auth + 1] ?? ''}`, own: true };
      return undefined;
    }
    case 'az': {
      const i = at('keyvault');
      if (i < 0 || w[i + 1] !== 'secret') {
        if (at('account') >= 0 && w[at('account') + 1] === 'get-access-token')
          return { what: 'your az access token', own: true };
        return undefined;
      }
      const verb = w[i + 2];
      const query = optionValue(args, ['--query']);
      if (verb === 'show' && (query === undefined || /value/i.test(query)))
        return { what: `az keyvault secret show ${optionValue(args, ['--name', '-n']) ?? ''}`.trim() };
      const file = optionValue(args, ['--file', '-f']);
      if (verb === 'download' && (file === '/dev/stdout' || file === '-' || file === '/dev/fd/1'))
        return { what: `az keyvault secret download ${optionValue(args, ['--name', '-n']) ?? ''}`.trim() };
      return undefined;
    }
    case 'kubectl':
    case 'oc': {
      if (w.includes('view-secret')) return { what: `${command.name} view-secret` };
      // without --raw the keys and tokens are printed as REDACTED
      if (w[0] === 'config' && w[1] === 'view' && args.includes('--raw'))
        return { what: 'the kubeconfig with its tokens and keys', own: true };
      const get = at('get');
      if (get < 0) return undefined;
      const kinds = (w[get + 1] ?? '').split(',');
      if (!kinds.some((k) => SECRET_KIND.test(k))) return undefined;
      // `kubectl get secrets` lists names, types and sizes; an output format shows the data
      const output = optionValue(args, ['--output', '-o']);
      if (output === undefined || !KUBE_OUTPUT.test(output.replace(/^=/, ''))) return undefined;
      return { what: `${command.name} get ${w[get + 1] ?? ''} ${w[get + 2] ?? ''}`.trim() };
    }
    case 'heroku':
      if ((w[0] === 'config' && !args.includes('--help')) || w[0] === 'config:get')
        return { what: `heroku ${w[0]} ${w[1] ?? ''}`.trim() };
      return undefined;
    case 'gh':
    case 'glab':
      if (w[0] === 'auth' && w[1] === 'token') return { what: `your ${command.name} token`, own: true };
      if (w[0] === 'auth' && w[1] === 'status' && hasFlag(args, ['--show-token'], 't'))
        return { what: `your ${command.name} token`, own: true };
      if (command.name === 'glab' && w[0] === 'config' && w[1] === 'get' && /token/i.test(w[2] ?? ''))
        return { what: 'your glab token', own: true };
      if (command.name === 'glab' && w[0] === 'variable' && (w[1] === 'get' || w[1] === 'export'))
        return { what: `glab variable ${w[1]} ${w[2] ?? ''}`.trim() };
      return undefined;
    default:
      return undefined;
  }
}

/** A variable with a secret's name, printed by value (`echo "$GITHUB_TOKEN"`, `printenv AWS_SECRET_ACCESS_KEY`). */
function variableValue(command: SimpleCommand): SecretValue | undefined {
  if (command.name === 'printenv') {
    const name = command.args.find((a) => !a.startsWith('-') && SECRET_NAME.test(a));
    return name === undefined ? undefined : { what: `$${name}`, own: true };
  }
  if (command.name !== 'echo' && command.name !== 'printf') return undefined;
  // `${TOKEN:+set}`, `${#TOKEN}` print a word or a length, not the value; `'$TOKEN'` is not expanded
  const shown = command.source.replace(/'[^']*'|\$\{#?\w+:?\+[^}]*\}|\$\{#\w+\}/g, '');
  const match = SECRET_VARIABLE.exec(shown);
  return match === null ? undefined : { what: `$${match[1] ?? ''}`, own: true };
}
const SECRET_NAME = new RegExp(`^${SECRET_VARIABLE.source.replace('\\$\\{?', '')}$`, 'i');

/** The secret value a command prints, when it prints one (wherever its output then goes). */
export function secretValueOf(command: SimpleCommand): SecretValue | undefined {
  if (SECRET_STORES.has(command.name) || DECRYPTERS.has(command.name)) return storeValue(command);
  if (PLATFORM_CLIS.has(command.name)) return platformValue(command) ?? revealedValue(command);
  return variableValue(command) ?? revealedValue(command) ?? subcommandValue(command);
}

/** Words a search for secret variables or values looks for (`env | grep -i token`). */
const SECRET_WORDS = /secret|token|passw|pwd|credential|api[_-]?key|private|auth/i;

/**
 * Values a tool reveals outside any secrets store: the environment filtered for secrets (`env | grep -i token`),
 * Terraform outputs in plain text (`terraform output -raw db_password`, `-json`: sensitive ones too), Rails'
 * decrypted credentials (`rails credentials:show`), a container's environment (`docker inspect --format
 * '{{.Config.Env}}'`).
 */
function revealedValue(command: SimpleCommand): SecretValue | undefined {
  const a = command.args;
  switch (command.name) {
    case 'env':
    case 'printenv':
    case 'set':
    case 'export': {
      if (a.some((x) => !x.startsWith('-'))) return undefined;
      const grep = (command.pipedTo ?? '').split('|')[0] ?? '';
      return /^\s*(grep|egrep|rg)\b/.test(grep) &&
        SECRET_WORDS.test(grep) &&
        !/\s-[a-zA-Z]*[cql]\b/.test(grep)
        ? { what: 'the environment variables that name secrets', own: true }
        : undefined;
    }
    case 'terraform':
    case 'tofu':
    case 'terragrunt': {
      if (a.find((x) => !x.startsWith('-')) !== 'output') return undefined;
      // `output -raw db_password`: a named output that holds a credential, printed in plain text (`-json` of every
      // output is everyday tooling; sensitive ones are still printed, but nothing on the line asks for a secret)
      const name = a.filter((x) => !x.startsWith('-'))[1];
      return a.some((x) => /^-(raw|json)(=|$)/.test(x)) && name !== undefined && SECRET_WORDS.test(name)
        ? { what: `${command.name} output ${name} in plain text` }
        : undefined;
    }
    case 'rails':
    case 'rake': {
      const task = a.find((x) => !x.startsWith('-'));
      return task !== undefined && /^(credentials|secrets|encrypted):show$/.test(task)
        ? { what: `the decrypted ${task.split(':')[0] ?? 'credentials'} of the Rails app`, own: true }
        : undefined;
    }
    case 'cast': {
      // Foundry's wallet commands that print a private key
      const [sub, verb] = a.filter((x) => !x.startsWith('-'));
      return sub === 'wallet' && /^(decrypt-keystore|private-key|derive-private-key)$/.test(verb ?? '')
        ? { what: `the private key of a wallet (cast wallet ${verb ?? ''})`, own: true }
        : undefined;
    }
    case 'docker':
    case 'podman': {
      if (a[0] !== 'inspect' && !(a[0] === 'container' && a[1] === 'inspect')) return undefined;
      // a format that prints the container's environment (the whole document is left to the person reading it)
      const format = a.join(' ');
      return /\.Config\.Env\b|json \.Config\b/.test(format)
        ? { what: `the environment of container ${a.filter((x) => !x.startsWith('-')).at(1) ?? ''}` }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Verbs that show a secret's value when they act on one (`get-secret`, `secrets:access`, `secret show`). */
const VALUE_VERBS = new Set([
  'get',
  'access',
  'read',
  'show',
  'reveal',
  'value',
  'print',
  'cat',
  'view',
  'decrypt',
]);
/** Tools whose words are text or code, not a CLI's subcommands. */
const TEXT_TOOLS = new Set([
  ...PRINTERS,
  ...Object.keys(PATTERN_FIRST),
  'echo',
  'printf',
  'git',
  'make',
  'npm',
]);

/**
 * Any other CLI's secret read, told by its subcommand words: a word naming secrets beside a verb that shows a
 * value (`databricks secrets get-secret`, `firebase functions:secrets:access`, `acmectl secret show`). Listings
 * (`secrets list`) and everything that names no secret show none.
 */
function subcommandValue(command: SimpleCommand): SecretValue | undefined {
  if (TEXT_TOOLS.has(command.name) || command.args.includes('--help')) return undefined;
  const subcommands = command.args.filter((a) => !a.startsWith('-')).slice(0, 3);
  const tokens = subcommands.flatMap((w) => verbTokens(w));
  if (!tokens.some((t) => t === 'secret' || t === 'secrets')) return undefined;
  if (!tokens.some((t) => VALUE_VERBS.has(t))) return undefined;
  return { what: `${command.name} ${subcommands.join(' ')}` };
}

/** Output redirections of standard output (`> f`, `&> f`, `1> f`), not of standard error alone. */
function stdoutRedirect(command: SimpleCommand): string | undefined {
  return command.redirects.find(
    (r) =>
      /^(>|>>|>\||&>|&>>)$/.test(r.op) &&
      (r.fd === undefined || r.fd === 1) &&
      !/^\/dev\/(stdout|stderr|tty|fd\/[12])$/.test(r.target),
  )?.target;
}

/** Searchers that can answer by their status (`-q`) or print counts and names (`-c`, `-l`) instead of lines. */
const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack']);

/** Printers that show what they are piped (maybe a part of it): the value still reaches the agent through them. */
function printsInput(stage: SimpleCommand): boolean {
  if (keepsNamesOnly(stage.name, stage.args)) return false;
  if (SEARCHERS.has(stage.name))
    return !hasFlag(stage.args, ['--quiet', '--silent', '--count', '--files-with-matches'], 'qcl');
  return stage.name === 'tee' || PRINTERS.has(stage.name) || PATTERN_FIRST[stage.name] !== undefined;
}

/**
 * Whether what a command prints reaches the agent: its output is not captured by `$(…)` nor redirected to a
 * file, and every stage it is piped through prints what it reads. A consumer that keeps the value to itself
 * (`docker login --password-stdin`, `kubectl create secret --from-file=/dev/stdin`) is judged on its own.
 */
export function reachesAgent(command: SimpleCommand, parser: ShellParser | undefined): boolean {
  if (command.outputCaptured === true || stdoutRedirect(command) !== undefined) return false;
  if (command.pipedTo === undefined) return true;
  // unread, the stages after it are taken to print it (failing closed)
  if (parser === undefined) return true;
  const stages = parser
    .parse(command.pipedTo)
    .commands.filter((c) => c.outputCaptured !== true && c.via.length === 0);
  for (const stage of stages) {
    if (!printsInput(stage) || stdoutRedirect(stage) !== undefined) return false;
  }
  return true;
}

/** Where a store's value lives, as far as the command says: the cloud profile, project, cluster or server. */
function placeHints(command: SimpleCommand, surroundings: ActionSurroundings): EnvironmentHints {
  const args = command.args;
  const hints: EnvironmentHints = {};
  switch (command.name) {
    case 'aws': {
      const profile =
        optionValue(args, ['--profile']) ??
        envVar(command, surroundings, 'AWS_PROFILE') ??
        envVar(command, surroundings, 'AWS_DEFAULT_PROFILE');
      if (profile !== undefined) hints.awsProfile = profile;
      break;
    }
    case 'gcloud':
    case 'berglas': {
      const project =
        optionValue(args, ['--project']) ??
        envVar(command, surroundings, 'CLOUDSDK_CORE_PROJECT') ??
        envVar(command, surroundings, 'GOOGLE_CLOUD_PROJECT');
      if (project !== undefined) hints.gcpProject = project;
      break;
    }
    case 'az': {
      const subscription =
        optionValue(args, ['--subscription']) ?? envVar(command, surroundings, 'AZURE_SUBSCRIPTION_ID');
      if (subscription !== undefined) hints.azureSubscription = subscription;
      break;
    }
    case 'kubectl':
    case 'oc': {
      const context =
        optionValue(args, ['--context']) ??
        (command.remote === undefined ? surroundings.kubeContext : command.remote.context);
      if (context !== undefined) hints.kubeContext = context;
      break;
    }
    case 'vault': {
      const address =
        optionValue(args, ['-address', '--address']) ?? envVar(command, surroundings, 'VAULT_ADDR');
      if (address !== undefined) hints.host = urlHost(address) ?? address;
      break;
    }
  }
  // The secret's own path or name, the app, vault, config or project: a production word anywhere holds it
  // (failing closed); otherwise a dev or test word names the environment, matched against the configured ones.
  const values = [...args, ...Object.values(command.env)];
  const named =
    values.map(sharedWord).find((x) => x !== undefined) ??
    values.map(testOrDevWord).find((x) => x !== undefined);
  if (named !== undefined) hints.environment = named;
  return hints;
}

/**
 * A read for a secret value a command prints to the agent. A store's value is a `secret-store` read, held by
 * agent-secret-read where its environment is protected (or not known); the user's own credential is a
 * `secret` read, held everywhere like a secret file.
 */
export function classifySecretValues(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  parser: ShellParser | undefined,
): Operation[] {
  const value = secretValueOf(command);
  if (value === undefined || !reachesAgent(command, parser)) return [];
  const summary = `${command.name} prints ${value.what} to the agent, where it reaches the model and its provider`;
  // a variable printed in a pod or on a host (`kubectl exec … -- printenv DB_PASSWORD`) is that place's secret
  if (value.own === true && command.remote === undefined)
    return [
      operation(command, {
        kind: 'read',
        category: 'secret',
        destructive: false,
        reversible: false,
        target: value.what,
        summary: `${summary} (your own credential, in no environment)`,
        hints: {},
      }),
    ];
  return [
    operation(command, {
      kind: 'read',
      category: 'secret-store',
      destructive: false,
      reversible: false,
      target: value.what,
      summary,
      hints: placeHints(command, surroundings),
    }),
  ];
}
