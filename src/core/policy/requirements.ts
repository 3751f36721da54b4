import {
  type Approval,
  type BlastRadius,
  type Outcome,
  type Person,
  type Requirement,
  type Satisfier,
  type Service,
} from '../model.js';
import type { PolicyMeta } from './engine.js';
import { ineligibility, ruleOf } from './eligibility.js';

/** Who wrote the change (or asked for the action), for the not-the-author and two-person rules. */
export interface RequirementSubject {
  authors: string[];
  /** The person an agent acts for. */
  requester?: string;
  blastRadius: BlastRadius;
}

/** Turns matched policies and the approvals given into requirements, each met or not, and the outcome. */
export function resolveRequirements(
  matched: PolicyMeta[],
  approvals: Approval[],
  people: ReadonlyMap<string, Person>,
  services: ReadonlyMap<string, Service>,
  subject: RequirementSubject,
): { outcome: Outcome; requirements: Requirement[] } {
  const requirements: Requirement[] = [];
  for (const policy of matched) {
    if (!policy.satisfier) {
      requirements.push({
        policy: policy.id,
        reason: policy.reason,
        kind: 'deny',
        satisfied: false,
        approvedBy: [],
        missing: 'cannot be satisfied by approvals',
      });
      continue;
    }
    const satisfier = resolveSatisfier(policy.satisfier, subject.blastRadius);
    const rule = ruleOf(satisfier, subject);
    const approvedBy: string[] = [];
    for (const approval of approvals) {
      const person = people.get(approval.personId);
      if (person && !approvedBy.includes(person.id) && ineligibility(person, rule, services) === undefined) {
        approvedBy.push(person.id);
      }
    }
    const satisfied = approvedBy.length >= satisfier.approvals;
    const requirement: Requirement = {
      policy: policy.id,
      reason: policy.reason,
      kind: 'approval',
      satisfied,
      satisfier,
      approvedBy,
    };
    if (!satisfied) requirement.missing = describeMissing(satisfier, satisfier.approvals - approvedBy.length);
    requirements.push(requirement);
  }
  return { outcome: outcomeOf(requirements), requirements };
}

/** The outcome of a list of requirements: any denial denies, any unmet approval waits. */
export function outcomeOf(requirements: Requirement[]): Outcome {
  if (requirements.some((r) => r.kind === 'deny')) return 'deny';
  if (requirements.some((r) => !r.satisfied)) return 'needs-approval';
  return 'allow';
}

function resolveSatisfier(satisfier: Satisfier, blastRadius: BlastRadius): Satisfier {
  if (!satisfier.ownerScope) return satisfier;
  const scoped = blastRadius.services.filter((s) => satisfier.ownerScope === 'impacted' || s.direct);
  return { ...satisfier, ownerOf: scoped.map((s) => s.id) };
}

function describeMissing(satisfier: Satisfier, count: number): string {
  const who: string[] = [];
  if (satisfier.minLevel) who.push(`${satisfier.minLevel}-or-above`);
  let text = `${count} more approval${count === 1 ? '' : 's'}`;
  text += who.length > 0 ? ` from a ${who.join(' ')} person` : ' from a person';
  if (satisfier.notAuthor) text += ' who is not an author';
  if (satisfier.notRequester) text += ' other than the person the agent acts for';
  if (satisfier.ownerOf)
    text +=
      satisfier.ownerOf.length > 0
        ? `, owning one of: ${satisfier.ownerOf.join(', ')}`
        : ', owning an impacted service';
  return text;
}
