import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import type { ApprovalView } from '../contract.js';
import { formatDateTime } from '../format.js';

interface DecideFormProps {
  approval: ApprovalView;
  /** What is being decided, for the labels ("this change", "this action"). */
  subject: string;
  /** Called after the server accepted the decision. */
  onDecided: (decision: 'approve' | 'deny') => void;
}

/** Approve or deny with a reason; offers only what the signed-in person may do and says why not. */
export function DecideForm({ approval, subject, onDecided }: DecideFormProps): ReactNode {
  const id = useId();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'approve' | 'deny' | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [missingReason, setMissingReason] = useState(false);

  if (approval.status !== 'pending') {
    return (
      <p className="notice">
        {approval.status === 'approved' ? 'Approved' : approval.status === 'denied' ? 'Denied' : 'Expired'}
        {approval.decidedBy ? ` by ${approval.decidedBy}` : ''}
        {approval.decidedAt ? ` on ${formatDateTime(approval.decidedAt)}` : ''}
        {approval.reason ? ` — “${approval.reason}”` : ''}
      </p>
    );
  }
  if (!approval.canApprove && !approval.canDeny) {
    return (
      <p className="notice notice-info">
        You cannot decide {subject}: {approval.whyNot ?? 'your token may not approve or deny.'}
      </p>
    );
  }

  async function decide(decision: 'approve' | 'deny', event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (reason.trim() === '') {
      setMissingReason(true);
      setError('Give a reason: it is kept in the audit log with your decision.');
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(decision);
    setError(undefined);
    try {
      await api(`/v1/approvals/${encodeURIComponent(approval.id)}/${decision}`, {
        method: 'POST',
        body: { reason: reason.trim() },
      });
      setReason('');
      onDecided(decision);
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? `The server refused: ${failure.message}`
          : 'The decision was not saved.',
      );
    } finally {
      setBusy(undefined);
    }
  }

  const primary = approval.canApprove ? 'approve' : 'deny';
  return (
    <form
      className="decide"
      onSubmit={(event) => void decide(primary, event)}
      aria-label={`Decide ${subject}`}
    >
      <label htmlFor={`${id}-reason`}>Reason (kept in the audit log)</label>
      <textarea
        id={`${id}-reason`}
        value={reason}
        rows={2}
        maxLength={2000}
        required
        aria-invalid={missingReason && reason.trim() === ''}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setReason(event.target.value);
          setMissingReason(false);
        }}
      />
      <div className="decide-buttons">
        {approval.canApprove ? (
          <button type="submit" className="button-approve" disabled={busy !== undefined}>
            {busy === 'approve' ? 'Approving…' : 'Approve'}
          </button>
        ) : null}
        {approval.canDeny ? (
          <button
            type={approval.canApprove ? 'button' : 'submit'}
            className="button-deny"
            disabled={busy !== undefined}
            onClick={approval.canApprove ? () => void decide('deny') : undefined}
          >
            {busy === 'deny' ? 'Denying…' : 'Deny'}
          </button>
        ) : null}
      </div>
      {!approval.canApprove && approval.whyNot ? (
        <p className="hint">You may deny but not approve: {approval.whyNot}</p>
      ) : null}
      {error ? (
        <p className="form-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
