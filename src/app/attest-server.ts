import { createHash, verify, type KeyObject } from 'node:crypto';
import type { AttestationStore } from '../adapters/storage/attestation-store.js';
import type { ChangeAttestation } from '../core/model.js';
import { indexAttestations, signedPayload, type AttestationRecord } from '../core/provenance/attestation.js';
import { addedLineHashes, matchAddedLines, type AddedRun } from '../core/provenance/attestation-match.js';

// The server's half of attestation: records hooks send are signed on receipt and stored; a pull request's added
// lines (from GitHub's patches) are matched against them, so the App's check sees what the hooks saw.

/** The server's own key, when it has one (the audit key): signs records on receipt, verifies them when read. */
export interface ServerAttestKey {
  keyId: string;
  publicKey: KeyObject;
  sign?: (payload: Uint8Array) => string;
}

/** Signs (when the server holds a key) and stores records whose identity already comes from the caller's token. */
export async function acceptAttestations(
  store: AttestationStore,
  records: readonly AttestationRecord[],
  who: { tokenId: string; actor: string },
  key?: ServerAttestKey,
): Promise<{ stored: number; duplicates: number }> {
  const batch = records.map((record) => {
    const payload = Buffer.from(signedPayload(record));
    return {
      record,
      digest: createHash('sha256').update(payload).digest('hex'),
      tokenId: who.tokenId,
      ...(key?.sign && { serverSig: key.sign(payload), keyId: key.keyId }),
    };
  });
  return store.receive(batch, who.actor);
}

/**
 * Matches a pull request's added lines (its files' patches) against the stored attestations; undefined when none
 * shares a line. With the server's key, a record it did not sign (written to the database behind its back) is
 * ignored and reported. Per-commit shares are not computed here (GitHub gives the net patch only).
 */
export async function storedAttestationFor(
  store: AttestationStore,
  files: readonly { filename: string; patch?: string }[],
  key?: ServerAttestKey,
): Promise<ChangeAttestation | undefined> {
  const runs = files.flatMap((file) =>
    file.patch === undefined ? [] : patchRuns(file.filename, file.patch),
  );
  const wanted = addedLineHashes([runs]);
  if (wanted.size === 0) return undefined;
  const stored = await store.withLines(wanted);
  if (stored.length === 0) return undefined;
  const records: AttestationRecord[] = [];
  const ignored: string[] = [];
  for (const { record, serverSig, keyId } of stored) {
    const payload = Buffer.from(signedPayload(record));
    const where = `server record of ${record.agent} at ${record.at} (${record.file})`;
    if (key && (serverSig === undefined || keyId !== key.keyId))
      ignored.push(`${where}: not signed by this server's key ${key.keyId}`);
    else if (key && !verify(null, payload, key.publicKey, Buffer.from(serverSig!, 'base64')))
      ignored.push(`${where}: signature does not verify (forged or altered)`);
    else records.push(record);
  }
  const { claimed: _, ...change } = matchAddedLines(indexAttestations(records), runs);
  return { change, commits: {}, ignored };
}

/** The added lines of one file's patch, one run per block of consecutive `+` lines. */
export function patchRuns(file: string, patch: string): AddedRun[] {
  const runs: AddedRun[] = [];
  let run: AddedRun | undefined;
  let next = 0;
  for (const line of patch.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      run = undefined;
    } else if (line.startsWith('+')) {
      if (!run) {
        run = { file, start: next, lines: [] };
        runs.push(run);
      }
      run.lines.push(line.slice(1));
      next++;
    } else {
      run = undefined;
      if (!line.startsWith('-') && !line.startsWith('\\')) next++;
    }
  }
  return runs;
}
