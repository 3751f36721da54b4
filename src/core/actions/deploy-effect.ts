import { hasFlag, optionValue, positionals } from './classifiers/args.js';
import { pulumiStackName, terraformHints } from './classifiers/infrastructure/infrastructure.js';
import { envVar } from './classifiers/operation.js';
import { commandSurroundings, UNKNOWN_DIR } from './classifiers/paths.js';
import type { ClassifierDeps } from './classifiers/sql-analyzer.js';
import type { DeployEffect, DeployIntent, DeployTool } from './evidence.js';
import { planOperations } from './plan.js';
import type { ActionSurroundings, EnvironmentHints, Operation, SimpleCommand } from './types.js';

const TERRAFORM_VALUED = new Set(['-var', '-var-file', '-target', '-replace', '-state', '-lock-timeout']);
const KUBECTL_VALUED = new Set([
  '--context',
  '-n',
  '--namespace',
  '--kubeconfig',
  '-f',
  '--filename',
  '-k',
  '-o',
  '-p',
  '--patch',
  '--type',
  '-l',
  '--selector',
  '-s',
  '--server',
  '--cluster',
  '--user',
]);
const HELM_VALUED = new Set([
  '--kube-context',
  '-n',
  '--namespace',
  '--kubeconfig',
  '-f',
  '--values',
  '--set',
  '--set-string',
  '--version',
  '--timeout',
  '--repo',
]);

const TOOLS: Record<string, DeployTool> = {
  terraform: 'terraform',
  tofu: 'terraform',
  terragrunt: 'terraform',
  pulumi: 'pulumi',
  cdk: 'cdk',
  kubectl: 'kubectl',
  oc: 'kubectl',
  helm: 'helm',
  argocd: 'argocd',
};

/** The deploy a simple command proposes (apply, up, deploy, upgrade, sync), or undefined when it is none. */
export function deployIntentOf(
  command: SimpleCommand,
  original: ActionSurroundings,
  deps: Pick<ClassifierDeps, 'terraformWorkspaceOf'>,
): DeployIntent | undefined {
  const tool = TOOLS[command.name];
  if (tool === undefined || command.dynamicName) return undefined;
  const args = command.args;
  if (args.some((a) => a === '-h' || a === '--help' || a === '-help')) return undefined;
  const surroundings = commandSurroundings(command, original);
  const found = readDeploy(tool, command, surroundings, deps);
  if (found === undefined) return undefined;
  const where = found.dir ?? surroundings.cwd;
  // A folder only known when it runs (`-chdir=$X`, after `cd "$X"`) or on another machine: nothing runs there.
  const dir =
    command.remote === undefined && where !== UNKNOWN_DIR && where.startsWith('/') ? where : undefined;
  return {
    key: `${dir ?? '?'}\u0000${command.source}`,
    tool,
    name: command.name,
    verb: found.verb,
    args,
    ...(dir !== undefined ? { dir } : {}),
    ...(found.planFile !== undefined ? { planFile: found.planFile } : {}),
    env: command.env,
    hints: found.hints,
    category: tool === 'kubectl' || tool === 'helm' || tool === 'argocd' ? 'kubernetes' : 'infrastructure',
    summary: `${command.name} ${found.verb}${found.where ? ` ${found.where}` : ''}`,
    source: command.source,
  };
}

interface Found {
  verb: string;
  hints: EnvironmentHints;
  where?: string;
  planFile?: string;
  dir?: string;
}

function readDeploy(
  tool: DeployTool,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  deps: Pick<ClassifierDeps, 'terraformWorkspaceOf'>,
): Found | undefined {
  const args = command.args;
  switch (tool) {
    case 'terraform': {
      const chdir = optionValue(args, ['-chdir', '--chdir', '--terragrunt-working-dir', '--working-dir']);
      let words = positionals(
        args.filter((a) => !a.startsWith('-chdir')),
        TERRAFORM_VALUED,
      );
      if (words[0] === 'run-all' || words[0] === 'run') words = words.slice(1);
      if (words[0] !== 'apply' || hasFlag(args, ['-destroy', '--destroy'])) return undefined;
      const hints = terraformHints(command, surroundings, chdir, deps.terraformWorkspaceOf);
      const where =
        hints.terraformWorkspace !== undefined
          ? `in workspace ${hints.terraformWorkspace}`
          : `in ${hints.path ?? 'the current directory'}`;
      return {
        verb: 'apply',
        hints,
        where,
        ...(words[1] !== undefined ? { planFile: words[1] } : {}),
        ...(chdir !== undefined && hints.path !== undefined ? { dir: hints.path } : {}),
      };
    }
    case 'pulumi': {
      const words = positionals(args, new Set(['-s', '--stack', '-C', '--cwd', '--target', '-t']));
      if (words[0] !== 'up' && words[0] !== 'update') return undefined;
      const stack = optionValue(args, ['-s', '--stack']) ?? envVar(command, surroundings, 'PULUMI_STACK');
      return {
        verb: 'up',
        hints: {
          path: surroundings.cwd,
          ...(stack !== undefined ? { terraformWorkspace: pulumiStackName(stack) } : {}),
        },
        where: `of stack ${stack ?? '(current)'}`,
      };
    }
    case 'cdk': {
      const words = positionals(args, new Set(['--profile', '-c', '--context', '--app', '-a']));
      if (words[0] !== 'deploy') return undefined;
      const profile = optionValue(args, ['--profile']) ?? envVar(command, surroundings, 'AWS_PROFILE');
      return { verb: 'deploy', hints: profile !== undefined ? { awsProfile: profile } : {} };
    }
    case 'kubectl': {
      const words = positionals(args, KUBECTL_VALUED);
      const verb = words[0] ?? '';
      if (!['apply', 'replace', 'patch'].includes(verb) || isDryRun(args)) return undefined;
      if (verb === 'apply' && words[1] !== undefined) return undefined; // apply view-last-applied …
      const context =
        optionValue(args, ['--context']) ??
        (command.remote === undefined ? surroundings.kubeContext : command.remote.context);
      return {
        verb,
        hints: kubeHints(command, surroundings, context),
        where: `on ${context ?? 'the current context'}`,
      };
    }
    case 'helm': {
      const words = positionals(args, HELM_VALUED);
      if ((words[0] !== 'upgrade' && words[0] !== 'install') || isDryRun(args)) return undefined;
      const context =
        optionValue(args, ['--kube-context']) ??
        envVar(command, surroundings, 'HELM_KUBECONTEXT') ??
        (command.remote === undefined ? surroundings.kubeContext : undefined);
      return {
        verb: words[0],
        hints: kubeHints(command, surroundings, context),
        where: `${words[1] ?? ''} on ${context ?? 'the current context'}`.trim(),
      };
    }
    case 'argocd': {
      const words = positionals(args, new Set(['--server', '--auth-token', '--kube-context']));
      // `argocd app sync --dry-run` previews what a sync would change: nothing is deployed
      if (words[0] !== 'app' || words[1] !== 'sync' || isDryRun(args)) return undefined;
      const server = optionValue(args, ['--server']);
      // An Argo CD application's name is set on the server by whoever created it, not by the agent: an
      // environment word in it (`payments-dev`, `web-prod`) says where it syncs. A local path (`kubectl apply
      // -f k8s/dev/`) is the agent's to name, and says nothing.
      const app = words[2];
      return {
        verb: 'app sync',
        hints: {
          ...(server !== undefined ? { host: server } : {}),
          ...(app !== undefined ? { ownedName: app } : {}),
        },
        where: words[2] ?? '',
      };
    }
  }
}

function isDryRun(args: readonly string[]): boolean {
  return args.some((a) => a === '--dry-run' || (a.startsWith('--dry-run=') && a !== '--dry-run=none'));
}

function kubeHints(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  context: string | undefined,
): EnvironmentHints {
  if (context !== undefined) return { kubeContext: context };
  const kubeconfig =
    optionValue(command.args, ['--kubeconfig']) ?? envVar(command, surroundings, 'KUBECONFIG');
  return kubeconfig !== undefined ? { path: kubeconfig } : {};
}

/**
 * The operations of a deploy: what its computed effect would do, resource by resource (decided exactly as
 * `blastwall plan` decides), or one `deploy` operation when the effect is not known, which the policy
 * `agent-deploy-protected` holds in a protected environment.
 */
export function deployOperations(
  intent: DeployIntent,
  effect: DeployEffect | undefined,
  services: ReadonlySet<string>,
): Operation[] {
  const base = { category: intent.category, target: intent.summary, source: intent.source };
  if (effect === undefined || !effect.known) {
    const why = effect === undefined ? 'its effect was not computed' : effect.why;
    return [
      {
        ...base,
        kind: 'deploy',
        destructive: false,
        reversible: true,
        summary: `${intent.summary}, a deploy whose effect is not known (${why})`,
        hints: intent.hints,
      },
    ];
  }
  const mapped = planOperations(effect.plan, { services });
  // The deploy's own surroundings (workspace, kube context) count beside what the plan says: the first
  // protected match wins, so a plan tagged `dev` applied in workspace prod is still decided as prod.
  const { path: _, ...where } = intent.hints;
  const operations: Operation[] = mapped.operations.map((op) => ({
    ...op,
    hints: { ...op.hints, ...where },
    source: intent.source,
  }));
  operations.unshift({
    ...base,
    kind: 'write',
    destructive: false,
    reversible: true,
    summary: `${intent.summary}: effect from ${effect.how}: ${mapped.description}`,
    hints: intent.hints,
  });
  return operations;
}
