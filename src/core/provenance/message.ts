import type { Evidence } from '../model.js';
import { toolNamedByIdentity } from './identity.js';
import { parseIdentity, toolOfIdentity, toolsNamedAtStart, toolsNamedIn } from './tools.js';

/** A `Key: value` line of a commit message, and whether it sits in the closing trailer block. */
export interface TrailerLine {
  key: string;
  value: string;
  line: string;
  inBlock: boolean;
}

// Lines are trimmed first, so no pattern needs a trailing `\s*` (which could backtrack quadratically).
const TRAILER = /^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$/;
/** Mid-message trailers (as in a squash of several commits), possibly bulleted; only AI-relevant keys are kept. */
const LOOSE_TRAILER = /^(?:[-*][ \t]+)?([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(\S.*)$/;
const CO_AUTHOR_KEYS = new Set(['co-authored-by', 'co-developed-by']);
/** Trailer keys whose value names the AI tool that helped (`Assisted-by: Claude:claude-opus-4`). */
const AI_KEYS =
  /^(?:assisted-by|generated-by|generated-with|made-with|ai-(?:assisted|generated|assistant|tool|agent|model|co-author)(?:-by|-with)?|coding-agent)$/i;
const NEGATIVE_VALUE = /^(?:no|none|false|0|n\/a|human|human-only)$/i;
/** Trailers only some tools write, which name the tool by themselves. */
const TOOL_KEYS: Readonly<Record<string, string>> = { 'amp-thread-id': 'amp', 'amp-thread': 'amp' };

/** A closing line like `🤖 Generated with [Claude Code](https://claude.com/claude-code)`. */
const FOOTER =
  /^[^\p{L}\p{N}]*(?:generated|created|written|authored|co-authored|made|built|coded)\s+(?:with|by|using|via|in)\s+(.{1,120})$/iu;
/** Links that tools put in the messages and PR bodies they write. */
const TOOL_LINKS: readonly [RegExp, string][] = [
  [/https:\/\/chatgpt\.com\/codex\/tasks\//i, 'codex'],
  [/https:\/\/app\.devin\.ai\/sessions\//i, 'devin'],
  [/https:\/\/ampcode\.com\/threads\//i, 'amp'],
  [/https:\/\/jules\.google\.com\/task\//i, 'jules'],
];
const FOOTER_HINT = /generated|created|written|authored|made|built|coded|https:\/\//i;
/** A passing mention inside prose: reported as weak evidence only, never enough on its own. */
const LOOSE_MENTION =
  /\b(?:generated|written|created|authored)\s+(?:with|by|using)\s+(?:the\s+help\s+of\s+)?([^.,;:!?()]{1,40})/i;

/** Reads the trailer-looking lines: those of the final paragraph (never the subject) and co-authors anywhere. */
export function trailerLines(lines: readonly string[]): TrailerLine[] {
  let end = lines.length;
  while (end > 0 && (lines[end - 1] as string).trim() === '') end--;
  let start = end;
  while (start > 0 && (lines[start - 1] as string).trim() !== '') start--;
  // A one-paragraph message has no trailer block: "fix: handle nulls" is a subject, not a trailer.
  const blockStart = start === 0 ? end : start;
  const out: TrailerLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    const inBlock = i >= blockStart && i < end;
    const match = inBlock ? TRAILER.exec(line) : LOOSE_TRAILER.exec(line);
    if (!match) continue;
    const key = (match[1] as string).toLowerCase();
    if (!inBlock && !CO_AUTHOR_KEYS.has(key) && !AI_KEYS.test(key) && !(key in TOOL_KEYS)) continue;
    out.push({ key, value: match[2] as string, line, inBlock });
  }
  return out;
}

/**
 * Evidence from trailers: co-authors who name an AI tool, `Assisted-by:`-style trailers, tool
 * trailers. `excluded` says which identities the organisation declared to be people.
 */
export function trailerEvidence(
  trailers: readonly TrailerLine[],
  excluded: (identity: string) => boolean = () => false,
): Evidence[] {
  const out: Evidence[] = [];
  for (const trailer of trailers) {
    if (CO_AUTHOR_KEYS.has(trailer.key)) {
      const { name, email } = parseIdentity(trailer.value);
      const tool = excluded(`${name} <${email}>`) ? undefined : toolNamedByIdentity(name, email);
      if (tool) out.push({ tool, kind: 'co-author', text: trailer.line, strength: 'strong' });
      continue;
    }
    const toolKey = TOOL_KEYS[trailer.key];
    if (toolKey) {
      out.push({
        tool: toolKey,
        kind: 'trailer',
        text: trailer.line,
        strength: trailer.inBlock ? 'strong' : 'medium',
      });
      continue;
    }
    if (!AI_KEYS.test(trailer.key) || NEGATIVE_VALUE.test(trailer.value)) continue;
    const strength = trailer.inBlock ? 'strong' : 'medium';
    const identity = parseIdentity(trailer.value);
    const tools = toolsNamedIn(trailer.value);
    const identityTool = toolOfIdentity(identity.name, identity.email);
    if (identityTool && !tools.includes(identityTool)) tools.unshift(identityTool);
    for (const tool of tools) out.push({ tool, kind: 'trailer', text: trailer.line, strength });
    if (tools.length > 0) continue;
    // `Assisted-by: Jane <jane@example.com>` credits a person; anything else credits an unnamed tool.
    if (identity.email) continue;
    const explicitlyAi = trailer.key.startsWith('ai-');
    out.push({
      tool: 'unknown',
      kind: 'trailer',
      text: trailer.line,
      strength: explicitlyAi ? strength : 'weak',
    });
  }
  return out;
}

/** Evidence from footers ("Generated with …"), tool links, and weak passing mentions. */
export function footerEvidence(message: string, lines: readonly string[]): Evidence[] {
  const out: Evidence[] = [];
  // Most messages have none of the words a footer or tool link needs; one test skips the line scan.
  if (!FOOTER_HINT.test(message)) return out;
  for (let i = 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '') continue;
    for (const [link, tool] of TOOL_LINKS) {
      if (link.test(line)) out.push({ tool, kind: 'footer', text: line, strength: 'medium' });
    }
    const footer = FOOTER.exec(line);
    if (footer) {
      for (const tool of toolsNamedAtStart(footer[1] as string))
        out.push({ tool, kind: 'footer', text: line, strength: 'medium' });
      continue;
    }
    const mention = LOOSE_MENTION.exec(line);
    if (mention) {
      for (const tool of toolsNamedIn(mention[1] as string))
        out.push({ tool, kind: 'footer', text: line, strength: 'weak' });
    }
  }
  return out;
}

/** Identities of co-authors, for config identity patterns. */
export function coAuthorIdentities(trailers: readonly TrailerLine[]): string[] {
  return trailers.filter((trailer) => CO_AUTHOR_KEYS.has(trailer.key)).map((trailer) => trailer.value);
}
