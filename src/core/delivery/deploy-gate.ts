import type { ServiceGraph } from '../catalog/graph.js';
import { suspectServices } from './attribution.js';
import { deployedAt, ms } from './time.js';
import type { Deployment, Incident } from './types.js';
import { previousWave, type WavePlan } from './wave-plan.js';

/** Where a change's sign-offs stand (from the change decisions and approvals). */
export interface ChangeStatus {
  /** True when every required sign-off is given. */
  signedOff: boolean;
  /** What is still missing, in plain words. */
  missing: string[];
  /** The change's risk 0…1, when known (scales the wave bake times). */
  risk?: number;
}

/** A declared freeze window. */
export interface FreezeWindow {
  from: string;
  to: string;
  reason?: string;
  /** Environments it covers; all when absent. */
  environments?: string[];
}

/** A deploy-gate question and everything needed to answer it. */
export interface DeployGateInput {
  service: string;
  sha: string;
  environment: string;
  wave?: string;
  now: string;
  /** Undefined when blastwall has never seen the change: it is held, not waved through. */
  change: ChangeStatus | undefined;
  openIncidents: readonly Incident[];
  graph: ServiceGraph;
  /** Whether the config's freeze is on (`freeze.active`). */
  freezeActive?: boolean;
  freezeReason?: string;
  freezeWindows?: readonly FreezeWindow[];
  /** Earlier deployments of this sha to this service (to find the previous wave). */
  deployments: readonly Deployment[];
  plan: WavePlan;
}

/** The gate's answer: readable by an Argo Rollouts `successCondition` as `result.allowed`. */
export interface DeployGateDecision {
  allowed: boolean;
  reasons: string[];
  /** Earliest time the bake rule allows this wave, when that is what holds it. */
  retryAfter?: string;
}

/** Decides whether a deployment may proceed; a hold is a value with reasons, never an exception. */
export function decideDeploy(input: DeployGateInput): DeployGateDecision {
  const reasons: string[] = [];
  let retryAfter: string | undefined;
  if (!input.change)
    reasons.push(`change ${input.sha} is unknown to blastwall: run blastwall check on it first`);
  else if (!input.change.signedOff)
    reasons.push(`sign-offs missing: ${input.change.missing.join('; ') || 'not all given'}`);

  const reach = suspectServices(input.graph, [input.service], Number.POSITIVE_INFINITY);
  for (const incident of input.openIncidents) {
    if (incident.resolvedAt !== undefined || (incident.severity !== 'sev1' && incident.severity !== 'sev2'))
      continue;
    const hit = incident.services.find((service) => reach.has(service));
    if (hit !== undefined)
      reasons.push(
        `open ${incident.severity} incident ${incident.id} on ${hit}${hit === input.service ? '' : `, which ${input.service} depends on`}`,
      );
  }

  if (input.freezeActive)
    reasons.push(`freeze is active${input.freezeReason ? `: ${input.freezeReason}` : ''}`);
  const now = ms(input.now);
  for (const window of input.freezeWindows ?? []) {
    if (now < ms(window.from) || now >= ms(window.to)) continue;
    if (window.environments && !window.environments.includes(input.environment)) continue;
    reasons.push(`freeze window until ${window.to}${window.reason ? `: ${window.reason}` : ''}`);
  }

  const before = input.wave === undefined ? undefined : previousWave(input.wave);
  if (before !== undefined) {
    const done = input.deployments.filter(
      (deployment) =>
        deployment.wave === before &&
        deployment.environment === input.environment &&
        deployment.status === 'succeeded' &&
        deployment.commits.includes(input.sha),
    );
    const bake = input.plan.waves.find((step) => step.wave === before)?.bakeMinutes ?? 0;
    if (done.length === 0) reasons.push(`previous wave ${before} has not succeeded for ${input.sha}`);
    else {
      const finished = Math.max(...done.map((deployment) => ms(deployedAt(deployment))));
      const ready = finished + bake * 60_000;
      if (now < ready) {
        retryAfter = new Date(ready).toISOString();
        reasons.push(`wave ${before} is still baking (${bake} min) until ${retryAfter}`);
      }
    }
  }
  return {
    allowed: reasons.length === 0,
    reasons: reasons.length === 0 ? ['all deploy checks passed'] : reasons,
    ...(retryAfter && { retryAfter }),
  };
}
