import { optionValue } from './classifiers/args.js';
import { unwrapRunner } from './classifiers/index.js';
import { namedHosts, tenantHints } from './classifiers/generic/hosts.js';
import { verbTokens } from './classifiers/generic/intent.js';
import { isLoopback } from './environment.js';
import { LOCALSTACK_TOOLS, localStack } from './classifiers/local-machines/local-machines.js';
import { DATA_TOOLS } from './classifiers/local-tools/index.js';
import { remoteRunOf } from './remote-runs.js';
import { envVar } from './classifiers/operation.js';
import { AWS_TOOLS } from './classifiers/named-place.js';
import { isReleaseCommand } from './classifiers/releases/releases.js';
import { RELEASE_ONLY_TOOLS } from './classifiers/releases/index.js';
import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from './types.js';

// The generic reading of a deploy: any tool's `deploy`, `sync`, `rollout` … aimed at production, or at an
// environment nobody named, changes production without a dry-run blastwall can read. The named tools
// (terraform, pulumi, cdk, kubectl apply, helm upgrade, argocd sync) are decided on their effect in
// deploy-effect.ts; every other deploy is read here from its words and held where it may reach production
// (`agent-deploy-protected`), so a deploy tool blastwall has never seen is not waved through.

/** Subcommand verbs that deploy on their own: held unless the line says it is not production. */
const STRONG = new Set([
  'deploy',
  'deploys',
  'deployment',
  'apply',
  'release',
  'promote',
  'rollout',
  'reconcile',
  'rollback',
  'redeploy',
  'publish',
  'ship',
]);
/** Verbs that change a running system only when it is named (a production word, a cluster, a cloud profile). */
const WEAK = new Set([
  // `sync` copies data as often as it deploys (`acmectl sync`, `mutagen sync`): a deploy only where production is named
  'sync',
  'update',
  'set',
  'edit',
  'create',
  'scale',
  'restart',
  'run',
  'up',
  'refresh',
  'put',
  'modify',
  'replace',
  'patch',
  'annotate',
  'label',
  'drain',
  'cordon',
  'taint',
  'autoscale',
  'expose',
  'swap',
  'import',
  // a store release (`fastlane supply --track production`, `deliver`): production only where the line says so
  'supply',
  'deliver',
  // code or content sent to a named system (`balena push acme-prod`, `hs upload … --account=acme-prod`)
  'push',
  'upload',
]);
/**
 * Verbs that start a pipeline, workflow or job (`spin pipeline execute`, `argo submit`, `… trigger`): a deploy when
 * the pipeline they start is named for deploying to production (`deploy-prod`, `workflowtemplate/release-production`).
 */
const TRIGGERS = new Set([
  'execute',
  'submit',
  'trigger',
  'dispatch',
  'start',
  'run',
  'build',
  'builds',
  'launch',
]);
/** Agents that converge the machine they run on to its role: each run is a deploy (`sudo chef-client`). */
const CONVERGE = new Set(['chef-client', 'chef-solo', 'cinc-client']);
/** Words that name production. */
const PRODUCTION = new Set(['prod', 'production', 'prd']);
/** Words that say a deploy is not production (a dev stack, a preview, a local emulator). */
const NOT_PRODUCTION = new Set([
  'dev',
  'development',
  'test',
  'testing',
  'staging',
  'stage',
  'stg',
  'preview',
  'sandbox',
  'local',
  'localhost',
  'qa',
  'ci',
  'demo',
  'review',
  'draft',
  'kind',
  'minikube',
]);
/** Subcommand words that only look (`rollout history`, `app get`, `release list`): never a deploy. */
const LOOKS = new Set([
  'history',
  'status',
  'get',
  'list',
  'ls',
  'describe',
  'show',
  'diff',
  'plan',
  'preview',
  'logs',
  'log',
  'inspect',
  'info',
  'view',
  'watch',
  'validate',
  'lint',
  'template',
  'render',
  'check',
  'verify',
  'explain',
  'whoami',
  'version',
  // a build's console output (`jenkins-cli console deploy-prod 1432`)
  'console',
]);
/** Subcommands that preview as whole words, though their parts (`what`, `if`) say nothing. */
const LOOKS_WHOLE = new Set(['what-if', 'whatif', 'dry-run', 'dryrun']);
/** Objects a create or run only copies for a restore: a backup is not a deploy. */
const BACKUPS = new Set(['backup', 'backups', 'snapshot', 'snapshots']);
/**
 * A word with a file's extension (`release.tar.gz.asc`, `values.yaml`, `main.bicep`) is a file the command
 * reads, not a subcommand — `gpg --verify release.tar.gz.asc` releases nothing. Dotted verbs keep their
 * meaning (`state.apply`, `cmd.run`): their last part is no extension.
 */
const FILE_NAME =
  /\.(?:ya?ml|json|jsonc|toml|ini|cfg|conf|env|tf|tfvars|hcl|nomad|bicep|j2|tpl|xml|html?|md|txt|csv|tsv|sql|sh|ps1|py|js|mjs|cjs|ts|rb|go|java|jar|war|zip|tgz|tar|gz|bz2|xz|zst|7z|asc|sig|sha256|pem|crt|cer|key|pub|p12|pfx|gpg|age|enc|bin|img|iso|qcow2|vmdk|db|sqlite3?|parquet|log|lock|whl|deb|rpm|apk|dmg|pkg|exe|msi)$/i;
/** Read-only or local answers even with a deploy verb nearby. */
const INERT = new Set([
  '--help',
  '--dry-run',
  '--dryrun',
  '--check',
  '--diff',
  '--what-if',
  '--syntax-check',
  '--list-hosts',
  '--list-tasks',
  // puppet's and chef's dry runs
  '--noop',
  '--why-run',
]);
/**
 * Tools whose `apply`, `sync`, `up`, `run`, `release` … act on the local machine or a package registry, or
 * whose own classifier already reads them: their verbs are not deploys to an environment.
 */
const LOCAL_TOOLS = new Set([
  'git',
  'npm',
  'pnpm',
  'yarn',
  'bun',
  'deno',
  'node',
  'python',
  'python3',
  'pip',
  'pip3',
  'pipx',
  'uv',
  'poetry',
  'pdm',
  'conda',
  'mamba',
  'cargo',
  'rustup',
  'go',
  'gradle',
  'mvn',
  'make',
  'just',
  'task',
  'rake',
  'bundle',
  'gem',
  'brew',
  'apt',
  'apt-get',
  'dnf',
  'yum',
  'apk',
  'pacman',
  'nix',
  'docker-compose',
  'podman-compose',
  'vagrant',
  'rsync',
  'rclone',
  'unison',
  'patch',
  'quilt',
  'stow',
  'chezmoi',
  'asdf',
  'mise',
  'nvm',
  'pre-commit',
  'lefthook',
  'husky',
  'tmux',
  'systemctl',
  'service',
  'crontab',
  'sed',
  'awk',
  'xargs',
  'find',
  'echo',
  'printf',
  'cat',
  'grep',
  'rg',
  'jq',
  'yq',
  // smart-contract tools: the chains family reads their deploys and transactions by the network they name
  'forge',
  'cast',
  'hardhat',
  'anchor',
  'solana',
  // lookups: their arguments are names to look up (`getent passwd deploy`, `dig release.acme.io`)
  'getent',
  'id',
  'groups',
  'finger',
  'host',
  'dig',
  'nslookup',
  'whois',
  'whereis',
  'which',
  // framework and migration CLIs: the frameworks family reads their migrations as deploys where they act
  'prisma',
  'drizzle-kit',
  'knex',
  'sequelize',
  'sequelize-cli',
  'typeorm',
  'typeorm-ts-node-commonjs',
  'typeorm-ts-node-esm',
  'mikro-orm',
  'alembic',
  'flyway',
  'liquibase',
  'dbmate',
  'goose',
  'atlas',
  'sqlx',
  'diesel',
  'sequel',
  'rails',
  'mix',
  'artisan',
  'manage.py',
  'django-admin',
  // object storage and sync tools have their own family (object-storage), which reads where a sync deletes
  'gsutil',
  'azcopy',
  'mc',
  's3cmd',
]);
const MAX_WORDS = 3;
/**
 * Tools whose plain deploy publishes a preview (a draft URL beside the live site) and reaches production only
 * with one of these options: without one, and with no production word on the line, no running environment changes.
 */
const PREVIEW_UNLESS: Record<string, readonly string[]> = {
  netlify: ['--prod', '--prod-if-unlocked', '--prodIfUnlocked'],
  vercel: ['--prod', '--target'],
};
/** Values of a PREVIEW_UNLESS option that still name a preview (`vercel deploy --target preview`). */
const PREVIEW_TARGETS = new Set(['preview', 'development']);
/**
 * Tools' verbs that run one command remotely (`heroku run 'rails runner …'`): the shell reader parses that command
 * as run on the app (see adapters/shell/remote-runners.ts) and it is judged on what it does, not as a deploy.
 * Cloud and orchestrator runners are read from the table in remote-runs.ts.
 */
const REMOTE_RUN: Record<string, readonly string[]> = {
  heroku: ['run'],
  salt: ['cmd.run', 'cmd.shell', 'cmd.run_all', 'cmd.run_stdout', 'cmd.script'],
  'salt-ssh': ['cmd.run', 'cmd.shell', 'cmd.run_all', 'cmd.run_stdout', 'cmd.script'],
};
/**
 * Options that switch a safeguard on (`--deletion-protection`, `--enable-termination-protection`): a change made
 * only of these (and of the options that say which resource, where and how) protects, and is not a deploy.
 * Their `--no-…` / `--disable-…` twins switch it off and stay held.
 */
const SAFEGUARD_ON = /^--(?:enable-)?(?:deletion|termination|delete)-protection(?:=true)?$/;
/** Options that only say which resource, where, as whom and how a change is made. */
const ADDRESSING =
  /^--(?:[a-z-]*(?:id|identifier|name|arn)|profile|project|region|zone|output|format|quiet|async|apply-immediately|no-cli-pager)$/;

/** A deploy by a tool without a dry-run blastwall reads, when its words say it is one; undefined otherwise. */
export function genericDeployOf(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): Operation | undefined {
  // `npx cdk deploy`, `pnpm --filter web exec vercel deploy`: the tool a package runner runs, read the way the
  // classifiers read it.
  const tool = unwrapRunner(command) ?? command;
  if (tool.dynamicName) return undefined;
  const { name, args } = tool;
  if (LOCAL_TOOLS.has(name) || DATA_TOOLS.has(name) || inert(args)) return undefined;
  // a release to a registry is read, and decided, as one (classifiers/releases/): a registry's own CLI never deploys
  if (RELEASE_ONLY_TOOLS.includes(name) || isReleaseCommand(tool, surroundings)) return undefined;
  // `tflocal apply`: the AWS tools' LocalStack wrappers deploy to the emulated cloud on this machine
  if (LOCALSTACK_TOOLS.has(name) && localStack(tool, surroundings) !== undefined) return undefined;
  if (name === 'docker' || name === 'podman') {
    // `docker compose up` runs containers here; `docker stack deploy`, `docker service update` reach a swarm.
    if (args[0] !== 'stack' && args[0] !== 'service') return undefined;
  }
  if (name === 'gh' && !(args[0] === 'workflow' && args[1] === 'run')) return undefined;
  if (
    (name === 'aws' && (args[0] === 's3' || args[0] === 's3api')) ||
    (name === 'gcloud' && args[0] === 'storage')
  )
    return undefined;
  // Running a playbook applies it to every host of its inventory; a converge agent applies its node's role.
  const verb =
    name === 'ansible-playbook'
      ? { word: 'playbook', strong: true }
      : CONVERGE.has(name) || (name === 'puppet' && (args[0] === 'agent' || args[0] === 'apply'))
        ? { word: name, strong: true }
        : (deployVerb(name, args) ?? productionPipeline(args) ?? pipelineRequest(name, args));
  if (verb === undefined || REMOTE_RUN[name]?.includes(verb.word) === true) return undefined;
  // a cloud runner's remote command (`az vm run-command invoke --scripts …`) is judged on what it does
  if (remoteRunOf([name, ...args], tool.env) !== undefined) return undefined;
  if (safeguardOnly(args)) return undefined;
  // a tool pointed only at this machine (`rabbitmqadmin -H localhost publish …`) reaches no environment
  const hosts = namedHosts(args);
  if (hosts.length > 0 && hosts.every((h) => isLoopback(h))) return undefined;
  const hints = namedHints(tool, surroundings);
  const seen = environmentWords(tool);
  const production = flagsProduction(args) ? 'prod' : seen.all.find((w) => PRODUCTION.has(w));
  if (production === undefined && previewOnly(name, args)) return undefined;
  const named = Object.keys(hints).length > 0;
  // A weak verb (`update`, `set`, `run`) is a deploy only where the line names a system to change.
  if (!verb.strong && production === undefined && !named) return undefined;
  // the tenant a hosted service's CLI names (`sf … --target-org feature-x-scratch`) says where by its own words
  Object.assign(hints, tenantHints(args));
  // An environment the line names by word is matched against the configured environments' ids (`--stage
  // dev` is dev); one no environment is called (`preview`) cannot be told, and so counts as protected.
  const environment = production ?? seen.where.find((w) => NOT_PRODUCTION.has(w));
  if (environment !== undefined) hints.environment = environment;
  const where =
    hints.environment ??
    hints.kubeContext ??
    hints.awsProfile ??
    hints.gcpProject ??
    'an environment not named';
  return {
    kind: 'deploy',
    category: 'infrastructure',
    destructive: false,
    reversible: true,
    target: `${name} ${verb.word}`,
    summary: `${name} ${verb.word} on ${where}, a deploy whose effect is not known (blastwall has no dry-run for ${name})`,
    hints,
    source: command.source,
  };
}

/** The deploy verb among the first subcommand words (`app deploy`, `svc deploy`, `stack deploy`). */
function deployVerb(name: string, args: readonly string[]): { word: string; strong: boolean } | undefined {
  const nameTokens = verbTokens(name);
  if (nameTokens.some((t) => STRONG.has(t)) && nameTokens.length > 1) return { word: name, strong: true };
  // a tool named for deploying (`a0deploy`, `deployctl`): whatever it changes (`import`, `sync`) is its deploy
  const deployTool = /deploy/i.test(name);
  let seen = 0;
  let afterOption = false;
  let found: { word: string; strong: boolean } | undefined;
  for (const arg of args) {
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (arg === '--prod' || arg === '--production') return { word: arg, strong: true };
      afterOption = !arg.includes('=');
      continue;
    }
    if (afterOption) {
      afterOption = false;
      continue;
    }
    if (seen >= MAX_WORDS || /[\s/=@]|^\d/.test(arg) || FILE_NAME.test(arg)) {
      seen++;
      continue;
    }
    seen++;
    const tokens = verbTokens(arg);
    // `rollout history`, `release list`, `deployment what-if`: a looking word anywhere among the subcommands
    // makes it a question
    if (tokens.some((t) => LOOKS.has(t)) || LOOKS_WHOLE.has(arg.toLowerCase())) return undefined;
    // `backup create`, `create-db-snapshot`: a copy made to restore from protects the system, it changes nothing
    if (tokens.some((t) => BACKUPS.has(t))) return undefined;
    if (found?.strong) continue;
    if (tokens.some((t) => STRONG.has(t))) found = { word: arg, strong: true };
    else if (found === undefined && tokens.some((t) => WEAK.has(t)))
      found = { word: arg, strong: deployTool };
  }
  return found;
}

/**
 * A pipeline, workflow or job started by a trigger verb whose own name deploys to production: one word carrying
 * both a deploy verb and a production word (`deploy-prod`, `workflowtemplate/deploy-prod`, `prod_release`).
 */
function productionPipeline(args: readonly string[]): { word: string; strong: boolean } | undefined {
  const positional = args.filter((a) => !a.startsWith('-'));
  const trigger = positional.slice(0, MAX_WORDS).find((a) => verbTokens(a).some((t) => TRIGGERS.has(t)));
  if (trigger === undefined) return undefined;
  const named = args.some((arg) => {
    const value = arg.startsWith('-') ? arg.slice(arg.indexOf('=') + 1) : arg;
    if (arg.startsWith('-') && !arg.includes('=')) return false;
    return value.split('/').some((part) => {
      const tokens = words(part);
      return tokens.some((t) => STRONG.has(t)) && tokens.some((t) => PRODUCTION.has(t));
    });
  });
  return named ? { word: trigger, strong: true } : undefined;
}

const HTTP_CLIENTS = new Set(['curl', 'wget', 'http', 'https', 'xh', 'xhs']);
/** Path segments that start a run of the pipeline, workflow or job named before them. */
const TRIGGER_SEGMENT =
  /^(?:builds?|buildwithparameters|dispatches|runs|trigger|triggers|executions?|pipeline|start|resume)$/i;
/** Path segments that name a rollout itself (hawkBit's `…/rollouts/42/start`): starting one is a deploy wherever it goes. */
const ROLLOUT_SEGMENT = /^(?:rollouts?|deployments?|releases?)$/i;

/**
 * An HTTP write that starts a production deploy pipeline (`POST …/pipelines/deploy-prod/builds`, Jenkins
 * `…/job/prod-release/build`, GitHub `…/workflows/deploy-production.yml/dispatches`) or a rollout
 * (`POST …/rollouts/42/start`).
 */
function pipelineRequest(
  name: string,
  args: readonly string[],
): { word: string; strong: boolean } | undefined {
  if (!HTTP_CLIENTS.has(name)) return undefined;
  const method =
    optionValue(args, ['-X', '--request', '--method'])?.toUpperCase() ??
    (args.some((a) => /^(?:-d|-F|--data(?:-\w+)?|--json|--form|--post-data|--body-data)(?:=|$)/.test(a)) ||
    args.some((a) => /^[A-Z]+$/.test(a) && a !== 'GET')
      ? 'POST'
      : 'GET');
  if (method === 'GET' || method === 'HEAD') return undefined;
  for (const url of args.filter((a) => /^https?:\/\//i.test(a))) {
    const segments = (url.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '').split('/');
    const at = segments.findIndex((part) => {
      const tokens = words(part);
      return (
        ROLLOUT_SEGMENT.test(part) ||
        (tokens.some((t) => STRONG.has(t)) && tokens.some((t) => PRODUCTION.has(t)))
      );
    });
    if (at >= 0 && segments.slice(at + 1).some((part) => TRIGGER_SEGMENT.test(part)))
      return { word: segments[at] ?? url, strong: true };
  }
  return undefined;
}

/** Where the line points the deploy by the usual names: a kube context, a cloud profile, project or subscription. */
function namedHints(command: SimpleCommand, surroundings: ActionSurroundings): EnvironmentHints {
  const { args } = command;
  const hints: EnvironmentHints = {};
  const kubeContext =
    optionValue(args, ['--context', '--kube-context', '--kubecontext']) ??
    (['kubectl', 'oc', 'helm', 'helmfile', 'skaffold', 'flux', 'kustomize'].includes(command.name) &&
    command.remote === undefined
      ? surroundings.kubeContext
      : undefined);
  if (kubeContext !== undefined) hints.kubeContext = kubeContext;
  // `--profile` names an AWS profile only for AWS's own tools; elsewhere it is a build, certificate or browser
  // profile (`step … --profile self-signed`, `cargo --profile release`). A production word in it still counts
  // (environmentWords), and AWS_PROFILE is read by every tool built on the AWS SDK.
  const profile =
    (AWS_TOOLS.has(command.name) ? optionValue(args, ['--profile']) : undefined) ??
    envVar(command, surroundings, 'AWS_PROFILE');
  if (profile !== undefined) hints.awsProfile = profile;
  const project = optionValue(args, ['--project']) ?? envVar(command, surroundings, 'CLOUDSDK_CORE_PROJECT');
  if (project !== undefined && (command.name === 'gcloud' || command.name === 'firebase'))
    hints.gcpProject = project;
  const subscription = optionValue(args, ['--subscription']);
  if (subscription !== undefined) hints.azureSubscription = subscription;
  // the server a tool's own address variable names (`NOMAD_ADDR`, `CONSUL_HTTP_ADDR`, `ARGO_SERVER`)
  const address = toolAddress(command, surroundings);
  if (address !== undefined) hints.host = address;
  return hints;
}

/** Suffixes of the variables in which a tool is told its server (`NOMAD_ADDR`, `ACME_API_URL`). */
const ADDRESS_VARIABLE = /^(?:HTTP_)?(?:ADDR|ADDRESS|HOST|SERVER|URL|API_URL|ENDPOINT)$/;

/** The host of the server the tool's own `<TOOL>_ADDR`-style variable names, when one does. */
function toolAddress(command: SimpleCommand, surroundings: ActionSurroundings): string | undefined {
  const prefix = `${command.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
  const names = new Set(
    [...Object.keys(command.env), ...Object.keys(surroundings.env)].filter(
      (n) => n.startsWith(prefix) && ADDRESS_VARIABLE.test(n.slice(prefix.length)),
    ),
  );
  for (const name of names) {
    const value = envVar(command, surroundings, name);
    if (value === undefined || value === '') continue;
    const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(value)?.[1] ?? value.split(/[/:]/)[0];
    if (host !== undefined && host !== '' && !isLoopback(host)) return host;
  }
  return undefined;
}

/** Every word of the line that could name an environment: arguments, option values and the command's variables. */
/** Options whose value says where a deploy goes (`--env dev`, `-s staging`, `--context kind-ci`). */
const WHERE_OPTIONS = new Set([
  'env',
  'environment',
  'stage',
  'target',
  'profile',
  'context',
  'kube-context',
  'project',
  'app',
  'namespace',
  'cluster',
  'workspace',
  'stack',
  // a configuration file named for its environment (`a0deploy import -c config/dev.json`)
  'config',
  'config-file',
  'config_file',
  'c',
  'e',
  's',
  'p',
  'a',
  'd',
]);

/**
 * Words of the line that could name an environment. `all`: every argument, option value and variable, for a
 * production word wherever it stands (failing closed). `where`: only positionals, the values of options that
 * say where (WHERE_OPTIONS) and variables — an unprotected word elsewhere (`--note local`, `--tag dev-build`)
 * must not make a deploy to an unnamed place look like one to dev.
 */
function environmentWords(command: SimpleCommand): { all: string[]; where: string[] } {
  const all: string[] = [];
  const where: string[] = [];
  let option: string | undefined;
  for (const arg of command.args) {
    if (arg.startsWith('-')) {
      const name = arg.replace(/^-+/, '').split('=')[0] ?? '';
      if (arg.includes('=')) {
        const value = words(arg.slice(arg.indexOf('=') + 1));
        all.push(...value);
        if (WHERE_OPTIONS.has(name)) where.push(...value);
        option = undefined;
      } else option = name;
      continue;
    }
    const value = words(arg);
    all.push(...value);
    if (option === undefined || WHERE_OPTIONS.has(option)) where.push(...value);
    option = undefined;
  }
  for (const value of Object.values(command.env)) {
    all.push(...words(value));
    where.push(...words(value));
  }
  return { all, where };
}

function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** A deploy that only publishes a preview: a tool of PREVIEW_UNLESS given none of its production options. */
function previewOnly(name: string, args: readonly string[]): boolean {
  const production = PREVIEW_UNLESS[name];
  if (production === undefined) return false;
  return !args.some((a, i) =>
    production.some(
      (flag) =>
        (a === flag && !PREVIEW_TARGETS.has(args[i + 1] ?? '')) ||
        (a.startsWith(`${flag}=`) && !PREVIEW_TARGETS.has(a.slice(flag.length + 1))),
    ),
  );
}

/** A change whose every option switches a safeguard on or addresses the resource: it protects, it does not deploy. */
function safeguardOnly(args: readonly string[]): boolean {
  const options = args.filter((a) => a.startsWith('--')).map((a) => a.split('=')[0] ?? a);
  return (
    args.some((a) => SAFEGUARD_ON.test(a)) && options.every((o) => SAFEGUARD_ON.test(o) || ADDRESSING.test(o))
  );
}

// `--live`: the live theme, store or mode (`shopify theme push --live`), which is production's own name there
function flagsProduction(args: readonly string[]): boolean {
  return args.some((a) => a === '--prod' || a === '--production' || a === '--live');
}

/** A question rather than a deploy: `--help`, `--dry-run`, `--check` … before `--`, or `help` as the subcommand. */
function inert(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const own = end === -1 ? args : args.slice(0, end);
  // `salt … state.apply test=True` is Salt's dry run: it reports what would change
  return own[0] === 'help' || own.some((a) => INERT.has(a.split('=')[0] ?? a) || /^test=true$/i.test(a));
}
