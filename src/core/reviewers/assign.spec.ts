import { describe, expect, it } from 'vitest';
import { levelRank, type Approval } from '../model.js';
import type { PolicyMeta } from '../policy/engine.js';
import { resolveRequirements } from '../policy/requirements.js';
import { assign, loadSpread, type AssignResult } from './assign.js';
import { simulateMonth, type SimulatedMonth } from '../../test-support/simulated-month.js';

const month = simulateMonth(7);
const services = new Map(month.services.map((s) => [s.id, s]));
const seniors = month.people.filter((p) => levelRank(p.level) >= levelRank('senior')).map((p) => p.id);
const balanced = assign(month.changes, month.people, services);
const naive = assign(month.changes, month.people, services, { strategy: 'top-expert' });

/** Re-decides every change with the assigned reviewers as approvals, through the same code `check` uses. */
function unmetAfterReview(sim: SimulatedMonth, result: AssignResult): string[] {
  const people = new Map(sim.people.map((p) => [p.id, p]));
  const unmet: string[] = [];
  sim.changes.forEach((change, index) => {
    const reviewers = result.assignments[index]?.reviewers ?? [];
    const approvals: Approval[] = reviewers.map((r) => ({ personId: r.personId }));
    const matched: PolicyMeta[] = change.report.requirements.map((r) => {
      // The owner scope was resolved to service ids (ownerOf) when the change was made; keep those.
      const { ownerScope: _resolved, ...satisfier } = r.satisfier ?? { approvals: 0, notAuthor: true };
      return { id: r.policy, effect: 'forbid', reason: r.reason, file: 'sim', satisfier };
    });
    const { requirements } = resolveRequirements(matched, approvals, people, services, {
      authors: change.report.authors.map((a) => a.id),
      blastRadius: {
        services: [],
        mostCriticalTier: 5,
        dependentMostCriticalTier: 5,
        unownedFiles: 0,
        codeowners: [],
        score: 0,
      },
    });
    for (const r of requirements) if (!r.satisfied) unmet.push(`${change.id} ${r.policy}`);
  });
  return unmet;
}

describe('a simulated month of review routing (400 changes, 40 people, 10 seniors)', () => {
  it('is a realistic mix: most changes need review, many need a senior, some need an owner', () => {
    const policies = month.changes.flatMap((c) => c.report.requirements.map((r) => r.policy));
    const count = (id: string) => policies.filter((p) => p === id).length;

    expect(month.changes).toHaveLength(400);
    expect(month.people).toHaveLength(40);
    expect(seniors).toHaveLength(10);
    expect(count('ai-change-senior-signoff')).toBeGreaterThan(100);
    expect(count('critical-two-reviewers')).toBeGreaterThan(80);
    expect(count('wide-blast-radius')).toBeGreaterThan(80);
  });

  it('meets every requirement of every change with the assigned reviewers', () => {
    expect(balanced.assignments.filter((a) => !a.complete)).toEqual([]);
    expect(unmetAfterReview(month, balanced)).toEqual([]);
  });

  it('keeps the busiest senior within 1.3× the mean senior load', () => {
    const spread = loadSpread(balanced.load, seniors);

    expect(spread.mean).toBeGreaterThan(10);
    expect(spread.max).toBeLessThanOrEqual(1.3 * spread.mean);
  });

  it('discriminates: always asking the top expert meets the requirements but overloads the experts', () => {
    const spread = loadSpread(naive.load, seniors);

    expect(unmetAfterReview(month, naive)).toEqual([]);
    expect(spread.max).toBeGreaterThan(1.3 * spread.mean);
  });

  it('needs the ceiling: ranking by open reviews alone still overloads the experts', () => {
    const scoreOnly = assign(month.changes, month.people, services, { maxLoadRatio: Infinity });

    const spread = loadSpread(scoreOnly.load, seniors);
    expect(spread.max).toBeGreaterThan(1.3 * spread.mean);
  });

  it.each([1, 42, 99])('holds for seed %i as well', (seed) => {
    const other = simulateMonth(seed);
    const result = assign(other.changes, other.people, new Map(other.services.map((s) => [s.id, s])));

    const spread = loadSpread(result.load, seniors);
    expect(unmetAfterReview(other, result)).toEqual([]);
    expect(spread.max).toBeLessThanOrEqual(1.3 * spread.mean);
  });

  it('is deterministic for a seed', () => {
    const again = assign(simulateMonth(7).changes, month.people, services);

    expect([...again.load]).toEqual([...balanced.load]);
  });
});
