import type { Evidence, ProvenancePattern } from '../model.js';

/** A config pattern with its regular expressions compiled. */
export interface CompiledProvenancePattern {
  tool: string;
  message?: RegExp;
  identity?: RegExp;
}

/** A config pattern that cannot be used, by its position in the list. */
export interface PatternError {
  index: number;
  field: 'tool' | 'message' | 'identity';
  message: string;
}

/**
 * Compiles config patterns once; the config loader reports the errors. Both expressions match
 * case-insensitively, and in messages `^`/`$` match at line boundaries, so a trailer is easy to pin.
 * Invalid patterns are left out, so matching never throws.
 */
export function compilePatterns(patterns: readonly ProvenancePattern[]): {
  patterns: CompiledProvenancePattern[];
  errors: PatternError[];
} {
  const compiled: CompiledProvenancePattern[] = [];
  const errors: PatternError[] = [];
  patterns.forEach((pattern, index) => {
    if (typeof pattern.tool !== 'string' || pattern.tool.trim() === '') {
      errors.push({ index, field: 'tool', message: 'a provenance pattern needs a tool name' });
      return;
    }
    if (pattern.message === undefined && pattern.identity === undefined) {
      errors.push({ index, field: 'message', message: 'a provenance pattern needs "message" or "identity"' });
      return;
    }
    const entry: CompiledProvenancePattern = { tool: pattern.tool.trim() };
    let ok = true;
    for (const field of ['message', 'identity'] as const) {
      const source = pattern[field];
      if (source === undefined) continue;
      try {
        entry[field] = new RegExp(source, field === 'message' ? 'im' : 'i');
      } catch (error) {
        ok = false;
        const reason = error instanceof Error ? error.message : String(error);
        errors.push({ index, field, message: `invalid regular expression in "${field}": ${reason}` });
      }
    }
    if (ok) compiled.push(entry);
  });
  return { patterns: compiled, errors };
}

const cache = new WeakMap<readonly ProvenancePattern[], CompiledProvenancePattern[]>();

/** Compiled patterns for a config list, compiled on first use and then reused. */
export function compiledFor(patterns: readonly ProvenancePattern[]): CompiledProvenancePattern[] {
  if (patterns.length === 0) return [];
  let compiled = cache.get(patterns);
  if (!compiled) {
    compiled = compilePatterns(patterns).patterns;
    cache.set(patterns, compiled);
  }
  return compiled;
}

/** Evidence from config patterns against the message and the identities of a commit. */
export function patternEvidence(
  patterns: readonly CompiledProvenancePattern[],
  message: string,
  identities: readonly string[],
): Evidence[] {
  const out: Evidence[] = [];
  for (const pattern of patterns) {
    const inMessage = pattern.message?.exec(message);
    if (inMessage) {
      out.push({
        tool: pattern.tool,
        kind: 'config-pattern',
        text: inMessage[0].trim().slice(0, 200),
        strength: 'medium',
      });
    }
    const identity = pattern.identity && identities.find((candidate) => pattern.identity?.test(candidate));
    if (identity)
      out.push({ tool: pattern.tool, kind: 'config-pattern', text: identity, strength: 'strong' });
  }
  return out;
}
