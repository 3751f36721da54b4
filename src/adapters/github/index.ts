export { createGithubClient, GITHUB_API_URL, type GithubClientOptions } from './octokit-client.js';
export { GithubError, wrapGithubError } from './github-error.js';
export type * from './types.js';
export { githubSettingsFromEnv, type GithubSettings } from './env.js';
