import { useId, useState, type ReactNode } from 'react';
import { AiBadge, DecisionBadge, RiskMeter, TierBadge } from '../components/badges.js';
import { Page } from '../components/page.js';
import { Empty, ErrorMessage, Loading } from '../components/status.js';
import type { ChangesResponse, Outcome } from '../contract.js';
import { formatAgo, formatDateTime } from '../format.js';
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
      ready={changes.data !== undefined || changes.error !== undefined}
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
      {changes.error ? <ErrorMessage error={changes.error} retry={changes.reload} /> : null}
      {!changes.data && !changes.error ? <Loading what="changes" /> : null}
      {changes.data && items.length === 0 ? <Empty>No changes match.</Empty> : null}
      {items.length > 0 ? (
        <table className="rtable">
          <caption className="visually-hidden">Recently decided changes</caption>
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Decision</th>
              <th scope="col">Author</th>
              <th scope="col">Reaches</th>
              <th scope="col">Risk</th>
              <th scope="col">Decided</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.changeId}>
                <th scope="row" data-label="Change">
                  <a href={href({ page: 'change', changeId: item.changeId })}>
                    {item.title ?? `${item.base.slice(0, 7)}..${item.head.slice(0, 7)}`}
                  </a>
                  <span className="muted block">
                    {item.repo}
                    {item.pr !== undefined ? ` #${item.pr}` : ''}
                  </span>
                </th>
                <td data-label="Decision">
                  <DecisionBadge decision={item.decision} />
                </td>
                <td data-label="Author">
                  {item.author.name} <span className="muted">{item.author.level}</span>
                  <span className="block">
                    <AiBadge aiAssisted={item.aiAssisted} tools={item.tools} />
                  </span>
                </td>
                <td data-label="Reaches">
                  <TierBadge tier={item.mostCriticalTier} />
                  <span className="muted block">{plural(item.services.length)}</span>
                </td>
                <td data-label="Risk">
                  <RiskMeter risk={item.risk} />
                </td>
                <td data-label="Decided">
                  <time dateTime={item.decidedAt} title={formatDateTime(item.decidedAt)}>
                    {formatAgo(item.decidedAt)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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

function plural(services: number): string {
  return services === 1 ? '1 service' : `${services} services`;
}
