import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../api.js';
import type { MeResponse } from '../contract.js';

interface SignInProps {
  message?: string | undefined;
  onSignedIn: (token: string, me: MeResponse) => void;
}

/** Asks for an access token, checks it with `GET /v1/me`, and keeps it for this tab only. */
export function SignInPage({ message, onSignedIn }: SignInProps): ReactNode {
  const id = useId();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = 'Sign in · blastwall';
    performance.mark('ready:sign-in');
  }, []);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const candidate = token.trim();
    if (candidate === '') {
      setError('Paste your access token first.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const me = await api<MeResponse>('/v1/me', { token: candidate });
      onSignedIn(candidate, me);
    } catch (failure) {
      setError(
        failure instanceof ApiError && failure.status === 401
          ? `That token was not accepted: ${failure.message}`
          : failure instanceof ApiError
            ? failure.message
            : 'Could not sign in.',
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <div className="sign-in-card page" data-page="sign-in" data-ready="true">
        <p className="brand">
          <span className="brand-mark" aria-hidden="true" />
          blastwall
        </p>
        <h1>Sign in</h1>
        <p className="lead">
          Use an access token from <code>blastwall token create</code>, or the one <code>blastwall demo</code>{' '}
          printed. It is kept in this browser tab only.
        </p>
        {message ? (
          <p className="notice notice-info" role="status">
            {message}
          </p>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <label htmlFor={`${id}-token`}>Access token</label>
          <input
            id={`${id}-token`}
            name="token"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={token}
            aria-invalid={error !== undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => setToken(event.target.value)}
          />
          {error ? (
            <p className="form-error" id={`${id}-error`} role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
