import type { ApprovalRequirement, Level, RequirementPart } from '../model.js';

/** The fields of a stored approval requirement its description reads (also as the API returns it). */
export type DescribedRequirement = Pick<
  ApprovalRequirement,
  'approvals' | 'notAuthor' | 'authors' | 'policies'
> & {
  minLevel?: Level | string;
  ownerOf?: readonly string[];
  parts?: readonly (Omit<RequirementPart, 'minLevel' | 'ownerOf'> & {
    minLevel?: Level | string;
    ownerOf?: readonly string[];
  })[];
};

function approvalsFrom(part: { approvals: number; minLevel?: string; ownerOf?: readonly string[] }): string {
  let text = `${part.approvals} approval${part.approvals === 1 ? '' : 's'}`;
  if (part.minLevel) text += ` from ${part.minLevel} or above`;
  const owned = part.ownerOf;
  if (owned !== undefined)
    text +=
      owned.length === 0
        ? ' by an owner of an impacted service'
        : ` by an owner of ${owned.length > 4 ? `${owned.slice(0, 3).join(', ')} or ${owned.length - 3} more services` : owned.join(', ')}`;
  return text;
}

/**
 * What an approval asks for, in one sentence. With the policies' own parts each policy says what it requires
 * ("critical-two-reviewers: 2 approvals; wide-blast-radius: 1 approval from senior or above by an owner of
 * payments"), so two policies folded together do not read as two senior owners; older approvals without parts
 * fall back to the folded (strictest) wording.
 */
export function describeApprovalRequirement(requirement: DescribedRequirement): string {
  const parts = requirement.parts ?? [];
  const sentence =
    parts.length > 1
      ? parts.map((part) => `${part.policy}: ${approvalsFrom(part)}`).join('; ')
      : approvalsFrom(parts[0] ?? requirement);
  if (requirement.notAuthor && requirement.authors.length > 0)
    return `${sentence}, not by ${requirement.authors.join(' or ')}`;
  return sentence;
}
