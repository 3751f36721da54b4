// The ground truth for the provenance measurement: the evidence rules of docs/provenance.md, written
// again from the prose and on purpose sharing no code with src/core/provenance, so that a mistake in
// the detector shows up as a disagreement instead of being repeated on both sides.

/** Tool words, lower case; `human` marks words that are also first names or common words. */
const TOOLS = [
  ['claude', 'claude', true],
  ['copilot', 'copilot', false],
  ['cursor', 'cursor', false],
  ['cursoragent', 'cursor', false],
  ['codex', 'codex', false],
  ['aider', 'aider', false],
  ['devin', 'devin', true],
  ['jules', 'jules', true],
  ['gemini', 'gemini', false],
  ['kiro', 'kiro', true],
  ['windsurf', 'windsurf', false],
  ['codeium', 'windsurf', false],
  ['cline', 'cline', false],
  ['openhands', 'openhands', false],
  ['amp', 'amp', true],
  ['tabnine', 'tabnine', false],
  ['junie', 'junie', true],
  ['opencode', 'opencode', false],
  ['chatgpt', 'chatgpt', false],
  ['crush', 'crush', true],
  ['goose', 'goose', true],
  ['continue', 'continue', true],
  ['ellipsis', 'ellipsis', true],
  ['cubic', 'cubic', true],
  ['greptile', 'greptile', false],
];
const WORDS = new Map(TOOLS.map(([word, tool, human]) => [word, { tool, human }]));
/** Words that follow a tool's name in the names tools commit under ("Claude Opus 4.5", "Cursor Agent"). */
const PRODUCT_WORD = /^(?:code|opus|sonnet|haiku|fable|instant|agent|cli|assist|assistant|ai|bot|\d[\w.]*)$/;
/** Vendors whose no-reply/tool addresses identify the tool. */
const VENDOR_DOMAINS = new Map([
  ['anthropic.com', 'claude'],
  ['cursor.com', 'cursor'],
  ['openai.com', 'codex'],
  ['aider.chat', 'aider'],
  ['charm.land', 'crush'],
  ['all-hands.dev', 'openhands'],
  ['ampcode.com', 'amp'],
  ['continue.dev', 'continue'],
]);
const MACHINE_LOCAL = /^(?:no-?reply|bot|agent|ai)$/;

function words(text) {
  return text
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter(Boolean);
}

/** The tool an identity names, by the rules: its name, its bot login, or its address. */
export function identityTool(name, email) {
  name = name.trim();
  email = email.trim().toLowerCase();
  const [local = '', domain = ''] = email.split('@');
  const noreply = /^\d+\+(.+)$/.exec(local);
  const login = domain === 'users.noreply.github.com' && noreply ? noreply[1] : '';
  const machine = MACHINE_LOCAL.test(local) || email.includes('[bot]') || email.includes('noreply');
  // A [bot] account whose login names a tool (claude[bot], copilot-swe-agent[bot], chatgpt-codex-connector[bot]).
  for (const who of [name.toLowerCase(), login]) {
    const bot = /^(.+)\[bot\]$/.exec(who);
    if (!bot) continue;
    for (const part of bot[1].split('-')) if (WORDS.has(part)) return WORDS.get(part).tool;
    // A login that calls itself AI ("codeflash-ai[bot]") is an AI tool's own identity.
    if (bot[1].includes('-') && bot[1].split('-').includes('ai')) return bot[1];
  }
  if (/\(aider\)$/i.test(name)) return 'aider';
  // The name: its first word is a tool word ("Charm" is the vendor's prefix of "Charm Crush").
  // Aider's documented co-author name is `aider (<model>)`; the parenthesised model is not a word of the name.
  const nameWords = words(name.replace(/\s*\([^()]*\)$/, '')).filter(
    (w, i) => !(i === 0 && ['charm', 'github', 'openai', 'google'].includes(w)),
  );
  const first = WORDS.get(nameWords[0] ?? '');
  if (first) {
    const rest = nameWords.slice(1);
    const vendor = VENDOR_DOMAINS.get(domain);
    if (!first.human && rest.every((w) => PRODUCT_WORD.test(w))) return first.tool;
    if (rest.length > 0 && rest.every((w) => PRODUCT_WORD.test(w))) return first.tool;
    if (rest.length === 0 && (machine || login.toLowerCase() === nameWords[0] || vendor === first.tool))
      return first.tool;
  }
  if (login && WORDS.has(login.toLowerCase()) && !WORDS.get(login.toLowerCase()).human)
    return WORDS.get(login.toLowerCase()).tool;
  // The address: a plus tag naming a tool (someone+claude-code@…), or a tool's own address at its vendor.
  const plus = local.includes('+') && !login ? local.slice(local.indexOf('+') + 1) : '';
  for (const part of plus.split(/[-_.]/)) if (WORDS.has(part)) return WORDS.get(part).tool;
  const vendor = VENDOR_DOMAINS.get(domain);
  if (vendor && (MACHINE_LOCAL.test(local) || WORDS.get(local)?.tool === vendor)) return vendor;
  return undefined;
}

function parseIdentity(value) {
  const m = /^(.*?)\s*<([^>]*)>\s*$/.exec(value.trim());
  return m ? { name: m[1], email: m[2] } : { name: value.trim(), email: '' };
}

const FOOTER =
  /^[\W_]*(?:generated|created|written|made|co-authored|authored|built|coded)\s+(?:with|by|using|via|in)\s+(.*)$/i;
const KEYED = /^(?:[-*]\s+)?([a-z][a-z0-9-]*)\s*:\s*(\S.*)$/i;
const ASSIST_KEY =
  /^(?:assisted-by|generated-by|generated-with|made-with|ai-assisted|ai-generated|ai-assistant|ai-tool|ai-agent|ai-model|coding-agent)$/i;
const LINKS = [
  [/https:\/\/chatgpt\.com\/codex\/tasks\//i, 'codex'],
  [/https:\/\/app\.devin\.ai\/sessions\//i, 'devin'],
  [/https:\/\/ampcode\.com\/threads\//i, 'amp'],
  [/https:\/\/jules\.google\.com\/task\//i, 'jules'],
];

/** Names a tool at the start of a footer's tail: "[Claude Code](…)", "GitHub Copilot", "Cursor". */
function footerTool(tail) {
  const first = words(
    tail.replace(/^[\s[*_`"']*(?:the\s+)?(?:github|google|openai|sourcegraph|jetbrains|charm)\s+/i, ''),
  )[0];
  return first === undefined
    ? undefined
    : (WORDS.get(first)?.tool ?? (first === 'anthropic' ? 'claude' : undefined));
}

/** The evidence of one commit by the documented rules: [{rule, tool}]; empty means not AI-assisted. */
export function truthOf(commit) {
  const found = [];
  for (const [role, name, email] of [
    ['author', commit.authorName, commit.authorEmail],
    ['committer', commit.committerName, commit.committerEmail],
  ]) {
    const tool = identityTool(name, email);
    if (tool) found.push({ rule: `bot-${role}`, tool });
  }
  const lines = commit.message.split(/\r?\n/).slice(1);
  for (const raw of lines) {
    const line = raw.trim();
    for (const [link, tool] of LINKS) if (link.test(line)) found.push({ rule: 'link', tool });
    // A URL's scheme is not a trailer key.
    const keyed = /^(?:[-*]\s+)?https?:/i.test(line) ? null : KEYED.exec(line);
    if (keyed) {
      const key = keyed[1].toLowerCase();
      if (key === 'co-authored-by' || key === 'co-developed-by') {
        const { name, email } = parseIdentity(keyed[2]);
        const tool = identityTool(name, email);
        if (tool) found.push({ rule: 'co-author', tool });
        continue;
      }
      if (key === 'amp-thread-id' || key === 'amp-thread') found.push({ rule: 'trailer', tool: 'amp' });
      if (ASSIST_KEY.test(key) && !/^(?:no|none|false|0|n\/a|human|human-only)$/i.test(keyed[2])) {
        const { name, email } = parseIdentity(keyed[2]);
        const tool = identityTool(name, email) ?? footerTool(keyed[2]) ?? (email ? undefined : 'unknown');
        // An unnamed tool counts only under an explicit ai-* key; "Assisted-by: Jane <jane@…>" is a person.
        if (tool && (tool !== 'unknown' || key.startsWith('ai-'))) found.push({ rule: 'trailer', tool });
      }
      continue;
    }
    const footer = FOOTER.exec(line);
    if (footer && footer[1].length <= 120) {
      const tool = footerTool(footer[1]);
      if (tool) found.push({ rule: 'footer', tool });
    }
  }
  return found;
}
