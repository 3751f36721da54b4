import { levelRank, type Person, type Service } from '../../core/model.js';
import type { ApprovalRequirement } from '../../adapters/storage/types.js';

/** Whether a person may sign off an approval, and if not, why (in plain words). */
export type Eligibility = { ok: true } | { ok: false; reason: string };

/**
 * Checks a person against what an approval requires: the minimum level, not being one of its
 * authors, and owning one of the named services (through a team that owns it) when required.
 */
export function checkEligibility(
  person: Person,
  requirement: ApprovalRequirement,
  services: readonly Service[],
): Eligibility {
  if (requirement.notAuthor && requirement.authors.includes(person.id)) {
    return { ok: false, reason: `${person.id} is an author of this change and cannot approve it` };
  }
  if (requirement.minLevel !== undefined && levelRank(person.level) < levelRank(requirement.minLevel)) {
    return {
      ok: false,
      reason: `${person.id} is ${person.level}; this approval needs ${requirement.minLevel} or above`,
    };
  }
  const owned = requirement.ownerOf ?? [];
  if (owned.length > 0) {
    const owners = new Set(
      services
        .filter((service) => owned.includes(service.id))
        .map((service) => service.owner)
        .filter((owner) => owner !== undefined),
    );
    if (!person.teams.some((team) => owners.has(team))) {
      return { ok: false, reason: `${person.id} does not own any of ${owned.join(', ')}` };
    }
  }
  return { ok: true };
}
