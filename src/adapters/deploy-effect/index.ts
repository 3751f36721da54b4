import type { DeployEffect, DeployIntent } from '../../core/actions/evidence.js';
import { helmEffect } from './helm.js';
import { kubectlEffect } from './kubectl.js';
import { pulumiEffect } from './pulumi.js';
import { ToolUnavailable } from './run-tool.js';
import { terraformEffect } from './terraform.js';

export { ToolUnavailable } from './run-tool.js';

// Variables a line may set that choose where a deploy lands; any other (`KUBECTL_EXTERNAL_DIFF=…`,
// `TF_CLI_ARGS=…`) could make the dry-run itself run something, so it is not passed on.
const SELECTING =
  /^(TF_WORKSPACE|TF_VAR_\w+|AWS_PROFILE|AWS_REGION|AWS_DEFAULT_REGION|KUBECONFIG|HELM_KUBECONTEXT|HELM_NAMESPACE|PULUMI_STACK|GOOGLE_CLOUD_PROJECT|CLOUDSDK_CORE_PROJECT|ARM_SUBSCRIPTION_ID)$/;

function selecting(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => SELECTING.test(name)));
}

/** Computes a deploy's effect with the tool itself, on this machine, within a time budget. */
export type DeployEffectProbe = (intent: DeployIntent, budgetMs: number) => Promise<DeployEffect>;

/**
 * The probe that runs terraform/tofu/terragrunt, kubectl and helm (with helm-diff) as the agent would, with
 * the agent's environment plus what the line set. Tools with no dry-run to ask (cdk, argocd)
 * and anything that fails, is missing or is too slow leave the effect unknown.
 */
export function createDeployEffectProbe(
  env: Record<string, string | undefined>,
  progress?: (line: string) => void,
): DeployEffectProbe {
  return async (intent, budgetMs) => {
    if (intent.dir === undefined)
      return {
        known: false,
        why: 'it runs somewhere only known when it runs (another machine, a computed folder)',
      };
    const options = {
      cwd: intent.dir,
      env: { ...env, ...selecting(intent.env), TF_IN_AUTOMATION: '1', KUBECTL_EXTERNAL_DIFF: undefined },
      timeoutMs: budgetMs,
      ...(progress !== undefined ? { progress } : {}),
    };
    try {
      switch (intent.tool) {
        case 'terraform':
          return await terraformEffect(intent, options);
        case 'kubectl':
          return await kubectlEffect(intent, options);
        case 'helm':
          return await helmEffect(intent, options);
        case 'pulumi':
          return await pulumiEffect(intent, options);
        default:
          return { known: false, why: `blastwall has no dry-run for ${intent.name} ${intent.verb}` };
      }
    } catch (error) {
      if (error instanceof ToolUnavailable) return { known: false, why: error.message };
      throw error;
    }
  };
}
