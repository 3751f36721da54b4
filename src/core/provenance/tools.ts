/**
 * The AI coding tools blastwall recognises, by the identities they commit or co-author with and
 * by the names people write in trailers, footers and labels. Only identities the tools really use
 * are listed; a tool whose email is not publicly fixed is recognised by name only.
 */

/** How one tool shows up as a git identity. */
interface KnownIdentity {
  tool: string;
  /** The whole display name, case-insensitive. */
  name?: RegExp;
  /** The whole email address, case-insensitive. */
  email?: RegExp;
  /** The name is also a person's first name: it counts only with no email or a no-reply/bot email. */
  ambiguous?: boolean;
}

const IDENTITIES: readonly KnownIdentity[] = [
  // Claude Code writes `Claude <noreply@anthropic.com>`; newer versions add the model ("Claude Opus 4.5").
  // Only the no-reply address is Claude's: people who work at Anthropic are people.
  {
    tool: 'claude',
    name: /^claude(?:\[bot\]|\s+(?:code|opus|sonnet|haiku|instant|\d)[\w .()-]*)$/i,
    email: /^noreply@anthropic\.com$/i,
  },
  { tool: 'claude', name: /^claude$/i, ambiguous: true },
  { tool: 'copilot', name: /^(?:copilot|github copilot|copilot-swe-agent\[bot\])$/i },
  {
    tool: 'cursor',
    name: /^(?:cursor agent|cursor|cursoragent|cursor\[bot\])$/i,
    email: /^cursoragent@cursor\.com$/i,
  },
  {
    tool: 'codex',
    name: /^(?:codex|openai codex|chatgpt-codex-connector\[bot\])$/i,
    email: /^codex@openai\.com$/i,
  },
  // Aider co-authors as `aider (<model>) <noreply@aider.chat>` and renames authors to `Name (aider)`.
  { tool: 'aider', name: /^aider(?:\s*\(.*\))?$|\s\(aider\)$/i, email: /^noreply@aider\.chat$/i },
  { tool: 'devin', name: /^(?:devin ai|devin-ai-integration\[bot\])$/i },
  { tool: 'devin', name: /^devin$/i, ambiguous: true },
  { tool: 'jules', name: /^(?:google jules|google-labs-jules\[bot\])$/i },
  { tool: 'jules', name: /^jules$/i, ambiguous: true },
  {
    tool: 'gemini',
    name: /^(?:gemini|gemini cli|gemini code assist|gemini-cli\[bot\]|gemini-code-assist\[bot\])$/i,
  },
  { tool: 'amazon-q', name: /^(?:amazon q|amazon q developer|amazon-q-developer\[bot\])$/i },
  { tool: 'kiro', name: /^kiro(?: agent)?$/i },
  { tool: 'windsurf', name: /^(?:windsurf|codeium|windsurf cascade)$/i },
  { tool: 'cline', name: /^cline$/i },
  {
    tool: 'openhands',
    name: /^(?:openhands|openhands-agent|openhands ai)$/i,
    email: /^openhands@all-hands\.dev$/i,
  },
  // Sourcegraph Amp co-authors as `Amp <amp@ampcode.com>`.
  { tool: 'amp', name: /^(?:amp|sourcegraph amp)$/i, email: /^amp@ampcode\.com$/i },
  { tool: 'tabnine', name: /^tabnine(?: agent)?$/i },
  { tool: 'factory', name: /^(?:factory droid|factory-droid\[bot\])$/i },
  { tool: 'junie', name: /^junie$/i, ambiguous: true },
  { tool: 'opencode', name: /^opencode$/i },
  { tool: 'sweep', name: /^sweep-ai\[bot\]$/i },
  { tool: 'qwen-code', name: /^(?:qwen code|qwen-coder)$/i },
  { tool: 'warp', name: /^warp(?: agent)?$/i },
  // Charm's Crush co-authors as `Charm Crush <crush@charm.land>` (older: `Crush <crush@charm.land>`).
  { tool: 'crush', name: /^charm crush$/i, email: /^crush@charm\.land$/i },
  // Continue's agent commits as `continue[bot]` or `Continue Agent <agent@continue.dev>`.
  { tool: 'continue', name: /^(?:continue\[bot\]|continue agent)$/i, email: /^agent@continue\.dev$/i },
  // AI review bots whose suggestions are committed under their own app identity.
  { tool: 'ellipsis', name: /^ellipsis-dev\[bot\]$/i },
  { tool: 'cubic', name: /^cubic-dev-ai\[bot\]$/i },
  { tool: 'greptile', name: /^greptile-apps\[bot\]$/i },
];

/** Addresses no person reads, which make an ambiguous name ("Claude", "Devin") a tool's. */
const MACHINE_EMAIL = /no-?reply|\[bot\]/i;

/** GitHub bot/app noreply addresses: `<id>+<login>@users.noreply.github.com`. */
const NOREPLY = /^\d+\+([^@]+)@users\.noreply\.github\.com$/i;

/** Splits "Name <email>" (either part may be missing); no regex, so huge lines cannot backtrack. */
export function parseIdentity(text: string): { name: string; email: string } {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf('<');
  if (open >= 0 && trimmed.endsWith('>')) {
    return { name: trimmed.slice(0, open).trim(), email: trimmed.slice(open + 1, -1).trim() };
  }
  const bareEmail = trimmed.includes('@') && !/\s/.test(trimmed);
  return bareEmail ? { name: '', email: trimmed } : { name: trimmed, email: '' };
}

/** Every known name and email in one expression each, so a human identity is rejected in two tests. */
const ANY_NAME = new RegExp(
  IDENTITIES.flatMap((known) => (known.name ? [known.name.source] : [])).join('|'),
  'i',
);
const ANY_EMAIL = new RegExp(
  IDENTITIES.flatMap((known) => (known.email ? [known.email.source] : [])).join('|'),
  'i',
);

/** The AI tool a git identity belongs to, if it is one of the known tools. */
export function toolOfIdentity(name: string, email: string): string | undefined {
  const cleanName = name.trim();
  const cleanEmail = email.trim();
  const login = NOREPLY.exec(cleanEmail)?.[1];
  const candidate =
    ANY_NAME.test(cleanName) || ANY_EMAIL.test(cleanEmail) || (login !== undefined && ANY_NAME.test(login));
  if (!candidate) return undefined;
  for (const known of IDENTITIES) {
    const nameCounts = !known.ambiguous || cleanEmail === '' || MACHINE_EMAIL.test(cleanEmail);
    if (cleanName && nameCounts && known.name?.test(cleanName)) return known.tool;
    if (cleanEmail && known.email?.test(cleanEmail)) return known.tool;
    // The app's login is also its name (`copilot-swe-agent[bot]`, `Copilot` for the coding agent).
    if (login && known.name?.test(login)) return known.tool;
  }
  return undefined;
}

/** Tool names as people write them in trailers, footers, labels and git-ai notes. */
const KEYWORDS: readonly [RegExp, string][] = [
  [/\b(?:claude|anthropic)\b/i, 'claude'],
  [/\bcopilot\b/i, 'copilot'],
  [/\bcursor(?:agent)?\b/i, 'cursor'],
  [/\bcodex\b/i, 'codex'],
  [/\baider\b/i, 'aider'],
  [/\bdevin\b/i, 'devin'],
  [/\bjules\b/i, 'jules'],
  [/\bgemini\b/i, 'gemini'],
  [/\bamazon[ -]q\b|\bq developer\b/i, 'amazon-q'],
  [/\bkiro\b/i, 'kiro'],
  [/\b(?:windsurf|codeium)\b/i, 'windsurf'],
  [/\bcline\b/i, 'cline'],
  [/\b(?:openhands|all-hands)\b/i, 'openhands'],
  [/\bamp(?:code)?\b/i, 'amp'],
  [/\btabnine\b/i, 'tabnine'],
  [/\b(?:factory[ -]droid|droid)\b/i, 'factory'],
  [/\bjunie\b/i, 'junie'],
  [/\bopencode\b/i, 'opencode'],
  [/\bgoose\b/i, 'goose'],
  [/\broo[ -]?code\b/i, 'roo-code'],
  [/\baugment(?: code)?\b/i, 'augment'],
  [/\bqwen(?:[ -]code|[ -]coder)?\b/i, 'qwen-code'],
  [/\bcrush\b/i, 'crush'],
  [/\bcontinue(?:\.dev)?\b/i, 'continue'],
  [/\bchatgpt(?!-codex)\b|\bgpt-?\d/i, 'chatgpt'],
];

/** Every known tool named in a piece of text (a trailer value, a footer, a label). */
export function toolsNamedIn(text: string): string[] {
  const tools: string[] = [];
  for (const [keyword, tool] of KEYWORDS) {
    if (keyword.test(text) && !tools.includes(tool)) tools.push(tool);
  }
  return tools;
}

/** A tool id written by a tool itself (git-ai's `agent_id.tool`), mapped to blastwall's names. */
export function normaliseToolId(id: string): string {
  const named = toolsNamedIn(id.replace(/[-_]/g, ' '));
  if (named.length > 0) return named[0] as string;
  return (
    id
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-') || 'unknown'
  );
}

const LEADING_FILLER =
  /^[\s[*_`"']*(?:the\s+help\s+of\s+|the\s+)?(?:(?:github|google|openai|sourcegraph|jetbrains|charm)\s+)?/i;

/** Known tools named right at the start of a text ("[Claude Code](…)", "GitHub Copilot"), so prose is not mistaken for a tool. */
export function toolsNamedAtStart(text: string): string[] {
  const rest = text.replace(LEADING_FILLER, '');
  const tools: string[] = [];
  for (const [keyword, tool] of KEYWORDS) {
    if (keyword.exec(rest)?.index === 0 && !tools.includes(tool)) tools.push(tool);
  }
  return tools;
}

const EXACT_KEYWORDS: readonly [RegExp, string][] = KEYWORDS.map(([keyword, tool]) => [
  new RegExp(`^(?:${keyword.source})$`, 'i'),
  tool,
]);
const LABEL_PREFIX = /^(?:ai|agent|tool|generated[-_ ]?(?:by|with)|assisted[-_ ]?by|by)\s*[-_:/]\s*/i;
const LABEL_SUFFIX = /[-_ ](?:code|agent|cli|assisted|generated|authored)$/i;

/** The tool a short label names and nothing else (`copilot`, `ai: cursor`, `claude-code`), unlike `area/claude-integration`. */
export function toolNamedExactly(label: string): string | undefined {
  const core = label
    .trim()
    .replace(LABEL_PREFIX, '')
    .replace(LEADING_FILLER, '')
    .replace(LABEL_SUFFIX, '')
    .trim();
  for (const [keyword, tool] of EXACT_KEYWORDS) if (keyword.test(core)) return tool;
  return undefined;
}
