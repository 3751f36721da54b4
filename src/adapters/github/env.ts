import { readFileSync } from 'node:fs';
import { BlastwallError } from '../../core/errors.js';
import type { GithubAppCredentials } from './app-auth.js';
import type { GithubClientOptions } from './octokit-client.js';

/** What `blastwall serve` needs to talk to GitHub and to accept its webhooks. */
export interface GithubSettings {
  client: GithubClientOptions;
  webhookSecret: string;
  /** A GitHub App's id and key: each delivery is answered with its installation's token. */
  app?: GithubAppCredentials;
}

/**
 * Reads GitHub settings from the environment: `BLASTWALL_GITHUB_WEBHOOK_SECRET`, and either a GitHub App
 * (`BLASTWALL_GITHUB_APP_ID` with `BLASTWALL_GITHUB_APP_PRIVATE_KEY` or `…_PRIVATE_KEY_FILE`) or a token
 * (`BLASTWALL_GITHUB_TOKEN`), or both (the token then serves deliveries that name no installation);
 * `BLASTWALL_GITHUB_API_URL` for GitHub Enterprise (`https://HOST/api/v3`). Undefined when no secret is set
 * (the webhook is then not served). A secret without credentials is a config error.
 */
export function githubSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): GithubSettings | undefined {
  const webhookSecret = env.BLASTWALL_GITHUB_WEBHOOK_SECRET;
  if (!webhookSecret) return undefined;
  const token = env.BLASTWALL_GITHUB_TOKEN;
  const app = appFromEnv(env);
  if (!token && !app)
    throw new BlastwallError(
      'config',
      'BLASTWALL_GITHUB_WEBHOOK_SECRET is set but neither BLASTWALL_GITHUB_TOKEN nor BLASTWALL_GITHUB_APP_ID is: blastwall cannot read pull requests or publish check runs without credentials',
    );
  const baseUrl = env.BLASTWALL_GITHUB_API_URL;
  if (baseUrl && !/^https?:\/\//.test(baseUrl))
    throw new BlastwallError('config', `BLASTWALL_GITHUB_API_URL must be an http(s) URL, got "${baseUrl}"`);
  return {
    webhookSecret,
    client: { ...(token ? { token } : {}), ...(baseUrl ? { baseUrl } : {}) },
    ...(app && { app }),
  };
}

function appFromEnv(env: Record<string, string | undefined>): GithubAppCredentials | undefined {
  const appId = env.BLASTWALL_GITHUB_APP_ID;
  if (!appId) return undefined;
  if (!/^\d+$/.test(appId))
    throw new BlastwallError(
      'config',
      `BLASTWALL_GITHUB_APP_ID must be the App's numeric id, got "${appId}"`,
    );
  const file = env.BLASTWALL_GITHUB_APP_PRIVATE_KEY_FILE;
  let privateKey = env.BLASTWALL_GITHUB_APP_PRIVATE_KEY;
  if (!privateKey && file) {
    try {
      privateKey = readFileSync(file, 'utf8');
    } catch (error) {
      throw new BlastwallError(
        'config',
        `cannot read BLASTWALL_GITHUB_APP_PRIVATE_KEY_FILE ${file}: ${(error as Error).message}`,
      );
    }
  }
  if (!privateKey?.includes('PRIVATE KEY'))
    throw new BlastwallError(
      'config',
      'BLASTWALL_GITHUB_APP_ID is set but no PEM private key is (BLASTWALL_GITHUB_APP_PRIVATE_KEY or BLASTWALL_GITHUB_APP_PRIVATE_KEY_FILE)',
    );
  // Keys pasted into one-line variables keep their line breaks as "\n".
  return { appId, privateKey: privateKey.replace(/\\n/g, '\n') };
}
