import type { ActionSurroundings, CommandClassifier, Operation, SimpleCommand } from '../types.js';
import { classifyAws, classifyCloudCli, classifyGsutil, classifyHttp } from './cloud.js';
import {
  classifyDropdb,
  classifyManagePy,
  classifyMigrationTool,
  classifyMongo,
  classifyPrisma,
  classifyRailsTask,
  classifyRedis,
} from './databases.js';
import {
  classifyCopyInto,
  classifyDd,
  classifyDeviceFormat,
  classifyFind,
  classifyMove,
  classifyPermission,
  classifyRedirects,
  classifyRemove,
  classifyRsync,
  classifyShred,
  classifyTruncate,
} from './filesystem.js';
import { classifyGit } from './git.js';
import { classifyDeferred, parallelCommands } from './schedulers.js';
import { classifyPulumi, classifyStackTool, createTerraformClassifier } from './infrastructure.js';
import { classifyAwk, classifyExecOption, classifyInterpreter } from './interpreters.js';
import { classifyDocker } from './containers.js';
import { classifyArgocd, classifyHelm, classifyKubectl } from './kubernetes.js';
import { operation } from './operation.js';
import { commandSurroundings } from './paths.js';
import { classifyGh, classifyHostingPlatform, classifyUnpublish } from './platforms.js';
import type { ClassifierDeps } from './sql-analyzer.js';
import { classifySelfProtection } from './self-protection.js';
import { createSqlClientClassifier } from './sql.js';
import {
  classifyCrontab,
  classifyFirewall,
  classifyKill,
  classifyPower,
  classifyServiceControl,
} from './system.js';

export type { ClassifierDeps, SqlAnalyzer, SqlDialect, SqlStatementInfo } from './sql-analyzer.js';

// Package runners whose first positional is the command that really runs (`npx prisma migrate reset`).
const RUNNERS: Record<string, { skip: ReadonlySet<string>; valued: ReadonlySet<string> }> = {
  npx: { skip: new Set(), valued: new Set(['-p', '--package', '-c', '--call']) },
  bunx: { skip: new Set(), valued: new Set(['-p', '--package']) },
  pnpx: { skip: new Set(), valued: new Set() },
  pnpm: { skip: new Set(['exec', 'dlx', 'run']), valued: new Set(['-C', '--dir', '--filter', '-F']) },
  yarn: { skip: new Set(['exec', 'dlx', 'run']), valued: new Set(['--cwd']) },
  bundle: { skip: new Set(['exec']), valued: new Set() },
  poetry: { skip: new Set(['run']), valued: new Set() },
  uv: { skip: new Set(['run']), valued: new Set(['--with', '--python', '-p']) },
  pipenv: { skip: new Set(['run']), valued: new Set() },
  npm: { skip: new Set(['exec', 'x']), valued: new Set(['-w', '--workspace', '--prefix']) },
  dotenv: { skip: new Set(), valued: new Set(['-e', '-v']) },
};
// pnpm/yarn built-ins that are not package binaries
const RUNNER_BUILTINS = new Set([
  'install',
  'add',
  'remove',
  'i',
  'test',
  'build',
  'lint',
  'dev',
  'start',
  'ci',
  'audit',
  'outdated',
  'why',
  'list',
  'ls',
  'info',
  'config',
  'init',
  'upgrade',
  'up',
  'update',
  'link',
  'publish',
  'pack',
  'version',
  'install-deps',
  'format',
  'typecheck',
  'run',
  'exec',
  'dlx',
  'check',
]);

/** The command a package runner would run, as its own simple command; undefined when there is none. */
function unwrapRunner(command: SimpleCommand): SimpleCommand | undefined {
  const runner = RUNNERS[command.name];
  if (runner === undefined) return undefined;
  const args = command.args;
  let i = 0;
  let explicit = false;
  while (i < args.length) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (runner.valued.has(arg)) i += 2;
    else if (arg.startsWith('-')) i++;
    else if (runner.skip.has(arg) && !explicit) {
      explicit = true;
      i++;
    } else break;
  }
  const name = (args[i] ?? '').replace(/^.*\//, '').replace(/@[^/]*$/, '');
  if (name === '' || (RUNNER_BUILTINS.has(name) && !explicit)) return undefined;
  // npm only runs a package binary through exec/x; everything else is an npm verb or a script
  if (command.name === 'npm' && !explicit) return undefined;
  return {
    ...command,
    name,
    args: args.slice(i + 1),
    dynamicArgs: [],
    wrappers: [...command.wrappers, command.name],
  };
}

function buildRegistry(deps: ClassifierDeps): Map<string, CommandClassifier> {
  const registry = new Map<string, CommandClassifier>();
  const add = (names: string[], classifier: CommandClassifier): void => {
    for (const name of names) registry.set(name, classifier);
  };
  add(['rm', 'unlink', 'rimraf', 'srm', 'trash', 'del'], classifyRemove);
  add(['shred', 'wipe'], classifyShred);
  add(['dd'], classifyDd);
  add(
    [
      'mkfs',
      'mkfs.ext4',
      'mkfs.ext3',
      'mkfs.ext2',
      'mkfs.xfs',
      'mkfs.btrfs',
      'mkfs.vfat',
      'mkfs.fat',
      'mkfs.ntfs',
      'mke2fs',
      'mkswap',
      'wipefs',
      'fdisk',
      'sfdisk',
      'parted',
      'sgdisk',
      'blkdiscard',
      'cryptsetup',
    ],
    classifyDeviceFormat,
  );
  add(['truncate'], classifyTruncate);
  add(['rsync'], classifyRsync);
  add(['chmod', 'chown', 'chgrp', 'setfacl'], classifyPermission);
  add(['find'], classifyFind);
  add(['mv'], classifyMove);
  add(['cp', 'tee', 'install'], classifyCopyInto);
  add(['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit'], classifyPower);
  add(['systemctl', 'service'], classifyServiceControl);
  add(['crontab'], classifyCrontab);
  add(['iptables', 'ip6tables', 'nft', 'ufw'], classifyFirewall);
  add(['kill', 'killall', 'pkill', 'killall5'], classifyKill);
  add(['git'], classifyGit);
  add(['psql', 'mysql', 'mariadb', 'sqlite3', 'sqlite'], createSqlClientClassifier(deps.sql));
  add(['dropdb'], classifyDropdb);
  add(['mongosh', 'mongo'], classifyMongo);
  add(['redis-cli', 'valkey-cli'], classifyRedis);
  add(['prisma'], classifyPrisma);
  add(['rails', 'rake'], classifyRailsTask);
  add(['manage.py', 'django-admin'], classifyManagePy);
  add(
    [
      'sequelize',
      'sequelize-cli',
      'typeorm',
      'typeorm-ts-node-commonjs',
      'flyway',
      'liquibase',
      'knex',
      'alembic',
      'drizzle-kit',
      'supabase',
    ],
    classifyMigrationTool,
  );
  add(['terraform', 'tofu', 'terragrunt'], createTerraformClassifier(deps));
  add(['pulumi'], classifyPulumi);
  add(['cdk', 'sam', 'serverless', 'sls', 'eksctl', 'kops', 'copilot'], classifyStackTool);
  add(['aws'], classifyAws);
  add(
    ['gcloud', 'az', 'doctl', 'hcloud', 'linode-cli', 'oci', 'scw', 'civo', 'vultr-cli', 'ibmcloud'],
    classifyCloudCli,
  );
  add(['gsutil'], classifyGsutil);
  add(['curl', 'wget', 'http', 'https', 'xh', 'xhs'], classifyHttp);
  add(['kubectl', 'oc', 'microk8s.kubectl', 'k3s'], classifyKubectl);
  add(['helm'], classifyHelm);
  add(['argocd'], classifyArgocd);
  add(['docker', 'podman', 'docker-compose', 'nerdctl'], classifyDocker);
  add(['gh'], classifyGh);
  add(['npm', 'yarn', 'pnpm'], classifyUnpublish);
  add(
    ['heroku', 'fly', 'flyctl', 'vercel', 'netlify', 'railway', 'firebase', 'wrangler', 'render'],
    classifyHostingPlatform,
  );
  add(['at', 'batch'], classifyDeferred);
  add(['awk', 'gawk', 'mawk', 'nawk'], classifyAwk);
  add(['tar', 'gtar', 'vim', 'vi', 'nvim', 'ex'], classifyExecOption);
  add(
    ['python', 'python3', 'python2', 'pypy', 'pypy3', 'node', 'nodejs', 'bun', 'deno', 'perl', 'ruby', 'php'],
    classifyInterpreter,
  );
  return registry;
}

const registries = new WeakMap<ClassifierDeps, Map<string, CommandClassifier>>();

function registryFor(deps: ClassifierDeps): Map<string, CommandClassifier> {
  let registry = registries.get(deps);
  if (registry === undefined) {
    registry = buildRegistry(deps);
    registries.set(deps, registry);
  }
  return registry;
}

/** Names the registry dispatches on (for tests and documentation). */
export function classifiedCommandNames(deps: ClassifierDeps): string[] {
  return [...registryFor(deps).keys()];
}

// `cd build; rm -rf .` deletes build, or the whole workspace when the cd failed: judge it in both places.
function bothPlaces(
  command: SimpleCommand,
  otherwise: string,
  original: ActionSurroundings,
  deps: ClassifierDeps,
): Operation[] {
  const { cwdOtherwise: _, ...moved } = command;
  const { cwd: __, ...stayed } = moved;
  const first = classifyCommand(moved, original, deps);
  const seen = new Set(first.map((op) => `${op.kind} ${op.target} ${op.summary}`));
  const second = classifyCommand(otherwise === '' ? stayed : { ...moved, cwd: otherwise }, original, deps);
  return [...first, ...second.filter((op) => !seen.has(`${op.kind} ${op.target} ${op.summary}`))];
}

/** Classifies one simple command into the operations it would perform; [] for harmless commands. */
export function classifyCommand(
  command: SimpleCommand,
  original: ActionSurroundings,
  deps: ClassifierDeps,
): Operation[] {
  if (command.cwdOtherwise !== undefined) return bothPlaces(command, command.cwdOtherwise, original, deps);
  // `cd / && rm -rf *`: paths resolve where the command runs, not where the line started
  const surroundings = commandSurroundings(command, original);
  if (command.dynamicName || command.name === '') {
    return [
      operation(command, {
        kind: 'unknown',
        category: 'unknown',
        destructive: true,
        reversible: false,
        target: command.source,
        summary: 'a command whose name is only known when it runs',
        hints: {},
      }),
    ];
  }
  const registry = registryFor(deps);
  if (command.name === 'parallel')
    return parallelCommands(command).flatMap((inner) => classifyCommand(inner, original, deps));
  const redirects = command.redirects.length > 0 ? classifyRedirects(command, surroundings) : [];
  let ops = registry.get(command.name)?.(command, surroundings) ?? [];
  const inner = ops.length === 0 ? unwrapRunner(command) : undefined;
  if (inner !== undefined) ops = registry.get(inner.name)?.(inner, surroundings) ?? [];
  // Self-protection is not dispatched by name: any command may touch blastwall's own files or bypass it.
  const guard = classifySelfProtection(command, surroundings);
  return redirects.length === 0 && guard.length === 0 ? ops : [...ops, ...redirects, ...guard];
}
