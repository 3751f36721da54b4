import { hash } from 'node:crypto';

// Attestation: the hooks record the lines an agent wrote, by content hash, so `check` can recognise them in a
// change whatever its commit messages say. Lines are compared after whitespace normalisation so re-indenting or
// re-wrapping whitespace does not lose provenance, while any edit to a line's text makes it the editor's.

/** One signed record of lines an agent's hook allowed it to write. */
export interface AttestationRecord {
  v: 1;
  /** The file written (absolute, as the agent named it). */
  file: string;
  /** Hashes (`lineHash`) of the non-blank lines the write added. */
  lines: string[];
  agent: string;
  tool: string;
  session?: string;
  onBehalfOf?: string;
  /** ISO 8601 time the hook allowed the write. */
  at: string;
}

/** A line with surrounding whitespace trimmed and inner runs of whitespace collapsed to one space. */
export function normaliseLine(line: string): string {
  const trimmed = line.trim();
  // Most lines have only single spaces inside: tested, not rebuilt (a check normalises every added line).
  return /[^\S ]| {2}/.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** SHA-256 of a normalised line, truncated to 64 bits (hex): collisions stay negligible at millions of lines. */
export function lineHash(normalised: string): string {
  // The one-shot hash: about twice as fast as createHash().update().digest() for a line.
  return hash('sha256', normalised, 'hex').slice(0, 16);
}

/** Normalised non-blank lines of a text. */
export function contentLines(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = normaliseLine(raw);
    if (line !== '') out.push(line);
  }
  return out;
}

/**
 * Hashes of the lines a write adds: the new text's lines minus (as a multiset) the lines that were already
 * there — an Edit's old_string, or the file a Write replaces — so a person's lines the agent merely carried
 * along are never attested as the agent's.
 */
export function writtenLineHashes(newText: string, oldText = ''): string[] {
  const before = new Map<string, number>();
  for (const line of contentLines(oldText)) before.set(line, (before.get(line) ?? 0) + 1);
  const out: string[] = [];
  for (const line of contentLines(newText)) {
    const left = before.get(line) ?? 0;
    if (left > 0) before.set(line, left - 1);
    else out.push(lineHash(line));
  }
  return out;
}

/** The bytes a record's signature covers: its fields in a fixed order, so key order in JSON does not matter. */
export function signedPayload(record: AttestationRecord): string {
  return JSON.stringify([
    record.v,
    record.file,
    record.lines,
    record.agent,
    record.tool,
    record.session ?? null,
    record.onBehalfOf ?? null,
    record.at,
  ]);
}

/** Who wrote attested lines: the agent, the person it acted for and its session. */
export interface AttestationSource {
  agent: string;
  onBehalfOf?: string;
  session?: string;
}

/** Attested line hashes with how many times each was written, and by whom (first writer). */
export interface AttestationIndex {
  /** hash → [times written, index into sources]. */
  lines: Map<string, [number, number]>;
  /** `a|b` for each two lines written one after the other in one write: context for lines too common alone. */
  readonly pairs: ReadonlySet<string>;
  sources: AttestationSource[];
}

/**
 * Indexes verified records for matching; one pass, one Map entry per distinct line. The pairs are built on first
 * use: matching asks for them only about lines the first pass left unclaimed, and often never.
 */
export function indexAttestations(records: readonly AttestationRecord[]): AttestationIndex {
  const lines = new Map<string, [number, number]>();
  const sources: AttestationSource[] = [];
  const sourceIds = new Map<string, number>();
  for (const record of records) {
    const key = `${record.agent}\0${record.onBehalfOf ?? ''}\0${record.session ?? ''}`;
    let source = sourceIds.get(key);
    if (source === undefined) {
      source = sources.length;
      sources.push({
        agent: record.agent,
        ...(record.onBehalfOf !== undefined && { onBehalfOf: record.onBehalfOf }),
        ...(record.session !== undefined && { session: record.session }),
      });
      sourceIds.set(key, source);
    }
    for (const hash of record.lines) {
      const entry = lines.get(hash);
      if (entry) entry[0]++;
      else lines.set(hash, [1, source]);
    }
  }
  let pairs: Set<string> | undefined;
  return {
    lines,
    sources,
    get pairs() {
      if (!pairs) {
        pairs = new Set<string>();
        for (const record of records)
          for (let i = 1; i < record.lines.length; i++)
            pairs.add(`${record.lines[i - 1]}|${record.lines[i]}`);
      }
      return pairs;
    },
  };
}
