// Hashing is computation, not I/O, so importing node:crypto keeps core pure.
import { createHash } from 'node:crypto';
import type { AuditRecord } from './chain.js';
import { canonicalJson } from './canonical-json.js';

/** Tables whose rows carry the hash of the audit record that last described them. */
export const BOUND_TABLES = [
  'action_decisions',
  'change_decisions',
  'approvals',
  'credential_grants',
  'api_tokens',
] as const;
export type BoundTable = (typeof BOUND_TABLES)[number];

/** What an audit record says of a row it describes (`data.row`, or one of `data.rows`). */
export interface RowBinding {
  table: BoundTable;
  id: string;
  /** `rowDigest` of the row as it stood after the change the record describes. */
  digest: string;
}

/** A stored row as verification sees it: its digest now and the audit record it points at. */
export interface BoundRow {
  table: BoundTable;
  id: string;
  digest: string;
  auditHash: string | null;
}

/** The digest of a row's fields (named by the caller, so a new column never silently changes it). */
export function rowDigest(fields: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

function bindingsOf(record: AuditRecord): RowBinding[] {
  const { row, rows } = record.data as { row?: RowBinding; rows?: RowBinding[] };
  return [...(row ? [row] : []), ...(Array.isArray(rows) ? rows : [])];
}

/** The outcome of checking rows against their audit records. */
export type BindingVerdict =
  { ok: true; rows: number } | { ok: false; rows: number; seq: number; message: string };

/**
 * Checks every bound row against the chain (which has verified already): each row points at an audit
 * record that describes it, its digest is the one recorded, and no later record describes it (a row
 * rolled back to an older state); and each row some record describes still exists. So editing a row
 * (deny → allow, pending → approved) or deleting it is found, whatever the attacker does to the row.
 */
export function verifyBindings(records: readonly AuditRecord[], rows: Iterable<BoundRow>): BindingVerdict {
  const byHash = new Map<string, AuditRecord>();
  const latest = new Map<string, { record: AuditRecord; binding: RowBinding }>();
  for (const record of records) {
    byHash.set(record.hash, record);
    for (const binding of bindingsOf(record))
      latest.set(`${binding.table}:${binding.id}`, { record, binding });
  }
  let count = 0;
  const seen = new Set<string>();
  for (const row of rows) {
    const key = `${row.table}:${row.id}`;
    const name = `${row.table} row ${row.id}`;
    const fail = (seq: number, message: string) => ({ ok: false, rows: count, seq, message }) as const;
    seen.add(key);
    const newest = latest.get(key);
    if (row.auditHash === null)
      return fail(
        newest?.record.seq ?? 0,
        `${name} carries no audit record hash: it was added or unbound behind blastwall's back`,
      );
    const record = byHash.get(row.auditHash);
    if (!record)
      return fail(0, `${name} points at no audit record: it was forged or its record was rewritten`);
    const binding = bindingsOf(record).find((b) => b.table === row.table && b.id === row.id);
    if (!binding)
      return fail(record.seq, `${name} points at audit record ${record.seq}, which is about something else`);
    if (newest && newest.record.seq !== record.seq)
      return fail(
        newest.record.seq,
        `${name} was rolled back: audit record ${newest.record.seq} describes it later than record ${record.seq}`,
      );
    if (binding.digest !== row.digest)
      return fail(record.seq, `${name} was edited after audit record ${record.seq} recorded it`);
    count += 1;
  }
  for (const [key, { record }] of latest) {
    if (!seen.has(key)) {
      const [table, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      return {
        ok: false,
        rows: count,
        seq: record.seq,
        message: `${table} row ${id} was deleted (audit record ${record.seq} recorded it)`,
      };
    }
  }
  return { ok: true, rows: count };
}
