import { useId, useState, type ReactNode } from 'react';
import { AiBadge, DecisionBadge, RiskMeter, TierBadge } from '../components/badges.js';
import { Page } from '../components/page.js';
import { ResponsiveTable } from '../components/responsive-table.js';
import { Empty, LoadStatus } from '../components/status.js';
import type { ChangesResponse, Outcome } from '../contract.js';
import { changeTitle, formatAgo, formatDateTime, plural } from '../format.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';

const PAGE = 50;

/** Recently decided changes; each opens its full decision. */
export function ChangesPage(): ReactNode {
  const id = useId();
  const [limit, setLimit] = useState(PAGE);
  const changes = useApi<ChangesResponse>(`/v1/dashboard/changes?limit=${limit}`);
  const [filter, setFilter] = useState<Outcome | 'all'>('all');
  const items = (changes.data?.items ?? []).filter((item) => filter === 'all' || item.decision === filter);
  return (
    <Page
      name="changes"
      title="Changes"
      lead="The latest decision on each recently checked change."
      ready={changes.settled}
      actions={
        <div className="field-inline">
          <label htmlFor={`${id}-decision`}>Decision</label>
          <select
            id={`${id}-decision`}
            value={filter}
            onChange={(event) => setFilter(event.target.value as Outcome | 'all')}
          >
            <option value="all">All</option>
            <option value="needs-approval">Needs approval</option>
            <option value="deny">Denied</option>
            <option value="allow">Allowed</option>
          </select>
        </div>
      }
    >
      <LoadStatus loaded={changes} what="changes" />
      {changes.data && items.length === 0 ? <Empty>No changes match.</Empty> : null}
      {items.length > 0 ? (
        <ResponsiveTable
          caption="Recently decided changes"
          columns={['Change', 'Decision', 'Author', 'Reaches', 'Risk', 'Decided']}
          rows={items.map((item) => ({
            key: item.changeId,
            cells: [
              <>
                <a href={href({ page: 'change', changeId: item.changeId })}>{changeTitle(item)}</a>
                <span className="muted block">
                  {item.repoName}
                  {item.pr !== undefined ? ` #${item.pr}` : ''}
                </span>
              </>,
              <DecisionBadge decision={item.decision} />,
              <>
                {item.author.name} <span className="muted">{item.author.level}</span>
                <span className="block">
                  <AiBadge aiAssisted={item.aiAssisted} tools={item.tools} />
                </span>
              </>,
              <>
                <TierBadge tier={item.mostCriticalTier} />
                <span className="muted block">{plural(item.services.length, 'service')}</span>
              </>,
              <RiskMeter risk={item.risk} />,
              <time dateTime={item.decidedAt} title={formatDateTime(item.decidedAt)}>
                {formatAgo(item.decidedAt)}
              </time>,
            ],
          }))}
        />
      ) : null}
      {changes.data && changes.data.items.length >= limit ? (
        <div className="pager">
          <button
            type="button"
            className="button-secondary"
            disabled={changes.loading}
            onClick={() => setLimit((current) => current + PAGE)}
          >
            {changes.loading ? 'Loading…' : 'Show older changes'}
          </button>
        </div>
      ) : null}
    </Page>
  );
}
