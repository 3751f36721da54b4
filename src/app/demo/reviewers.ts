import type { ApprovalRequirement, Person, Service } from '../../core/model.js';
import { checkEligibility } from '../../core/policy/eligibility.js';
import type { Dice } from './dice.js';

/**
 * Picks who signs off in the example history the way a team would: people the server would accept
 * (the same eligibility check), the owning team's first, then whoever has reviewed least so far.
 */
export function createReviewerPicker(people: readonly Person[], services: readonly Service[], roll: Dice) {
  const load = new Map<string, number>();
  return function pick(
    requirement: ApprovalRequirement,
    options: { team?: string; exclude?: readonly string[]; count?: number },
  ): string[] {
    const eligible = people.filter(
      (person) =>
        !(options.exclude ?? []).includes(person.id) && checkEligibility(person, requirement, services).ok,
    );
    const ranked = eligible
      .map((person) => ({
        person,
        rank:
          (options.team !== undefined && person.teams.includes(options.team) ? 0 : 10) +
          (load.get(person.id) ?? 0) * 0.5 +
          roll.next() * 4,
      }))
      .sort((a, b) => a.rank - b.rank);
    const chosen = ranked.slice(0, options.count ?? requirement.approvals).map((entry) => entry.person.id);
    for (const id of chosen) load.set(id, (load.get(id) ?? 0) + 1);
    return chosen;
  };
}
