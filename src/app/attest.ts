import { existsSync, statSync } from 'node:fs';
import { readAddedLines } from '../adapters/attest/added-lines.js';
import { attestPaths } from '../adapters/attest/key.js';
import { refExists } from '../adapters/host/git-refs.js';
import { ATTEST_NOTES_REF, readAttestNotes } from '../adapters/attest/notes.js';
import { readAttestations } from '../adapters/attest/store.js';
import { gitAiRecords } from './attest-git-ai.js';
import { trustedAttestKeys } from './attest-trust.js';
import type { AttestationLookup } from './check.js';
import type { ChangeAttestation, Change } from '../core/model.js';
import { indexAttestations } from '../core/provenance/attestation.js';
import {
  addedLineHashes,
  matchAddedLines,
  type KnownLines,
  type RunsMatch,
} from '../core/provenance/attestation-match.js';

/** What `check` matches a change against: the local store and the repository's notes (see `attestationFor`). */
export function attestationLookup(repo: string, env: Record<string, string | undefined>): AttestationLookup {
  return {
    mayExist: () => {
      const paths = attestPaths(env);
      if (hasContent(paths.store) || existsSync(`${paths.store}.checkpoint`)) return true;
      // A ref the files cannot rule out (no git directory found) may exist.
      return [notesRef(env), GIT_AI_NOTES_REF].some((ref) => refExists(repo, ref) !== false);
    },
    match: (change, patch) => attestationFor(repo, change, env, patch),
  };
}

const GIT_AI_NOTES_REF = 'refs/notes/ai';
const notesRef = (env: Record<string, string | undefined>): string =>
  env.BLASTWALL_ATTEST_NOTES_REF ?? ATTEST_NOTES_REF;

/**
 * Matches a change's added lines against the local attestation store, the attestation notes of its commits
 * (`blastwall attest push`, ref `$BLASTWALL_ATTEST_NOTES_REF` or refs/notes/blastwall-attest) and git-ai's line
 * ranges (refs/notes/ai); undefined when none holds anything (then git is not asked for the diff at all, so checks
 * without attestations cost nothing more). `patch`: the change's diff with no context, when it was read with the
 * change (then git is not asked for it again).
 */
export async function attestationFor(
  repo: string,
  change: Change,
  env: Record<string, string | undefined>,
  patch?: string,
): Promise<ChangeAttestation | undefined> {
  const paths = attestPaths(env);
  const shas = change.commits.map((c) => c.sha);
  const noted = await readAttestNotes(repo, notesRef(env), shas, () => trustedAttestKeys(repo, env));
  const declared = await gitAiRecords(repo, change);
  // A store with a checkpoint beside it is read even when empty or gone: its removal is reported, not taken as "none".
  const local = hasContent(paths.store) || existsSync(`${paths.store}.checkpoint`);
  if (!local && noted.records.length === 0 && noted.ignored.length === 0 && declared.length === 0)
    return undefined;
  const added = await readAddedLines(repo, change.base, change.head, shas, patch);
  // Only records sharing a line with the change are kept and indexed: a large store costs a scan, not a Map.
  const known: KnownLines = new Map();
  const wanted = addedLineHashes([added.change, ...added.commits.values()], known);
  const stored = local ? readAttestations(paths, wanted) : { records: [], ignored: [] };
  // A record both in the store and in a note is the same write: counted once.
  const signed = noted.records.length > 0 ? new Set(stored.records.map((r) => JSON.stringify(r))) : undefined;
  const records = [
    ...stored.records,
    ...noted.records.filter((r) => !signed?.has(JSON.stringify(r))),
    ...declared,
  ];
  const ignored = [...stored.ignored, ...noted.ignored];
  const index = indexAttestations(records);
  const strip = ({ claimed: _, ...match }: RunsMatch) => match;
  const whole = strip(matchAddedLines(index, added.change, known));
  const commits: ChangeAttestation['commits'] = {};
  // A one-commit change is its commit (readAddedLines hands the same runs): matched once, not twice.
  for (const [sha, runs] of added.commits)
    commits[sha] = runs === added.change ? { ...whole } : strip(matchAddedLines(index, runs, known));
  return { change: whole, commits, ignored };
}

function hasContent(file: string): boolean {
  try {
    return statSync(file).size > 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
