import type { Service } from '../model.js';
import { deployedAt, hoursBetween, isoWeek, median, ms, round } from './time.js';
import { isFailedDeployment } from './failure.js';
import type { Deployment, Incident, Review } from './types.js';

/** DORA metrics of one group of deployments and the incidents they caused. */
export interface GroupMetrics {
  deployments: number;
  /** Deployments that failed, were rolled back, or caused an incident. */
  failedDeployments: number;
  /** failedDeployments / deployments (0 when there are none). */
  changeFailureRate: number;
  /** Incidents attributed to a deployment of this group. */
  incidents: number;
  sev1: number;
  sev2: number;
  /** Deployments per week over the period. */
  deploymentsPerWeek: number;
  /** First commit to production, median hours. */
  medianLeadTimeHours: number | null;
  /** Waiting for sign-off, median hours (part of lead time). */
  medianReviewWaitHours: number | null;
  /** Incident start to resolution, median hours, over resolved incidents. */
  medianRestoreHours: number | null;
  /** Unplanned fix or revert deployments / deployments. */
  reworkRate: number;
}

/** Senior review load over a period. */
export interface ReviewLoad {
  reviews: number;
  seniorReviews: number;
  seniors: number;
  /** Reviews by seniors per senior per week. */
  reviewsPerSeniorPerWeek: number;
  /** Request to sign-off, median hours, over all reviews. */
  medianWaitHours: number | null;
}

/** What metrics need besides deployments and incidents. */
export interface MetricsContext {
  /** Incident id → id of the deployment that caused it (from attribution). */
  causes: ReadonlyMap<string, string>;
  /** Length of the period in weeks (for frequencies). */
  weeks: number;
}

/** DORA metrics of one group: deployments, and the incidents whose cause is among them. */
export function groupMetrics(
  deployments: readonly Deployment[],
  incidents: readonly Incident[],
  context: MetricsContext,
): GroupMetrics {
  const ids = new Set(deployments.map((deployment) => deployment.id));
  const caused = incidents.filter((incident) => ids.has(context.causes.get(incident.id) ?? ''));
  const causing = new Set(caused.map((incident) => context.causes.get(incident.id)!));
  let failed = 0;
  let rework = 0;
  const leadTimes: number[] = [];
  const reviewWaits: number[] = [];
  for (const deployment of deployments) {
    if (isFailedDeployment(deployment, causing)) failed += 1;
    if (deployment.rework === true) rework += 1;
    if (deployment.firstCommitAt !== undefined)
      leadTimes.push(hoursBetween(deployment.firstCommitAt, deployedAt(deployment)));
    if (deployment.reviewWaitHours !== undefined) reviewWaits.push(deployment.reviewWaitHours);
  }
  const restores: number[] = [];
  for (const incident of caused)
    if (incident.resolvedAt !== undefined)
      restores.push(hoursBetween(incident.startedAt, incident.resolvedAt));
  const count = deployments.length;
  return {
    deployments: count,
    failedDeployments: failed,
    changeFailureRate: count === 0 ? 0 : round(failed / count),
    incidents: caused.length,
    sev1: caused.filter((incident) => incident.severity === 'sev1').length,
    sev2: caused.filter((incident) => incident.severity === 'sev2').length,
    deploymentsPerWeek: context.weeks > 0 ? round(count / context.weeks) : count,
    medianLeadTimeHours: median(leadTimes),
    medianReviewWaitHours: median(reviewWaits),
    medianRestoreHours: median(restores),
    reworkRate: count === 0 ? 0 : round(rework / count),
  };
}

/** Groups deployments by one or more keys each (a deployment with two tools counts in both). */
export function groupBy(
  deployments: readonly Deployment[],
  keys: (deployment: Deployment) => readonly string[],
): Map<string, Deployment[]> {
  const groups = new Map<string, Deployment[]>();
  for (const deployment of deployments) {
    for (const key of keys(deployment)) {
      const group = groups.get(key);
      if (group) group.push(deployment);
      else groups.set(key, [deployment]);
    }
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

/** `ai` or `human`. */
export function authorship(deployment: Deployment): 'ai' | 'human' {
  return deployment.aiAssisted ? 'ai' : 'human';
}

/** AI-assisted and human metrics side by side. */
export interface AiSplit {
  ai: GroupMetrics;
  human: GroupMetrics;
}

/** The metrics of AI-assisted and of human deployments, over the same incidents. */
export function splitByAi(
  deployments: readonly Deployment[],
  incidents: readonly Incident[],
  context: MetricsContext,
): AiSplit {
  return {
    ai: groupMetrics(
      deployments.filter((deployment) => deployment.aiAssisted),
      incidents,
      context,
    ),
    human: groupMetrics(
      deployments.filter((deployment) => !deployment.aiAssisted),
      incidents,
      context,
    ),
  };
}

/** Every split the issue asks for: AI vs human overall, by tool, by team, by tier, and per ISO week. */
export interface DeliveryMetrics extends AiSplit {
  all: GroupMetrics;
  byTool: Record<string, GroupMetrics>;
  byTeam: Record<string, AiSplit>;
  byTier: Record<string, AiSplit>;
  weekly: Record<string, AiSplit>;
}

/** Computes the DORA metrics of a period's deployments (the caller picks the period and environment). */
export function deliveryMetrics(
  deployments: readonly Deployment[],
  incidents: readonly Incident[],
  services: readonly Service[],
  context: MetricsContext,
): DeliveryMetrics {
  const byId = new Map(services.map((service) => [service.id, service]));
  const mapValues = <T>(
    groups: Map<string, Deployment[]>,
    fn: (group: Deployment[]) => T,
  ): Record<string, T> => Object.fromEntries([...groups].map(([key, group]) => [key, fn(group)]));
  const tools = groupBy(deployments, (deployment) =>
    deployment.aiAssisted ? (deployment.tools?.length ? deployment.tools : ['unknown-ai']) : ['human'],
  );
  const teams = groupBy(deployments, (deployment) => [
    deployment.team ?? byId.get(deployment.service)?.owner ?? 'unknown',
  ]);
  const tiers = groupBy(deployments, (deployment) => [
    byId.has(deployment.service) ? `tier-${byId.get(deployment.service)!.tier}` : 'unknown',
  ]);
  const weeks = groupBy(deployments, (deployment) => [isoWeek(deployedAt(deployment))]);
  const weekly = { ...context, weeks: 1 };
  return {
    all: groupMetrics(deployments, incidents, context),
    ...splitByAi(deployments, incidents, context),
    byTool: mapValues(tools, (group) => groupMetrics(group, incidents, context)),
    byTeam: mapValues(teams, (group) => splitByAi(group, incidents, context)),
    byTier: mapValues(tiers, (group) => splitByAi(group, incidents, context)),
    weekly: mapValues(weeks, (group) => splitByAi(group, incidents, weekly)),
  };
}

/** Reviews per senior per week and time waiting for sign-off, over reviews given in [from, to). */
export function reviewLoad(reviews: readonly Review[], from: string, to: string): ReviewLoad {
  const inPeriod = reviews.filter((review) => ms(review.givenAt) >= ms(from) && ms(review.givenAt) < ms(to));
  const seniorReviews = inPeriod.filter((review) => review.senior);
  const seniors = new Set(seniorReviews.map((review) => review.reviewer)).size;
  const weeks = hoursBetween(from, to) / (24 * 7);
  return {
    reviews: inPeriod.length,
    seniorReviews: seniorReviews.length,
    seniors,
    reviewsPerSeniorPerWeek: seniors === 0 || weeks <= 0 ? 0 : round(seniorReviews.length / seniors / weeks),
    medianWaitHours: median(inPeriod.map((review) => hoursBetween(review.requestedAt, review.givenAt))),
  };
}
