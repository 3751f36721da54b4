import type { EvidenceProbes } from './evidence.js';

/** How the local probes run: the agent's environment, where progress goes, which configuration applies. */
export interface LocalProbeOptions {
  env: Record<string, string | undefined>;
  /** Progress lines for a person (stderr), while a dry-run runs. */
  progress?: (line: string) => void;
  configPath?: string;
}

/**
 * The probes of a gate that runs on the agent's machine (`blastwall gate`, the hooks): tools and files
 * are read where the agent would run the command. Each adapter loads only when a command needs it.
 */
export function createLocalProbes(options: LocalProbeOptions): EvidenceProbes {
  return {
    async effect(intent, budgetMs) {
      const { createDeployEffectProbe } = await import('../adapters/deploy-effect/index.js');
      return createDeployEffectProbe(options.env, options.progress)(intent, budgetMs);
    },
    async review(intent, workspace) {
      const { reviewPush } = await import('./push-review.js');
      return reviewPush(intent, options.configPath, workspace);
    },
    async identities() {
      const { readIdentities } = await import('../adapters/host/identities.js');
      return readIdentities(options.env);
    },
  };
}
