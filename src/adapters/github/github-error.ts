import { BlastwallError } from '../../core/errors.js';

/** A failed call to GitHub's API; the message names GitHub, the endpoint and what came back. */
export class GithubError extends BlastwallError {
  constructor(
    readonly endpoint: string,
    readonly status: number | undefined,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      'external',
      `GitHub API ${endpoint} failed${status !== undefined ? ` with HTTP ${status}` : ''}: ${detail}`,
      options,
    );
    this.name = 'GithubError';
  }
}

/** Wraps whatever Octokit or fetch threw into a GithubError for one endpoint. */
export function wrapGithubError(endpoint: string, error: unknown): GithubError {
  if (error instanceof GithubError) return error;
  const status =
    typeof (error as { status?: unknown })?.status === 'number'
      ? (error as { status: number }).status
      : undefined;
  const message = error instanceof Error ? error.message : String(error);
  // Octokit puts GitHub's own message in the error text; keep it short and on one line.
  const detail = message.replace(/\s+/g, ' ').slice(0, 300) || 'no detail';
  return new GithubError(endpoint, status, detail, { cause: error });
}
