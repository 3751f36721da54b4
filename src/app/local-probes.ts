// What the local probes run, in one module: loaded only when a command needs a dry-run, a push check or
// identities, and bundled on its own (dist/hook/probes.cjs) so the hook's bundle stays as small as before.
import type {
  DeployEffect,
  DeployIntent,
  Identities,
  PushIntent,
  PushReview,
} from '../core/actions/evidence.js';
import { createDeployEffectProbe } from '../adapters/deploy-effect/index.js';
import { readIdentities } from '../adapters/host/identities.js';
import { reviewPush } from './push-review.js';
import type { Workspace } from './workspace.js';

/** Computes a deploy's effect with the tool on this machine. */
export function effect(
  intent: DeployIntent,
  budgetMs: number,
  env: Record<string, string | undefined>,
  progress?: (line: string) => void,
): Promise<DeployEffect> {
  return createDeployEffectProbe(env, progress)(intent, budgetMs);
}

/** Runs the change check on what a push would land. */
export function review(intent: PushIntent, configPath?: string, workspace?: Workspace): Promise<PushReview> {
  return reviewPush(intent, configPath, workspace);
}

/** Reads what kube contexts, AWS profiles and gcloud resolve to. */
export function identities(env: Record<string, string | undefined>): Identities {
  return readIdentities(env);
}
