import { statSync } from 'node:fs';
import { readAddedLines } from '../adapters/attest/added-lines.js';
import { attestPaths } from '../adapters/attest/key.js';
import { readAttestations } from '../adapters/attest/store.js';
import type { ChangeAttestation, Change } from '../core/model.js';
import { indexAttestations } from '../core/provenance/attestation.js';
import { addedLineHashes, matchAddedLines, type RunsMatch } from '../core/provenance/attestation-match.js';

/**
 * Matches a change's added lines against the local attestation store; undefined when the store holds nothing
 * (then git is not asked for the diff at all, so checks without attestations cost nothing more).
 */
export async function attestationFor(
  repo: string,
  change: Change,
  env: Record<string, string | undefined>,
): Promise<ChangeAttestation | undefined> {
  const paths = attestPaths(env);
  if (!hasContent(paths.store)) return undefined;
  const added = await readAddedLines(
    repo,
    change.base,
    change.head,
    change.commits.map((c) => c.sha),
  );
  // Only records sharing a line with the change are kept and indexed: a large store costs a scan, not a Map.
  const wanted = addedLineHashes([added.change, ...added.commits.values()]);
  const { records, ignored } = readAttestations(paths, wanted);
  const index = indexAttestations(records);
  const strip = ({ claimed: _, ...match }: RunsMatch) => match;
  const commits: ChangeAttestation['commits'] = {};
  for (const [sha, runs] of added.commits) commits[sha] = strip(matchAddedLines(index, runs));
  return { change: strip(matchAddedLines(index, added.change)), commits, ignored };
}

function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
