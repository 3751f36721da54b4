import { verify, type KeyObject } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import {
  readCheckpoint,
  readSignedCheckpoint,
  storeStat,
  writeCheckpoint,
  type StoreStat,
} from './checkpoint.js';
import {
  extendIndex,
  lookUp,
  readIndex,
  wantedKeys,
  writeIndex,
  type IndexedRecord,
  type LineIndex,
} from './line-index.js';
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
  const key = verifyingKey(paths.key);
  const keys = wanted && wantedKeys(wanted);
  // A store unchanged since a check verified and indexed it: only the records holding a wanted line are read.
  if (key && wanted && keys) {
    const found = readIndexed(paths, key, wanted, keys);
    if (found) return found;
  }
  return readWhole(paths, key, wanted, keys);
}

/** The checkpoint and line index beside a store. */
const checkpointFile = (paths: AttestPaths): string => `${paths.store}.checkpoint`;
const indexFile = (paths: AttestPaths): string => `${paths.store}.index`;

/** Line numbers the checkpoint's ignored list names (`<store>:<n>: why`). */
function ignoredLines(paths: AttestPaths, ignored: readonly string[]): Set<number> {
  const lines = new Set<number>();
  for (const why of ignored) {
    const n = /^:(\d+): /.exec(why.slice(paths.store.length))?.[1];
    if (n !== undefined && why.startsWith(paths.store)) lines.add(Number(n));
  }
  return lines;
}

/**
 * The wanted records through the line index, when the store is exactly the one the signed checkpoint verified
 * (same identity, nothing appended) and the index is the one it names: only those records are read. Undefined
 * otherwise, and whenever anything read does not fit; then the whole store is read (readWhole).
 */
function readIndexed(
  paths: AttestPaths,
  key: KeyObject,
  wanted: ReadonlySet<string>,
  keys: Uint32Array,
): ReadAttestations | undefined {
  let fd: number;
  try {
    fd = openSync(paths.store, 'r');
  } catch {
    return undefined;
  }
  try {
    const before = fstatSync(fd, { bigint: true });
    const identity = storeStat(before, 0).key;
    const checkpoint = readSignedCheckpoint(checkpointFile(paths), key);
    if (checkpoint?.index === undefined || checkpoint.stat !== identity) return undefined;
    const size = Number(before.size);
    const verified = checkpoint.bytes;
    if (size < verified) return undefined;
    // A complete line after the verified part is a record to verify (and index): the whole store is read.
    if (size > verified && readAt(fd, verified, size - verified).includes(0x0a)) return undefined;
    const index = readIndex(indexFile(paths), checkpoint.index, verified);
    if (!index) return undefined;
    const ignoredBefore = ignoredLines(paths, checkpoint.ignored);
    const records = recordsFromIndex(
      index,
      (start, end) => readAt(fd, start, end - start),
      wanted,
      keys,
      ignoredBefore,
    );
    // Written to while being read: read again, whole.
    if (!records || storeStat(fstatSync(fd, { bigint: true }), 0).key !== identity) return undefined;
    return { records, ignored: [...checkpoint.ignored] };
  } finally {
    closeSync(fd);
  }
}

/**
 * The verified records holding a wanted line, found through the index and read with `read(start, end)` (records
 * close together in one read); each is parsed and its lines compared, so only a real holder counts. Undefined when
 * a place the index names is not a whole record line of the part it covers.
 */
function recordsFromIndex(
  index: LineIndex,
  read: (start: number, end: number) => Buffer,
  wanted: ReadonlySet<string>,
  keys: Uint32Array,
  ignoredBefore: ReadonlySet<number>,
): AttestationRecord[] | undefined {
  const spans: { start: number; end: number; ids: number[] }[] = [];
  for (const id of lookUp(index, keys)) {
    const offset = index.offsets[id]!;
    // With the newline before and after it.
    const start = Math.max(0, offset - 1);
    const end = offset + index.lengths[id]! + 1;
    if (end > index.bytes) return undefined;
    const last = spans.at(-1);
    if (last && start - last.end < 16_384) {
      last.end = Math.max(last.end, end);
      last.ids.push(id);
    } else spans.push({ start, end, ids: [id] });
  }
  const records: AttestationRecord[] = [];
  for (const span of spans) {
    const bytes = read(span.start, span.end);
    for (const id of span.ids) {
      const offset = index.offsets[id]! - span.start;
      const stop = offset + index.lengths[id]!;
      if ((index.offsets[id]! > 0 && bytes[offset - 1] !== 0x0a) || bytes[stop] !== 0x0a) return undefined;
      const parsed = parseRecord(bytes.toString('utf8', offset, stop));
      if (!parsed) return undefined;
      if (ignoredBefore.has(index.lines[id]!)) continue;
      if (parsed.record.lines.some((hash) => wanted.has(hash))) records.push(parsed.record);
    }
  }
  return records;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Reads, verifies and indexes the whole store (what an earlier check verified is only searched, not verified). */
function readWhole(
  paths: AttestPaths,
  key: KeyObject | undefined,
  wanted: ReadonlySet<string> | undefined,
  keys: Uint32Array | undefined,
): ReadAttestations {
  // A removed store is empty, but one a signed checkpoint vouched for was removed, not never written.
  const { store, stat } = readStore(paths.store);
  const found = key ? readCheckpoint(checkpointFile(paths), store, key, stat) : {};
  const { checkpoint } = found;
  const verifiedBytes = checkpoint ? checkpoint.bytes : 0;
  const records: AttestationRecord[] = [];
  const ignored: string[] = checkpoint ? [...checkpoint.ignored] : [];
  if (found.problem) ignored.push(found.problem);
  const ignoredBefore = ignoredLines(paths, ignored);
  // The verified part is searched through its index when the checkpoint names one that is intact; without one,
  // every verified record is parsed once more, to build it.
  let oldIndex =
    checkpoint?.index !== undefined
      ? readIndex(indexFile(paths), checkpoint.index, verifiedBytes)
      : undefined;
  const fromIndex =
    oldIndex && wanted && keys
      ? recordsFromIndex(oldIndex, (start, end) => store.subarray(start, end), wanted, keys, ignoredBefore)
      : undefined;
  if (oldIndex && wanted && keys && !fromIndex) oldIndex = undefined;
  const building = key !== undefined && !found.problem && oldIndex === undefined;
  const fresh: IndexedRecord[] = [];
  const complete = store.lastIndexOf(0x0a) + 1;
  let offset = 0;
  let lineNumber = 0;
  if (fromIndex && oldIndex) {
    records.push(...fromIndex);
    offset = verifiedBytes;
    lineNumber = oldIndex.lineCount;
  }
  const scan = wanted && verifiedBytes > offset && !building ? hashScanner(store, wanted) : undefined;
  while (offset < complete) {
    const start = offset;
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
    const indexed = { offset: start, length: end - start, line: lineNumber, hashes: parsed.record.lines };
    if (verified) {
      if (ignoredBefore.has(lineNumber)) continue;
      if (building) fresh.push(indexed);
      if (!wanted || parsed.record.lines.some((hash) => wanted.has(hash))) records.push(parsed.record);
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
    if (!ok) {
      ignored.push(`${where}: signature does not verify (forged or altered)`);
      continue;
    }
    fresh.push(indexed);
    if (!wanted || parsed.record.lines.some((hash) => wanted.has(hash))) records.push(parsed.record);
  }
  // A tampered store keeps its evidence: the old checkpoint stays until a person removes it. A checkpoint is also
  // written again when the store has settled since (its identity can now be recorded, so it is not hashed again),
  // and when its index is missing or does not fit (then built afresh).
  if (key && !found.problem && complete > 0) {
    const grown = complete > verifiedBytes;
    const restamp = stat?.settled === true && checkpoint?.stat !== stat.key;
    let digest = oldIndex ? checkpoint?.index : undefined;
    let write = grown || restamp;
    if (grown || !oldIndex) {
      const index = extendIndex(oldIndex, fresh, complete, lineNumber);
      digest = index && writeIndex(indexFile(paths), index);
      if (digest !== undefined) write = true;
    }
    if (write)
      writeCheckpoint(checkpointFile(paths), store, complete, ignored, signingKey(paths.key), stat, digest);
  }
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
