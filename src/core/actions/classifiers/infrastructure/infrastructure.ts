import type { ClassifierDeps } from '../sql-analyzer.js';
import { UNKNOWN_VALUE } from '../../types.js';
import type {
  ActionSurroundings,
  CommandClassifier,
  EnvironmentHints,
  Operation,
  SimpleCommand,
} from '../../types.js';
import { optionValue, optionValues, positionals } from '../args.js';
import { destructiveOf, envVar } from '../operation.js';
import { movedByLine, resolvePath, UNKNOWN_DIR } from '../paths.js';

const infraOp = destructiveOf('infrastructure');

/** Where a terraform command applies: its directory, selected workspace and AWS profile. */
export function terraformHints(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  chdir: string | undefined,
  workspaceOf: ((dir: string) => string | undefined) | undefined,
): EnvironmentHints {
  const resolved =
    chdir !== undefined ? resolvePath(chdir, surroundings, command.remote !== undefined) : undefined;
  let selected: string | undefined;
  // With TF_DATA_DIR, the selected workspace is recorded in that folder, not in `.terraform/environment`.
  if (envVar(command, surroundings, 'TF_DATA_DIR') !== undefined) selected = UNKNOWN_VALUE;
  else if (chdir === undefined && !movedByLine(command)) selected = surroundings.terraformWorkspace;
  else {
    // Moved by -chdir or an earlier `cd` (commandSurroundings dropped the workspace of the line's start): the one
    // selected where terraform runs, read only here since no other classifier needs it.
    const dir = chdir !== undefined ? resolved : surroundings.cwd;
    if (dir !== undefined && dir !== UNKNOWN_DIR && command.remote === undefined)
      selected = workspaceOf?.(dir);
  }
  const workspace = envVar(command, surroundings, 'TF_WORKSPACE') ?? selected;
  const path = chdir !== undefined ? (resolved ?? chdir) : surroundings.cwd;
  const profile = envVar(command, surroundings, 'AWS_PROFILE');
  return {
    path,
    ...(workspace !== undefined ? { terraformWorkspace: workspace } : {}),
    ...(profile !== undefined ? { awsProfile: profile } : {}),
  };
}

/** terraform / tofu / terragrunt: destroy, apply -destroy, apply -replace, state rm, workspace delete. */
export function createTerraformClassifier(deps: ClassifierDeps): CommandClassifier {
  return (command, surroundings) => classifyTerraform(command, surroundings, deps.terraformWorkspaceOf);
}

function classifyTerraform(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  workspaceOf: ((dir: string) => string | undefined) | undefined,
): Operation[] {
  const args = command.args;
  const chdir = optionValue(args, ['-chdir', '--chdir', '--terragrunt-working-dir', '--working-dir']);
  let words = positionals(
    args.filter((a) => !a.startsWith('-chdir')),
    new Set([
      '-var',
      '-var-file',
      '-target',
      '-replace',
      '-state',
      '-lock-timeout',
      '--terragrunt-working-dir',
      '--working-dir',
    ]),
  );
  // terragrunt's run-all / run --all wrap an ordinary terraform verb
  if (words[0] === 'run-all' || words[0] === 'run') words = words.slice(1);
  const [verb = '', sub = ''] = words;
  const hints = terraformHints(command, surroundings, chdir, workspaceOf);
  const where =
    hints.terraformWorkspace !== undefined
      ? `workspace ${hints.terraformWorkspace}`
      : `the workspace in ${hints.path ?? 'the current directory'}`;
  const targets = optionValues(args, ['-target', '--target']);
  const scope = targets.length > 0 ? targets.join(', ') : `everything in ${where}`;
  const name = command.name;
  if (args.some((a) => a === '-help' || a === '--help' || a === '-h')) return [];
  if (
    verb === 'destroy' ||
    verb === 'destroy-all' ||
    (verb === 'apply' && args.some((a) => a === '-destroy' || a === '--destroy'))
  ) {
    return [infraOp(command, 'delete', scope, `${name} destroy of ${scope}`, hints)];
  }
  const replaces = optionValues(args, ['-replace', '--replace']);
  if ((verb === 'apply' || verb === 'taint') && (replaces.length > 0 || verb === 'taint')) {
    const what = verb === 'taint' ? (words[1] ?? 'a resource') : replaces.join(', ');
    return [
      infraOp(command, 'replace', what, `${name} ${verb} deletes and recreates ${what} in ${where}`, hints),
    ];
  }
  if (verb === 'state' && (sub === 'rm' || sub === 'push' || sub === 'replace-provider')) {
    const what = words.slice(2).join(', ') || 'state entries';
    return [
      infraOp(
        command,
        'delete',
        what,
        `${name} state ${sub} ${what} in ${where}: terraform forgets or overwrites what it manages`,
        hints,
        sub === 'rm',
      ),
    ];
  }
  if (verb === 'workspace' && sub === 'delete') {
    const ws = words[2] ?? 'a workspace';
    return [
      infraOp(command, 'delete', ws, `${name} workspace delete ${ws}`, { ...hints, terraformWorkspace: ws }),
    ];
  }
  if (verb === 'force-unlock')
    return [
      infraOp(command, 'write', 'state lock', `${name} force-unlock breaks another run's state lock`, hints),
    ];
  return [];
}

/**
 * The name environments match a pulumi stack on: a stack is written `org/project/stack`, `org/stack` or `stack`,
 * and only its own last segment says which environment it is (`acme/prod` is the workspace `prod`).
 */
export function pulumiStackName(stack: string): string {
  return stack.split('/').at(-1) || stack;
}

/** pulumi destroy / stack rm / state delete. */
export const classifyPulumi: CommandClassifier = (command, surroundings) => {
  const words = positionals(command.args, new Set(['-s', '--stack', '-C', '--cwd', '--target', '-t']));
  const stack = optionValue(command.args, ['-s', '--stack']) ?? envVar(command, surroundings, 'PULUMI_STACK');
  const hints: EnvironmentHints = {
    path: surroundings.cwd,
    ...(stack !== undefined ? { terraformWorkspace: pulumiStackName(stack) } : {}),
  };
  const [verb, sub] = words;
  if (verb === 'destroy' || verb === 'down')
    return [
      infraOp(
        command,
        'delete',
        stack ?? 'the current stack',
        `pulumi destroy of stack ${stack ?? '(current)'}`,
        hints,
      ),
    ];
  if (verb === 'stack' && (sub === 'rm' || sub === 'remove')) {
    const name = words[2] ?? stack ?? 'the current stack';
    return [
      infraOp(command, 'delete', name, `pulumi stack rm ${name}`, {
        ...hints,
        terraformWorkspace: pulumiStackName(name),
      }),
    ];
  }
  if (verb === 'state' && sub === 'delete')
    return [
      infraOp(
        command,
        'delete',
        words[2] ?? 'a resource',
        `pulumi state delete ${words[2] ?? ''}`.trim(),
        hints,
      ),
    ];
  if (verb === 'up' && command.args.some((a) => a.startsWith('--replace'))) {
    return [
      infraOp(
        command,
        'replace',
        optionValue(command.args, ['--replace']) ?? 'resources',
        'pulumi up --replace deletes and recreates resources',
        hints,
      ),
    ];
  }
  return [];
};

function awsHints(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  profileOptions: string[],
): EnvironmentHints {
  const profile = optionValue(command.args, profileOptions) ?? envVar(command, surroundings, 'AWS_PROFILE');
  return profile !== undefined ? { awsProfile: profile } : {};
}

/** cdk destroy, sam delete, serverless/sls remove, copilot/eksctl deletes. */
export const classifyStackTool: CommandClassifier = (command, surroundings) => {
  const words = positionals(
    command.args,
    new Set([
      '--profile',
      '--stack-name',
      '--stage',
      '-s',
      '--region',
      '-r',
      '--aws-profile',
      '--name',
      '-n',
      '--config-file',
    ]),
  );
  const verb = words[0] ?? '';
  const name = command.name;
  const profileOpts =
    name === 'serverless' || name === 'sls' ? ['--aws-profile', '--profile'] : ['--profile'];
  const hints = awsHints(command, surroundings, profileOpts);
  const stage = optionValue(command.args, ['--stage', '-s']);
  const stack = optionValue(command.args, ['--stack-name']) ?? stage ?? words.slice(1).join(' ');
  const destroys =
    (name === 'cdk' && verb === 'destroy') ||
    (name === 'sam' && verb === 'delete') ||
    ((name === 'serverless' || name === 'sls') && verb === 'remove') ||
    ((name === 'eksctl' || name === 'kops') && verb === 'delete') ||
    (name === 'copilot' && words.includes('delete'));
  if (!destroys) return [];
  const target = stack || 'the stack';
  return [
    infraOp(
      command,
      'delete',
      target,
      `${name} ${words.slice(0, 2).join(' ')} deletes ${target}${stage !== undefined ? ` (stage ${stage})` : ''}`,
      { ...hints, ...(stage !== undefined ? { terraformWorkspace: stage } : {}) },
    ),
  ];
};
