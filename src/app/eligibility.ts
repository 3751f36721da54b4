import { levelRank, type Person, type Service } from '../core/model.js';
import type { ApprovalRequirement, ApprovalRow } from '../adapters/storage/types.js';

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

/** Whether an approval still waits for someone: pending and not past its expiry. */
export function isOpen(approval: ApprovalRow, now: Date): boolean {
  return (
    approval.status === 'pending' &&
    (approval.expiresAt === undefined || Date.parse(approval.expiresAt) > now.getTime())
  );
}

/** Everyone who may sign off an approval now: eligible, and not signed it already. */
export function eligibleApprovers(
  approval: ApprovalRow,
  people: readonly Person[],
  services: readonly Service[],
): Person[] {
  return people.filter(
    (person) =>
      !approval.approvedBy.includes(person.id) && checkEligibility(person, approval.requirement, services).ok,
  );
}

/**
 * Open review load: for each person, how many of the still-open approvals they could sign off now.
 * `approvers` answers who may sign one (callers that ask often pass a cached `eligibleApprovers`).
 */
export function openReviewLoad(
  approvals: readonly ApprovalRow[],
  now: Date,
  approvers: (approval: ApprovalRow) => readonly Person[],
): Map<string, number> {
  const load = new Map<string, number>();
  for (const approval of approvals) {
    if (!isOpen(approval, now)) continue;
    for (const person of approvers(approval)) load.set(person.id, (load.get(person.id) ?? 0) + 1);
  }
  return load;
}
