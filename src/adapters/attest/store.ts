import { verify } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readCheckpoint, storeStat, writeCheckpoint, type StoreStat } from './checkpoint.js';
import { signedPayload, type AttestationRecord } from '../../core/provenance/attestation.js';
import { signingKey, verifyingKey, type AttestPaths } from './key.js';

export { appendAttestation } from './append.js';

/** The records whose signature verifies, and why the others were ignored. */
export interface ReadAttestations {
  records: AttestationRecord[];
  ignored: string[];
}

/**
 * Reads and verifies the store; a missing store is empty. A line that is not a well-formed, validly signed record
 * is ignored and reported. `wanted`, when given, keeps only records with at least one of those line hashes (the
 * lines of the change being checked), so a large store costs parsing, not memory.
 */
export function readAttestations(paths: AttestPaths, wanted?: ReadonlySet<string>): ReadAttestations {
  // A removed store is empty, but one a signed checkpoint vouched for was removed, not never written.
  const { store, stat } = readStore(paths.store);
  const key = verifyingKey(paths.key);
  const checkpointFile = `${paths.store}.checkpoint`;
  const found = key ? readCheckpoint(checkpointFile, store, key, stat) : {};
  const { checkpoint } = found;
  const verifiedBytes = checkpoint ? checkpoint.bytes : 0;
  const records: AttestationRecord[] = [];
  const ignored: string[] = checkpoint ? [...checkpoint.ignored] : [];
  if (found.problem) ignored.push(found.problem);
  const ignoredBefore = new Set(ignored.map((why) => /^:(\d+): /.exec(why.slice(paths.store.length))?.[1]));
  const complete = store.lastIndexOf(0x0a) + 1;
  const scan = wanted && verifiedBytes > 0 ? hashScanner(store, wanted) : undefined;
  let offset = 0;
  let lineNumber = 0;
  while (offset < complete) {
    const end = store.indexOf(0x0a, offset);
    const verified = offset < verifiedBytes;
    // A verified line holding none of the wanted hashes is skipped whatever it is: no need to parse it.
    if (verified && scan && !scan(offset, end)) {
      offset = end + 1;
      lineNumber++;
      continue;
    }
    const line = store.toString('utf8', offset, end);
    offset = end + 1;
    lineNumber++;
    if (line === '') continue;
    const where = `${paths.store}:${lineNumber}`;
    const parsed = parseRecord(line);
    if (!parsed) {
      if (!verified) ignored.push(`${where}: not an attestation record`);
      continue;
    }
    if (wanted && !parsed.record.lines.some((hash) => wanted.has(hash))) {
      if (verified) continue;
    } else if (verified) {
      if (!ignoredBefore.has(String(lineNumber))) records.push(parsed.record);
      continue;
    }
    if (!key) {
      ignored.push(`${where}: no signing key to verify it against`);
      continue;
    }
    const ok = verify(
      null,
      Buffer.from(signedPayload(parsed.record)),
      key,
      Buffer.from(parsed.sig, 'base64'),
    );
    if (!ok) ignored.push(`${where}: signature does not verify (forged or altered)`);
    else if (!wanted || parsed.record.lines.some((hash) => wanted.has(hash))) records.push(parsed.record);
  }
  // A tampered store keeps its evidence: the old checkpoint stays until a person removes it. A checkpoint is also
  // written again when the store has settled since (its identity can now be recorded, so it is not hashed again).
  const restamp = stat?.settled === true && found.checkpoint?.stat !== stat.key;
  if (key && !found.problem && complete > 0 && (complete > verifiedBytes || restamp))
    writeCheckpoint(checkpointFile, store, complete, ignored, signingKey(paths.key), stat);
  return { records, ignored };
}

/**
 * The store's bytes, and its identity when it did not change while being read (fstat before and after the read
 * agree); an absent store is empty, with no identity.
 */
function readStore(file: string): { store: Buffer; stat?: StoreStat } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return { store: Buffer.alloc(0) };
  }
  try {
    const before = fstatSync(fd, { bigint: true });
    const store = readFileSync(fd);
    const after = fstatSync(fd, { bigint: true });
    const stat = storeStat(after, Date.now());
    const unchanged = storeStat(before, 0).key === stat.key && after.size === BigInt(store.length);
    return unchanged ? { store, stat } : { store };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a store line (bytes `start` to `end`) may hold one of the `wanted` hashes, without parsing it: a line
 * without a backslash has no JSON escapes, so a string equal to a hash appears in it as the hash in quotes.
 * Exact in one direction, which is all the caller needs: false only when no `lines` entry can equal a wanted hash.
 * Undefined (parse every line) when a wanted hash is not plain hex. The store is searched as one latin1 string,
 * whose offsets are the byte offsets (about twice as fast as parsing each line, in bench/attest-check.mjs).
 */
function hashScanner(
  store: Buffer,
  wanted: ReadonlySet<string>,
): ((start: number, end: number) => boolean) | undefined {
  const lengths = new Set<number>();
  for (const hash of wanted) {
    if (!/^[0-9a-f]+$/.test(hash)) return undefined;
    lengths.add(hash.length);
  }
  const sizes = [...lengths];
  const text = store.toString('latin1');
  let backslash = text.indexOf('\\');
  return (start, end) => {
    if (backslash !== -1 && backslash < start) backslash = text.indexOf('\\', start);
    if (backslash !== -1 && backslash < end) return true;
    for (
      let quote = text.indexOf('"', start);
      quote !== -1 && quote < end;
      quote = text.indexOf('"', quote + 1)
    ) {
      for (const size of sizes) {
        const close = quote + 1 + size;
        if (close < end && text.charCodeAt(close) === 34 && wanted.has(text.slice(quote + 1, close)))
          return true;
      }
    }
    return false;
  };
}

/** Parses one stored record line (with its signature); undefined when it is no well-formed record. */
export function parseRecord(line: string): { record: AttestationRecord; sig: string } | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const text = (x: unknown): x is string => typeof x === 'string';
  if (v.v !== 1 || !text(v.file) || !text(v.agent) || !text(v.tool) || !text(v.at) || !text(v.sig))
    return undefined;
  if (!Array.isArray(v.lines) || !v.lines.every(text)) return undefined;
  if ((v.session !== undefined && !text(v.session)) || (v.onBehalfOf !== undefined && !text(v.onBehalfOf)))
    return undefined;
  const record: AttestationRecord = {
    v: 1,
    file: v.file,
    lines: v.lines,
    agent: v.agent,
    tool: v.tool,
    ...(v.session !== undefined && { session: v.session }),
    ...(v.onBehalfOf !== undefined && { onBehalfOf: v.onBehalfOf }),
    at: v.at,
  };
  return { record, sig: v.sig };
}

/**
 * The store's records that verify with the local key, with their signatures, keeping those sharing a line with
 * `wanted`: what `blastwall attest push` exports. Unverifiable lines are left out, never exported.
 */
export function readSignedAttestations(
  paths: AttestPaths,
  wanted: ReadonlySet<string>,
): { record: AttestationRecord; sig: string }[] {
  let store: string;
  try {
    store = readFileSync(paths.store, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const key = verifyingKey(paths.key);
  if (!key) return [];
  const out: { record: AttestationRecord; sig: string }[] = [];
  for (const line of store.split('\n')) {
    const parsed = line === '' ? undefined : parseRecord(line);
    if (!parsed || !parsed.record.lines.some((hash) => wanted.has(hash))) continue;
    const payload = Buffer.from(signedPayload(parsed.record));
    if (verify(null, payload, key, Buffer.from(parsed.sig, 'base64'))) out.push(parsed);
  }
  return out;
}
