import type { AttestedSource, LineMatch } from '../model.js';
import { lineHash, normaliseLine, type AttestationIndex } from './attestation.js';

/** A contiguous block of lines a change adds to one file, in order. */
export interface AddedRun {
  file: string;
  lines: string[];
}

/** A match of added lines: the counts, and per run which lines were claimed (for measuring precision). */
export interface RunsMatch extends LineMatch {
  claimed: boolean[][];
}

// Lines with fewer than this many letters or digits (`}`, `});`, `end`) are too common to attribute by
// content alone: they count as the agent's only next to a line already matched, and never on their own.
const SIGNIFICANT_CHARS = 4;

function isSignificant(normalised: string): boolean {
  let count = 0;
  for (const char of normalised) if (/[\p{L}\p{N}]/u.test(char) && ++count >= SIGNIFICANT_CHARS) return true;
  return false;
}

/**
 * Matches the lines a change (or one commit) adds against attested line hashes, by content. Each attested line
 * can be claimed as many times as it was written, so a common line a person also typed is not taken from them;
 * blank lines are not counted. Pure; O(added lines) Map lookups.
 */
export function matchAddedLines(index: AttestationIndex, runs: readonly AddedRun[]): RunsMatch {
  const used = new Map<string, number>();
  const perSource = new Map<number, number>();
  const claimed: boolean[][] = [];
  const normalised: string[][] = [];
  let addedLines = 0;
  let attestedLines = 0;
  const take = (line: string): boolean => {
    const hash = lineHash(line);
    const entry = index.lines.get(hash);
    if (!entry) return false;
    const taken = used.get(hash) ?? 0;
    if (taken >= entry[0]) return false;
    used.set(hash, taken + 1);
    perSource.set(entry[1], (perSource.get(entry[1]) ?? 0) + 1);
    attestedLines++;
    return true;
  };
  for (const run of runs) {
    const lines = run.lines.map(normaliseLine);
    normalised.push(lines);
    const flags = lines.map(() => false);
    claimed.push(flags);
    lines.forEach((line, i) => {
      if (line === '') return;
      addedLines++;
      if (isSignificant(line)) flags[i] = take(line);
    });
  }
  // Short lines next to matched ones: forwards (a closing brace after the agent's code), then backwards.
  normalised.forEach((lines, r) => {
    const flags = claimed[r]!;
    for (const order of [forwards(lines.length), backwards(lines.length)]) {
      let previous = false;
      for (const i of order) {
        const line = lines[i]!;
        if (line === '') continue;
        if (!flags[i] && previous && !isSignificant(line)) flags[i] = take(line);
        previous = flags[i]!;
      }
    }
  });
  const sources: AttestedSource[] = [...perSource]
    .sort((a, b) => b[1] - a[1])
    .map(([id, lines]) => ({ ...index.sources[id]!, lines }));
  return { addedLines, attestedLines, sources, claimed };
}

function forwards(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function backwards(n: number): number[] {
  return Array.from({ length: n }, (_, i) => n - 1 - i);
}
