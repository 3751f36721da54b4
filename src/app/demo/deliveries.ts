import type { DeploymentStatus, Severity } from '../../core/delivery/types.js';
import { DEMO_SERVICES } from './organisation.js';
import { dice } from './dice.js';
import type { PlannedPr } from './pull-requests.js';
import type { PrShas } from './repo-writer.js';

/** A production deployment of a merged pull request, in the generic ingest format. */
export interface PlannedDeployment {
  id: string;
  service: string;
  environment: 'prod';
  commits: string[];
  aiAssisted: boolean;
  startedAt: string;
  finishedAt: string;
  status: DeploymentStatus;
  firstCommitAt: string;
  reviewWaitHours: number;
  team: string;
}

/** An incident: reported when it starts, updated when it is resolved (unless still open). */
export interface PlannedIncident {
  id: string;
  severity: Severity;
  services: string[];
  startedAt: string;
  resolvedAt?: string;
  /** Named in the postmortem; otherwise a person judges the suspects. */
  rootCause?: { deployment: string };
  /** The deployment that really caused it, if any, and what a person does with the suspects. */
  cause?: string;
  verdict?: 'confirm-cause' | 'reject-other';
  /** Paged through PagerDuty (its V3 webhooks carry one service and no root cause), else the generic format. */
  via?: 'pagerduty';
}

const HOUR = 3_600_000;

/** Deploys every merged pull request to production; AI-assisted ones fail somewhat more often. */
export function planDeliveries(
  prs: readonly PlannedPr[],
  shas: ReadonlyMap<number, PrShas>,
  end: Date,
  from: number,
  seed = 777,
): { deployments: PlannedDeployment[]; incidents: PlannedIncident[] } {
  const roll = dice(seed);
  const deployments: PlannedDeployment[] = [];
  const incidents: PlannedIncident[] = [];
  const tierOf = new Map(DEMO_SERVICES.map((s) => [s.id, s.tier]));
  const dependents = (id: string): string[] =>
    DEMO_SERVICES.filter((s) => s.dependsOn.includes(id)).map((s) => s.id);
  for (const pr of prs) {
    const sha = shas.get(pr.number);
    if (pr.fate !== 'merged' || !pr.closedAt || !sha?.merge) continue;
    const started = pr.closedAt.getTime() + roll.between(0.3, 5) * HOUR;
    const finished = started + roll.between(6, 40) * 60_000;
    if (finished > end.getTime() - 10 * 60_000) continue;
    const ai = pr.tool !== undefined;
    const failure = ai ? 0.13 : 0.07;
    const status: DeploymentStatus = roll.chance(failure)
      ? roll.chance(0.5)
        ? 'failed'
        : 'rolled-back'
      : 'succeeded';
    const deployment: PlannedDeployment = {
      id: `deploy-${pr.number}`,
      service: pr.service.id,
      environment: 'prod',
      commits: [sha.head, sha.merge],
      aiAssisted: ai,
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date(finished).toISOString(),
      status,
      firstCommitAt: pr.commits[0]!.at.toISOString(),
      reviewWaitHours: Math.round(((pr.closedAt.getTime() - pr.openedAt.getTime()) / HOUR) * 10) / 10,
      team: pr.service.owner,
    };
    deployments.push(deployment);
    // Failed deployments often page someone; a bad change that deployed fine sometimes breaks later.
    const causes = status === 'succeeded' ? roll.chance(ai ? 0.09 : 0.05) : roll.chance(0.55);
    if (!causes) continue;
    const tier = tierOf.get(pr.service.id) ?? 4;
    const severity = roll.weighted<Severity>([
      ['sev1', tier === 1 ? 0.12 : 0.02],
      ['sev2', tier <= 2 ? 0.25 : 0.08],
      ['sev3', 0.4],
      ['sev4', 0.3],
    ]);
    const start = finished + roll.between(0.2, 8) * HOUR;
    if (start > end.getTime() - HOUR) continue;
    const duration = { sev1: [1, 5], sev2: [1, 9], sev3: [2, 20], sev4: [4, 60] }[severity];
    const resolved = start + roll.between(duration[0]!, duration[1]!) * HOUR;
    // Sev1 and Sev2 page the on-call engineer through PagerDuty; a person then confirms the cause.
    const paged = severity === 'sev1' || severity === 'sev2';
    const spread = dependents(pr.service.id);
    const services = [
      pr.service.id,
      ...(!paged && spread.length > 0 && roll.chance(0.4) ? [roll.pick(spread)] : []),
    ];
    const known = !paged && roll.chance(0.45);
    const pagerDutyId = `Q${Math.floor(roll.next() * 36 ** 8)
      .toString(36)
      .toUpperCase()}`;
    incidents.push({
      id: paged ? `pagerduty:${pagerDutyId}` : `INC-${1000 + incidents.length + 1}`,
      ...(paged && { via: 'pagerduty' as const }),
      severity,
      services,
      startedAt: new Date(start).toISOString(),
      ...(resolved < end.getTime() - 10 * 60_000 && { resolvedAt: new Date(resolved).toISOString() }),
      ...(known && { rootCause: { deployment: deployment.id } }),
      cause: deployment.id,
      ...(!known && verdictFor(roll.next(), end.getTime() - start)),
    });
  }
  leaveWorkForAPerson(deployments, incidents, roll, end);
  addUncaused(incidents, roll, end, from);
  return { deployments, incidents: incidents.sort((a, b) => a.startedAt.localeCompare(b.startedAt)) };
}

/**
 * What a person did with an incident's suspects: most were judged, but the last month's, and some older
 * ones, still wait for someone to confirm or reject them (so the incidents page has work to show).
 */
function verdictFor(draw: number, age: number): Pick<PlannedIncident, 'verdict'> {
  if (age < 30 * 24 * HOUR || draw >= 0.75) return {};
  return { verdict: draw < 0.5 ? 'confirm-cause' : 'reject-other' };
}

/** How many incidents, at least, still wait for a person to judge their suspects. */
export const OPEN_INCIDENTS = 2;

/**
 * The draws above leave the last month's incidents unjudged, but a month can draw none (about one present in
 * eight did), and then the incidents page has no work to show. So when fewer than {@link OPEN_INCIDENTS} are open,
 * the latest deployments that broke nothing break something a few hours later, with no root cause named.
 */
function leaveWorkForAPerson(
  deployments: readonly PlannedDeployment[],
  incidents: PlannedIncident[],
  roll: ReturnType<typeof dice>,
  end: Date,
): void {
  const isOpen = (incident: PlannedIncident): boolean =>
    incident.cause !== undefined && !incident.rootCause && !incident.verdict;
  const caused = new Set(incidents.map((incident) => incident.cause));
  let open = incidents.filter(isOpen).length;
  for (const deployment of [...deployments].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt))) {
    if (open >= OPEN_INCIDENTS) return;
    if (caused.has(deployment.id)) continue;
    const start = Date.parse(deployment.finishedAt) + roll.between(0.5, 6) * HOUR;
    if (start > end.getTime() - HOUR) continue;
    const resolved = start + roll.between(2, 12) * HOUR;
    incidents.push({
      id: `INC-${1000 + incidents.length + 1}`,
      severity: 'sev3',
      services: [deployment.service],
      startedAt: new Date(start).toISOString(),
      ...(resolved < end.getTime() - 10 * 60_000 && { resolvedAt: new Date(resolved).toISOString() }),
      cause: deployment.id,
    });
    open++;
  }
}

/** Incidents no change caused: a carrier's API outage, a certificate that expired, a noisy neighbour. */
function addUncaused(
  incidents: PlannedIncident[],
  roll: ReturnType<typeof dice>,
  end: Date,
  from: number,
): void {
  const stories: Array<[Severity, string[], number]> = [
    ['sev3', ['carrier-integrations', 'shipping-quotes'], 150],
    ['sev2', ['sso-gateway'], 95],
    ['sev4', ['observability'], 60],
    ['sev3', ['search-indexer'], 25],
  ];
  for (const [severity, services, daysAgo] of stories) {
    const start = end.getTime() - daysAgo * 24 * HOUR + roll.between(0, 8) * HOUR;
    if (start < from) continue;
    incidents.push({
      id: `INC-${1000 + incidents.length + 1}`,
      severity,
      services,
      startedAt: new Date(start).toISOString(),
      resolvedAt: new Date(start + roll.between(1, 6) * HOUR).toISOString(),
    });
  }
}
