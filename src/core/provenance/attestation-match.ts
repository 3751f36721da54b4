import type { AttestedSource, LineMatch } from '../model.js';
import { lineHash, normaliseLine, type AttestationIndex } from './attestation.js';

/** A contiguous block of lines a change adds to one file, in order. */
export interface AddedRun {
  file: string;
  /** Line number of the first line in the new file (1-based), when known. */
  start?: number;
  lines: string[];
}

/** A match of added lines: the counts, and per run which lines were claimed (for measuring precision). */
export interface RunsMatch extends LineMatch {
  claimed: boolean[][];
}

// Lines with fewer than this many letters or digits (`}`, `});`, `end`) are too common to attribute by
// content alone: they count as the agent's only next to a line already matched, and never on their own.
const SIGNIFICANT_CHARS = 4;
// How much a claimed neighbour (by offset among non-blank added lines) speaks for a line: the line before most,
// since code an agent writes runs on; one claimed neighbour on either side is enough.
const NEIGHBOURS: readonly (readonly [number, number])[] = [
  [-1, 2],
  [-2, 1],
  [1, 1],
  [2, 0.5],
];

function isSignificant(normalised: string): boolean {
  // Counted by character code while the line is ASCII (nearly every line of code), stopping at enough.
  let count = 0;
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised.charCodeAt(i);
    if (c > 0x7f) return normalised.replace(/[^\p{L}\p{N}]+/gu, '').length >= SIGNIFICANT_CHARS;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      if (++count >= SIGNIFICANT_CHARS) return true;
    }
  }
  return false;
}

/** An added line as matched: its hash, and whether it is long enough to be claimed on its own. */
export interface AddedLine {
  hash: string;
  significant: boolean;
}

/** Added lines already hashed, by their text as the diff has it (null: blank): each is hashed once. */
export type KnownLines = Map<string, AddedLine | null>;

/**
 * Matches the lines a change (or one commit) adds against attested line hashes, by content. Each attested line
 * can be claimed as many times as it was written, so a common line a person also typed is not taken from them.
 * A line the change adds more often than it was attested (`return result;`), or too short to tell (`}`), is
 * claimed only right after a line already claimed: the agent's code runs on, a person's does not. Blank lines are
 * not counted. Pure; O(added lines) Map lookups.
 */
export function matchAddedLines(
  index: AttestationIndex,
  runs: readonly AddedRun[],
  /** Lines already hashed (`addedLineHashes`'s `known`): each line is hashed once. */
  known?: KnownLines,
): RunsMatch {
  const available = new Map<string, number>();
  const perSource = new Map<number, number>();
  const hashes = runs.map((run) => run.lines.map((line) => addedLine(line, known)));
  const demand = new Map<string, number>();
  for (const run of hashes)
    for (const line of run) if (line?.significant) demand.set(line.hash, (demand.get(line.hash) ?? 0) + 1);
  let addedLines = 0;
  let attestedLines = 0;
  const take = (hash: string): boolean => {
    const entry = index.lines.get(hash);
    if (!entry) return false;
    const left = available.get(hash) ?? entry[0];
    if (left <= 0) return false;
    available.set(hash, left - 1);
    perSource.set(entry[1], (perSource.get(entry[1]) ?? 0) + 1);
    attestedLines++;
    return true;
  };
  // Unclaimed lines that were attested: the only ones a neighbour can speak for, [run, line] pairs in order.
  const pending: number[] = [];
  const claimed = hashes.map((run, r) =>
    run.map((line, i) => {
      if (!line) return false;
      addedLines++;
      const entry = index.lines.get(line.hash);
      if (!entry) return false;
      if (line.significant && (demand.get(line.hash) ?? 0) <= entry[0] && take(line.hash)) return true;
      pending.push(r, i);
      return false;
    }),
  );
  if (pending.length > 0) claimByNeighbours(index, hashes, claimed, pending, available, take);
  const sources: AttestedSource[] = [...perSource]
    .sort((a, b) => b[1] - a[1])
    .map(([id, lines]) => ({ ...index.sources[id]!, lines }));
  return { addedLines, attestedLines, sources, claimed };
}

/**
 * Rounds, so a run of short lines after a claimed one is claimed line by line: a pending line whose claimed
 * neighbours (and attested pairs) score 2 or more is claimed while attested copies of it are left, best first.
 */
function claimByNeighbours(
  index: AttestationIndex,
  hashes: readonly (AddedLine | undefined)[][],
  claimed: boolean[][],
  pending: readonly number[],
  available: ReadonlyMap<string, number>,
  take: (hash: string) => boolean,
): void {
  // Per run, its non-blank lines' places, and each line's position among them.
  const nonBlanks = new Map<number, { nonBlank: number[]; position: Map<number, number> }>();
  const placesOf = (r: number) => {
    let places = nonBlanks.get(r);
    if (!places) {
      const nonBlank: number[] = [];
      const position = new Map<number, number>();
      hashes[r]!.forEach((line, i) => {
        if (!line) return;
        position.set(i, nonBlank.length);
        nonBlank.push(i);
      });
      places = { nonBlank, position };
      nonBlanks.set(r, places);
    }
    return places;
  };
  for (let round = 0; round < 4; round++) {
    const candidates: { r: number; i: number; hash: string; score: number }[] = [];
    for (let p = 0; p < pending.length; p += 2) {
      const r = pending[p]!;
      const i = pending[p + 1]!;
      const run = hashes[r]!;
      const flags = claimed[r]!;
      const line = run[i]!;
      if (flags[i] || (available.get(line.hash) ?? index.lines.get(line.hash)?.[0] ?? 0) <= 0) continue;
      const { nonBlank, position } = placesOf(r);
      const k = position.get(i)!;
      let score = 0;
      for (const [offset, weight] of NEIGHBOURS) {
        const j = nonBlank[k + offset];
        if (j !== undefined && flags[j]) score += weight;
      }
      // Written right after (or before) its neighbour in one attested write.
      const before = nonBlank[k - 1];
      const after = nonBlank[k + 1];
      if (before !== undefined && index.pairs.has(`${run[before]!.hash}|${line.hash}`)) score += 1;
      if (after !== undefined && index.pairs.has(`${line.hash}|${run[after]!.hash}`)) score += 1;
      if (score >= 2) candidates.push({ r, i, hash: line.hash, score });
    }
    if (candidates.length === 0) break;
    candidates.sort((a, b) => b.score - a.score);
    for (const candidate of candidates) if (take(candidate.hash)) claimed[candidate.r]![candidate.i] = true;
  }
}

/**
 * The hashes of every non-blank line in some sets of runs: what records must share to matter to a change.
 * `known`, when given, receives each line's hash, for `matchAddedLines` to reuse.
 */
export function addedLineHashes(runSets: readonly (readonly AddedRun[])[], known?: KnownLines): Set<string> {
  const out = new Set<string>();
  // A one-commit change hands its runs twice (the change's and the commit's): read once.
  for (const runs of new Set(runSets))
    for (const run of runs)
      for (const line of run.lines) {
        const added = addedLine(line, known);
        if (added) out.add(added.hash);
      }
  return out;
}

/** A line as matched (undefined when blank), from `known` when it was hashed before, and kept there. */
function addedLine(line: string, known: KnownLines | undefined): AddedLine | undefined {
  const seen = known?.get(line);
  if (seen !== undefined) return seen ?? undefined;
  const normalised = normaliseLine(line);
  const added =
    normalised === '' ? null : { hash: lineHash(normalised), significant: isSignificant(normalised) };
  known?.set(line, added);
  return added ?? undefined;
}
