import type { ReactNode } from 'react';

/**
 * What a decision did, shown where the decided card was, until the person dismisses it: a card that just
 * vanishes leaves them wondering whether the click worked.
 */
export function Confirmation({
  message,
  onDismiss,
}: {
  message: string | undefined;
  onDismiss: () => void;
}): ReactNode {
  return (
    <div aria-live="polite">
      {message ? (
        <div className="notice notice-ok confirmation" role="status" data-confirmation="true">
          <p>{message}</p>
          <button type="button" className="button-secondary" onClick={onDismiss}>
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
