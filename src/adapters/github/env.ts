import { BlastwallError } from '../../core/errors.js';
import type { GithubClientOptions } from './octokit-client.js';

/** What `blastwall serve` needs to talk to GitHub and to accept its webhooks. */
export interface GithubSettings {
  client: GithubClientOptions;
  webhookSecret: string;
}

/**
 * Reads GitHub settings from the environment: `BLASTWALL_GITHUB_TOKEN`, `BLASTWALL_GITHUB_API_URL`
 * (GitHub Enterprise: `https://HOST/api/v3`) and `BLASTWALL_GITHUB_WEBHOOK_SECRET`; undefined when
 * no secret is set (the webhook is then not served). A secret without a token is a config error.
 */
export function githubSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): GithubSettings | undefined {
  const webhookSecret = env.BLASTWALL_GITHUB_WEBHOOK_SECRET;
  if (!webhookSecret) return undefined;
  const token = env.BLASTWALL_GITHUB_TOKEN;
  if (!token)
    throw new BlastwallError(
      'config',
      'BLASTWALL_GITHUB_WEBHOOK_SECRET is set but BLASTWALL_GITHUB_TOKEN is not: blastwall cannot read pull requests or publish check runs without a token',
    );
  const baseUrl = env.BLASTWALL_GITHUB_API_URL;
  if (baseUrl && !/^https?:\/\//.test(baseUrl))
    throw new BlastwallError('config', `BLASTWALL_GITHUB_API_URL must be an http(s) URL, got "${baseUrl}"`);
  return { webhookSecret, client: { token, ...(baseUrl ? { baseUrl } : {}) } };
}
