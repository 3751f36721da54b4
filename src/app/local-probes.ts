// What the dry-run and identity probes run, in one module: loaded only when a command needs a deploy's dry-run or
// identities, and bundled on its own (dist/hook/probes.cjs) so the hook's bundle stays as small as before. The
// push check is not here: it runs from the hook bundle itself (src/app/probes.ts).
import type { DeployEffect, DeployIntent, Identities } from '../core/actions/evidence.js';
import { createDeployEffectProbe } from '../adapters/deploy-effect/index.js';
import { readIdentities } from '../adapters/host/identities.js';

/** Computes a deploy's effect with the tool on this machine. */
export function effect(
  intent: DeployIntent,
  budgetMs: number,
  env: Record<string, string | undefined>,
  progress?: (line: string) => void,
): Promise<DeployEffect> {
  return createDeployEffectProbe(env, progress)(intent, budgetMs);
}

/** Reads what kube contexts, AWS profiles and gcloud resolve to. */
export function identities(env: Record<string, string | undefined>): Identities {
  return readIdentities(env);
}
