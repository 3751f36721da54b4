import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { AiBadge, SeverityBadge } from '../components/badges.js';
import { Page } from '../components/page.js';
import { Empty, LoadStatus } from '../components/status.js';
import type { IncidentsResponse, SuspectView } from '../contract.js';
import { changeLabel, formatDateTime, formatDuration, percent, shortSha } from '../format.js';
import { href } from '../router.js';
import { useApi } from '../use-api.js';

type Incident = IncidentsResponse['items'][number];

/** Incidents on a timeline, each with the deployments (and changes) suspected of causing it. */
export function IncidentsPage(): ReactNode {
  const incidents = useApi<IncidentsResponse>('/v1/dashboard/incidents?limit=50');
  const items = incidents.data?.items ?? [];
  return (
    <Page
      name="incidents"
      title="Incidents"
      lead="Newest first, with the deployments blastwall suspects and the changes they shipped."
      ready={incidents.settled}
    >
      <LoadStatus loaded={incidents} what="incidents" />
      {incidents.data && items.length === 0 ? <Empty>No incidents recorded.</Empty> : null}
      {incidents.data && !incidents.data.canJudge && items.length > 0 ? (
        <p className="notice notice-info">
          Your token may not confirm or reject suspects; only a reviewer or admin who is a configured person
          can.
        </p>
      ) : null}
      <ol className="timeline">
        {items.map((incident) => (
          <IncidentItem
            key={incident.id}
            incident={incident}
            canJudge={incidents.data?.canJudge ?? false}
            onJudged={incidents.reload}
          />
        ))}
      </ol>
    </Page>
  );
}

function IncidentItem({
  incident,
  canJudge,
  onJudged,
}: {
  incident: Incident;
  canJudge: boolean;
  onJudged: () => void;
}): ReactNode {
  const headingId = useId();
  return (
    <li className={`timeline-item timeline-${incident.severity}`} aria-labelledby={headingId}>
      <span className="timeline-dot" aria-hidden="true" />
      <div className="timeline-body card">
        <div className="card-head">
          <h2 id={headingId} className="card-title">
            <SeverityBadge severity={incident.severity} /> {incident.id}
          </h2>
          <span className="muted">
            <time dateTime={incident.startedAt}>{formatDateTime(incident.startedAt)}</time>
            {' · '}
            {incident.resolvedAt
              ? `resolved after ${formatDuration(incident.startedAt, incident.resolvedAt)}`
              : `open for ${formatDuration(incident.startedAt)}`}
          </span>
        </div>
        <p>Services: {incident.services.join(', ') || 'none named'}</p>
        {incident.suspects.length === 0 ? (
          <p className="muted">No deployment is suspected.</p>
        ) : (
          <ul className="suspects">
            {incident.suspects.map((suspect) => (
              <SuspectItem
                key={suspect.deploymentId}
                incidentId={incident.id}
                suspect={suspect}
                canJudge={canJudge}
                onJudged={onJudged}
              />
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

function SuspectItem({
  incidentId,
  suspect,
  canJudge,
  onJudged,
}: {
  incidentId: string;
  suspect: SuspectView;
  canJudge: boolean;
  onJudged: () => void;
}): ReactNode {
  return (
    <li className={`suspect suspect-${suspect.state}`}>
      <div className="suspect-head">
        <strong>{suspect.service}</strong> deployed to {suspect.environment} at{' '}
        <time dateTime={suspect.deployedAt}>{formatDateTime(suspect.deployedAt)}</time>{' '}
        <AiBadge aiAssisted={suspect.aiAssisted} tools={suspect.tools} />
      </div>
      <p>
        Suspicion {percent(suspect.score)} ·{' '}
        <span
          className={`state state-${suspect.state === 'confirmed' ? 'denied' : suspect.state === 'rejected' ? 'met' : 'waiting'}`}
        >
          {suspect.state}
        </span>
        {suspect.confirmedBy ? <span className="muted"> by {suspect.confirmedBy}</span> : null}
      </p>
      {suspect.reasons.length > 0 ? <p className="muted">{suspect.reasons.join(' ')}</p> : null}
      <p>
        {suspect.changeIds.length > 0
          ? 'Changes: '
          : `Commits: ${suspect.commits.map(shortSha).join(', ') || 'none'}`}
        {suspect.changeIds.map((changeId, index) => (
          <span key={changeId}>
            {index > 0 ? ', ' : ''}
            <a href={href({ page: 'change', changeId })}>{changeLabel(changeId)}</a>
          </span>
        ))}
      </p>
      {suspect.state === 'suspected' && canJudge ? (
        <JudgeForm incidentId={incidentId} suspect={suspect} onJudged={onJudged} />
      ) : null}
    </li>
  );
}

function JudgeForm({
  incidentId,
  suspect,
  onJudged,
}: {
  incidentId: string;
  suspect: SuspectView;
  onJudged: () => void;
}): ReactNode {
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function judge(verdict: 'confirm' | 'reject', event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (reason.trim() === '') {
      setError('Give a reason: it is kept in the audit log.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api(
        `/v1/incidents/${encodeURIComponent(incidentId)}/suspects/${encodeURIComponent(suspect.deploymentId)}/${verdict}`,
        { method: 'POST', body: { reason: reason.trim() } },
      );
      onJudged();
    } catch (failure) {
      setError(failure instanceof ApiError ? `The server refused: ${failure.message}` : 'Not saved.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="decide"
      onSubmit={(event) => void judge('confirm', event)}
      aria-label={`Judge ${suspect.service} deployment`}
    >
      <label htmlFor={`${id}-reason`}>Reason</label>
      <input
        id={`${id}-reason`}
        value={reason}
        maxLength={2000}
        onChange={(event) => setReason(event.target.value)}
      />
      <div className="decide-buttons">
        <button type="submit" className="button-deny" disabled={busy}>
          Confirm as cause
        </button>
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => void judge('reject')}
        >
          Reject
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
