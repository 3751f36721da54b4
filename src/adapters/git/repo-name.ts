import { basename } from 'node:path';
import { runGit } from './run-git.js';

/**
 * The name people know a repository by: `owner/name` from its `origin` remote (GitHub, GitLab or any
 * `host:owner/name` form), else its folder's name — never the absolute path it happens to sit at.
 */
export async function readRepoName(repo: string): Promise<string> {
  const url = (await runGit(repo, ['config', '--get', 'remote.origin.url'], { allowFailure: true })).trim();
  return repoNameFromUrl(url) ?? basename(repo);
}

/** `owner/name` of a remote URL (`https://host/owner/name.git`, `git@host:owner/name`), if it has one. */
export function repoNameFromUrl(url: string): string | undefined {
  const match = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1]}/${match[2]}` : undefined;
}
