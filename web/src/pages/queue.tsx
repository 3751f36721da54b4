import type { ReactNode } from 'react';
import { AiBadge, RiskMeter, TierBadge } from '../components/badges.js';
import { Page } from '../components/page.js';
import { describeRequirement, ReviewerList } from '../components/reviewers.js';
import { Empty, LoadStatus } from '../components/status.js';
import type { QueueResponse } from '../contract.js';
import { changeTitle, formatAgo, formatDateTime, plural } from '../format.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';

/** Changes waiting for sign-off, riskiest first, with who could approve each and how loaded they are. */
export function QueuePage(): ReactNode {
  const queue = useApi<QueueResponse>('/v1/dashboard/queue');
  const items = queue.data?.items ?? [];
  return (
    <Page
      name="queue"
      title="Review queue"
      lead="Changes waiting for a sign-off, riskiest first. Open one to see why it waits and to decide."
      ready={queue.settled}
    >
      <LoadStatus loaded={queue} what="the review queue" />
      {queue.data && items.length === 0 ? <Empty>Nothing is waiting for review.</Empty> : null}
      {items.length > 0 ? (
        <p className="muted" aria-live="polite">
          {plural(items.length, 'change')} waiting; {items.filter((i) => i.approval.canApprove).length} you
          can approve.
        </p>
      ) : null}
      <ol className="cards">
        {items.map((item) => (
          <li key={item.approval.id} className="card">
            <div className="card-head">
              <h2 className="card-title">
                <a href={href({ page: 'change', changeId: item.changeId })}>{changeTitle(item)}</a>
              </h2>
              <span className="muted">
                {item.repoName}
                {item.pr !== undefined ? ` #${item.pr}` : ''}
              </span>
            </div>
            <dl className="facts">
              <div>
                <dt>Risk</dt>
                <dd>
                  <RiskMeter risk={item.risk} />
                </dd>
              </div>
              <div>
                <dt>Reaches</dt>
                <dd>
                  <TierBadge tier={item.mostCriticalTier} /> {item.services.slice(0, 4).join(', ')}
                  {item.services.length > 4 ? ` +${item.services.length - 4}` : ''}
                </dd>
              </div>
              <div>
                <dt>Author</dt>
                <dd>
                  {item.author.name} <span className="muted">{item.author.level}</span>{' '}
                  <AiBadge aiAssisted={item.aiAssisted} tools={item.tools} />
                </dd>
              </div>
              <div>
                <dt>Waiting</dt>
                <dd>
                  <time dateTime={item.waitingSince} title={formatDateTime(item.waitingSince)}>
                    {formatAgo(item.waitingSince)}
                  </time>
                </dd>
              </div>
              <div>
                <dt>Needs</dt>
                <dd>
                  {describeRequirement(item.approval.requirement)}
                  {item.approval.approvedBy.length > 0
                    ? ` (signed: ${item.approval.approvedBy.join(', ')})`
                    : ''}
                </dd>
              </div>
            </dl>
            <div className="card-split">
              <div>
                <h3 className="small-heading">Who can approve</h3>
                <ReviewerList reviewers={item.eligible} limit={4} />
              </div>
              <div className="card-cta">
                {item.approval.canApprove ? (
                  <a className="button" href={href({ page: 'change', changeId: item.changeId })}>
                    Review and decide
                  </a>
                ) : (
                  <p className="hint">
                    You cannot approve this: {item.approval.whyNot ?? 'not eligible'}.{' '}
                    <a href={href({ page: 'change', changeId: item.changeId })}>Open the change</a>
                  </p>
                )}
              </div>
            </div>
          </li>
        ))}
      </ol>
    </Page>
  );
}
