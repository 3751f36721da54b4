import { createRequire } from 'node:module';
import type { EvidenceProbes } from './evidence.js';

/** How the local probes run: the agent's environment, where progress goes, which configuration applies. */
export interface LocalProbeOptions {
  env: Record<string, string | undefined>;
  /** Progress lines for a person (stderr), while a dry-run runs. */
  progress?: (line: string) => void;
  configPath?: string;
}

type Implementation = typeof import('./local-probes.js');
let implementation: Promise<Implementation> | undefined;

/**
 * The dry-run and identity probes' code, loaded on first use. Inside the hook's one-file bundle
 * (dist/hook/hook.cjs) it is the separate dist/hook/probes.cjs, so a hook that decides `git status` does not parse
 * the dry-run's IaC readers and their schemas; everywhere else it is the module itself.
 */
function load(): Promise<Implementation> {
  implementation ??= import.meta.url.endsWith('.cjs')
    ? Promise.resolve().then(() => createRequire(import.meta.url)('./probes.cjs') as Implementation)
    : import('./local-probes.js');
  return implementation;
}

/**
 * The probes of a gate that runs on the agent's machine (`blastwall gate`, the hooks): tools and files
 * are read where the agent would run the command.
 */
export function createLocalProbes(options: LocalProbeOptions): EvidenceProbes {
  return {
    async effect(intent, budgetMs) {
      return (await load()).effect(intent, budgetMs, options.env, options.progress);
    },
    async review(intent, workspace) {
      // The change check is in the hook's own bundle, initialised on first use: it shares the configuration,
      // catalog and policy code the gate has loaded already, where a bundle of its own would load a second copy
      // (a push is among an agent's most frequent gated commands).
      const { reviewPush } = await import('./push-review.js');
      return reviewPush(intent, options.configPath, workspace);
    },
    async identities() {
      return (await load()).identities(options.env);
    },
  };
}
