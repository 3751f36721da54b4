import { sign } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { signedPayload, type AttestationRecord } from '../../core/provenance/attestation.js';
import { signingKey } from './key.js';

// The hook's half of the store: signing and appending. Apart from store.ts (reading, verifying, checkpoints) so
// the hook process never loads the reader.

/** Signs a record with the key at `keyFile`; the stored line (record and base64 signature) as JSON. */
export function signedLine(keyFile: string, record: AttestationRecord): string {
  const sig = sign(null, Buffer.from(signedPayload(record)), signingKey(keyFile)).toString('base64');
  return JSON.stringify({ ...record, sig });
}

/** Appends one line (one write, so concurrent hooks never interleave), creating the folder 0700 and file 0600. */
export function appendLine(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${line}\n`, { mode: 0o600 });
}

/** Signs a record with the local key and appends it to the store as one JSON line. */
export function appendAttestation(paths: { store: string; key: string }, record: AttestationRecord): string {
  const line = signedLine(paths.key, record);
  appendLine(paths.store, line);
  return line;
}
