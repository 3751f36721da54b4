import type { OwnerRule } from '../model.js';
import { compilePattern } from './pattern.js';

/** Answers "who owns this path" for a fixed set of CODEOWNERS rules. */
export interface OwnerMatcher {
  /** Owners of the last matching rule; empty when no rule matches or the rule clears ownership. */
  ownersOf(path: string): string[];
  /** The rule that decides a path (the last one that matches), if any. */
  ruleFor(path: string): OwnerRule | undefined;
}

/**
 * Rule indexes grouped by what a path must contain for the rule to match. Every list is kept in
 * descending rule order, so each can be scanned from the last rule and abandoned as soon as it
 * can no longer beat the best match found so far.
 */
interface RuleIndex {
  bySegment: Map<string, number[]>;
  byExtension: Map<string, number[]>;
  unindexed: number[];
}

function push(map: Map<string, number[]>, key: string, index: number): void {
  const list = map.get(key);
  if (list) list.push(index);
  else map.set(key, [index]);
}

function normalise(path: string): string {
  let start = 0;
  while (path.startsWith('./', start)) start += 2;
  while (path[start] === '/') start++;
  return start === 0 ? path : path.slice(start);
}

/** Compiles rules once and indexes them by a required path segment or extension; last match wins. */
export function createOwnerMatcher(rules: readonly OwnerRule[]): OwnerMatcher {
  const compiledRules = rules.map((rule) => compilePattern(rule.pattern));
  const regexes = compiledRules.map((compiled) => compiled?.regex);
  // How many rules name each literal segment, so each rule is filed under its rarest one.
  const segmentCounts = new Map<string, number>();
  for (const compiled of compiledRules) {
    for (const segment of new Set(compiled?.segments))
      segmentCounts.set(segment, (segmentCounts.get(segment) ?? 0) + 1);
  }
  const index: RuleIndex = { bySegment: new Map(), byExtension: new Map(), unindexed: [] };
  for (let i = rules.length - 1; i >= 0; i--) {
    const compiled = compiledRules[i];
    if (!compiled) continue;
    let rarest: string | undefined;
    for (const segment of compiled.segments) {
      if (rarest === undefined || (segmentCounts.get(segment) ?? 0) < (segmentCounts.get(rarest) ?? 0))
        rarest = segment;
    }
    if (rarest !== undefined) push(index.bySegment, rarest, i);
    else if (compiled.extension !== undefined) push(index.byExtension, compiled.extension, i);
    else index.unindexed.push(i);
  }

  function scan(list: number[] | undefined, path: string, best: number): number {
    if (!list) return best;
    for (const i of list) {
      if (i <= best) return best;
      if ((regexes[i] as RegExp).test(path)) return i;
    }
    return best;
  }

  function decidingRule(rawPath: string): number {
    const path = normalise(rawPath);
    let best = -1;
    let start = 0;
    while (start <= path.length) {
      let end = path.indexOf('/', start);
      if (end === -1) end = path.length;
      const segment = path.slice(start, end);
      best = scan(index.bySegment.get(segment), path, best);
      const dot = segment.lastIndexOf('.');
      if (dot >= 0 && index.byExtension.size > 0)
        best = scan(index.byExtension.get(segment.slice(dot)), path, best);
      start = end + 1;
    }
    // Catch-alls like `*` usually come first in the file, so testing them last is usually free.
    return scan(index.unindexed, path, best);
  }

  return {
    ownersOf(path) {
      const i = decidingRule(path);
      return i < 0 ? [] : [...(rules[i] as OwnerRule).owners];
    },
    ruleFor(path) {
      const i = decidingRule(path);
      return i < 0 ? undefined : rules[i];
    },
  };
}
