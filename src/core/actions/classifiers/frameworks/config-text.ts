import { urlHost } from '../args.js';

// Reading where a project's own database configuration points, from its text: `config/database.yml`, a Prisma
// schema, `alembic.ini`, `flyway.conf`, a knexfile, a TypeORM data source, Django settings, `.env`. Not a parser
// for each format: the lines that name a server (a `host`, a connection URL) are found by their key, in the
// section the command's environment selects, and their value is read — a literal, or a variable the code reads
// (`ENV.fetch("DB_HOST") { "localhost" }`, `process.env.DATABASE_URL`, `env("DATABASE_URL")`), looked up where
// the tool would look it up, else its literal default. A value that cannot be told is reported as such, so the
// caller holds.

/** What a value in a database configuration names. */
export type ConfigPlace =
  | { kind: 'local'; what: string }
  | { kind: 'host'; host: string; what: string }
  | { kind: 'unknown'; what: string };

/** Keys whose value names the server: a host, or a whole connection URL. */
const PLACE_KEY =
  /^\s*(?:-\s*)?["']?((?:[\w.-]*[_.-])?(?:host(?:name)?|server|url|uri|dsn|connection(?:[_-]?string)?|connectionString|database_url|db_url))["']?\s*(?:=>|[:=])\s*(.*)$/i;

/** Environment variables read by the common config languages, with the default written beside them when any. */
const VARIABLE_READS: RegExp[] = [
  // Ruby / ERB: ENV['X'], ENV.fetch("X") { "d" }, ENV.fetch("X", "d")
  /\bENV(?:\.fetch)?\s*[[(]\s*["'](\w+)["']/g,
  // JavaScript: process.env.X, process.env["X"]
  /\bprocess\.env(?:\.(\w+)|\[\s*["'](\w+)["']\s*\])/g,
  // Python: os.environ["X"], os.environ.get("X"), os.getenv("X"), env("X"), env.db("X"), config("X")
  /\b(?:os\.environ(?:\.get)?|os\.getenv|env(?:\.\w+)?|config|getenv|get_env|System\.get_env|Deno\.env\.get)\s*[[(]\s*["'](\w+)["']/g,
  // shell-style interpolation in ini, toml, hcl and yaml files: ${X}, $X
  /\$\{(\w+)(?::-[^}]*)?\}|\$(\w+)\b/g,
];

/** The variables a value reads, in order. */
export function variablesRead(value: string): string[] {
  const names: string[] = [];
  for (const pattern of VARIABLE_READS)
    for (const m of value.matchAll(pattern)) {
      const name = m.slice(1).find((g) => g !== undefined);
      if (name !== undefined) names.push(name);
    }
  return names;
}

/** Quoted literals in a value, with the parts that read variables taken out. */
function literals(value: string): string[] {
  const stripped = value.replace(
    /\b(?:ENV|process\.env|os\.environ|os\.getenv|env|config|getenv|get_env)\b[^"']*["']\w+["']\s*[\])]?/g,
    '',
  );
  return [...stripped.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
}

/** What one written value (a host or a URL, no quotes) names. */
export function placeOfValue(value: string, what: string): ConfigPlace {
  const text = value.trim().replace(/^jdbc:/i, '');
  if (text === '') return { kind: 'local', what: `${what} names no server (this machine's default)` };
  if (/^(?:sqlite\d?|file):/i.test(text) || /\.(?:sqlite3?|db)$/i.test(text))
    return { kind: 'local', what: `${what} is a SQLite file on this machine` };
  // Go's MySQL DSN: `user:pass@tcp(host:3306)/db`, `user@unix(/run/mysqld.sock)/db`
  const go = /@(tcp|unix)\(([^):]*)/.exec(text);
  const host = go !== null ? go[2] : text.includes('://') ? urlHost(text) : text.split(/[:/]/)[0];
  if (go?.[1] === 'unix') return { kind: 'local', what: `${what} names a socket on this machine` };
  if (host === undefined || host === '') {
    // `postgres:///app_dev`, `postgresql://@/app?host=/var/run/postgresql`: a socket on this machine
    return /^[a-z][\w+.-]*:\/\/[^@/]*@?\//i.test(text)
      ? { kind: 'local', what: `${what} names a socket on this machine` }
      : { kind: 'unknown', what: `${what} (${value.trim()}) names no server blastwall can tell` };
  }
  if (isLocalHost(host)) return { kind: 'local', what: `${what} names ${host}, this machine` };
  if (!/^[\w.[\]:-]+$/.test(host))
    return { kind: 'unknown', what: `${what} (${value.trim()}) is known only when it runs` };
  return { kind: 'host', host, what: `${what} names ${host}` };
}

function isLocalHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '0.0.0.0' || h.startsWith('/');
}

/** How a variable a config reads is looked up: the environment first, then the project's env files. */
export type VariableLookup = (name: string) => string[] | undefined;

/**
 * The places one `key: value` line names: the variable it reads when that is set where the tool looks, else the
 * literal default written beside it; unknown when it reads a variable set nowhere and writes no default.
 */
function placesOfLine(key: string, value: string, lookup: VariableLookup, file: string): ConfigPlace[] {
  const what = `${key} in ${file}`;
  const variables = variablesRead(value);
  for (const name of variables) {
    const found = lookup(name);
    if (found !== undefined) return found.map((v) => placeOfValue(v, `${what} (${name})`));
  }
  const written = literals(value);
  const plain = value.trim().replace(/[,;]\s*$/, '');
  if (variables.length === 0) {
    // a plain YAML / ini value, or a quoted one
    return [placeOfValue(written[0] ?? plain.replace(/^["']|["']$/g, ''), what)];
  }
  const fallback = written.find((w) => w !== '');
  if (fallback !== undefined) return [placeOfValue(fallback, `${what} (default)`)];
  return [{ kind: 'unknown', what: `${what} reads ${variables.join(', ')}, set nowhere blastwall can see` }];
}

/** Variables that hold a connection: read anywhere in a database block, they say where it goes. */
const CONNECTION_VARIABLE = /(?:URL|HOST|DSN|DBSTRING)$/i;

/** Every server the text names by a place key (host, url, dsn…). */
export function placesIn(text: string, lookup: VariableLookup, file: string): ConfigPlace[] {
  const places: ConfigPlace[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*(?:#|\/\/|--|;)/.test(line)) continue;
    const m = PLACE_KEY.exec(line);
    // a line that reads a connection variable under another key (`default=env.db("DATABASE_URL")`)
    const read = m === null ? variablesRead(line).find((v) => CONNECTION_VARIABLE.test(v)) : undefined;
    if (m === null && read === undefined) continue;
    const [key = '', value = ''] = m === null ? [read ?? '', line] : [m[1] ?? '', m[2] ?? ''];
    // a block opened on the line (`url: {`) or a value on the next lines says nothing here
    if (/^[{[]?\s*$/.test(value.trim())) continue;
    places.push(...placesOfLine(key, value, lookup, file));
  }
  return places;
}

/** `KEY=value` lines of an env file (`export` allowed, quotes removed). */
export function envFileValues(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m === null) continue;
    values[m[1] ?? ''] = (m[2] ?? '').replace(/^(["'])(.*)\1$/, '$2');
  }
  return values;
}

const indentOf = (line: string): number => /^\s*/.exec(line)?.[0].length ?? 0;

/**
 * The block of a section named `name`: a YAML / JSON / JavaScript key (`development:`, `"test": {`), an ini or
 * TOML table (`[environments.prod]`), an HCL block (`env "prod" {`). With YAML merges (`<<: *default`) the
 * anchored block is added. Undefined when the text has no such section.
 */
export function sectionOf(text: string, name: string): string | undefined {
  const lines = text.split('\n');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const key = new RegExp(`^\\s*["']?${escaped}["']?\\s*[:=]|^\\s*\\w+\\s+"${escaped}"\\s*\\{`);
  const table = new RegExp(`^\\s*\\[(?:[\\w-]+\\.)*${escaped}\\]\\s*$`);
  const at = lines.findIndex((l) => key.test(l) || table.test(l));
  if (at < 0) return undefined;
  const block = [lines[at] ?? ''];
  if (table.test(lines[at] ?? '')) {
    for (const line of lines.slice(at + 1)) {
      if (/^\s*\[/.test(line)) break;
      block.push(line);
    }
  } else {
    const indent = indentOf(lines[at] ?? '');
    for (const line of lines.slice(at + 1)) {
      if (line.trim() !== '' && indentOf(line) <= indent) {
        if (/^\s*[}\]]/.test(line)) block.push(line);
        break;
      }
      block.push(line);
    }
  }
  const section = block.join('\n');
  const merged = [...section.matchAll(/<<:\s*\*([\w-]+)/g)].map((m) => anchored(lines, m[1] ?? ''));
  return [section, ...merged].join('\n');
}

/** The block a YAML anchor (`default: &default`) marks. */
function anchored(lines: readonly string[], anchor: string): string {
  const at = lines.findIndex((l) => l.includes(`&${anchor}`));
  if (at < 0) return '';
  const indent = indentOf(lines[at] ?? '');
  const block: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() !== '' && indentOf(line) <= indent) break;
    block.push(line);
  }
  return block.join('\n');
}

/** The first top-level string a settings module sets as the default settings (`manage.py`'s setdefault). */
export function defaultSettingsModule(managePy: string): string | undefined {
  return /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(managePy)?.[1];
}
