import type { DeployEffect, DeployIntent } from '../../core/actions/evidence.js';
import { helmEffect } from './helm.js';
import { kubectlEffect } from './kubectl.js';
import { ToolUnavailable } from './run-tool.js';
import { terraformEffect } from './terraform.js';

export { ToolUnavailable } from './run-tool.js';

/** Computes a deploy's effect with the tool itself, on this machine, within a time budget. */
export type DeployEffectProbe = (intent: DeployIntent, budgetMs: number) => Promise<DeployEffect>;

/**
 * The probe that runs terraform/tofu/terragrunt, kubectl and helm (with helm-diff) as the agent would, with
 * the agent's environment plus what the line set. Tools with no dry-run to ask (cdk, argocd, pulumi for now)
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
      env: { ...env, ...intent.env, TF_IN_AUTOMATION: '1' },
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
        default:
          return { known: false, why: `blastwall has no dry-run for ${intent.name} ${intent.verb}` };
      }
    } catch (error) {
      if (error instanceof ToolUnavailable) return { known: false, why: error.message };
      throw error;
    }
  };
}
