import { spawn } from 'node:child_process';
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlastwallError } from '../../core/errors.js';
import { signedPayload, type AttestationRecord } from '../../core/provenance/attestation.js';
import { runGit } from '../git/run-git.js';
import { refExists } from '../host/git-refs.js';
import { parseRecord } from './store.js';

// Attestations exported as git notes (`blastwall attest push`), so a clone without the local store — CI, the
// GitHub Action — still recognises the agent's lines. Each record keeps its signature and carries the public key
// that made it; a record whose signature does not verify with that key is ignored and reported.

/** The notes ref attestations are pushed to and read from by default. */
export const ATTEST_NOTES_REF = 'refs/notes/blastwall-attest';

/** One exported record: the signed record, its signature and the signer's public key (SPKI DER, base64). */
export interface SignedRecord {
  record: AttestationRecord;
  sig: string;
  key: string;
}

/** The note text for one commit: a JSON document with a format marker, one record per line for readable diffs. */
export function noteText(records: readonly SignedRecord[]): string {
  const lines = records.map(({ record, sig, key }) => JSON.stringify({ ...record, sig, key }));
  return `{"blastwall-attest": 1, "records": [\n${lines.join(',\n')}\n]}\n`;
}

/** The public key of a private key, as a note carries it. */
export function publicKeyText(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

/** Writes (replacing) one note per commit on `ref`. */
export async function writeAttestNotes(
  repo: string,
  ref: string,
  notes: ReadonlyMap<string, string>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'blastwall-note-'));
  try {
    for (const [sha, text] of notes) {
      const file = join(dir, sha);
      writeFileSync(file, text);
      await runGit(repo, ['notes', `--ref=${ref}`, 'add', '-f', '-F', file, sha]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A public key as configured (base64 SPKI DER or PEM), in the form notes carry it; undefined when it is no key. */
export function keyText(configured: string): string | undefined {
  try {
    const text = configured.trim();
    const key = text.startsWith('-----BEGIN')
      ? createPublicKey(text)
      : createPublicKey({ key: Buffer.from(text, 'base64'), format: 'der', type: 'spki' });
    return key.export({ type: 'spki', format: 'der' }).toString('base64');
  } catch {
    return undefined;
  }
}

/**
 * The verified records of the notes on `ref` for these commits, and why others were ignored. With `trustedKeys`
 * (asked for only when the ref has notes), a record is taken only when one of those keys signed it: one signed by
 * any other key is ignored as signed by an unknown key, whatever its signature says.
 */
export async function readAttestNotes(
  repo: string,
  ref: string,
  commitShas: readonly string[],
  trustedKeys?: () => readonly string[],
): Promise<{ records: AttestationRecord[]; ignored: string[] }> {
  const records: AttestationRecord[] = [];
  const ignored: string[] = [];
  // Most repositories have no attestation notes: the ref files say so without starting git.
  const exists =
    refExists(repo, ref) ??
    (await runGit(repo, ['rev-parse', '-q', '--verify', ref], { allowFailure: true })).trim() !== '';
  if (!exists) return { records, ignored };
  // One `notes list` says which commits have a note: a long range with few notes costs one git run, not one each.
  const noted = new Map(
    (await runGit(repo, ['notes', `--ref=${ref}`, 'list']))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ').reverse() as [string, string]),
  );
  const wanted = commitShas.flatMap((sha) => {
    const blob = noted.get(sha);
    return blob === undefined ? [] : [[sha, blob] as const];
  });
  const texts = await readBlobs(
    repo,
    wanted.map(([, blob]) => blob),
  );
  const seen = new Set<string>();
  const configured = trustedKeys?.() ?? [];
  const trusted = new Set(configured.flatMap((key) => keyText(key) ?? []));
  if (configured.length > trusted.size)
    ignored.push(`${configured.length - trusted.size} of attestation.trustedKeys is not a public key`);
  for (const [n, [sha]] of wanted.entries()) {
    const text = texts[n] ?? '';
    const where = `${ref} note on ${sha.slice(0, 12)}`;
    const read = parseNote(text);
    if (!read) {
      ignored.push(`${where}: not an attestation note`);
      continue;
    }
    read.forEach((entry, i) => {
      if (entry && configured.length > 0 && !trusted.has(keyText(entry.key) ?? '')) {
        ignored.push(
          `${where}: record ${i + 1}: signed by an unknown key ${keyId(entry.key)} (not one of attestation.trustedKeys)`,
        );
        return;
      }
      const verified = entry && verifyEntry(entry);
      if (!verified) {
        ignored.push(
          `${where}: record ${i + 1}: ${entry ? 'signature does not verify (forged or altered)' : 'not an attestation record'}`,
        );
        return;
      }
      // A record a later commit's note repeats (its lines span commits) is counted once.
      if (seen.has(entry.sig)) return;
      seen.add(entry.sig);
      records.push(verified);
    });
  }
  return { records, ignored };
}

function parseNote(text: string): (SignedRecord | undefined)[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const doc = value as { 'blastwall-attest'?: unknown; records?: unknown };
  if (typeof doc !== 'object' || doc === null || doc['blastwall-attest'] !== 1 || !Array.isArray(doc.records))
    return undefined;
  return doc.records.map((raw: unknown) => {
    const key = (raw as { key?: unknown } | null)?.key;
    const parsed = typeof key === 'string' ? parseRecord(JSON.stringify(raw)) : undefined;
    return parsed && typeof key === 'string' ? { ...parsed, key } : undefined;
  });
}

/** A short, stable name of a key for messages: sha256 of its text, 16 hex digits. */
function keyId(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

function verifyEntry(entry: SignedRecord): AttestationRecord | undefined {
  try {
    const key = createPublicKey({ key: Buffer.from(entry.key, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return undefined;
    const ok = verify(null, Buffer.from(signedPayload(entry.record)), key, Buffer.from(entry.sig, 'base64'));
    return ok ? entry.record : undefined;
  } catch {
    return undefined;
  }
}

/** The contents of blobs, in order, from one `git cat-file --batch` (one process for any number of notes). */
function readBlobs(repo: string, blobs: readonly string[]): Promise<string[]> {
  if (blobs.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: repo, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0)
        return reject(
          new BlastwallError('external', `git cat-file --batch failed in ${repo} (exit ${code})`),
        );
      const out = Buffer.concat(chunks);
      const texts: string[] = [];
      let offset = 0;
      for (let i = 0; i < blobs.length; i++) {
        const newline = out.indexOf(0x0a, offset);
        const header = out.toString('utf8', offset, newline).split(' ');
        const size = Number(header[2]);
        if (header[1] !== 'blob' || !Number.isInteger(size)) {
          texts.push('');
          offset = newline + 1;
          continue;
        }
        texts.push(out.toString('utf8', newline + 1, newline + 1 + size));
        offset = newline + 1 + size + 1;
      }
      resolve(texts);
    });
    child.stdin.end(`${blobs.join('\n')}\n`);
  });
}
