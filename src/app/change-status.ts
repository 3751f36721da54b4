import type { ChangeStatus } from '../core/delivery/deploy-gate.js';
import type { Store } from '../adapters/storage/types.js';

/** Shorter abbreviations than git's default could name several commits of a large history. */
const MIN_PREFIX = 7;

/**
 * Where the sign-offs of a change stand, found by its identity (core/change/identity.ts): the repository's full
 * name and the head commit `sha` (full, or abbreviated to at least 7 characters). Every path that records a
 * decision — the GitHub App's webhook, the API, the CLI — records it under that identity, so a deploy gate finds a
 * change however it was judged, and never another repository's judgement of the same commit. Undefined when
 * blastwall never judged that commit in that repository.
 */
export async function changeStatusOf(
  store: Pick<Store, 'listChangeDecisions'>,
  repository: string,
  sha: string,
): Promise<ChangeStatus | undefined> {
  const wanted = sha.toLowerCase();
  const full = wanted.length === 40 || wanted.length === 64;
  if (!full && wanted.length < MIN_PREFIX) return undefined;
  const decisions = await store.listChangeDecisions({
    repo: repository,
    ...(full ? { head: wanted } : { headPrefix: wanted }),
  });
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const decision of decisions) latest.set(decision.changeId, decision);
  if (latest.size === 0) return undefined;
  if (latest.size > 1)
    return {
      signedOff: false,
      missing: [`${sha} names ${latest.size} commits blastwall judged in ${repository}; give the full sha`],
    };
  const [decision] = [...latest.values()];
  return {
    signedOff: decision!.decision === 'allow',
    missing: decision!.decision === 'allow' ? [] : decision!.reasons,
  };
}
