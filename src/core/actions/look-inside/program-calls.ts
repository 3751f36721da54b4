import { withDecodedLiterals } from './decoded-literals.js';

// The processes a program starts, read from its source: each call that starts one (`subprocess.run([...])`,
// `execSync('...')`, `` Bun.$`...` ``, `system("...")`) with the command it names when that command is written out
// in literals, or marked computed when any part of it is only known when the program runs (a variable, an
// interpolation, a concatenation). Used for program files and for inline code (`python -c`, `node -e`).

/** One process start found in a program: the shell text it runs, or computed; and the line it is on. */
export interface ProgramCall {
  line: number;
  /** The command as shell text (argv words quoted), or undefined when it is computed at run time. */
  shell?: string;
  /** What starts it (`subprocess.run`), for reasons. */
  via: string;
}

// Calls whose arguments are the command (string, argv list, or both: `spawn('rm', ['-rf', x])`).
const CALLS: Record<string, RegExp> = {
  python:
    /\b(os\.(?:system|popen|exec[lv]p?e?|spawn[lv]p?e?)|subprocess\.(?:run|call|check_call|check_output|Popen|getoutput|getstatusoutput)|(?:session|c|ctx|context|conn|connection)\.(?:run|sudo|local|run_always)|pty\.spawn|sh\.\w+)\s*\(/g,
  node: /(?<![\w$])((?:execSync|exec|execFile|execFileSync|spawn|spawnSync|fork|execa|execaSync|execaCommand|execaCommandSync)|Bun\.spawn(?:Sync)?|Deno\.run|new\s+Deno\.Command|shell\.exec)\s*\(|((?:Bun\.)?\$)\s*`/g,
  ruby: /(?<![\w.])(system|exec|spawn|IO\.popen|Open3\.\w+|sh)(?:\s*\(|\s+(?=['"[]))|(%x)[({[]|(`)/g,
  perl: /(?<![\w$])(system|exec|qx)(?:\s*\(|\s+(?=['"[]))|(`)/g,
  php: /(?<![\w$])(system|exec|shell_exec|passthru|proc_open|popen)\s*\(|(`)/g,
  lua: /(?<![\w.])(os\.execute|io\.popen)(?:\s*\(|\s*(?=['"]))/g,
  r: /(?<![\w.])(system2?|shell|pipe|processx::run)\s*\(/g,
  // julia runs command literals: `run(`rm -rf x`)`
  julia: /(?<![\w.])(?:run|success|read|readchomp|pipeline)\s*\(\s*(`)/g,
  // tcl's exec runs the words after it, to the end of the command
  tcl: /(?<![\w$])(exec)\s+/g,
};
// Ways to run code or signal processes that no literal describes: always computed.
const OPAQUE: Record<string, RegExp> = {
  python: /(?<![\w.])(eval|exec)\s*\(|\bos\.(?:kill|killpg)\s*\(|__import__\s*\(\s*['"](?:os|subprocess)/g,
  node: /(?<![\w.])(eval|Function)\s*\(|\bnew\s+Function\b|\bprocess\.kill\s*\(/g,
  ruby: /(?<![\w.])(eval|instance_eval|Process\.kill)\b/g,
  perl: /(?<![\w$])(eval|kill)\b/g,
  php: /(?<![\w$])(eval)\s*\(/g,
  lua: /(?<![\w.])(load|loadstring|dofile)\s*\(/g,
  r: /(?<![\w.])(eval)\s*\(/g,
  julia: /(?<![\w.])(eval|include_string)\s*\(|(?<![\w.])(run|success)\s*\((?!\s*`)/g,
  tcl: /(?<![\w$])(eval|uplevel)\b|\bopen\s+["{]?\|/g,
};
const STARTS = /child_process|Bun\.spawn|Bun\.\$|Deno\.(?:run|Command)|execa|shelljs|\bzx\b|\$`/;
const CLOSERS: Record<string, string> = { '(': ')', '{': '}', '[': ']', '<': '>' };

/** Full-line comments blanked (length kept, so indexes still map to lines). */
function withoutComments(code: string): string {
  return code.replace(/^[ \t]*(?:#|\/\/).*$/gm, (m) => ' '.repeat(m.length));
}

function lineAt(code: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (code.charCodeAt(i) === 10) line++;
  return line;
}

/** A string literal at `i`: its text, where it ends, and whether it interpolates (then its text is not known). */
function literalAt(
  code: string,
  i: number,
  language: string,
): { text: string; end: number; computed: boolean } | undefined {
  let start = i;
  let prefix = '';
  if (language === 'python') {
    const m = /^[rRbBuUfF]{1,2}(?=['"])/.exec(code.slice(i, i + 3));
    if (m !== null) {
      prefix = m[0].toLowerCase();
      start = i + m[0].length;
    }
  }
  const quote = code[start];
  if (quote !== '"' && quote !== "'" && (quote !== '`' || language !== 'node')) return undefined;
  const triple = language === 'python' && code.startsWith(quote.repeat(3), start);
  const open = triple ? 3 : 1;
  let j = start + open;
  let text = '';
  while (j < code.length) {
    if (code[j] === '\\' && !prefix.includes('r')) {
      const next = code[j + 1] ?? '';
      text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      j += 2;
      continue;
    }
    if (triple ? code.startsWith(quote.repeat(3), j) : code[j] === quote) {
      const interpolates =
        (prefix.includes('f') && /\{[^}]/.test(text)) ||
        (quote === '`' && text.includes('${')) ||
        (language === 'ruby' && quote !== "'" && text.includes('#{')) ||
        ((language === 'perl' || language === 'php') && quote !== "'" && /[$@][{\w]/.test(text));
      return { text, end: j + open, computed: interpolates };
    }
    text += code[j];
    j++;
  }
  return undefined;
}

/** The end of a balanced bracket group starting at `i` (literals skipped); the text's end when unbalanced. */
function groupEnd(code: string, i: number, language: string): number {
  const open = code[i] ?? '';
  const close = CLOSERS[open] ?? '';
  let depth = 0;
  for (let j = i; j < code.length; j++) {
    const literal = literalAt(code, j, language);
    if (literal !== undefined) {
      j = literal.end - 1;
      continue;
    }
    if (code[j] === open) depth++;
    else if (code[j] === close && --depth === 0) return j + 1;
  }
  return code.length;
}

function skipSpace(code: string, i: number): number {
  while (i < code.length && /\s/.test(code[i] ?? '')) i++;
  return i;
}

/** The literal elements of a list at `i` (`["rm", "-rf", x]`), computed when any element is not a literal. */
function listAt(
  code: string,
  i: number,
  language: string,
): { words: string[]; end: number; computed: boolean } {
  const end = groupEnd(code, i, language);
  const words: string[] = [];
  let j = skipSpace(code, i + 1);
  while (j < end - 1) {
    const literal = literalAt(code, j, language);
    if (literal === undefined || literal.computed) return { words, end, computed: true };
    words.push(literal.text);
    j = skipSpace(code, literal.end);
    if (code[j] === ',') j = skipSpace(code, j + 1);
    else if (j < end - 1) return { words, end, computed: true };
  }
  return { words, end, computed: false };
}

/** An argv written as shell text, each word quoted so it stays one word. */
function shellWords(words: readonly string[]): string {
  return words.map((w) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * The command of one call, from its argument list starting at `i`: positional literals and lists, in order, up to
 * a keyword argument or an options object (whose `args:`/`cmd:` list is part of the command); computed when a
 * positional is anything but a literal, or a literal is joined to something else (`"rm -rf " + d`).
 */
function callCommand(code: string, i: number, language: string): string | undefined {
  const end = groupEnd(code, i - 1, language);
  const parts: string[][] = [];
  let j = skipSpace(code, i);
  while (j < end - 1) {
    const c = code[j] ?? '';
    const literal = literalAt(code, j, language);
    if (literal !== undefined) {
      if (literal.computed) return undefined;
      parts.push([literal.text]);
      j = literal.end;
    } else if (c === '[') {
      const list = listAt(code, j, language);
      if (list.computed) return undefined;
      parts.push(list.words);
      j = list.end;
    } else if (c === '{') {
      const object = code.slice(j, groupEnd(code, j, language));
      const inner = /\b(?:args|cmd)\s*:\s*\[/.exec(object);
      if (inner !== null) {
        const list = listAt(code, j + inner.index + inner[0].length - 1, language);
        if (list.computed) return undefined;
        parts.push(list.words);
      }
      break;
    } else if (
      /[A-Za-z_][\w.]*\s*=(?!=)/y.test(code.slice(j, j + 40)) &&
      (language === 'python' || language === 'r')
    ) {
      break; // keyword arguments (check=True, shell=True, cwd="x") are options, not the command
    } else if (/^:\w+\s*=>|^\w+:\s/.test(code.slice(j, j + 40)) && language === 'ruby') {
      break;
    } else return undefined;
    j = skipSpace(code, j);
    if (code[j] === ',') j = skipSpace(code, j + 1);
    else if (j < end - 1) return undefined;
  }
  if (parts.length === 0) return undefined;
  // one string is shell text (`os.system("a && b")`); anything else is an argv
  return parts.length === 1 && parts[0]?.length === 1 && !code.slice(i - 1, end).includes('[')
    ? parts[0][0]
    : shellWords(parts.flat());
}

/** Every process start in `code` of `language`, with its command when written out in literals. */
export function programCalls(source: string, language: string): ProgramCall[] {
  const calls = CALLS[language];
  if (calls === undefined) return [];
  const code = withDecodedLiterals(source, language);
  // `pattern.exec(text)` starts no process: node code is read for calls only where it can start one
  if (language === 'node' && !STARTS.test(code)) return opaqueCalls(withoutComments(code), language);
  const text = withoutComments(code);
  const out: ProgramCall[] = [];
  const pattern = new RegExp(calls.source, 'g');
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const via = (match[1] ?? match[2] ?? match[3] ?? '').replace(/\s+/g, ' ');
    const at = (match.index ?? 0) + match[0].length;
    let shell: string | undefined;
    if (match[0].endsWith('`')) {
      // a backtick command or tagged template (`` `ls` ``, `` Bun.$`rm -rf ${x}` ``): computed when it interpolates
      const close = text.indexOf('`', at);
      const body = text.slice(at, close === -1 ? text.length : close);
      shell = close === -1 || /\$\{|#\{|[$@][{\w]/.test(body) ? undefined : body;
      if (close !== -1) pattern.lastIndex = close + 1;
    } else if (language === 'tcl') {
      // `exec rm -rf /x`: the words to the command's end; a variable or command substitution is computed
      const rest = /^[^;\]\n]*/.exec(text.slice(at))?.[0] ?? '';
      shell = /[$[]/.test(rest) ? undefined : rest.replace(/\s*&\s*$/, '');
    } else if (via === '%x') {
      const end = groupEnd(text, at - 1, language);
      const body = text.slice(at, end - 1);
      shell = /#\{/.test(body) ? undefined : body;
    } else if (match[0].endsWith('(')) {
      shell = callCommand(text, at, language);
      // the python `sh` library runs the attribute it is called through (`sh.rm("-rf", "build")`)
      if (via.startsWith('sh.') && shell !== undefined) shell = `${via.slice(3)} ${shell}`;
    } else {
      // ruby/perl calls without parentheses (`system "ls"`): the arguments run to the end of the line
      const eol = text.indexOf('\n', at);
      const line = text.slice(at, eol === -1 ? text.length : eol).replace(/;\s*$/, '');
      shell = callCommand(`(${line})`, 1, language);
    }
    out.push({ line: lineAt(text, match.index ?? 0), via, ...(shell !== undefined ? { shell } : {}) });
  }
  return [...out, ...opaqueCalls(text, language)].sort((a, b) => a.line - b.line);
}

function opaqueCalls(text: string, language: string): ProgramCall[] {
  const opaque = OPAQUE[language];
  if (opaque === undefined) return [];
  return [...text.matchAll(opaque)].map((match) => ({
    line: lineAt(text, match.index ?? 0),
    via: (match[1] ?? match[0]).trim(),
  }));
}
