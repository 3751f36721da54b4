import { toolNamedExactly, toolOfIdentity, toolsNamedIn } from './tools.js';

/**
 * Whether a git identity (an author, a committer or a co-author) names an AI tool, by evidence
 * only: a tool's own identity, a name that is a tool's name (with its model or product words),
 * or an address that names a tool. People who work at an AI vendor are people; dependency and
 * CI bots (renovate, dependabot, github-actions) name no AI tool and so are never counted.
 */

/** Tool names that are also first names or common words: alone they count only with a machine address. */
const HUMAN_WORDS =
  /^(?:claude|devin|jules|junie|amp|kiro|crush|goose|warp|cursor|augment|droid|roo|continue)$/i;
/** Words that follow a tool's name in the names tools sign with ("Claude Opus 4.5", "Cursor Agent", "Claude Fable 5"). */
const PRODUCT_WORD =
  /^(?:code|opus|sonnet|haiku|fable|instant|agent|cli|assist|assistant|ai|bot|model|\d[\w.]*|v\d[\w.]*)$/i;
const VENDOR_PREFIX = /^(?:github|google|openai|sourcegraph|jetbrains|charm|anthropic)\s+/i;
/** Addresses no person reads. */
const MACHINE_LOCAL = /^(?:no-?reply|bot|agent|ai)$/i;
/** AI vendors' domains: only their no-reply or tool addresses are the tool, never a person's. */
const VENDOR_DOMAINS: Readonly<Record<string, string>> = {
  'anthropic.com': 'claude',
  'cursor.com': 'cursor',
  'openai.com': 'codex',
  'aider.chat': 'aider',
  'charm.land': 'crush',
  'all-hands.dev': 'openhands',
  'ampcode.com': 'amp',
  'continue.dev': 'continue',
};
const GITHUB_NOREPLY = /^\d+\+[^@]+@users\.noreply\.github\.com$/i;

function nameTool(name: string, email: string): string | undefined {
  // Aider signs as `aider (<model>)`: the parenthesised model says nothing about who wrote it.
  const bare = name.replace(VENDOR_PREFIX, '').replace(/\s*\([^()]*\)$/, '');
  const [first, ...rest] = bare.trim().split(/\s+/).filter(Boolean);
  // The whole first word must be the tool's name: `gemini-cli-robot` is a release bot, not Gemini.
  const tool = first && /^[\p{L}\d]+$/u.test(first) ? toolNamedExactly(first) : undefined;
  if (!first || !tool) return undefined;
  // "Claude Monet" is a person; "Claude Fable 5" and "Gemini CLI" are tools.
  if (rest.length > 0) return rest.every((word) => PRODUCT_WORD.test(word)) ? tool : undefined;
  if (!HUMAN_WORDS.test(first)) return tool;
  const [local = '', domain = ''] = email.toLowerCase().split('@');
  return MACHINE_LOCAL.test(local) || /\[bot\]/.test(local) || VENDOR_DOMAINS[domain] === tool
    ? tool
    : undefined;
}

function addressTool(email: string): string | undefined {
  const lower = email.trim().toLowerCase();
  if (GITHUB_NOREPLY.test(lower)) return undefined;
  const [local = '', domain = ''] = lower.split('@');
  // `someone+claude-code@mend.io`: the plus tag is where a team marks which tool co-authored.
  const plus = local.indexOf('+');
  if (plus >= 0) {
    const named = toolsNamedIn(local.slice(plus + 1).replace(/[-_.]/g, ' '));
    if (named.length === 1) return named[0];
  }
  const vendorTool = VENDOR_DOMAINS[domain];
  if (vendorTool && (MACHINE_LOCAL.test(local) || toolsNamedIn(local).includes(vendorTool)))
    return vendorTool;
  return undefined;
}

/** A GitHub App's login (`cline-cloud[bot]`) whose hyphenated parts name a tool or say AI; `github-actions[bot]` does neither. */
function botLoginTool(name: string, email: string): string | undefined {
  const login =
    /^(?:\d+\+)?([^@]+\[bot\])@users\.noreply\.github\.com$/i.exec(email.trim())?.[1] ?? name.trim();
  const app = /^(.+)\[bot\]$/i.exec(login)?.[1];
  if (!app) return undefined;
  const parts = app.toLowerCase().split('-');
  for (const part of parts) {
    const tool = toolNamedExactly(part);
    if (tool) return tool;
  }
  // An app that calls itself AI in its login (`codeflash-ai[bot]`, `hyperlint-ai[bot]`) is an AI tool's identity.
  if (parts.length > 1 && parts.includes('ai')) return parts.filter((part) => part !== 'ai').join('-');
  return undefined;
}

/** The AI tool an identity names, or undefined for a person or a non-AI bot. */
export function toolNamedByIdentity(name: string, email: string): string | undefined {
  return (
    toolOfIdentity(name, email) ??
    botLoginTool(name, email) ??
    nameTool(name.trim(), email.trim()) ??
    addressTool(email)
  );
}
