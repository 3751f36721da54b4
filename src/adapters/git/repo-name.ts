import { basename } from 'node:path';
import { repositoryFullName } from '../../core/change/identity.js';
import { BlastwallError } from '../../core/errors.js';
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

/**
 * The identity a checkout's changes are recorded and asked about under (see core/change/identity.ts):
 * `repository` of blastwall.yaml when configured, else the `origin` remote's `owner/name`, both lower case;
 * a repository with neither is known by its folder's name, which only questions that name no repository
 * (a deploy gate without `repo`) reach.
 */
export async function readRepositoryIdentity(repo: string, configured?: string): Promise<string> {
  if (configured !== undefined) {
    const name = repositoryFullName(configured);
    if (name === undefined)
      throw new BlastwallError('config', `repository "${configured}" is not owner/name or a remote URL`);
    return name;
  }
  const url = (await runGit(repo, ['config', '--get', 'remote.origin.url'], { allowFailure: true })).trim();
  return (url !== '' ? repositoryFullName(url) : undefined) ?? basename(repo).toLowerCase();
}
