import type { CheckReport } from './decide-change.js';
import type { ReviewersSection } from '../reviewers/index.js';

/** The report fields a change decision keeps; naming one the report no longer has fails to compile. */
type KeptReportFields =
  | 'commits'
  | 'files'
  | 'linesAdded'
  | 'linesDeleted'
  | 'author'
  | 'authors'
  | 'provenance'
  | 'blastRadius'
  | 'risk'
  | 'requirements'
  | 'notes';

/** What the recorder of a decision adds to the report. */
export interface ChangeDetailExtra {
  /** What to call the change in the dashboard (a pull request's title, a commit subject). */
  title?: string;
  /** Where the decision came from when not the API (`github`: a pull request webhook). */
  source?: 'github';
  /** The webhook delivery that caused it. */
  delivery?: string;
  /** The check run's conclusion, as published. */
  conclusion?: string;
  /** The people whose reviews were counted as sign-offs. */
  approvals?: string[];
  /** The approval whose sign-offs this decision counted (a change checked again once approved). */
  approvalId?: string;
  /** Who the check proposed for the missing sign-offs: the dashboard counts it as their assigned load. */
  assignedReviewers?: string[];
}

/**
 * The detail stored with a change decision: the check report as the dashboard reads it back. Written by
 * `changeDetail`, read by the dashboard; every field is optional because older records may lack any.
 */
export type StoredChangeDetail = Partial<Pick<CheckReport, KeptReportFields>> & ChangeDetailExtra;

/** The whole report as a decision's detail: everything the dashboard shows rests on it. */
export function changeDetail(report: CheckReport, extra: ChangeDetailExtra = {}): StoredChangeDetail {
  return {
    ...extra,
    commits: report.commits,
    files: report.files,
    linesAdded: report.linesAdded,
    linesDeleted: report.linesDeleted,
    author: report.author,
    authors: report.authors,
    provenance: report.provenance,
    blastRadius: report.blastRadius,
    ...(report.risk !== undefined && { risk: report.risk }),
    requirements: report.requirements,
    notes: report.notes,
    ...(hasReviewers(report) && {
      assignedReviewers: report.reviewers.assignment.reviewers.map((reviewer) => reviewer.personId),
    }),
  };
}

function hasReviewers(report: CheckReport): report is CheckReport & { reviewers: ReviewersSection } {
  return 'reviewers' in report && report.reviewers !== undefined;
}
