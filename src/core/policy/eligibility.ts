import {
  levelRank,
  type ApprovalRequirement,
  type Level,
  type Person,
  type Requirement,
  type RequirementPart,
  type Satisfier,
  type Service,
} from '../model.js';

/**
 * The one rule of who may approve. Core's requirement resolution, reviewer suggestions, the approvals
 * API, the dashboard and the demo all ask here, so they cannot disagree.
 */

/** What a rule needs to know about a person's candidacy: the satisfier and who wrote or asked for the subject. */
export interface EligibilityRule {
  minLevel?: Level;
  notAuthor: boolean;
  /** Absent: any team qualifies. Present but empty: no one does (fail closed: nothing owned, no owner). */
  ownerOf?: readonly string[];
  notRequester?: boolean;
  authors: readonly string[];
  requester?: string;
}

/** Services by id, or a plain list (the lookup is built once per call site, not per person). */
export type ServiceLookup = ReadonlyMap<string, Service> | readonly Service[];

/** Whether a person may sign off, and if not, why (in plain words). */
export type Eligibility = { ok: true } | { ok: false; reason: string };

/** Why a person cannot satisfy a rule, or undefined when they can. */
export function ineligibility(
  person: Person,
  rule: EligibilityRule,
  services: ServiceLookup,
): string | undefined {
  if (rule.notAuthor && rule.authors.includes(person.id)) return `${person.id} is an author of this change`;
  if (rule.notRequester && rule.requester === person.id)
    return `${person.id} asked for this action; another person must approve it (two-person rule)`;
  if (rule.minLevel && levelRank(person.level) < levelRank(rule.minLevel))
    return `${person.id} is ${person.level}; this needs ${rule.minLevel} or above`;
  if (rule.ownerOf) {
    const owners = ownerTeams(rule.ownerOf, services);
    if (!person.teams.some((team) => owners.has(team)))
      return `${person.id} is not in a team owning ${rule.ownerOf.join(', ') || 'an impacted service'}`;
  }
  return undefined;
}

/** `ineligibility` as a value: `{ ok: true }` or the reason. */
export function checkEligibility(
  person: Person,
  requirement: EligibilityRule,
  services: ServiceLookup,
): Eligibility {
  const reason = ineligibility(person, requirement, services);
  return reason === undefined ? { ok: true } : { ok: false, reason };
}

/** The rule of one satisfier for one subject. */
export function ruleOf(
  satisfier: Satisfier,
  subject: { authors: readonly string[]; requester?: string },
): EligibilityRule {
  return {
    notAuthor: satisfier.notAuthor,
    authors: subject.authors,
    ...(satisfier.minLevel !== undefined && { minLevel: satisfier.minLevel }),
    ...(satisfier.ownerOf !== undefined && { ownerOf: satisfier.ownerOf }),
    ...(satisfier.notRequester && { notRequester: true }),
    ...(subject.requester !== undefined && { requester: subject.requester }),
  };
}

/**
 * Folds the unmet approval requirements of a change or an action into the one approval that is stored:
 * the strictest of each part. An unmet satisfier that names owners keeps the owner rule even when the
 * list it resolved to is empty (then no one qualifies and the subject stays held, rather than anyone).
 */
export function foldRequirements(
  requirements: readonly Requirement[],
  subject: { authors: readonly string[]; requester?: string },
): ApprovalRequirement {
  const unmet = requirements.filter((r) => r.kind === 'approval' && !r.satisfied);
  let approvals = 1;
  let minLevel: Level | undefined;
  let notAuthor = false;
  let notRequester = false;
  let ownerOf: Set<string> | undefined;
  const parts: RequirementPart[] = [];
  for (const requirement of unmet) {
    const satisfier = requirement.satisfier;
    if (!satisfier) continue;
    parts.push({
      policy: requirement.policy,
      approvals: satisfier.approvals,
      ...(satisfier.minLevel !== undefined && { minLevel: satisfier.minLevel }),
      ...(satisfier.ownerOf !== undefined && { ownerOf: [...satisfier.ownerOf] }),
    });
    approvals = Math.max(approvals, satisfier.approvals);
    if (satisfier.minLevel !== undefined && levelRank(satisfier.minLevel) > levelRank(minLevel))
      minLevel = satisfier.minLevel;
    notAuthor ||= satisfier.notAuthor;
    notRequester ||= satisfier.notRequester === true;
    if (satisfier.ownerOf !== undefined) {
      ownerOf ??= new Set();
      for (const service of satisfier.ownerOf) ownerOf.add(service);
    }
  }
  return {
    approvals,
    ...(minLevel !== undefined && { minLevel }),
    notAuthor,
    ...(ownerOf !== undefined && { ownerOf: [...ownerOf] }),
    authors: [...subject.authors],
    ...(subject.requester !== undefined && { requester: subject.requester }),
    ...(notRequester && { notRequester }),
    policies: unmet.map((r) => r.policy),
    parts,
  };
}

/** The part of a stored approval the open-review rules read. */
export interface OpenApproval {
  status: string;
  expiresAt?: string;
  approvedBy: readonly string[];
  requirement: ApprovalRequirement;
}

/** Whether an approval still waits for someone: pending and not past its expiry. */
export function isOpen(approval: OpenApproval, now: Date): boolean {
  return (
    approval.status === 'pending' &&
    (approval.expiresAt === undefined || Date.parse(approval.expiresAt) > now.getTime())
  );
}

/** Everyone who may sign off an approval now: eligible, and not signed it already. */
export function eligibleApprovers(
  approval: OpenApproval,
  people: readonly Person[],
  services: ServiceLookup,
): Person[] {
  return people.filter(
    (person) =>
      !approval.approvedBy.includes(person.id) &&
      ineligibility(person, approval.requirement, services) === undefined,
  );
}

/**
 * Open review load: for each person, how many of the still-open approvals they could sign off now.
 * `approvers` answers who may sign one (callers that ask often pass a cached `eligibleApprovers`).
 */
export function openReviewLoad<A extends OpenApproval>(
  approvals: readonly A[],
  now: Date,
  approvers: (approval: A) => readonly Person[],
): Map<string, number> {
  const load = new Map<string, number>();
  for (const approval of approvals) {
    if (!isOpen(approval, now)) continue;
    for (const person of approvers(approval)) load.set(person.id, (load.get(person.id) ?? 0) + 1);
  }
  return load;
}

function ownerTeams(ids: readonly string[], services: ServiceLookup): Set<string> {
  const owners = new Set<string>();
  for (const id of ids) {
    const owner = isMap(services) ? services.get(id)?.owner : services.find((s) => s.id === id)?.owner;
    if (owner) owners.add(owner);
  }
  return owners;
}

function isMap(services: ServiceLookup): services is ReadonlyMap<string, Service> {
  return services instanceof Map;
}
