import { readAddedLines } from '../adapters/attest/added-lines.js';
import { attestPaths, signingKey } from '../adapters/attest/key.js';
import { noteText, publicKeyText, writeAttestNotes } from '../adapters/attest/notes.js';
import { readSignedAttestations } from '../adapters/attest/store.js';
import { parseRange, readChange } from '../adapters/git/read-change.js';
import { addedLineHashes } from '../core/provenance/attestation-match.js';

/** What `blastwall attest push` wrote. */
export interface AttestPushResult {
  ref: string;
  base: string;
  head: string;
  /** Commits of the range, and how many got a note (those with attested added lines). */
  commits: number;
  notes: number;
  records: number;
}

/**
 * Writes, for each commit of the range (default: the current branch against the default branch), a note on `ref`
 * with the signed local records whose lines that commit adds. Records keep their signatures and carry the public
 * key, so a clone that fetches the ref verifies them without the local store.
 */
export async function pushAttestations(
  repo: string,
  range: string | undefined,
  ref: string,
  env: Record<string, string | undefined>,
): Promise<AttestPushResult> {
  const change = await readChange(repo, parseRange(range));
  const shas = change.commits.map((c) => c.sha);
  const result = { ref, base: change.base, head: change.head, commits: shas.length, notes: 0, records: 0 };
  if (shas.length === 0) return result;
  const paths = attestPaths(env);
  const added = await readAddedLines(repo, change.base, change.head, shas);
  const all = readSignedAttestations(paths, addedLineHashes([...added.commits.values()]));
  if (all.length === 0) return result;
  const key = publicKeyText(signingKey(paths.key));
  const notes = new Map<string, string>();
  const exported = new Set<string>();
  for (const [sha, runs] of added.commits) {
    const wanted = addedLineHashes([runs]);
    const records = all.filter(({ record }) => record.lines.some((hash) => wanted.has(hash)));
    if (records.length === 0) continue;
    notes.set(sha, noteText(records.map((r) => ({ ...r, key }))));
    for (const r of records) exported.add(r.sig);
  }
  await writeAttestNotes(repo, ref, notes);
  return { ...result, notes: notes.size, records: exported.size };
}
