import type { CheckReport } from '../../../core/change/decide-change.js';
import type { GithubClient, PullRequestRef } from '../../../adapters/github/types.js';
import { checkRunOutput, COMMENT_MARKER, commentBody, conclusionFor } from './check-run-output.js';

/** The name of blastwall's check run; branch protection requires it by this name. */
export const CHECK_RUN_NAME = 'blastwall';

/** What publishing a report did on GitHub. */
export interface Published {
  checkRunId: number;
  commentId: number;
  comment: 'created' | 'updated' | 'unchanged';
}

/** Publishes a report as a completed check run on the head commit and keeps the one PR comment up to date. */
export async function publishReport(
  github: GithubClient,
  ref: PullRequestRef,
  report: CheckReport,
  detailsUrl?: string,
): Promise<Published> {
  const output = checkRunOutput(report);
  const checkRun = await github.createCheckRun(ref, {
    name: CHECK_RUN_NAME,
    headSha: report.range.head,
    conclusion: conclusionFor(report.decision),
    title: output.title,
    summary: output.summary,
    externalId: `${ref.owner}/${ref.repo}#${ref.number}`,
    ...(detailsUrl ? { detailsUrl } : {}),
  });
  const body = commentBody(report);
  const comments = await github.listIssueComments(ref);
  const existing = comments.find((c) => c.body.includes(COMMENT_MARKER));
  if (existing) {
    // A redelivery or a label change often yields the same text; skip the edit and its notification.
    if (existing.body === body)
      return { checkRunId: checkRun.id, commentId: existing.id, comment: 'unchanged' };
    await github.updateIssueComment(ref, existing.id, body);
    return { checkRunId: checkRun.id, commentId: existing.id, comment: 'updated' };
  }
  const created = await github.createIssueComment(ref, body);
  return { checkRunId: checkRun.id, commentId: created.id, comment: 'created' };
}
