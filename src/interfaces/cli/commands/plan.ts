import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { failClosed } from '../../../core/actions/decide.js';
import { planOperations } from '../../../core/actions/plan.js';
import type { ActionDecision } from '../../../core/actions/types.js';
import { PlanReadError, readPlan, terraformWorkspaceFor } from '../../../adapters/iac/index.js';
import { readSurroundings } from '../../../adapters/host/surroundings.js';
import { createGate, type LoadedGate } from '../../../app/gate.js';
import { EXIT, type CliDeps } from '../deps.js';
import { describeError } from '../errors.js';
import { paint } from '../format/colour.js';
import { actionDecisionText } from '../format/action-decision.js';
import { exitCodeOf } from './gate.js';

const READ_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'a directory, not a file',
  EACCES: 'permission denied',
};

interface PlanFlags {
  agent?: string;
  onBehalfOf?: string;
  cwd?: string;
  config?: string;
  environment?: string;
  prune?: boolean;
  json?: boolean;
}

/** `blastwall plan FILE`: may an agent apply this Terraform plan, CloudFormation change set or set of manifests? */
export function register(program: Command, deps: CliDeps): void {
  program
    .command('plan')
    .description(
      'Decide whether an AI agent may apply an infrastructure plan: Terraform plan JSON, CloudFormation change set, or Kubernetes manifests',
    )
    .argument(
      '<file>',
      'the plan ("-" for stdin): terraform show -json output, aws cloudformation describe-change-set output, or manifests',
    )
    .option('--agent <id>', 'the agent proposing it (claude-code, codex …)')
    .option('--on-behalf-of <id>', 'the person the agent acts for (default: $BLASTWALL_ON_BEHALF_OF)')
    .option('--cwd <dir>', 'the directory the plan would be applied from (terraform workspace, kube context)')
    .option('--config <file>', 'configuration file (default: blastwall.yaml of the repository around --cwd)')
    .option(
      '--environment <name>',
      'the environment the plan applies to, stated outright (an id from blastwall.yaml)',
    )
    .option(
      '--prune',
      'the manifests will be applied with kubectl apply --prune (deletes what they do not list)',
    )
    .option('--json', 'print the decision as JSON')
    .addHelpText(
      'after',
      `
Exit codes: 0 allowed, 1 denied, 3 held for approval, 2 usage, config or unreadable plan, 4 internal error
(in every error case the plan must not be applied).

Examples:
  terraform show -json plan.out | blastwall plan - --agent claude-code
  blastwall plan changeset.json --environment prod --json
  kubectl kustomize k8s/ | blastwall plan - --prune`,
    )
    .action(async (file: string, flags: PlanFlags) => {
      const say = (line: string): void => deps.stderr(`blastwall plan: ${line}\n`);
      const agent = flags.agent ?? deps.env.BLASTWALL_AGENT ?? 'agent';
      const blocked = (why: string, code: number): void => {
        say(`the plan is blocked: ${why}`);
        if (flags.json)
          deps.stdout(`${JSON.stringify(failClosed({ agent, command: `plan ${file}` }, why), null, 2)}\n`);
        deps.exit(code);
      };
      const cwd = resolve(deps.cwd, flags.cwd ?? '.');
      let gate: LoadedGate;
      try {
        gate = await createGate({
          cwd,
          env: deps.env,
          ...(flags.config ? { configPath: resolve(deps.cwd, flags.config) } : {}),
        });
      } catch (error) {
        const described = describeError(error);
        return blocked(
          `blastwall could not load its configuration: ${described.message}`,
          described.exitCode,
        );
      }
      const environments = gate.workspace.config.environments.map((env) => env.id);
      if (
        flags.environment !== undefined &&
        !environments.some((id) => id.toLowerCase() === flags.environment?.toLowerCase())
      ) {
        return blocked(
          `--environment ${flags.environment} is not an environment in ${gate.workspace.config.sources.join(', ') || 'the configuration'} (known: ${environments.join(', ') || 'none'})`,
          EXIT.usage,
        );
      }
      let text: string;
      try {
        text = file === '-' ? await deps.readStdin() : readFileSync(resolve(deps.cwd, file), 'utf8');
      } catch (error) {
        return blocked(
          `cannot read ${file}: ${READ_ERRORS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message}`,
          EXIT.usage,
        );
      }
      try {
        const surroundings = readSurroundings(cwd, gate.workspace.repo, deps.env);
        const workspace = terraformWorkspaceFor(file === '-' ? undefined : file, cwd, deps.env);
        const plan = readPlan(text, file === '-' ? 'stdin' : file, {
          ...(workspace ? { terraformWorkspace: workspace } : {}),
          ...(surroundings.kubeContext ? { kubeContext: surroundings.kubeContext } : {}),
        });
        const mapped = planOperations(plan, {
          services: new Set(gate.workspace.config.services.map((s) => s.id)),
          ...(flags.environment !== undefined ? { environment: flags.environment } : {}),
          ...(flags.prune ? { prune: true } : {}),
        });
        const decided = gate.evaluateOperations({
          description: mapped.description,
          operations: mapped.operations,
          cwd,
          agent,
          ...(flags.onBehalfOf ? { onBehalfOf: flags.onBehalfOf } : {}),
        });
        const decision: ActionDecision & { plan: Record<string, unknown> } = {
          ...decided,
          warnings: [
            ...decided.warnings,
            ...(plan.warnings ?? []),
            ...(flags.prune && plan.format !== 'kubernetes'
              ? ['--prune applies to Kubernetes manifests only; ignored']
              : []),
          ],
          plan: { file, format: plan.format, resources: plan.resources.length, services: mapped.services },
        };
        deps.stdout(
          flags.json
            ? `${JSON.stringify(decision, null, 2)}\n`
            : actionDecisionText(decision, paint(deps.isTty && !deps.env.NO_COLOR)),
        );
        deps.exit(exitCodeOf(decision));
      } catch (error) {
        if (error instanceof PlanReadError) return blocked(error.message, EXIT.usage);
        return blocked(describeError(error).message, EXIT.internal);
      }
    });
}
