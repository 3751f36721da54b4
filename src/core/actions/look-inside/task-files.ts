// Readers for the small configuration formats task runners keep their commands in: TOML (pyproject's
// [tool.poe.tasks], mise.toml), INI (tox.ini) and Procfiles. They read what a runner would run, nothing more; a
// file they cannot read throws, and the caller holds the command (fail closed).

/** A TOML value as far as task commands need it: strings, arrays and tables; anything else is kept as its text. */
export type TomlValue = string | number | boolean | TomlValue[] | { [key: string]: TomlValue };
export type TomlTable = { [key: string]: TomlValue };

/** Thrown for text the readers cannot follow. */
export class TaskFileError extends Error {}

class TomlReader {
  private i = 0;
  constructor(private readonly text: string) {}

  read(): TomlTable {
    const root: TomlTable = {};
    let table = root;
    while ((this.skip(true), this.i < this.text.length)) {
      if (this.text.startsWith('[[', this.i)) {
        this.i += 2;
        const path = this.keyPath(']]');
        const parent = this.tableAt(root, path.slice(0, -1));
        const last = path.at(-1) ?? '';
        const list = Array.isArray(parent[last]) ? (parent[last] as TomlValue[]) : [];
        parent[last] = list;
        table = {};
        list.push(table);
      } else if (this.text[this.i] === '[') {
        this.i++;
        table = this.tableAt(root, this.keyPath(']'));
      } else {
        const path = this.keyPath('=');
        const value = this.value();
        const parent = this.tableAt(table, path.slice(0, -1));
        parent[path.at(-1) ?? ''] = value;
      }
    }
    return root;
  }

  private tableAt(root: TomlTable, path: readonly string[]): TomlTable {
    let table = root;
    for (const key of path) {
      const next = table[key];
      if (Array.isArray(next) && typeof next.at(-1) === 'object') table = next.at(-1) as TomlTable;
      else if (typeof next === 'object' && !Array.isArray(next)) table = next;
      else {
        const fresh: TomlTable = {};
        table[key] = fresh;
        table = fresh;
      }
    }
    return table;
  }

  /** Whitespace and comments; newlines too when `lines`. */
  private skip(lines: boolean): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (lines && c === '\n')) this.i++;
      else if (c === '#') while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
      else return;
    }
  }

  private keyPath(end: string): string[] {
    const path: string[] = [];
    for (;;) {
      this.skip(false);
      const c = this.text[this.i];
      if (c === '"' || c === "'") path.push(this.string());
      else {
        const bare = /^[A-Za-z0-9_-]+/.exec(this.text.slice(this.i, this.i + 256))?.[0];
        if (bare === undefined) throw new TaskFileError(`a key was expected at offset ${this.i}`);
        path.push(bare);
        this.i += bare.length;
      }
      this.skip(false);
      if (this.text[this.i] === '.') {
        this.i++;
        continue;
      }
      if (!this.text.startsWith(end, this.i))
        throw new TaskFileError(`"${end}" was expected at offset ${this.i}`);
      this.i += end.length;
      return path;
    }
  }

  private string(): string {
    const quote = this.text[this.i] ?? '';
    const triple = this.text.startsWith(quote.repeat(3), this.i);
    const open = triple ? 3 : 1;
    let j = this.i + open;
    // a newline right after the opening delimiter is not part of a multi-line string
    if (triple && this.text[j] === '\n') j++;
    let out = '';
    while (j < this.text.length) {
      const c = this.text[j] ?? '';
      if (triple ? this.text.startsWith(quote.repeat(3), j) : c === quote) {
        this.i = j + open;
        return out;
      }
      if (!triple && c === '\n') break;
      if (c === '\\' && quote === '"') {
        const next = this.text[j + 1] ?? '';
        if (triple && next === '\n') {
          j += 2;
          while (/\s/.test(this.text[j] ?? '')) j++;
          continue;
        }
        const unicode = /^u([0-9a-fA-F]{4})|^U([0-9a-fA-F]{8})/.exec(this.text.slice(j + 1, j + 10));
        if (unicode !== null) {
          out += String.fromCodePoint(parseInt(unicode[1] ?? unicode[2] ?? '0', 16));
          j += 1 + unicode[0].length;
          continue;
        }
        out += { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[next] ?? next;
        j += 2;
        continue;
      }
      out += c;
      j++;
    }
    throw new TaskFileError(`a string is not closed at offset ${this.i}`);
  }

  private value(): TomlValue {
    this.skip(false);
    const c = this.text[this.i];
    if (c === '"' || c === "'") return this.string();
    if (c === '[') {
      this.i++;
      const list: TomlValue[] = [];
      for (;;) {
        this.skip(true);
        if (this.text[this.i] === ']') {
          this.i++;
          return list;
        }
        list.push(this.value());
        this.skip(true);
        if (this.text[this.i] === ',') this.i++;
        else if (this.text[this.i] !== ']')
          throw new TaskFileError(`"," or "]" expected at offset ${this.i}`);
      }
    }
    if (c === '{') {
      this.i++;
      const table: TomlTable = {};
      for (;;) {
        this.skip(false);
        if (this.text[this.i] === '}') {
          this.i++;
          return table;
        }
        const path = this.keyPath('=');
        const value = this.value();
        this.tableAt(table, path.slice(0, -1))[path.at(-1) ?? ''] = value;
        this.skip(false);
        if (this.text[this.i] === ',') this.i++;
      }
    }
    const bare = /^[^\s,\]}#]+/.exec(this.text.slice(this.i, this.i + 256))?.[0];
    if (bare === undefined) throw new TaskFileError(`a value was expected at offset ${this.i}`);
    this.i += bare.length;
    if (bare === 'true' || bare === 'false') return bare === 'true';
    const n = Number(bare.replace(/_/g, ''));
    return Number.isNaN(n) ? bare : n;
  }
}

/** Parses TOML text into tables; throws TaskFileError where it cannot follow it. */
export function parseToml(text: string): TomlTable {
  return new TomlReader(text.replace(/\r\n/g, '\n')).read();
}

/** The table at a dotted path of a parsed TOML document, if it is one. */
export function tomlTable(root: TomlTable, ...path: string[]): TomlTable | undefined {
  let value: TomlValue | undefined = root;
  for (const key of path) {
    if (typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

/** The sections of an INI file (tox.ini, setup.cfg): keys with their values, continuation lines joined by newlines. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header !== null) {
      section = new Map();
      sections.set((header[1] ?? '').trim(), section);
      key = undefined;
      continue;
    }
    if (/^\s/.test(raw) && section !== undefined && key !== undefined) {
      section.set(key, `${section.get(key) ?? ''}\n${raw.trim()}`);
      continue;
    }
    const pair = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (pair === null || section === undefined) continue;
    key = (pair[1] ?? '').trim();
    section.set(key, (pair[2] ?? '').trim());
  }
  return sections;
}

/** The processes of a Procfile: `name: command` lines. */
export function parseProcfile(text: string): Map<string, string> {
  const processes = new Map<string, string>();
  for (const line of text.split('\n')) {
    const entry = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line.trim());
    if (entry !== null) processes.set(entry[1] ?? '', entry[2] ?? '');
  }
  return processes;
}
