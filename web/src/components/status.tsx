import type { ReactNode } from 'react';
import type { ApiError } from '../api.js';
import type { Loaded } from '../use-api.js';

/** A quiet placeholder while a page's data loads. */
export function Loading({ what }: { what: string }): ReactNode {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

/** A failure the server (or the network) explained, announced to screen readers. */
export function ErrorMessage({ error, retry }: { error: ApiError | string; retry?: () => void }): ReactNode {
  const message = typeof error === 'string' ? error : error.message;
  const forbidden = typeof error !== 'string' && error.status === 403;
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{forbidden ? 'Not allowed: ' : 'Could not load: '}</strong>
        {message}
      </p>
      {retry ? (
        <button type="button" className="button-secondary" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Shown when a list has nothing in it, so an empty page does not look broken. */
export function Empty({ children }: { children: ReactNode }): ReactNode {
  return <p className="empty">{children}</p>;
}

/** What a page shows until its GET settles, and the failure (with a retry) if it failed. */
export function LoadStatus({ loaded, what }: { loaded: Loaded<unknown>; what: string }): ReactNode {
  if (loaded.error) return <ErrorMessage error={loaded.error} retry={loaded.reload} />;
  return loaded.settled ? null : <Loading what={what} />;
}
