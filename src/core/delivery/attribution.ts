import { blastRadiusOf, type ServiceGraph } from '../catalog/graph.js';
import { PRODUCTION_ENVIRONMENTS } from './failure.js';
import { deployedAt, hoursBetween, ms, round } from './time.js';
import type { Confirmation, Deployment, FileLines, FixCommit, Incident, Suspect, Verdict } from './types.js';

/** Tunables of attribution. */
export interface AttributionOptions {
  /** Only deployments that finished this many hours before the incident began are suspects (default 24). */
  windowHours?: number;
  /** Environments whose deployments can cause incidents (default `prod`, `production`). */
  environments?: readonly string[];
  /** How many dependency hops below an impacted service to look (default 3). */
  maxHops?: number;
}

/** Evidence beyond the deployments themselves. */
export interface AttributionEvidence {
  /** Commits made after an incident began that fix it, by incident id. */
  fixes?: ReadonlyMap<string, readonly FixCommit[]>;
  /** Lines each commit touched, by sha (to match fix commits). */
  lines?: ReadonlyMap<string, readonly FileLines[]>;
  /** A person's verdicts, keyed `incidentId/deploymentId`. */
  verdicts?: ReadonlyMap<string, Verdict>;
}

/** Key of a person's verdict on one suspect. */
export function verdictKey(incidentId: string, deploymentId: string): string {
  return `${incidentId}/${deploymentId}`;
}

/** Services an incident could have come from: the impacted ones and what they depend on, with hop counts. */
export function suspectServices(
  graph: ServiceGraph,
  impacted: readonly string[],
  maxHops = 3,
): Map<string, number> {
  const hops = new Map<string, number>();
  const queue: string[] = [];
  for (const id of impacted) {
    if (hops.has(id)) continue;
    hops.set(id, 0);
    queue.push(id);
  }
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const depth = hops.get(id)!;
    if (depth >= maxHops) continue;
    for (const dependency of graph.services.get(id)?.dependsOn ?? []) {
      if (hops.has(dependency)) continue;
      hops.set(dependency, depth + 1);
      queue.push(dependency);
    }
  }
  return hops;
}

function overlaps(a: readonly FileLines[], b: readonly FileLines[]): boolean {
  for (const left of a) {
    for (const right of b) {
      if (left.path !== right.path) continue;
      for (const [from, to] of left.ranges)
        for (const [start, end] of right.ranges) if (from <= end && start <= to) return true;
    }
  }
  return false;
}

function confirmationOf(
  incident: Incident,
  deployment: Deployment,
  later: readonly Deployment[],
  evidence: AttributionEvidence,
): Confirmation | undefined {
  const cause = incident.rootCause;
  if (cause?.deployment === deployment.id) return 'root-cause';
  if (cause?.commit !== undefined && deployment.commits.includes(cause.commit)) return 'root-cause';
  // A revert shipped after the incident began names the commits that hurt.
  for (const other of later)
    if (other.reverts?.some((sha) => deployment.commits.includes(sha))) return 'revert';
  const fixes = evidence.fixes?.get(incident.id) ?? [];
  for (const fix of fixes) {
    for (const sha of deployment.commits) {
      const touched = evidence.lines?.get(sha);
      if (touched && overlaps(touched, fix.lines)) return 'fix-lines';
    }
  }
  return undefined;
}

/**
 * Scores one suspect, 0…1:
 * `0.5·proximity + 0.25·closeness + 0.15·risk + 0.10·blast`, where proximity = 1 − gap/window,
 * closeness = 1/(1+hops), risk = the change's risk (0.5 when unknown) and blast = blast-radius score/50 capped at 1.
 */
export function suspectScore(
  gapHours: number,
  windowHours: number,
  hops: number,
  risk: number | undefined,
  blastScore: number,
): number {
  const proximity = Math.max(0, 1 - gapHours / windowHours);
  const closeness = 1 / (1 + hops);
  const blast = Math.min(1, blastScore / 50);
  return round(0.5 * proximity + 0.25 * closeness + 0.15 * (risk ?? 0.5) + 0.1 * blast);
}

/** Suspect deployments of one incident, best first: confirmed, then by score; rejected ones last. */
export function attributeIncident(
  incident: Incident,
  deployments: readonly Deployment[],
  graph: ServiceGraph,
  evidence: AttributionEvidence = {},
  options: AttributionOptions = {},
): Suspect[] {
  const windowHours = options.windowHours ?? 24;
  const environments = options.environments ?? PRODUCTION_ENVIRONMENTS;
  const candidates = suspectServices(graph, incident.services, options.maxHops ?? 3);
  const began = ms(incident.startedAt);
  const later = deployments.filter((deployment) => ms(deployment.startedAt) >= began);
  const suspects: Suspect[] = [];
  for (const deployment of deployments) {
    const hops = candidates.get(deployment.service);
    if (hops === undefined || !environments.includes(deployment.environment)) continue;
    const gapHours = hoursBetween(deployedAt(deployment), incident.startedAt);
    const confirmedBy = confirmationOf(incident, deployment, later, evidence);
    // An explicit root cause counts even outside the window; anything else must be in it.
    if (confirmedBy !== 'root-cause' && (gapHours < 0 || gapHours > windowHours)) continue;
    const blast = blastRadiusOf(graph, [deployment.service]).score;
    const reasons = [
      `deployed ${round(gapHours)} h before the incident`,
      hops === 0
        ? `to impacted service ${deployment.service}`
        : `to ${deployment.service}, ${hops} dependency hop(s) below an impacted service`,
    ];
    if (deployment.status !== 'succeeded') reasons.push(`deployment ${deployment.status}`);
    const suspect: Suspect = {
      incidentId: incident.id,
      deploymentId: deployment.id,
      score: suspectScore(Math.max(0, gapHours), windowHours, hops, deployment.risk, blast),
      gapHours: round(gapHours),
      hops,
      state: 'suspected',
      reasons,
    };
    const verdict = evidence.verdicts?.get(verdictKey(incident.id, deployment.id));
    if (verdict === 'rejected') suspect.state = 'rejected';
    else if (verdict === 'confirmed') Object.assign(suspect, { state: 'confirmed', confirmedBy: 'person' });
    else if (confirmedBy) Object.assign(suspect, { state: 'confirmed', confirmedBy });
    if (suspect.confirmedBy) reasons.push(`confirmed by ${suspect.confirmedBy}`);
    suspects.push(suspect);
  }
  const rank = (suspect: Suspect): number =>
    suspect.state === 'confirmed' ? 0 : suspect.state === 'suspected' ? 1 : 2;
  return suspects.sort(
    (a, b) => rank(a) - rank(b) || b.score - a.score || a.deploymentId.localeCompare(b.deploymentId),
  );
}
