import type { ChangeStatus } from '../core/delivery/deploy-gate.js';
import type { Store } from '../adapters/storage/types.js';

/** Shorter abbreviations than git's default could name several commits of a large history. */
const MIN_PREFIX = 7;

/** `owner/name` as GitHub spells it, compared case-insensitively (GitHub's names are). */
function sameRepository(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * Where the sign-offs of a change stand, found by its identity: the head commit `sha` (full or abbreviated) and,
 * when the question names one, the repository's full name. One identity serves every path that records a decision
 * — the GitHub App's webhook (under `owner/name`), the API and the CLI (under the server's repository) — so a
 * deploy gate finds a change whichever way it was judged. Undefined when blastwall never judged that commit; a
 * commit judged in several repositories is signed off only when every one's latest decision is.
 */
export async function changeStatusOf(
  store: Pick<Store, 'listChangeDecisions'>,
  sha: string,
  repository?: string,
): Promise<ChangeStatus | undefined> {
  const wanted = sha.toLowerCase();
  const full = wanted.length === 40 || wanted.length === 64;
  if (!full && wanted.length < MIN_PREFIX) return undefined;
  const decisions = await store.listChangeDecisions(full ? { head: wanted } : { headPrefix: wanted });
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const decision of decisions) {
    if (repository !== undefined && !sameRepository(decision.repo, repository)) continue;
    latest.set(`${decision.repo.toLowerCase()}\u0000${decision.head}`, decision);
  }
  if (latest.size === 0) return undefined;
  const heads = new Set([...latest.values()].map((decision) => decision.head));
  if (heads.size > 1)
    return {
      signedOff: false,
      missing: [`${sha} names ${heads.size} commits blastwall judged; give the full sha`],
    };
  const open = [...latest.values()].filter((decision) => decision.decision !== 'allow');
  return {
    signedOff: open.length === 0,
    missing: [...new Set(open.flatMap((decision) => decision.reasons))],
  };
}
