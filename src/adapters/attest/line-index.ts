import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

// A check wants the few records that share a line with the change, out of a store of every line an agent ever
// wrote. Scanning the whole store for them cost more than the rest of the check. So each time a check verifies
// records it also writes this index of the verified part: the records' places in the store and, sorted, the
// first 32 bits of each line hash with the record that holds it. A check then looks its lines up (a binary search
// each) and reads only the records found, plus any appended since.
//
// The index is only a way to find records; it never decides anything. It is trusted only when the signed
// checkpoint names its SHA-256 (checkpoint.ts), so an index that was edited, truncated or deleted is rebuilt from
// the store, and every record it points at is read from the store, parsed, and kept only when it really holds a
// wanted line and is not one the checkpoint lists as ignored. An index that points wrongly therefore cannot make
// a line an agent's, nor bring back a forged record; at worst it would miss one, and only a key-holder could make
// the checkpoint vouch for such an index.

/** A verified record's place in the store and the line hashes it holds. */
export interface IndexedRecord {
  /** Byte offset of the record's line in the store. */
  offset: number;
  /** Its length in bytes, without the newline. */
  length: number;
  /** Its line number (1-based), as the checkpoint's ignored list counts them. */
  line: number;
  hashes: readonly string[];
}

/** The index of the verified part of a store (its first `bytes` bytes). */
export interface LineIndex {
  bytes: number;
  /** How many lines those bytes hold (blank and ignored ones too): the number of the first line after them, less one. */
  lineCount: number;
  /** Per record, in store order. */
  offsets: Float64Array;
  lengths: Uint32Array;
  lines: Uint32Array;
  /** The first 32 bits of each indexed line hash, ascending, and the record (position above) holding it. */
  keys: Uint32Array;
  records: Uint32Array;
}

const MAGIC = 0x58495742; // "BWIX" read little-endian; read on a machine of the other byte order it differs
const VERSION = 1;
const HEADER = 32;
// A key and its record are sorted together as one number, key * 2^21 + record, exact in a float64 (53 bits).
const RECORD_BITS = 2 ** 21;
/** Line hashes as `lineHash` writes them; only these are indexed, and only these are looked up. */
export const INDEXABLE = /^[0-9a-f]{16}$/;

const keyOf = (hash: string): number => Number.parseInt(hash.slice(0, 8), 16);

/**
 * The keys (first 32 bits) of the wanted hashes, ascending, to look up; undefined when one is not a `lineHash`
 * (then the index cannot answer for it, and the store is scanned).
 */
export function wantedKeys(wanted: ReadonlySet<string>): Uint32Array | undefined {
  const keys = new Uint32Array(wanted.size);
  let n = 0;
  for (const hash of wanted) {
    if (hash.length !== 16) return undefined;
    // Checked by character code: lower-case hex only, as INDEXABLE.
    for (let i = 0; i < 16; i++) {
      const c = hash.charCodeAt(i);
      if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return undefined;
    }
    keys[n++] = keyOf(hash);
  }
  return keys.sort();
}

/**
 * The index of `records` (in store order, covering the store's first `bytes` bytes, `lineCount` lines), added to
 * `base` (an index of the records before them); undefined when the store is too large to index (then checks scan
 * it, as before).
 */
export function extendIndex(
  base: LineIndex | undefined,
  records: readonly IndexedRecord[],
  bytes: number,
  lineCount: number,
): LineIndex | undefined {
  const first = base?.offsets.length ?? 0;
  const count = first + records.length;
  if (count >= RECORD_BITS || bytes > Number.MAX_SAFE_INTEGER) return undefined;
  const offsets = new Float64Array(count);
  const lengths = new Uint32Array(count);
  const lines = new Uint32Array(count);
  if (base) {
    offsets.set(base.offsets);
    lengths.set(base.lengths);
    lines.set(base.lines);
  }
  let added = 0;
  for (const record of records) for (const hash of record.hashes) if (INDEXABLE.test(hash)) added++;
  const fresh = new Float64Array(added);
  let n = 0;
  records.forEach((record, i) => {
    const id = first + i;
    offsets[id] = record.offset;
    lengths[id] = record.length;
    lines[id] = record.line;
    for (const hash of record.hashes) if (INDEXABLE.test(hash)) fresh[n++] = keyOf(hash) * RECORD_BITS + id;
  });
  fresh.sort();
  // Merged with the base's entries, already sorted: the cost of a check after new writes grows with them.
  const old = base?.keys.length ?? 0;
  const keys = new Uint32Array(old + added);
  const owners = new Uint32Array(old + added);
  let i = 0;
  let j = 0;
  for (let k = 0; k < keys.length; k++) {
    const fromFresh = fresh[j] ?? Infinity;
    if (i < old && base!.keys[i]! <= Math.floor(fromFresh / RECORD_BITS)) {
      keys[k] = base!.keys[i]!;
      owners[k] = base!.records[i]!;
      i++;
    } else {
      keys[k] = Math.floor(fromFresh / RECORD_BITS);
      owners[k] = fromFresh % RECORD_BITS;
      j++;
    }
  }
  return { bytes, lineCount, offsets, lengths, lines, keys, records: owners };
}

/**
 * The records that may hold a wanted hash (each has a line whose first 32 bits match one), in store order; `keys`
 * from `wantedKeys`. Both lists are sorted, so each search starts where the last one ended.
 */
export function lookUp(index: LineIndex, keys: Uint32Array): number[] {
  const hit = new Uint8Array(index.offsets.length);
  const all = index.keys;
  let low = 0;
  for (const key of keys) {
    let high = all.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (all[middle]! < key) low = middle + 1;
      else high = middle;
    }
    for (let k = low; k < all.length && all[k] === key; k++) {
      const record = index.records[k]!;
      if (record < hit.length) hit[record] = 1;
    }
  }
  const out: number[] = [];
  for (let record = 0; record < hit.length; record++) if (hit[record]) out.push(record);
  return out;
}

/** The index as stored. */
export function serialiseIndex(index: LineIndex): Buffer {
  const records = index.offsets.length;
  const entries = index.keys.length;
  const buffer = Buffer.alloc(HEADER + 16 * records + 8 * entries);
  const header = new Uint32Array(buffer.buffer, buffer.byteOffset, 8);
  header.set([MAGIC, VERSION]);
  header[4] = records;
  header[5] = entries;
  new Float64Array(buffer.buffer, buffer.byteOffset + 8, 1)[0] = index.bytes;
  new Float64Array(buffer.buffer, buffer.byteOffset + 24, 1)[0] = index.lineCount;
  let at = HEADER;
  for (const part of [index.offsets, index.lengths, index.lines, index.keys, index.records]) {
    buffer.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
  }
  return buffer;
}

/** An index as read back; undefined when the bytes are not one (wrong format, byte order or size). */
export function parseIndex(data: Buffer): LineIndex | undefined {
  if (data.length < HEADER) return undefined;
  // Typed arrays need aligned offsets; a pooled Buffer may not be (Buffer.alloc never is pooled).
  const bytes = data.byteOffset % 8 === 0 ? data : copy(data);
  const base = bytes.byteOffset;
  const header = new Uint32Array(bytes.buffer, base, 8);
  if (header[0] !== MAGIC || header[1] !== VERSION) return undefined;
  const records = header[4]!;
  const entries = header[5]!;
  if (bytes.length !== HEADER + 16 * records + 8 * entries) return undefined;
  let at = base + HEADER;
  const take = <T>(make: (offset: number) => T, size: number): T => {
    const out = make(at);
    at += size;
    return out;
  };
  return {
    bytes: new Float64Array(bytes.buffer, base + 8, 1)[0]!,
    lineCount: new Float64Array(bytes.buffer, base + 24, 1)[0]!,
    offsets: take((o) => new Float64Array(bytes.buffer, o, records), 8 * records),
    lengths: take((o) => new Uint32Array(bytes.buffer, o, records), 4 * records),
    lines: take((o) => new Uint32Array(bytes.buffer, o, records), 4 * records),
    keys: take((o) => new Uint32Array(bytes.buffer, o, entries), 4 * entries),
    records: take((o) => new Uint32Array(bytes.buffer, o, entries), 4 * entries),
  };
}

function copy(data: Buffer): Buffer {
  const out = Buffer.alloc(data.length);
  data.copy(out);
  return out;
}

/** SHA-256 (hex) of an index as stored: what the signed checkpoint names. */
export function indexDigest(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The index stored at `file` when its SHA-256 is `digest` and it covers the store's first `bytes` bytes;
 * undefined otherwise (absent, changed, truncated, or of another checkpoint).
 */
export function readIndex(file: string, digest: string, bytes: number): LineIndex | undefined {
  let data: Buffer;
  let stamp: string;
  try {
    stamp = fileStamp(file);
    // Trusted for its digest alone, so the copy verified before serves while the file is untouched: a changed or
    // deleted file is read (and rebuilt) as before.
    if (lastRead?.digest === digest && lastRead.file === file && lastRead.stamp === stamp)
      return lastRead.index.bytes === bytes ? lastRead.index : undefined;
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (indexDigest(data) !== digest) return undefined;
  const index = parseIndex(data);
  // The file's stamp from before it was read: a write since then makes the next read miss this copy.
  if (index) lastRead = { file, stamp, digest, index };
  return index?.bytes === bytes ? index : undefined;
}

// The last index read and verified: a process that checks again (the server, the hook daemon's push checks)
// finds it here while the checkpoint still names it. Nothing changes an index once parsed (lookUp only reads it).
let lastRead: { file: string; stamp: string; digest: string; index: LineIndex } | undefined;

function fileStamp(file: string): string {
  const stat = statSync(file, { bigint: true });
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** Writes an index (aside, then renamed into place); its digest, or undefined when it could not be written. */
export function writeIndex(file: string, index: LineIndex): string | undefined {
  const data = serialiseIndex(index);
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
  } catch {
    return undefined; // the next check scans the store and tries again
  }
  return indexDigest(data);
}
