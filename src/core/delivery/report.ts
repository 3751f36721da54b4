import { buildServiceGraph } from '../catalog/graph.js';
import type { Service } from '../model.js';
import { attributeAll } from './attribute-all.js';
import { PRODUCTION_ENVIRONMENTS } from './failure.js';
import {
  deliveryMetrics,
  splitByAi,
  reviewLoad,
  type DeliveryMetrics,
  type GroupMetrics,
  type ReviewLoad,
} from './metrics.js';
import { deployedAt, ms, round } from './time.js';
import type { Deployment, Incident, Review, Verdict } from './types.js';

/** One period of the promise-vs-reality report. */
export interface PeriodReport {
  from: string;
  to: string;
  ai: GroupMetrics;
  human: GroupMetrics;
  /** Incidents in the period no deployment could be tied to. */
  unattributedIncidents: number;
  reviewLoad: ReviewLoad;
  /** The same metrics split by tool, team, service tier and ISO week. */
  breakdown: Pick<DeliveryMetrics, 'byTool' | 'byTeam' | 'byTier' | 'weekly'>;
}

/** The promise-vs-reality report: this period, the one before it, and the change between them. */
export interface DeliveryReport extends PeriodReport {
  previous: PeriodReport;
  /** This period minus the previous one, for the headline numbers (null when either is unknown). */
  trend: { ai: Trend; human: Trend };
}

/** Change of the headline numbers against the previous period. */
export interface Trend {
  changeFailureRate: number;
  incidents: number;
  medianLeadTimeHours: number | null;
  medianRestoreHours: number | null;
}

/** Everything the report reads. */
export interface ReportInput {
  deployments: readonly Deployment[];
  incidents: readonly Incident[];
  services: readonly Service[];
  reviews: readonly Review[];
  /** Incident id → causing deployment id (from attribution over all data). */
  causes: ReadonlyMap<string, string>;
  since: string;
  until: string;
  /** Environments that count as production (default `prod`, `production`). */
  environments?: readonly string[];
}

function inRange(iso: string, from: string, to: string): boolean {
  const at = ms(iso);
  return at >= ms(from) && at < ms(to);
}

function period(input: ReportInput, from: string, to: string): PeriodReport {
  const environments = input.environments ?? PRODUCTION_ENVIRONMENTS;
  const deployments = input.deployments.filter(
    (deployment) =>
      environments.includes(deployment.environment) && inRange(deployedAt(deployment), from, to),
  );
  const incidents = input.incidents.filter((incident) => inRange(incident.startedAt, from, to));
  const weeks = (ms(to) - ms(from)) / (7 * 24 * 3_600_000);
  const context = { causes: input.causes, weeks };
  const attributed = new Set(input.deployments.map((deployment) => deployment.id));
  return {
    from,
    to,
    ...splitByAi(deployments, incidents, context),
    unattributedIncidents: incidents.filter(
      (incident) => !attributed.has(input.causes.get(incident.id) ?? ''),
    ).length,
    reviewLoad: reviewLoad(input.reviews, from, to),
    breakdown: breakdownOf(deliveryMetrics(deployments, incidents, input.services, context)),
  };
}

function breakdownOf(metrics: DeliveryMetrics): PeriodReport['breakdown'] {
  return { byTool: metrics.byTool, byTeam: metrics.byTeam, byTier: metrics.byTier, weekly: metrics.weekly };
}

function minus(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : round(a - b);
}

function trend(now: GroupMetrics, before: GroupMetrics): Trend {
  return {
    changeFailureRate: round(now.changeFailureRate - before.changeFailureRate),
    incidents: now.incidents - before.incidents,
    medianLeadTimeHours: minus(now.medianLeadTimeHours, before.medianLeadTimeHours),
    medianRestoreHours: minus(now.medianRestoreHours, before.medianRestoreHours),
  };
}

/** Builds the report for [since, until) and the equally long period before it. */
export function buildReport(input: ReportInput): DeliveryReport {
  const length = ms(input.until) - ms(input.since);
  const previousFrom = new Date(ms(input.since) - length).toISOString();
  const current = period(input, input.since, input.until);
  const previous = period(input, previousFrom, input.since);
  return {
    ...current,
    previous,
    trend: { ai: trend(current.ai, previous.ai), human: trend(current.human, previous.human) },
  };
}

/** Attributes every incident (honouring people's verdicts) and builds the report from raw history. */
export function reportFromHistory(
  input: Omit<ReportInput, 'causes'> & { verdicts?: ReadonlyMap<string, Verdict>; windowHours?: number },
): DeliveryReport {
  const graph = buildServiceGraph(input.services);
  const { causes } = attributeAll(
    input.incidents,
    input.deployments,
    graph,
    input.verdicts ? { verdicts: input.verdicts } : {},
    {
      ...(input.windowHours !== undefined && { windowHours: input.windowHours }),
      ...(input.environments !== undefined && { environments: input.environments }),
    },
  );
  return buildReport({ ...input, causes });
}
