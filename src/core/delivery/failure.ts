import type { Deployment, Incident } from './types.js';

/** Environments whose deployments count as production, unless a caller names others. */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = ['prod', 'production'];

/**
 * The one change-failure rule (DORA): a deployment failed when it did not succeed (failed or rolled back)
 * or when it caused one of the incidents counted. An incident's cause is `causeOf` its suspects: the
 * confirmed suspect, else the best suspect nobody rejected.
 */
export function isFailedDeployment(deployment: Deployment, causing: ReadonlySet<string>): boolean {
  return deployment.status !== 'succeeded' || causing.has(deployment.id);
}

/** Ids of the deployments that caused at least one of the incidents, given each incident's cause. */
export function causingDeployments(
  incidents: readonly Incident[],
  causes: ReadonlyMap<string, string>,
): Set<string> {
  const causing = new Set<string>();
  for (const incident of incidents) {
    const cause = causes.get(incident.id);
    if (cause !== undefined) causing.add(cause);
  }
  return causing;
}
