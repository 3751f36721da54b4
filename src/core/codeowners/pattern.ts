/**
 * CODEOWNERS patterns (GitHub's dialect of gitignore) compiled to regular expressions.
 *
 * Semantics: a leading `/` or any inner `/` anchors the pattern to the repository root, otherwise it
 * matches at any depth; a trailing `/` matches only directories (so: everything beneath them); `*`
 * and `?` never cross `/`, `**` does; a pattern that names a file or directory also matches
 * everything beneath it — except a final `/*`, which GitHub documents as matching direct children
 * only (`docs/*` owns `docs/a.md` but not `docs/sub/b.md`). Negation (`!`) is not supported by
 * GitHub and is rejected by the parser; `[` `]` are taken literally, as GitHub does not support ranges.
 */

/** A pattern compiled for matching, with the keys used to index it. */
export interface CompiledPattern {
  regex: RegExp;
  /** Literal path segments every matching path must contain (the matcher indexes by the rarest). */
  segments: string[];
  /** An extension (from the last dot, like `.js`) some segment of every matching path ends with. */
  extension?: string;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/** One segment of a pattern: its glob tokens, with escapes already resolved. */
type Token = { literal: string } | { star: true } | { question: true };

/** Splits a raw pattern into segments of tokens, honouring backslash escapes (`\#`, `\ `, `\*`). */
function tokenize(raw: string): Token[][] {
  const segments: Token[][] = [[]];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    const current = segments[segments.length - 1] as Token[];
    if (ch === '\\' && i + 1 < raw.length) {
      current.push({ literal: raw[++i] as string });
    } else if (ch === '/') {
      segments.push([]);
    } else if (ch === '*') {
      current.push({ star: true });
    } else if (ch === '?') {
      current.push({ question: true });
    } else {
      current.push({ literal: ch });
    }
  }
  return segments;
}

function isGlobstar(segment: Token[]): boolean {
  return segment.length === 2 && 'star' in segment[0]! && 'star' in segment[1]!;
}

function isSingleStar(segment: Token[]): boolean {
  return segment.length === 1 && 'star' in segment[0]!;
}

function literalOf(segment: Token[]): string | undefined {
  let text = '';
  for (const token of segment) {
    if (!('literal' in token)) return undefined;
    text += token.literal;
  }
  return text;
}

/** `*.js`, `*.test.ts`: a star followed by literals only. */
function starSuffixOf(segment: Token[]): string | undefined {
  if (segment.length < 2 || !('star' in segment[0]!)) return undefined;
  return literalOf(segment.slice(1));
}

function segmentRegex(segment: Token[]): string {
  let out = '';
  for (const token of segment) {
    if ('literal' in token) out += escapeRegex(token.literal);
    else if ('star' in token) out += '[^/]*';
    else out += '[^/]';
  }
  return out;
}

/** Compiles one CODEOWNERS pattern; undefined when it names nothing (like `/`). Negation is the parser's concern. */
export function compilePattern(raw: string): CompiledPattern | undefined {
  let segments = tokenize(raw);
  const leadingSlash = segments.length > 1 && segments[0]!.length === 0;
  if (leadingSlash) segments = segments.slice(1);
  const directoryOnly = segments.length > 1 && segments[segments.length - 1]!.length === 0;
  // Empty segments from `a//b` or a trailing `/` carry no meaning of their own.
  segments = segments.filter((segment) => segment.length > 0);
  if (segments.length === 0) return undefined;
  const anchored = leadingSlash || segments.length > 1;
  const last = segments[segments.length - 1]!;
  // GitHub: `docs/*` owns docs/a.md but not docs/sub/b.md, unlike gitignore.
  const childrenOnly = !directoryOnly && isSingleStar(last) && (segments.length > 1 || leadingSlash);

  let body = '';
  let afterSegment = false;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index]!;
    const isLast = index === segments.length - 1;
    if (isGlobstar(segment) && isLast) {
      body += afterSegment ? '/.+' : '.*';
    } else if (isGlobstar(segment)) {
      // Zero or more whole directories; the separator before the next segment stays with that segment.
      body += afterSegment ? '(?:/[^/]+)*' : '(?:[^/]+/)*';
    } else {
      body += (afterSegment ? '/' : '') + segmentRegex(segment);
      afterSegment = true;
    }
  }
  let tail = '(?:/.*)?';
  if (isGlobstar(last)) tail = '';
  else if (directoryOnly) tail = '/.+';
  else if (childrenOnly) tail = '';
  const regex = new RegExp(`${anchored ? '^' : '(?:^|/)'}${body}${tail}$`);

  const compiled: CompiledPattern = { regex, segments: [] };
  for (const segment of segments) {
    const literal = literalOf(segment);
    if (literal !== undefined) compiled.segments.push(literal);
  }
  if (compiled.segments.length > 0) return compiled;
  for (let i = segments.length - 1; i >= 0; i--) {
    const suffix = starSuffixOf(segments[i]!);
    const dot = suffix === undefined ? -1 : suffix.lastIndexOf('.');
    if (suffix !== undefined && dot >= 0) {
      // Indexed by the extension (from the last dot) so a lookup needs one probe per path segment.
      compiled.extension = suffix.slice(dot);
      return compiled;
    }
  }
  return compiled;
}
