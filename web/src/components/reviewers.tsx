import type { ReactNode } from 'react';
import type { EligibleReviewer, RequirementSummary } from '../contract.js';
import { personLabel, plural } from '../format.js';

/** What an approval asks for, in one sentence (the server words it: each policy's own part when several folded). */
export function describeRequirement(requirement: RequirementSummary): string {
  return requirement.description;
}

/** Who could sign off, least assigned first, with the reviews assigned to each and given lately. */
export function ReviewerList({
  reviewers,
  limit = 5,
}: {
  reviewers: EligibleReviewer[];
  limit?: number;
}): ReactNode {
  if (reviewers.length === 0) {
    return <p className="notice notice-warn">Nobody configured is eligible to sign this off.</p>;
  }
  const shown = reviewers.slice(0, limit);
  const most = Math.max(1, ...reviewers.map((reviewer) => reviewer.assigned ?? 0));
  return (
    <ul className="reviewers">
      {shown.map((reviewer) => (
        <li key={reviewer.personId}>
          <span className="reviewer-name">
            {personLabel(reviewer)} <span className="muted">{reviewer.level}</span>
          </span>
          <span className="load" aria-hidden="true">
            <span style={{ width: `${((reviewer.assigned ?? 0) / most) * 100}%` }} />
          </span>
          <span className="reviewer-load">
            {reviewer.assigned ?? 0} assigned · {plural(reviewer.reviewsLast30Days, 'review')} in 30 days
          </span>
        </li>
      ))}
      {reviewers.length > shown.length ? (
        <li className="muted">and {reviewers.length - shown.length} more eligible</li>
      ) : null}
    </ul>
  );
}
