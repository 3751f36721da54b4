import type {
  ActionEvidence,
  DeployEffect,
  DeployIntent,
  EvidenceNeeds,
  Identities,
  PushIntent,
  PushReview,
} from '../core/actions/evidence.js';
import type { Workspace } from './workspace.js';

/** Where the gate gets facts that take I/O: a deploy's computed effect, a push's change check, identities. */
export interface EvidenceProbes {
  /** Works out what a deploy would do within `budgetMs` (saved plan, terraform plan, kubectl diff, helm diff). */
  effect(intent: DeployIntent, budgetMs: number): Promise<DeployEffect>;
  /** Runs the change check on the commits a push would land (in `workspace` when it is that repository's). */
  review(intent: PushIntent, workspace?: Workspace): Promise<PushReview>;
  /** Reads what kube contexts, AWS profiles and the gcloud configuration resolve to. */
  identities(): Promise<Identities>;
}

/** Which deploys are worth computing: the gate asks only for those into a protected environment. */
export interface GatherRequest {
  needs: EvidenceNeeds;
  /** True when the deploy, with identities resolved, lands in a protected environment. */
  isProtected(intent: DeployIntent, identities: Identities | undefined): boolean;
  budgetMs: number;
  /** The gate's own workspace, reused by a push check in the same repository. */
  workspace?: Workspace;
}

/** Gathers the evidence a decision needs; a probe that fails leaves that fact unknown, which holds. */
export async function gatherEvidence(
  probes: EvidenceProbes,
  request: GatherRequest,
): Promise<ActionEvidence> {
  const { needs } = request;
  const identities = needs.identities ? await probes.identities().catch(() => undefined) : undefined;
  const started = performance.now();
  const effects = new Map<string, DeployEffect>();
  // One budget for the whole line: deploys run one after another, like the shell would run them.
  for (const intent of needs.deploys) {
    if (effects.has(intent.key) || !request.isProtected(intent, identities)) continue;
    const left = request.budgetMs - (performance.now() - started);
    effects.set(
      intent.key,
      left <= 0
        ? { known: false, why: `no time left of the ${seconds(request.budgetMs)} budget` }
        : await probes.effect(intent, left).catch((error: unknown) => ({
            known: false as const,
            why: error instanceof Error ? error.message : String(error),
          })),
    );
  }
  const pushes = new Map<string, PushReview>();
  for (const intent of needs.pushes) {
    if (pushes.has(intent.key)) continue;
    pushes.set(
      intent.key,
      await probes
        .review(intent, intent.dir === request.workspace?.repo ? request.workspace : undefined)
        .catch((error: unknown) => ({
          known: false as const,
          why: error instanceof Error ? error.message : String(error),
        })),
    );
  }
  return { effects, pushes, ...(identities !== undefined ? { identities } : {}) };
}

/** `5 s`, `0.5 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
