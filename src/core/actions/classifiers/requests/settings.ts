import { verbTokens } from '../generic/intent.js';

// A request that switches a safeguard off through an API: a field (or the setting a path names) that guards
// something — security, protection, a firewall or WAF, scanning, MFA, encryption, audit, a requirement that is
// enforced — set to off, false, null, 0 or disabled. Cloudflare's `settings/security_level {"value":
// "essentially_off"}`, GitHub's branch protection PUT with `enforce_admins=false` and `required_…=null`, an
// organisation's `secret_scanning_…=false`. Setting one on, or any other field, says none of it.

/** Tokens of a key that name a safeguard. */
const GUARD_TOKENS = new Set([
  'security',
  'protection',
  'protected',
  'waf',
  'firewall',
  'scanning',
  'mfa',
  '2fa',
  'encryption',
  'encrypted',
  'audit',
  'enforce',
  'enforced',
  'required',
  'require',
  'restrictions',
  'ssl',
  'hsts',
  'https',
  'ddos',
  'quarantine',
]);
/** A value that switches off (`essentially_off` reads as off). */
const OFF = /^(?:false|off|null|0|no|none|disabled?|essentially[_-]off)$/i;
/** Keys that carry the value of the setting a path names (`settings/waf {"value":"off"}`). */
const VALUE_KEYS = new Set(['value', 'enabled', 'status', 'state', 'mode']);

/** The (key, value) pairs of a body: JSON flattened to its leaves, else `k=v` pairs (form, gh api fields). */
export function bodyFields(body: string): [string, string][] {
  const out: [string, string][] = [];
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      flatten(JSON.parse(trimmed) as unknown, '', out);
      return out;
    } catch {
      // not JSON after all: read it as pairs below
    }
  }
  // `k=v` form pairs and httpie's items (`k=v`, raw JSON `k:=false`)
  for (const m of trimmed.matchAll(/(?:^|[&\s])([\w.[\]-]+):?=([^&\s]*)/g))
    out.push([m[1] ?? '', m[2] ?? '']);
  for (const m of trimmed.matchAll(/"([\w.-]+)"\s*:\s*("?)([\w.-]*)\2/g)) out.push([m[1] ?? '', m[3] ?? '']);
  return out;
}

function flatten(value: unknown, key: string, out: [string, string][]): void {
  if (value === null) out.push([key, 'null']);
  else if (Array.isArray(value)) for (const item of value) flatten(item, key, out);
  else if (typeof value === 'object')
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, k, out);
  else out.push([key, String(value)]);
}

/** True when a key names a safeguard (`enforce_admins`, `secret_scanning_enabled`, `security_level`). */
function guardKey(key: string): boolean {
  return verbTokens(key.replace(/\[\]$/, '')).some((t) => GUARD_TOKENS.has(t));
}

/**
 * The safeguard a write switches off, read from its fields and the setting its path names; undefined when it
 * switches none off. `path` is the URL path (or an API path such as `repos/o/r/branches/main/protection`).
 */
export function safeguardSwitchedOff(path: string, fields: readonly [string, string][]): string | undefined {
  const segments =
    path
      .split(/[?#]/)[0]
      ?.split('/')
      .filter((s) => s !== '') ?? [];
  const setting = segments.at(-1) ?? '';
  for (const [key, value] of fields) {
    if (!OFF.test(value.trim())) continue;
    if (guardKey(key)) return `${key} set to ${value === '' ? 'nothing' : value}`;
    if (VALUE_KEYS.has(key.toLowerCase()) && guardKey(setting)) return `${setting} set to ${value}`;
  }
  return undefined;
}

/** Branch names that are a repository's default or protected line. */
const PROTECTED_BRANCH = /^(?:main|master|trunk|develop|production|prod|release(?:[-/].*)?)$/;

/** A ref force-moved through the API (`PATCH …/git/refs/heads/main` with `force=true`): the branch's history is rewritten. */
export function forcedRefMove(path: string, fields: readonly [string, string][]): string | undefined {
  const ref = /(?:^|\/)git\/refs\/heads\/(.+)$/.exec(path.split(/[?#]/)[0] ?? '')?.[1];
  if (ref === undefined || !PROTECTED_BRANCH.test(ref)) return undefined;
  return fields.some(([k, v]) => k === 'force' && /^true$/i.test(v)) ? ref : undefined;
}

/** A change batch (Route 53 and its kind) with a `"Action": "DELETE"` change: the records it names go. */
export function batchDeletes(fields: readonly [string, string][]): boolean {
  return fields.some(([k, v]) => /^action$/i.test(k) && /^delete$/i.test(v));
}
