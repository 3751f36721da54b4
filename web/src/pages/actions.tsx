import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { api, ApiError, query } from '../api.js';
import { Environments, OperationsTable } from '../components/action-details.js';
import { DecisionBadge, TierBadge } from '../components/badges.js';
import { BlastRadiusGraph } from '../components/blast-radius-graph.js';
import { Confirmation } from '../components/confirmation.js';
import { DecideForm } from '../components/decide-form.js';
import { Page } from '../components/page.js';
import { RadiusTable } from '../components/radius-table.js';
import { Empty, ErrorMessage, Loading } from '../components/status.js';
import type { ActionItem, ActionsResponse, Outcome } from '../contract.js';
import { formatAgo, formatDateTime, plural } from '../format.js';

const POLL_MS = 3000;
const FEED_LIMIT = 60;

/** A live feed of the agent gate's decisions, and every action held for a person to decide. */
export function ActionsPage(): ReactNode {
  const id = useId();
  const [filter, setFilter] = useState<Outcome | 'all'>('all');
  const [feed, setFeed] = useState<ActionItem[] | undefined>();
  const [held, setHeld] = useState<ActionItem[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [paused, setPaused] = useState(false);
  const newest = useRef<string | undefined>(undefined);
  // What the feed shows, for polling to compare against without re-creating the poll; set with the state.
  const shown = useRef<ActionItem[]>([]);

  const poll = useCallback(
    async (initial: boolean): Promise<void> => {
      const decision = filter === 'all' ? undefined : filter;
      const since = initial ? undefined : newest.current;
      try {
        const response = await api<ActionsResponse>(
          `/v1/dashboard/actions${query({ limit: FEED_LIMIT, since, decision })}`,
        );
        setHeld(response.held);
        setError(undefined);
        if (initial) {
          shown.current = response.items;
          setFeed(response.items);
        } else {
          const known = new Set(shown.current.map((item) => item.id));
          const fresh = response.items.filter((item) => !known.has(item.id));
          if (fresh.length > 0) {
            shown.current = mergeNewest(fresh, shown.current);
            setFeed(shown.current);
            setAnnouncement(plural(fresh.length, 'new decision'));
          }
        }
        const latest = response.items[0]?.at;
        if (latest !== undefined && (newest.current === undefined || latest > newest.current))
          newest.current = latest;
      } catch (failure) {
        setError(
          failure instanceof ApiError ? failure : new ApiError(0, 'unexpected', 'Could not load actions.'),
        );
      }
    },
    [filter],
  );

  useEffect(() => {
    newest.current = undefined;
    shown.current = [];
    setFeed(undefined);
    void poll(true);
  }, [poll]);

  useEffect(() => {
    if (paused) return;
    let timer: ReturnType<typeof setTimeout>;
    let stopped = false;
    const tick = async (): Promise<void> => {
      if (!document.hidden) await poll(false);
      if (!stopped) timer = setTimeout(() => void tick(), POLL_MS);
    };
    timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poll, paused]);

  function decided(action: ActionItem, decision: 'approve' | 'deny'): void {
    setHeld((current) => current?.filter((item) => item.id !== action.id));
    setAnnouncement(
      decision === 'approve'
        ? `Approved: ${action.command} — it has left the held list, and the agent may run it now.`
        : `Denied: ${action.command} — it has left the held list, and the agent is told no.`,
    );
    void poll(false);
  }

  const ready = (feed !== undefined && held !== undefined) || error !== undefined;
  return (
    <Page
      name="actions"
      title="Agent actions"
      lead="What AI agents asked to run, and what the gate decided. Held actions wait for a person."
      ready={ready}
      actions={
        <button
          type="button"
          className="button-secondary"
          aria-pressed={paused}
          onClick={() => setPaused((p) => !p)}
        >
          {paused ? 'Resume live updates' : 'Pause live updates'}
        </button>
      }
    >
      <Confirmation message={announcement || undefined} onDismiss={() => setAnnouncement('')} />
      {error ? <ErrorMessage error={error} retry={() => void poll(feed === undefined)} /> : null}
      <section aria-labelledby={`${id}-held`}>
        <h2 id={`${id}-held`}>
          Held for approval {held ? <span className="count">{held.length}</span> : null}
        </h2>
        {held === undefined && !error ? <Loading what="held actions" /> : null}
        {held && held.length === 0 ? <Empty>No agent action is waiting for a person.</Empty> : null}
        <ul className="cards" data-list="held">
          {(held ?? []).map((action) => (
            <HeldAction key={action.id} action={action} onDecided={(decision) => decided(action, decision)} />
          ))}
        </ul>
      </section>
      <section aria-labelledby={`${id}-feed`}>
        <div className="section-head">
          <h2 id={`${id}-feed`}>Live feed</h2>
          <div className="field-inline">
            <label htmlFor={`${id}-decision`}>Show</label>
            <select
              id={`${id}-decision`}
              value={filter}
              onChange={(event) => setFilter(event.target.value as Outcome | 'all')}
            >
              <option value="all">All decisions</option>
              <option value="deny">Denied</option>
              <option value="needs-approval">Held</option>
              <option value="allow">Allowed</option>
            </select>
          </div>
        </div>
        {feed === undefined && !error ? <Loading what="the feed" /> : null}
        {feed && feed.length === 0 ? <Empty>No agent actions yet.</Empty> : null}
        <ol className="feed">
          {(feed ?? []).map((action) => (
            <FeedItem key={action.id} action={action} />
          ))}
        </ol>
      </section>
    </Page>
  );
}

function mergeNewest(incoming: ActionItem[], current: ActionItem[]): ActionItem[] {
  const seen = new Set(incoming.map((item) => item.id));
  return [...incoming, ...current.filter((item) => !seen.has(item.id))].slice(0, FEED_LIMIT * 3);
}

function HeldAction({
  action,
  onDecided,
}: {
  action: ActionItem;
  onDecided: (d: 'approve' | 'deny') => void;
}): ReactNode {
  const headingId = useId();
  return (
    <li className="card card-held" data-action={action.id} aria-labelledby={headingId}>
      <h3 id={headingId} className="command-heading">
        <span className="visually-hidden">Command: </span>
        <code className="command">{action.command}</code>
      </h3>
      <dl className="facts">
        <div>
          <dt>Agent</dt>
          <dd>
            {action.agent}
            {action.onBehalfOf ? <span className="muted"> for {action.onBehalfOf}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Environment</dt>
          <dd>
            <Environments environments={action.environments} />
          </dd>
        </div>
        <div>
          <dt>Asked</dt>
          <dd>
            <time dateTime={action.at} title={formatDateTime(action.at)}>
              {formatAgo(action.at)}
            </time>
          </dd>
        </div>
        {action.cwd ? (
          <div>
            <dt>Directory</dt>
            <dd>
              <code>{action.cwd}</code>
            </dd>
          </div>
        ) : null}
      </dl>
      <ul className="reasons">
        {action.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      <OperationsTable operations={action.operations} />
      {action.blastRadius && action.blastRadius.services.length > 0 ? (
        <details className="held-radius">
          <summary>
            Blast radius: {action.blastRadius.services.length} services, most critical{' '}
            <TierBadge tier={action.blastRadius.mostCriticalTier} />
          </summary>
          <BlastRadiusGraph radius={action.blastRadius} subject="This action" />
          <RadiusTable radius={action.blastRadius} />
        </details>
      ) : null}
      {action.approval ? (
        <DecideForm approval={action.approval} subject="this action" onDecided={onDecided} />
      ) : (
        <p className="notice notice-info">No approval was opened for this action.</p>
      )}
    </li>
  );
}

function FeedItem({ action }: { action: ActionItem }): ReactNode {
  return (
    <li className={`feed-item feed-${action.decision}`}>
      <div className="feed-meta">
        <DecisionBadge decision={action.decision} />
        <time dateTime={action.at} title={formatDateTime(action.at)}>
          {formatAgo(action.at)}
        </time>
        <span className="muted">
          {action.agent}
          {action.onBehalfOf ? ` for ${action.onBehalfOf}` : ''}
        </span>
        <Environments environments={action.environments} />
      </div>
      <code className="command">{action.command}</code>
      {action.reasons.length > 0 && action.decision !== 'allow' ? (
        <p className="feed-reason">{action.reasons.join(' ')}</p>
      ) : null}
    </li>
  );
}
