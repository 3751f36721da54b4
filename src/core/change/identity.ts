/**
 * The one identity of a change wherever it is judged — the GitHub App's webhook, the API, the CLI — and
 * wherever it is asked about (the deploy gates): the repository's full name and the head commit.
 */

/** `owner/name`, lower case (GitHub's names compare case-insensitively), of a name or remote URL; undefined if it has none. */
export function repositoryFullName(raw: string): string | undefined {
  const text = raw.trim().replace(/\/+$/, '');
  // `owner/name` as GitHub, Argo or Flagger spell it, or the last two segments of a remote URL:
  // https://host/owner/name.git, ssh://git@host:22/owner/name, git@host:owner/name.git.
  const match = /^(?:.*[/:])?([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text);
  if (!match) return undefined;
  const owner = match[1]!;
  const name = match[2]!.replace(/\.git$/i, '');
  if (name === '' || owner === '.' || owner === '..' || name === '.' || name === '..') return undefined;
  return `${owner}/${name}`.toLowerCase();
}

/** Whether two spellings name the same repository (`Acme/Shop`, `git@github.com:acme/shop.git`). */
export function sameRepository(a: string, b: string): boolean {
  return (repositoryFullName(a) ?? a.toLowerCase()) === (repositoryFullName(b) ?? b.toLowerCase());
}

/** The id a change is stored under: its repository's identity and its head commit (full sha, lower case). */
export function changeIdOf(repository: string, head: string): string {
  return `${repository}@${head.toLowerCase()}`;
}
