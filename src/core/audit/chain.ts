// Hashing is computation, not I/O, so importing node:crypto keeps core pure.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The previous hash of the first record in a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** What an audit record says; the hash covers exactly these fields. */
export interface AuditBody {
  /** Position in the chain, 1 for the first record, no gaps. */
  seq: number;
  /** ISO-8601 time the record was appended. */
  at: string;
  /** What happened, e.g. `approval.approved`, `action.decision`. */
  kind: string;
  /** Who caused it: a person id, `agent:<id>`, `token:<id>` or `system`. */
  actor: string;
  /** What it is about, e.g. `approval:<id>`, `action:<id>`. */
  subject: string;
  /** Details; any JSON object. */
  data: Record<string, unknown>;
}

/** A record as stored: its body plus the link to its predecessor and its own hash. */
export interface AuditRecord extends AuditBody {
  prevHash: string;
  hash: string;
}

/** The end of a chain: the last sequence number and hash (seq 0 and the genesis hash when empty). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The canonical JSON of a record's hashed fields, with `data` already in canonical JSON: the same
 * bytes as `canonicalJson({ seq, at, kind, actor, subject, data })` (keys in sorted order), built
 * without walking the record twice, since the data's JSON is also what gets stored.
 */
function canonicalBody(body: AuditBody, data: string): string {
  if (!Number.isSafeInteger(body.seq)) throw new TypeError(`audit record seq ${body.seq} is not an integer`);
  return `{"actor":${JSON.stringify(body.actor)},"at":${JSON.stringify(body.at)},"data":${data},"kind":${JSON.stringify(body.kind)},"seq":${body.seq},"subject":${JSON.stringify(body.subject)}}`;
}

function sha256(prevHash: string, canonical: string): string {
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** The hash of a record: sha256 over the previous hash followed by the record's canonical JSON. */
export function hashRecord(prevHash: string, body: AuditBody): string {
  return sha256(prevHash, canonicalBody(body, canonicalJson(body.data)));
}

/** Builds the record that follows `head`. */
export function nextRecord(head: ChainHead, entry: Omit<AuditBody, 'seq'>): AuditRecord {
  return nextRecordWithData(head, entry).record;
}

/** Builds the record that follows `head`, with its data as canonical JSON (the stored form). */
export function nextRecordWithData(
  head: ChainHead,
  entry: Omit<AuditBody, 'seq'>,
): { record: AuditRecord; data: string } {
  const body: AuditBody = {
    seq: head.seq + 1,
    at: entry.at,
    kind: entry.kind,
    actor: entry.actor,
    subject: entry.subject,
    data: entry.data,
  };
  const data = canonicalJson(body.data);
  return {
    record: { ...body, prevHash: head.hash, hash: sha256(head.hash, canonicalBody(body, data)) },
    data,
  };
}

/** Why a record fails verification. */
export type ChainProblem = 'missing' | 'out-of-order' | 'broken-link' | 'edited' | 'truncated';

/** The outcome of verifying a chain: intact, or the first bad record with the reason. */
export type ChainVerdict =
  | { ok: true; count: number; head: ChainHead }
  | { ok: false; count: number; seq: number; problem: ChainProblem; message: string };

/**
 * Verifies records in storage order. A record is bad when its seq is not the next one (deleted or
 * reordered), when its prevHash is not its predecessor's hash, or when its hash does not match
 * its content (edited). With `head`, the stored chain head must match the last record, which is
 * what catches deleting the newest records.
 */
export function verifyChain(records: readonly AuditRecord[], head?: ChainHead): ChainVerdict {
  const present = new Set(records.map((record) => record.seq));
  let expected: ChainHead = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (const record of records) {
    const wanted = expected.seq + 1;
    if (record.seq !== wanted) {
      // A gap whose seq turns up later is a reordering, otherwise a deletion.
      if (record.seq > wanted && !present.has(wanted)) {
        return {
          ok: false,
          count,
          seq: wanted,
          problem: 'missing',
          message: `record ${wanted} is missing (seq ${expected.seq} is followed by ${record.seq})`,
        };
      }
      return {
        ok: false,
        count,
        seq: record.seq,
        problem: 'out-of-order',
        message: `record ${record.seq} is out of order (expected seq ${wanted})`,
      };
    }
    if (record.prevHash !== expected.hash) {
      return {
        ok: false,
        count,
        seq: record.seq,
        problem: 'broken-link',
        message: `record ${record.seq} does not link to record ${expected.seq} (prevHash differs)`,
      };
    }
    if (hashRecord(record.prevHash, record) !== record.hash) {
      return {
        ok: false,
        count,
        seq: record.seq,
        problem: 'edited',
        message: `record ${record.seq} was edited (its hash does not match its content)`,
      };
    }
    expected = { seq: record.seq, hash: record.hash };
    count += 1;
  }
  if (head && (head.seq !== expected.seq || head.hash !== expected.hash)) {
    const seq = expected.seq + 1;
    const message =
      head.seq > expected.seq
        ? `record ${seq} is missing: the chain ends at ${expected.seq} but its head says ${head.seq}`
        : `the chain head (seq ${head.seq}) does not match the last record (seq ${expected.seq})`;
    return { ok: false, count, seq, problem: 'truncated', message };
  }
  return { ok: true, count, head: expected };
}
