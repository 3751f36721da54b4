import path from 'node:path';
import picomatch from 'picomatch';

// The one list of files that switch a guardrail on or off: blastwall's own configuration, policies, store,
// cache and install, and every supported agent's hook settings. Shared by the shell and editor-tool classifiers.

/** Where guarded files are looked for: the workspace, the home directory and any extra guarded folders. */
export interface GuardedPlace {
  workspace: string;
  home: string;
  /** Further absolute folders whose contents are guarded (the organisation policy folder, `BLASTWALL_ORG_DIR`). */
  extra?: readonly string[];
  /** Further absolute folders of blastwall's cache or hook daemon socket, wherever the environment moved them. */
  stores?: readonly string[];
  /** Where the environment moved blastwall's data folder (attestation key and store): reading it reads a secret. */
  data?: readonly string[];
  /** Agents' own configuration folders moved by the environment (`CODEX_HOME`, `CLAUDE_CONFIG_DIR`). */
  agents?: readonly { dir: string; pattern: RegExp; what: string }[];
}

/**
 * The guarded place of an action: its workspace and home, and wherever the environment moved blastwall's own
 * folders — the organisation policy folder (`BLASTWALL_ORG_DIR`), the cache and the hook daemon's socket
 * (`BLASTWALL_CACHE_DIR`, `XDG_CACHE_HOME`, `XDG_RUNTIME_DIR`; bin/hook-client.js). The one place for shell
 * commands, editor tools and MCP tool calls alike.
 */
export function guardedPlaceFor(where: {
  workspace: string;
  home: string;
  env: Record<string, string | undefined>;
}): GuardedPlace {
  const { BLASTWALL_ORG_DIR: org, BLASTWALL_CACHE_DIR: cache, XDG_CACHE_HOME: xdgCache } = where.env;
  const runtime = where.env.XDG_RUNTIME_DIR;
  const { BLASTWALL_DATA_DIR: data, XDG_DATA_HOME: xdgData } = where.env;
  const stores = [
    cache,
    xdgCache && path.posix.join(xdgCache, 'blastwall'),
    // The data folder: the hooks' signed attestations and their key (src/adapters/attest/key.ts).
    data,
    xdgData && path.posix.join(xdgData, 'blastwall'),
    runtime && path.posix.join(runtime, 'blastwall'),
  ].filter(isFolder);
  const dataDirs = [data, xdgData && path.posix.join(xdgData, 'blastwall')].filter(isFolder);
  // An agent started with CODEX_HOME or CLAUDE_CONFIG_DIR reads its hooks and MCP servers there, not in ~/.codex
  // or ~/.claude: those folders switch the guardrail on as much as the usual ones do.
  const agents = [
    { dir: where.env.CODEX_HOME, pattern: /^/, what: "Codex's hook settings" },
    {
      dir: where.env.CLAUDE_CONFIG_DIR,
      pattern:
        /^(settings(\.local)?\.json|\.claude\.json|plugins(\/|$)|skills\/.+\/skill\.md$|agents\/.+\.md$)/,
      what: "Claude Code's hook settings",
    },
  ].filter((agent): agent is { dir: string; pattern: RegExp; what: string } => isFolder(agent.dir));
  return {
    workspace: where.workspace,
    home: where.home,
    ...(org ? { extra: [org] } : {}),
    ...(stores.length > 0 ? { stores } : {}),
    ...(dataDirs.length > 0 ? { data: dataDirs } : {}),
    ...(agents.length > 0 ? { agents } : {}),
  };
}

function isFolder(dir: string | undefined): dir is string {
  return dir !== undefined && dir !== '' && dir.startsWith('/') && dir !== '/';
}

const ATTESTATION_DATA = "blastwall's attestation key or store";

/**
 * Whether a path is in blastwall's data folder (`~/.local/share/blastwall`, or where the environment moved it):
 * the attestation signing key and store. An agent that reads the key could sign its own records, and the store
 * tells it which lines are attested, so a read is a secret read. Undefined for any other path.
 */
export function attestationDataReason(absolute: string, place: GuardedPlace): string | undefined {
  const posixPath = fold(toPosix(absolute));
  const dirs = [path.posix.join(toPosix(place.home), '.local/share/blastwall'), ...(place.data ?? [])].map(
    fold,
  );
  return dirs.some((dir) => posixPath === dir || relativeInside(posixPath, dir) !== undefined)
    ? ATTESTATION_DATA
    : undefined;
}

interface Rule {
  pattern: RegExp;
  what: string;
}

const BLASTWALL_CONFIG = "blastwall's configuration or policies";
const BLASTWALL_STORE = "blastwall's store or cache";
const BLASTWALL_INSTALL = "blastwall's install";
/** What a git hook of the repository guards, in words. */
export const GIT_HOOKS = "the repository's git hooks";
const BROKERED = 'credential settings the blastwall broker stands behind (docs/creds.md)';

/**
 * Variables that point an agent's tools at the files of brokered credentials (`blastwall creds setup`):
 * changing one could swap the broker for credentials found on disk, so it is held like a switch of
 * blastwall itself. AWS_PROFILE and PGSERVICE are not among them: they choose among the profiles and services of
 * those files; one outside them, while the broker is in force, is held by classifiers/brokered-switches.ts.
 */
export const BROKERED_CREDENTIAL_VARIABLES: ReadonlySet<string> = new Set([
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'KUBECONFIG',
  'PGSERVICEFILE',
  'PGPASSFILE',
]);
const MCP_SERVERS = 'the MCP servers agents start';
// Claude Code reads hooks from a skill's or subagent's frontmatter too (a `hooks:` key), not only from settings.
const CLAUDE_FRONTMATTER =
  "Claude Code's skill or subagent definitions (their frontmatter can declare hooks)";
const STARTUP = 'a shell start-up file (runs in every later shell)';
const GIT_CONFIG = "git's configuration (it can make git run commands)";

/** Paths relative to the workspace root. */
const IN_WORKSPACE: Rule[] = [
  { pattern: /^blastwall\.ya?ml$/, what: BLASTWALL_CONFIG },
  // A nested one too: run from its folder, it is that folder's configuration (it may add, never loosen —
  // layers.ts). `cp blastwall.yaml blastwall.yaml.bak` is a backup, not a folder holding one.
  { pattern: /^(?!.*blastwall\.ya?ml[^/]*\/blastwall\.ya?ml$).+\/blastwall\.ya?ml$/, what: BLASTWALL_CONFIG },
  { pattern: /^policies\/.+\.cedar$/, what: BLASTWALL_CONFIG },
  { pattern: /^\.blastwall(\/|$)/, what: BLASTWALL_STORE },
  { pattern: /^\.claude\/settings(\.local)?\.json$/, what: "Claude Code's hook settings" },
  { pattern: /^\.claude\/(skills\/.+\/skill\.md|agents\/.+\.md)$/, what: CLAUDE_FRONTMATTER },
  { pattern: /^\.codex\/(hooks\.json|config\.toml)$/, what: "Codex's hook settings" },
  { pattern: /^\.gemini\/settings\.json$/, what: "Gemini CLI's hook settings" },
  { pattern: /^\.cursor\/hooks\.json$/, what: "Cursor's hook settings" },
  { pattern: /^\.github\/hooks\/.+\.json$/, what: "Copilot's hook settings" },
  { pattern: /^\.kiro\/(agents\/.+\.json|hooks\/.+|settings\/.+)$/, what: "Kiro's hook settings" },
  // A Gemini CLI extension brings its own hooks and MCP servers (gemini-extension.json, hooks/hooks.json).
  { pattern: /^\.gemini\/extensions\/./, what: "Gemini CLI's extensions (hooks and MCP servers)" },
  { pattern: /^\.git\/hooks\/.+/, what: GIT_HOOKS },
  { pattern: /^\.git\/config$/, what: GIT_CONFIG },
  {
    pattern:
      /^(\.mcp\.json|\.cursor\/mcp\.json|\.vscode\/mcp\.json|\.gemini\/settings\.json|\.amazonq\/mcp\.json)$/,
    what: MCP_SERVERS,
  },
  { pattern: /(^|\/)\.envrc$/, what: STARTUP },
];

/** Paths relative to the home directory. */
const IN_HOME: Rule[] = [
  { pattern: /^\.config\/blastwall(\/|$)/, what: BLASTWALL_CONFIG },
  { pattern: /^\.blastwall(\/|$)/, what: BLASTWALL_STORE },
  { pattern: /^\.cache\/blastwall(\/|$)/, what: BLASTWALL_STORE },
  { pattern: /^\.local\/share\/blastwall(\/|$)/, what: BLASTWALL_STORE },
  { pattern: /^\.claude\/settings(\.local)?\.json$/, what: "Claude Code's hook settings" },
  { pattern: /^\.claude\/(skills\/.+\/skill\.md|agents\/.+\.md)$/, what: CLAUDE_FRONTMATTER },
  { pattern: /^\.codex(\/|$)/, what: "Codex's hook settings" },
  { pattern: /^\.gemini\/settings\.json$/, what: "Gemini CLI's hook settings" },
  { pattern: /^\.cursor\/hooks\.json$/, what: "Cursor's hook settings" },
  { pattern: /^\.copilot(\/|$)/, what: "Copilot's hook settings" },
  { pattern: /^\.kiro\/(agents\/.+\.json|hooks\/.+|settings\/.+)$/, what: "Kiro's hook settings" },
  { pattern: /^\.gemini\/extensions\/./, what: "Gemini CLI's extensions (hooks and MCP servers)" },
  // Plugins bring hooks and MCP servers of their own (hooks/hooks.json, .mcp.json in the plugin).
  { pattern: /^\.claude\/plugins\/./, what: "Claude Code's plugins (hooks and MCP servers)" },
  { pattern: /^\.aws\/(config|credentials)$/, what: BROKERED },
  { pattern: /^\.kube\/config$/, what: BROKERED },
  { pattern: /^\.(pg_service\.conf|pgpass)$/, what: BROKERED },
  {
    pattern:
      /^(\.claude\.json|\.cursor\/mcp\.json|\.codeium\/windsurf\/mcp_config\.json|\.aws\/amazonq\/mcp\.json)$/,
    what: MCP_SERVERS,
  },
  {
    pattern:
      /^(\.bashrc|\.bash_profile|\.bash_login|\.bash_logout|\.bash_aliases|\.profile|\.zshrc|\.zprofile|\.zshenv|\.zlogin|\.zlogout|\.kshrc|\.mkshrc|\.envrc|\.config\/fish\/(config\.fish|conf\.d\/.+)|\.inputrc|\.config\/environment\.d\/.+|\.pam_environment|\.ssh\/(rc|environment)|\.config\/direnv\/.+)$/,
    what: STARTUP,
  },
  { pattern: /^\.gitconfig$|^\.config\/git\/config$/, what: GIT_CONFIG },
];

/** Absolute paths wherever they are: managed (system-wide) settings and blastwall installed by any npm. */
const ABSOLUTE: Rule[] = [
  { pattern: /^\/etc\/claude-code\//, what: "Claude Code's managed settings" },
  { pattern: /^\/library\/application support\/claudecode\//, what: "Claude Code's managed settings" },
  { pattern: /^\/etc\/blastwall(\/|$)/, what: BLASTWALL_CONFIG },
  {
    pattern: /^\/etc\/(profile|bash\.bashrc|zshrc|zsh\/zshrc|environment)$|^\/etc\/profile\.d\//,
    what: STARTUP,
  },
  { pattern: /(^|\/)node_modules\/blastwall(\/|$)/, what: BLASTWALL_INSTALL },
  { pattern: /\/bin\/blastwall$/, what: BLASTWALL_INSTALL },
  // The hook daemon's socket folder (bin/hook-client.js): removing it only slows hooks, but it is blastwall's own.
  { pattern: /^\/run\/user\/\d+\/blastwall(\/|$)/, what: BLASTWALL_STORE },
  { pattern: /^\/tmp\/blastwall-\d+(\/|$)/, what: BLASTWALL_STORE },
];

// A representative file of each guarded place, so a folder or glob that would take one with it is recognised.
const WORKSPACE_ANCHORS = [
  'blastwall.yaml',
  'policies/agents.cedar',
  '.blastwall/blastwall.db',
  '.claude/settings.json',
  '.claude/settings.local.json',
  '.claude/skills/skill/SKILL.md',
  '.claude/agents/agent.md',
  '.codex/hooks.json',
  '.codex/config.toml',
  '.gemini/settings.json',
  '.cursor/hooks.json',
  '.github/hooks/hooks.json',
  '.kiro/hooks/hook.kiro.hook',
  '.kiro/settings/hooks.json',
  '.git/hooks/pre-commit',
  '.mcp.json',
];
const HOME_ANCHORS = [
  '.config/blastwall/blastwall.yaml',
  '.blastwall/blastwall.db',
  '.cache/blastwall/cache.json',
  '.local/share/blastwall/attestations.jsonl',
  '.claude/settings.json',
  '.claude/skills/skill/SKILL.md',
  '.claude/agents/agent.md',
  '.codex/config.toml',
  '.gemini/settings.json',
  '.cursor/hooks.json',
  '.copilot/config.json',
  '.kiro/settings/hooks.json',
  '.aws/config',
  '.kube/config',
];
// Folders too broad to count as an attack on the guardrail when removed whole: a reinstall brings them back.
const BROAD = new Set(['', 'node_modules', '.git']);

/**
 * What a path guards, in words ("Claude Code's hook settings"); undefined for an ordinary file. Names are
 * compared without case: on a case-insensitive disk (macOS, Windows) `.Claude/Settings.json` is the same file.
 */
export function guardedPathReason(absolute: string, place: GuardedPlace): string | undefined {
  const posixPath = fold(toPosix(absolute));
  const fromWorkspace = relativeInside(posixPath, fold(place.workspace));
  if (fromWorkspace !== undefined) {
    const hit = IN_WORKSPACE.find((rule) => rule.pattern.test(fromWorkspace));
    if (hit) return hit.what;
  }
  const fromHome = relativeInside(posixPath, fold(place.home));
  if (fromHome !== undefined) {
    const hit = IN_HOME.find((rule) => rule.pattern.test(fromHome));
    if (hit) return hit.what;
  }
  for (const agent of place.agents ?? []) {
    const inner = relativeInside(posixPath, fold(agent.dir));
    if (inner !== undefined && agent.pattern.test(inner)) return agent.what;
  }
  for (const dir of place.extra ?? [])
    if (relativeInside(posixPath, fold(dir)) !== undefined) return BLASTWALL_CONFIG;
  for (const dir of place.stores ?? [])
    if (relativeInside(posixPath, fold(dir)) !== undefined) return BLASTWALL_STORE;
  return ABSOLUTE.find((rule) => rule.pattern.test(posixPath))?.what;
}

/**
 * What a removal, move or overwrite of this path (a file, a folder removed with everything in it, or a glob)
 * would take with it; undefined when nothing guarded is at or below it.
 */
export function guardedTargetReason(absolute: string, place: GuardedPlace): string | undefined {
  const posixPath = fold(toPosix(absolute));
  if (!/[*?[]/.test(posixPath)) {
    const direct = guardedPathReason(posixPath, place);
    if (direct !== undefined) return direct;
    return containedReason(posixPath, place);
  }
  // `rm -rf *` at the root removes everything git tracks, not the guardrail in particular; git restores it.
  if (posixPath === `${fold(place.workspace)}/*`) return undefined;
  // as in a shell, `*` skips dot files unless the pattern names the dot
  const matches = picomatch(posixPath, { dot: false });
  for (const [root, anchors] of [
    [fold(place.workspace), WORKSPACE_ANCHORS],
    [fold(place.home), HOME_ANCHORS],
  ] as const) {
    for (const anchor of anchors) {
      for (const candidate of selfAndAncestors(anchor)) {
        if (BROAD.has(candidate)) continue;
        const full = path.posix.join(root, candidate);
        if (matches(full)) return guardedPathReason(path.posix.join(root, anchor), place);
      }
    }
  }
  return undefined;
}

/**
 * What a `find DIR -name PATTERN -delete` (or `-exec rm {}`) would reach: a guarded file below DIR whose name
 * matches the pattern (`-name settings.json`, `-name '*.json'`); undefined when none does.
 */
export function guardedFoundBy(dir: string, pattern: string, place: GuardedPlace): string | undefined {
  const start = fold(toPosix(dir));
  const matches = picomatch(fold(pattern), { dot: true });
  for (const [root, anchors] of [
    [fold(place.workspace), WORKSPACE_ANCHORS],
    [fold(place.home), HOME_ANCHORS],
  ] as const) {
    for (const anchor of anchors) {
      const full = path.posix.join(root, anchor);
      if (relativeInside(full, start) === undefined) continue;
      if (matches(path.posix.basename(full))) return guardedPathReason(full, place);
    }
  }
  return undefined;
}

/**
 * What a guarded file at or below a folder guards, the workspace root and home included; undefined when the folder
 * holds none. For writers that may land anything below a folder (an archive, a folder copied over it) whose
 * content is not known: unlike a removal, filling the workspace root can overwrite its blastwall.yaml.
 */
export function guardedWithin(absolute: string, place: GuardedPlace): string | undefined {
  const dir = fold(toPosix(absolute)).replace(/(.)\/+$/, '$1');
  const direct = guardedPathReason(dir, place) ?? containedReason(dir, place);
  if (direct !== undefined) return direct;
  for (const [root, anchors] of [
    [fold(place.workspace), WORKSPACE_ANCHORS],
    [fold(place.home), HOME_ANCHORS],
  ] as const) {
    const anchor = anchors.find((a) => relativeInside(path.posix.join(root, a), dir) !== undefined);
    if (anchor !== undefined) return guardedPathReason(path.posix.join(root, anchor), place);
  }
  const system = SYSTEM_ANCHORS.find((a) => relativeInside(a, dir) !== undefined);
  return system === undefined ? undefined : guardedPathReason(system, place);
}

// Where the absolute rules' files are, for a folder above them (`tar xf x.tar -C /`).
const SYSTEM_ANCHORS = [
  '/etc/claude-code/managed-settings.json',
  '/etc/blastwall/blastwall.yaml',
  '/etc/profile',
];

function containedReason(dir: string, place: GuardedPlace): string | undefined {
  for (const [root, anchors] of [
    [fold(place.workspace), WORKSPACE_ANCHORS],
    [fold(place.home), HOME_ANCHORS],
  ] as const) {
    const inner = relativeInside(dir, root);
    if (inner === undefined || BROAD.has(inner)) continue;
    const anchor = anchors.find((a) => a.startsWith(`${inner}/`));
    if (anchor !== undefined) return guardedPathReason(path.posix.join(root, anchor), place);
  }
  for (const extra of place.extra ?? [])
    if (relativeInside(fold(extra), dir) !== undefined && dir !== '/') return BLASTWALL_CONFIG;
  for (const store of place.stores ?? [])
    if (relativeInside(fold(store), dir) !== undefined && dir !== '/') return BLASTWALL_STORE;
  for (const agent of place.agents ?? [])
    if (relativeInside(fold(agent.dir), dir) !== undefined && dir !== '/') return agent.what;
  return undefined;
}

function selfAndAncestors(relative: string): string[] {
  const parts = relative.split('/');
  const out: string[] = [];
  for (let i = parts.length; i > 0; i--) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** The path of `file` relative to `dir` when it lies at or below it ('' for `dir` itself). */
function relativeInside(file: string, dir: string): string | undefined {
  if (dir === '') return undefined;
  const d = dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir;
  if (file === d) return '';
  const prefix = d === '/' ? '/' : `${d}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}

function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}

/** A path as a case-insensitive disk reads it. */
function fold(file: string): string {
  return file.toLowerCase();
}

/** Follows symlinks to where a path leads (for a file not there yet, its nearest existing folder's real place). */
export type RealPath = (absolutePath: string) => string | undefined;

/** Where a writer's path argument is, and which place it was resolved against. */
export interface WriteWhere {
  cwd: string;
  place: GuardedPlace;
  realPath?: RealPath | undefined;
}

/**
 * The one guarded-path check for a path a writer names — an editor tool's file, an MCP tool's path argument:
 * `file://` URIs, `~`, `$HOME` and `..` resolved, then the path as written and the place its symlinks lead to.
 * A write through `notes.txt -> .claude/settings.json` or into `cfg -> .claude` writes the guarded file.
 * Undefined when nothing guarded is reached.
 */
export function guardedWriteReason(
  file: string,
  where: WriteWhere,
): { target: string; what: string } | undefined {
  const absolute = resolveWritten(file, where.cwd, where.place.home);
  const what = literalReason(absolute, where.place);
  if (what !== undefined) return { target: absolute, what };
  const real = where.realPath?.(absolute);
  if (real === undefined || real === absolute) return undefined;
  const through = literalReason(real, where.place);
  return through === undefined ? undefined : { target: real, what: `${through}, through ${absolute}` };
}

// A tool's path is a name, never a glob (`app/[id]/page.tsx`): the file itself, or a folder holding a guarded one.
function literalReason(absolute: string, place: GuardedPlace): string | undefined {
  const posixPath = fold(toPosix(absolute));
  return guardedPathReason(posixPath, place) ?? containedReason(posixPath, place);
}

/** An absolute path for a path argument as tools write it: `file:///x`, `~/x`, `$HOME/x`, relative to `cwd`. */
export function resolveWritten(file: string, cwd: string, home: string): string {
  let named = file.startsWith('file://') ? safeDecode(file.slice('file://'.length)) : file;
  named = named.replace(/^(?:~|\$HOME|\$\{HOME\})(?=$|\/)/, home);
  return path.resolve(cwd, named);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
