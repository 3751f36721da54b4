// A seeded delivery history whose true answers are fixed by construction, for the acceptance test.
import type { Service } from '../../src/core/model.js';
import type { Deployment, Incident, Review, Severity } from '../../src/core/delivery/types.js';

const HOUR = 3_600_000;
/** A Monday, so the eight weeks are eight whole ISO weeks. */
export const START = '2026-01-05T00:00:00.000Z';
export const END = '2026-03-02T00:00:00.000Z';

/** A small deterministic PRNG (mulberry32) so every run sees the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SERVICES: Service[] = [
  { id: 'payments', tier: 1, owner: 'payments', paths: ['services/payments/**'], dependsOn: [] },
  { id: 'checkout', tier: 1, owner: 'shop', paths: ['services/checkout/**'], dependsOn: ['payments'] },
  { id: 'catalog', tier: 2, owner: 'shop', paths: ['services/catalog/**'], dependsOn: [] },
  { id: 'search', tier: 2, owner: 'discovery', paths: ['services/search/**'], dependsOn: ['catalog'] },
  { id: 'profile', tier: 3, owner: 'identity', paths: ['services/profile/**'], dependsOn: [] },
  { id: 'docs', tier: 4, owner: 'docs', paths: ['docs/**'], dependsOn: [] },
];

/** Deployment indices that caused incidents: 8 AI-assisted (i % 5 === 0), 12 human (i % 5 === 3). */
export const AI_CAUSES = [10, 30, 50, 70, 90, 110, 130, 150];
export const HUMAN_CAUSES = [8, 23, 38, 53, 68, 83, 98, 113, 128, 143, 158, 173];
const AI_SEVERITIES: Severity[] = ['sev1', 'sev1', 'sev2', 'sev2', 'sev2', 'sev3', 'sev3', 'sev4'];
const HUMAN_SEVERITIES: Severity[] = [
  'sev1',
  'sev2',
  'sev2',
  'sev2',
  'sev3',
  'sev3',
  'sev3',
  'sev3',
  'sev4',
  'sev4',
  'sev4',
  'sev4',
];

/** The generated history and what each metric must come out as. */
export interface History {
  deployments: Deployment[];
  incidents: Incident[];
  reviews: Review[];
  /** Incident id → the deployment that truly caused it. */
  truth: Map<string, string>;
  /** Deployments per ISO week, counted while generating. */
  weekly: Map<number, number>;
  byTier: Map<string, number>;
}

function at(hours: number): string {
  return new Date(Date.parse(START) + hours * HOUR).toISOString();
}

/** Builds the history: 200 deployments, 20 incidents (8 caused by AI-assisted changes). */
export function generateHistory(seed = 42): History {
  const next = random(seed);
  const deployments: Deployment[] = [];
  const reviews: Review[] = [];
  const weekly = new Map<number, number>();
  const byTier = new Map<string, number>();
  let aiIndex = 0;
  let humanIndex = 0;
  const causes = new Set([...AI_CAUSES, ...HUMAN_CAUSES]);
  for (let i = 0; i < 200; i++) {
    const ai = i % 5 < 2;
    const service = SERVICES[Math.floor(next() * SERVICES.length)]!;
    const startHours = i * 6.72 + next();
    const finishHours = startHours + 1 / 3;
    // Lead times cycle so the medians are known: AI 6/12/18 h (median 12), human 24/36/48 h (median 36).
    const lead = ai ? [6, 12, 18][aiIndex++ % 3]! : [24, 36, 48][humanIndex++ % 3]!;
    const failed = i % 20 === 17 ? 'failed' : i % 25 === 1 ? 'rolled-back' : 'succeeded';
    const wait = ai ? 4 : 2;
    deployments.push({
      id: `dep-${String(i).padStart(3, '0')}`,
      service: service.id,
      environment: 'prod',
      commits: [`${i.toString(16).padStart(4, '0')}${'a'.repeat(36)}`],
      aiAssisted: ai,
      tools: ai ? [i % 5 === 0 ? 'claude-code' : 'copilot'] : [],
      startedAt: at(startHours),
      finishedAt: at(finishHours),
      status: failed,
      firstCommitAt: at(finishHours - lead),
      reviewWaitHours: wait,
      // True causes tend to be the riskier changes, as in life, but not always.
      risk: Math.round((causes.has(i) ? 0.4 + next() * 0.6 : next() * 0.8) * 100) / 100,
      rework: (!ai && i % 10 === 9) || (ai && i % 10 === 6),
    });
    reviews.push({
      reviewer: ai || i % 2 === 1 ? `senior-${i % 3}` : `mid-${i % 2}`,
      senior: ai || i % 2 === 1,
      requestedAt: at(finishHours - 0.25 - wait),
      givenAt: at(finishHours - 0.25),
    });
    const week = Math.floor(finishHours / 168);
    weekly.set(week, (weekly.get(week) ?? 0) + 1);
    byTier.set(`tier-${service.tier}`, (byTier.get(`tier-${service.tier}`) ?? 0) + 1);
  }
  const incidents: Incident[] = [];
  const truth = new Map<string, string>();
  const make = (index: number, severity: Severity, restoreHours: number, n: number): void => {
    const cause = deployments[index]!;
    const service = SERVICES.find((candidate) => candidate.id === cause.service)!;
    // Sometimes the pain shows up in a dependent service rather than the one deployed.
    const dependents = SERVICES.filter((candidate) => candidate.dependsOn.includes(service.id));
    const impacted = dependents.length > 0 && next() < 0.5 ? dependents[0]!.id : service.id;
    const startHours = (Date.parse(cause.finishedAt!) - Date.parse(START)) / HOUR + 0.5 + next() * 1.5;
    const id = `inc-${String(n).padStart(2, '0')}`;
    incidents.push({
      id,
      severity,
      services: [impacted],
      startedAt: at(startHours),
      resolvedAt: at(startHours + restoreHours),
      rootCause: { deployment: cause.id },
    });
    truth.set(id, cause.id);
  };
  // Restore hours: AI 1…8 (median 4.5), human 2…13 (median 7.5).
  AI_CAUSES.forEach((index, k) => make(index, AI_SEVERITIES[k]!, k + 1, k));
  HUMAN_CAUSES.forEach((index, k) => make(index, HUMAN_SEVERITIES[k]!, k + 2, 8 + k));
  return { deployments, incidents, reviews, truth, weekly, byTier };
}
