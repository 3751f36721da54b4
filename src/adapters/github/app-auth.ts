import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { createGithubClient, GITHUB_API_URL, type GithubClientOptions } from './octokit-client.js';
import { wrapGithubError } from './github-error.js';
import type { GithubClient } from './types.js';

/** A GitHub App's credentials: its id and the PEM private key GitHub generated for it. */
export interface GithubAppCredentials {
  appId: string;
  privateKey: string;
}

/** Options of the installation clients: the API root, a fetch, and the clock (tests move it). */
export interface GithubAppOptions extends GithubAppCredentials {
  baseUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
  /** A token this close to its `expires_at` is replaced before use (default 5 minutes). */
  refreshBeforeMs?: number;
}

/** Installation tokens live an hour; one is replaced this long before it expires. */
const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;

/**
 * Installation tokens of a GitHub App, minted with `@octokit/auth-app` (a JWT signed with the App's key,
 * `POST /app/installations/{id}/access_tokens`), one per installation, replaced before its `expires_at`
 * — so a server keeps working past the hour a token lives.
 */
export function githubAppTokens(options: GithubAppOptions): (installationId: number) => Promise<string> {
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  const baseFetch = options.fetch ?? fetch;
  const octokit = new Octokit({
    baseUrl: (options.baseUrl ?? GITHUB_API_URL).replace(/\/+$/, ''),
    userAgent: 'blastwall',
    request: { fetch: baseFetch },
  });
  const auth = createAppAuth({
    appId: options.appId,
    privateKey: options.privateKey,
    request: octokit.request,
  });
  const tokens = new Map<number, { token: string; expiresAt: number }>();
  return async function installationToken(installationId: number): Promise<string> {
    const held = tokens.get(installationId);
    if (held && held.expiresAt - now() > margin) return held.token;
    let minted: { token: string; expiresAt: string };
    try {
      // `refresh` bypasses auth-app's own cache, which keeps a token 59 minutes whatever GitHub said.
      minted = await auth({ type: 'installation', installationId, refresh: held !== undefined });
    } catch (error) {
      throw wrapGithubError(`POST /app/installations/${installationId}/access_tokens`, error);
    }
    tokens.set(installationId, { token: minted.token, expiresAt: Date.parse(minted.expiresAt) });
    return minted.token;
  };
}

/** A GithubClient per installation, each authenticating with that installation's current token. */
export function githubAppClients(
  options: GithubAppOptions,
  client: Omit<GithubClientOptions, 'token' | 'tokenFor'> = {},
): (installationId: number) => GithubClient {
  const tokenOf = githubAppTokens(options);
  const clients = new Map<number, GithubClient>();
  return (installationId) => {
    let found = clients.get(installationId);
    if (!found) {
      found = createGithubClient({
        ...client,
        ...(options.baseUrl !== undefined && { baseUrl: options.baseUrl }),
        ...(options.fetch !== undefined && { fetch: options.fetch }),
        ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
        tokenFor: () => tokenOf(installationId),
      });
      clients.set(installationId, found);
    }
    return found;
  };
}
