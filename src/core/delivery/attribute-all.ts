import type { ServiceGraph } from '../catalog/graph.js';
import { attributeIncident, type AttributionEvidence, type AttributionOptions } from './attribution.js';
import { deployedAt, ms } from './time.js';
import type { Deployment, Incident, Suspect } from './types.js';

const HOUR_MS = 3_600_000;
/** Slack around an incident's window when picking candidates; attribution itself filters exactly. */
const SLACK_MS = HOUR_MS;

/** The deployment held to have caused an incident: the first confirmed suspect, else the best unrejected one. */
export function causeOf(suspects: readonly Suspect[]): Suspect | undefined {
  const first = suspects[0];
  return first && first.state !== 'rejected' ? first : undefined;
}

/**
 * Picks, for each incident, only the deployments that could be its suspects: what deployed in its window,
 * every deployment that reverts something (a revert confirms a suspect) and its named root cause. The
 * answer is the same as attributing against every deployment, without scanning them all per incident.
 */
function candidatesOf(
  deployments: readonly Deployment[],
  windowHours: number,
): (incident: Incident) => Deployment[] {
  const sorted = [...deployments].sort((a, b) => ms(deployedAt(a)) - ms(deployedAt(b)));
  const times = sorted.map((deployment) => ms(deployedAt(deployment)));
  const reverting = deployments.filter((deployment) => (deployment.reverts?.length ?? 0) > 0);
  const firstAtOrAfter = (time: number): number => {
    let low = 0;
    let high = times.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (times[mid]! < time) low = mid + 1;
      else high = mid;
    }
    return low;
  };
  return (incident) => {
    const start = ms(incident.startedAt);
    const from = firstAtOrAfter(start - windowHours * HOUR_MS - SLACK_MS);
    const to = firstAtOrAfter(start + SLACK_MS);
    const candidates = new Set(sorted.slice(from, to));
    for (const deployment of reverting) candidates.add(deployment);
    const cause = incident.rootCause;
    if (cause)
      for (const deployment of deployments)
        if (
          deployment.id === cause.deployment ||
          (cause.commit !== undefined && deployment.commits.includes(cause.commit))
        )
          candidates.add(deployment);
    return [...candidates];
  };
}

/** Attributes every incident; returns the suspects per incident and the chosen cause (`causeOf`) per incident. */
export function attributeAll(
  incidents: readonly Incident[],
  deployments: readonly Deployment[],
  graph: ServiceGraph,
  evidence: AttributionEvidence = {},
  options: AttributionOptions = {},
): { suspects: Map<string, Suspect[]>; causes: Map<string, string> } {
  const candidates = candidatesOf(deployments, options.windowHours ?? 24);
  const suspects = new Map<string, Suspect[]>();
  const causes = new Map<string, string>();
  for (const incident of incidents) {
    const ranked = attributeIncident(incident, candidates(incident), graph, evidence, options);
    suspects.set(incident.id, ranked);
    const cause = causeOf(ranked);
    if (cause) causes.set(incident.id, cause.deploymentId);
  }
  return { suspects, causes };
}
