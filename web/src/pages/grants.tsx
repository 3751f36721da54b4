import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import { Page } from '../components/page.js';
import { ResponsiveTable } from '../components/responsive-table.js';
import { Empty, ErrorMessage, Loading } from '../components/status.js';
import type { GrantsResponse, GrantView } from '../../../src/app/creds/creds-contract.js';
import { formatDateTime } from '../format.js';
import { useApi } from '../use-api.js';

/** Credentials the broker has handed to agent sessions and that still work, with a way to end one early. */
export function GrantsPage(): ReactNode {
  const grants = useApi<GrantsResponse>('/v1/creds/grants');
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const [busy, setBusy] = useState<string | undefined>();

  async function revoke(grant: GrantView): Promise<void> {
    setBusy(grant.id);
    try {
      await api(`/v1/creds/grants/${encodeURIComponent(grant.id)}/revoke`, { method: 'POST', body: {} });
      setFailure(undefined);
      setAnnouncement(`Revoked ${grant.scope} ${grant.kind} credentials of session ${grant.sessionId}`);
      grants.reload();
    } catch (error) {
      setFailure(error instanceof ApiError ? error : new ApiError(0, 'unexpected', 'Could not revoke.'));
    } finally {
      setBusy(undefined);
    }
  }

  const list = grants.data?.grants;
  return (
    <Page
      name="grants"
      title="Credential grants"
      lead="Short-lived credentials agent sessions hold now. Elevated ones exist only after a person approved them."
      ready={grants.settled}
    >
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {grants.error ? <ErrorMessage error={grants.error} retry={grants.reload} /> : null}
      {failure ? <ErrorMessage error={failure} /> : null}
      {list === undefined && !grants.error ? <Loading what="grants" /> : null}
      {list && list.length === 0 ? <Empty>No agent session holds brokered credentials now.</Empty> : null}
      {list && list.length > 0 ? (
        <ResponsiveTable
          caption="Active credential grants"
          className="grants-table"
          columns={['Credentials', 'Session', 'Approved by', 'Until', '']}
          rows={list.map((grant) => ({
            key: grant.id,
            cells: [
              <span key="what" data-grant={grant.id}>
                <strong>{grant.scope === 'write' ? 'Elevated' : 'Read-only'}</strong> {grant.kind} ·{' '}
                {grant.environment}
                <br />
                <code>{grant.principal}</code>
              </span>,
              <span key="session">
                {grant.agent}
                {grant.onBehalfOf ? ` for ${grant.onBehalfOf}` : ''}
                <br />
                <code>{grant.sessionId}</code>
              </span>,
              grant.approvedBy?.join(', ') ?? (grant.scope === 'read' ? 'not needed (read-only)' : '—'),
              <time key="until" dateTime={grant.expiresAt}>
                {formatDateTime(grant.expiresAt)}
              </time>,
              <button
                key="revoke"
                type="button"
                className="button-deny"
                disabled={busy === grant.id}
                aria-label={`Revoke ${grant.scope} ${grant.kind} credentials of session ${grant.sessionId}`}
                onClick={() => void revoke(grant)}
              >
                Revoke
              </button>,
            ],
          }))}
        />
      ) : null}
    </Page>
  );
}
