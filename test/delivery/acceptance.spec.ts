import { describe, expect, it } from 'vitest';
import { buildServiceGraph } from '../../src/core/catalog/graph.js';
import { attributeAll } from '../../src/core/delivery/attribute-all.js';
import { deliveryMetrics, reviewLoad } from '../../src/core/delivery/metrics.js';
import { buildReport } from '../../src/core/delivery/report.js';
import { END, generateHistory, SERVICES, START } from './generate-history.js';

const history = generateHistory();
const graph = buildServiceGraph(SERVICES);
const WEEKS = 8;

describe('generated history: 200 deployments, 20 incidents, 8 caused by AI-assisted changes', () => {
  it('has the shape it claims', () => {
    expect(history.deployments).toHaveLength(200);
    expect(history.incidents).toHaveLength(20);
    expect(
      [...history.truth.values()].filter((id) => history.deployments.find((d) => d.id === id)!.aiAssisted),
    ).toHaveLength(8);
  });

  describe('every metric matches the known answer (root causes recorded)', () => {
    const { causes } = attributeAll(history.incidents, history.deployments, graph);
    const metrics = deliveryMetrics(history.deployments, history.incidents, SERVICES, {
      causes,
      weeks: WEEKS,
    });

    it('attributes every incident to its recorded root cause', () => {
      expect(causes).toEqual(history.truth);
    });

    it.each([
      [
        'ai',
        {
          deployments: 80,
          failedDeployments: 16,
          changeFailureRate: 0.2,
          incidents: 8,
          sev1: 2,
          sev2: 3,
          deploymentsPerWeek: 10,
          medianLeadTimeHours: 12,
          medianReviewWaitHours: 4,
          medianRestoreHours: 4.5,
          reworkRate: 0.25,
        },
      ],
      [
        'human',
        {
          deployments: 120,
          failedDeployments: 22,
          changeFailureRate: 0.183,
          incidents: 12,
          sev1: 1,
          sev2: 3,
          deploymentsPerWeek: 15,
          medianLeadTimeHours: 36,
          medianReviewWaitHours: 2,
          medianRestoreHours: 7.5,
          reworkRate: 0.167,
        },
      ],
    ] as const)('%s-assisted DORA metrics', (side, expected) => {
      expect(metrics[side]).toEqual(expected);
    });

    it.each([
      ['claude-code', 40, 8],
      ['copilot', 40, 8],
      ['human', 120, 22],
    ])('by tool: %s has %i deployments, %i failed', (tool, deployments, failed) => {
      expect(metrics.byTool[tool]).toMatchObject({ deployments, failedDeployments: failed });
    });

    it('per week, the deployments add up to what was generated each week', () => {
      const weeks = Object.values(metrics.weekly).map((week) => week.ai.deployments + week.human.deployments);
      expect(weeks).toEqual(
        [...history.weekly.entries()].sort(([a], [b]) => a - b).map(([, count]) => count),
      );
      expect(Object.keys(metrics.weekly)).toHaveLength(8);
    });

    it('by tier, the deployments add up to what was generated per tier', () => {
      const tiers = Object.fromEntries(
        Object.entries(metrics.byTier).map(([tier, split]) => [
          tier,
          split.ai.deployments + split.human.deployments,
        ]),
      );
      expect(tiers).toEqual(Object.fromEntries(history.byTier));
    });

    it('by team, every deployment is counted once', () => {
      const total = Object.values(metrics.byTeam).reduce(
        (sum, split) => sum + split.ai.deployments + split.human.deployments,
        0,
      );
      expect(total).toBe(200);
      expect(Object.keys(metrics.byTeam).sort()).toEqual(
        ['discovery', 'docs', 'identity', 'payments', 'shop'].filter((team) =>
          Object.keys(metrics.byTeam).includes(team),
        ),
      );
    });

    it('senior review load: 140 senior reviews by 3 seniors over 8 weeks, median wait 2 h', () => {
      expect(reviewLoad(history.reviews, START, END)).toEqual({
        reviews: 200,
        seniorReviews: 140,
        seniors: 3,
        reviewsPerSeniorPerWeek: 5.833,
        medianWaitHours: 2,
      });
    });

    it('the report has the same ai/human numbers and an empty previous period', () => {
      const report = buildReport({
        deployments: history.deployments,
        incidents: history.incidents,
        services: SERVICES,
        reviews: history.reviews,
        causes,
        since: START,
        until: END,
      });
      expect(report.ai).toMatchObject({
        deployments: 80,
        failedDeployments: 16,
        changeFailureRate: 0.2,
        incidents: 8,
        medianLeadTimeHours: 12,
        medianRestoreHours: 4.5,
      });
      expect(report.human).toMatchObject({
        deployments: 120,
        failedDeployments: 22,
        incidents: 12,
        medianLeadTimeHours: 36,
        medianRestoreHours: 7.5,
      });
      expect(report.previous.ai.deployments + report.previous.human.deployments).toBe(0);
      expect(report.trend.ai.incidents).toBe(8);
      expect(report.breakdown.byTool).toEqual(metrics.byTool);
      expect(Object.keys(report.breakdown.weekly)).toHaveLength(8);
    });
  });

  it('ranks the true cause first for at least 90% of incidents when no root cause is recorded', () => {
    const blind = history.incidents.map(({ rootCause: _ignored, ...incident }) => incident);

    const { causes } = attributeAll(blind, history.deployments, graph);
    const hits = blind.filter(
      (incident) => causes.get(incident.id) === history.truth.get(incident.id),
    ).length;

    console.info(`attribution: true cause ranked first for ${hits}/${blind.length} incidents`);
    expect(hits / blind.length).toBeGreaterThanOrEqual(0.9);
  });

  it('still ranks the true cause first for at least 90% of incidents amid 200 extra unrelated deployments', () => {
    const blind = history.incidents.map(({ rootCause: _ignored, ...incident }) => incident);
    // Deterministic noise: decoys spread over the same weeks, to random services, of random risk.
    let state = 7;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const decoys = Array.from({ length: 200 }, (_, i) => {
      const at = new Date(Date.parse(START) + next() * 56 * 24 * 3_600_000).toISOString();
      return {
        id: `decoy-${i}`,
        service: SERVICES[Math.floor(next() * SERVICES.length)]!.id,
        environment: 'prod',
        commits: [],
        aiAssisted: false,
        startedAt: at,
        finishedAt: at,
        status: 'succeeded' as const,
        risk: Math.round(next() * 80) / 100,
      };
    });

    const { causes } = attributeAll(blind, [...history.deployments, ...decoys], graph);
    const hits = blind.filter(
      (incident) => causes.get(incident.id) === history.truth.get(incident.id),
    ).length;

    console.info(`attribution with decoys: true cause ranked first for ${hits}/${blind.length} incidents`);
    expect(hits / blind.length).toBeGreaterThanOrEqual(0.9);
  });
});
