import { describe, expect, it } from 'vitest';
import { planAgentActions } from './agent-actions.js';
import { DEMO_PEOPLE, DEMO_SERVICES, DEMO_TEAMS, demoConfigYaml } from './organisation.js';
import { planPullRequests } from './pull-requests.js';
import { OPEN_INCIDENTS, planDeliveries } from './deliveries.js';
import { LEVELS } from '../../core/model.js';
import { parse } from 'yaml';
import { configFileSchema } from '../../adapters/config/schema.js';
import { DEMO_SIZES } from './seed.js';

const END = new Date('2026-11-20T17:00:00Z');
const FULL = DEMO_SIZES.full.prs;

describe('the example organisation', () => {
  it('has about forty people at every level in eight teams, and sixty tiered services', () => {
    expect(DEMO_PEOPLE.length).toBeGreaterThanOrEqual(38);
    expect(DEMO_PEOPLE.length).toBeLessThanOrEqual(44);
    expect(new Set(DEMO_PEOPLE.map((p) => p.level))).toEqual(new Set(LEVELS));
    expect(DEMO_TEAMS).toHaveLength(8);
    expect(DEMO_SERVICES.length).toBeGreaterThanOrEqual(55);
    expect(new Set(DEMO_SERVICES.map((s) => s.tier))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('has hubs that many services depend on, and no dependency on an unknown service', () => {
    const ids = new Set(DEMO_SERVICES.map((s) => s.id));
    const dependents = (id: string) => DEMO_SERVICES.filter((s) => s.dependsOn.includes(id)).length;
    expect(DEMO_SERVICES.flatMap((s) => s.dependsOn).filter((d) => !ids.has(d))).toEqual([]);
    for (const hub of ['auth', 'ledger', 'payments', 'message-bus'])
      expect(dependents(hub)).toBeGreaterThanOrEqual(4);
  });

  it('writes a blastwall.yaml the config schema accepts', () => {
    const parsed = configFileSchema().safeParse(parse(demoConfigYaml()));

    expect(parsed.success).toBe(true);
    expect(Object.keys(parsed.data?.environments ?? {})).toEqual(['prod', 'staging', 'dev']);
  });
});

describe('the planned history', () => {
  it('is the same for the same present, and a few hundred commits over six months', () => {
    const first = planPullRequests(FULL, END);
    const again = planPullRequests(FULL, END);
    const commits = first.reduce((sum, pr) => sum + pr.commits.length, 0);
    const spanDays = (END.getTime() - first[0]!.openedAt.getTime()) / 86_400_000;

    expect(JSON.stringify(again)).toBe(JSON.stringify(first));
    expect(commits).toBeGreaterThanOrEqual(300);
    expect(commits).toBeLessThanOrEqual(700);
    expect(spanDays).toBeGreaterThan(170);
    expect(first.filter((pr) => pr.fate === 'waiting')).toHaveLength(FULL.waiting);
    expect(first.filter((pr) => pr.fate === 'denied')).toHaveLength(FULL.denied);
  });

  it('has a rising share of AI-assisted pull requests, by several tools', () => {
    const prs = planPullRequests(FULL, END);
    const byMonth = new Map<string, { all: number; ai: number }>();
    for (const pr of prs) {
      const month = pr.openedAt.toISOString().slice(0, 7);
      const entry = byMonth.get(month) ?? { all: 0, ai: 0 };
      entry.all++;
      if (pr.tool) entry.ai++;
      byMonth.set(month, entry);
    }
    const shares = [...byMonth.values()].filter((m) => m.all >= 8).map((m) => m.ai / m.all);

    expect(shares.length).toBeGreaterThanOrEqual(5);
    expect(shares.at(-1)! - shares[0]!).toBeGreaterThan(0.3);
    expect(new Set(prs.map((pr) => pr.tool).filter(Boolean))).toEqual(
      new Set(['claude', 'copilot', 'cursor', 'codex', 'gemini']),
    );
  });

  it('leaves the pending held actions within the hour an approval lasts', () => {
    const { sessionsFirstWeek, sessionsLastWeek, pending: count } = DEMO_SIZES.full;
    const actions = planAgentActions(
      { weeks: FULL.weeks, sessionsFirstWeek, sessionsLastWeek, pending: count },
      END,
    );
    const pending = actions.filter((a) => a.held?.fate === 'pending');

    expect(pending).toHaveLength(count);
    for (const action of pending) expect(END.getTime() - action.at.getTime()).toBeLessThan(20 * 60_000);
    expect(actions.every((a) => a.at.getTime() < END.getTime())).toBe(true);
  });

  it('deploys merged changes, AI-assisted ones failing more often, with incidents of every severity', () => {
    const prs = planPullRequests(FULL, END);
    const shas = new Map(
      prs.map((pr) => [pr.number, { base: 'a'.repeat(40), head: 'b'.repeat(40), merge: 'c'.repeat(40) }]),
    );
    const { deployments, incidents } = planDeliveries(prs, shas, END, prs[0]!.openedAt.getTime());
    const rate = (ai: boolean) => {
      const group = deployments.filter((d) => d.aiAssisted === ai);
      return group.filter((d) => d.status !== 'succeeded').length / group.length;
    };

    expect(deployments.length).toBeGreaterThan(100);
    expect(rate(true)).toBeGreaterThan(rate(false));
    expect(new Set(incidents.map((i) => i.severity))).toEqual(new Set(['sev1', 'sev2', 'sev3', 'sev4']));
    expect(incidents.some((i) => i.via === 'pagerduty')).toBe(true);
    expect(incidents.filter((i) => i.verdict !== undefined).length).toBeGreaterThanOrEqual(3);
  });

  it('leaves incidents for a person to judge at any present, each with its cause among the suspects', () => {
    // The dashboard's judge-a-suspect flow needs work to show whatever hour the demo starts.
    for (const [size, step] of [
      ['small', 5],
      ['full', 29],
    ] as const) {
      const sizes = DEMO_SIZES[size].prs;
      for (let hour = 0; hour < 24 * 21; hour += step) {
        const end = new Date(END.getTime() + hour * 3_600_000);
        const prs = planPullRequests(sizes, end);
        const shas = new Map(
          prs.map((pr) => [pr.number, { base: 'a'.repeat(40), head: 'b'.repeat(40), merge: 'c'.repeat(40) }]),
        );
        const { deployments, incidents } = planDeliveries(prs, shas, end, prs[0]!.openedAt.getTime());
        const open = incidents.filter((i) => i.cause && !i.rootCause && !i.verdict);

        expect(open.length, `${size} demo at ${end.toISOString()}`).toBeGreaterThanOrEqual(OPEN_INCIDENTS);
        for (const incident of open) {
          const cause = deployments.find((d) => d.id === incident.cause)!;
          const gap = Date.parse(incident.startedAt) - Date.parse(cause.finishedAt);
          expect(gap).toBeGreaterThan(0);
          expect(gap).toBeLessThan(24 * 3_600_000);
          expect(Date.parse(incident.startedAt)).toBeLessThan(end.getTime());
        }
      }
    }
  });
});
