import { readAddedLines } from '../adapters/attest/added-lines.js';
import { attestPaths } from '../adapters/attest/key.js';
import { readAttestations } from '../adapters/attest/store.js';
import type { ChangeAttestation, Change } from '../core/model.js';
import { indexAttestations } from '../core/provenance/attestation.js';
import { matchAddedLines, type RunsMatch } from '../core/provenance/attestation-match.js';

/**
 * Matches a change's added lines against the local attestation store; undefined when the store holds nothing
 * (then git is not asked for the diff at all, so checks without attestations cost nothing more).
 */
export async function attestationFor(
  repo: string,
  change: Change,
  env: Record<string, string | undefined>,
): Promise<ChangeAttestation | undefined> {
  const { records, ignored } = readAttestations(attestPaths(env));
  if (records.length === 0 && ignored.length === 0) return undefined;
  const index = indexAttestations(records);
  const added = await readAddedLines(
    repo,
    change.base,
    change.head,
    change.commits.map((c) => c.sha),
  );
  const strip = ({ claimed: _, ...match }: RunsMatch) => match;
  const commits: ChangeAttestation['commits'] = {};
  for (const [sha, runs] of added.commits) commits[sha] = strip(matchAddedLines(index, runs));
  return { change: strip(matchAddedLines(index, added.change)), commits, ignored };
}
