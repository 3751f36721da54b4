// PowerShell text read as the cmdlets it runs: each statement's command and its words, so a cmdlet is judged by
// its approved verb and the target its parameters name. Native programs it starts are handed back to be judged
// as the same program typed on the line.

/** One word of a statement: its text, and whether it is only known when the line runs. */
export interface PsWord {
  text: string;
  dynamic: boolean;
}

/** What PowerShell text runs: its statements, each a pipeline of commands (`Get-ChildItem x | Remove-Item`). */
export interface PsReading {
  pipelines: PsWord[][][];
  /** Why some of it cannot be read (an unclosed quote or bracket). */
  problems: string[];
}

// Variables whose value the gate knows the meaning of (a profile, temp, the current folder): a path built on
// them is still read as a path; any other variable is only known when the text runs.
const KNOWN_VARIABLE =
  /^\$(?:env:(?:USERPROFILE|HOMEPATH|HOME|TEMP|TMP|LOCALAPPDATA|APPDATA)|HOME|PWD|true|false|null)\b/i;
const CLOSE: Record<string, string> = { '(': ')', '{': '}' };

function dynamicText(text: string): boolean {
  for (let i = text.indexOf('$'); i >= 0; i = text.indexOf('$', i + 1)) {
    const rest = text.slice(i);
    if (/^\$(?:[\s"']|$)/.test(rest)) continue;
    if (!KNOWN_VARIABLE.test(rest)) return true;
  }
  return false;
}

/** Reads PowerShell text into its statements; brackets (`$( … )`, `{ … }`) are read as statements of their own. */
export function readPowerShell(text: string): PsReading {
  const reading: PsReading = { pipelines: [], problems: [] };
  readInto(text, reading);
  return reading;
}

function readInto(text: string, reading: PsReading): void {
  let pipeline: PsWord[][] = [];
  let segment: PsWord[] = [];
  let word = '';
  let inWord = false;
  let dynamic = false;
  const endWord = () => {
    if (inWord) segment.push({ text: word, dynamic: dynamic || dynamicText(word) });
    word = '';
    inWord = false;
    dynamic = false;
  };
  const endSegment = () => {
    endWord();
    if (segment.length > 0) pipeline.push(segment);
    segment = [];
  };
  const endPipeline = () => {
    endSegment();
    if (pipeline.length > 0) reading.pipelines.push(pipeline);
    pipeline = [];
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '#' && !inWord) {
      // a comment runs to the end of the line; `<# … #>` is a block comment
      i = text.startsWith('<#', i - 1) ? text.indexOf('#>', i) : text.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '<' && text[i + 1] === '#') {
      const end = text.indexOf('#>', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '`') {
      // the escape character: the next one is literal (a backtick at a line's end continues it)
      const next = text[i + 1] ?? '';
      if (next !== '\n' && next !== '\r') {
        word += next;
        inWord = true;
      }
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let literal = '';
      for (;;) {
        if (j >= text.length) {
          reading.problems.push('a quote that is never closed');
          break;
        }
        const d = text[j] ?? '';
        if (d === c && text[j + 1] === c) {
          literal += c;
          j += 2;
          continue;
        }
        if (d === c) break;
        if (c === '"' && d === '`') {
          literal += text[j + 1] ?? '';
          j += 2;
          continue;
        }
        literal += d;
        j++;
      }
      // only a double-quoted string expands variables and subexpressions
      if (c === '"' && dynamicText(literal)) dynamic = true;
      if (c === '"' && literal.includes('$(')) readInto(subexpressions(literal), reading);
      word += literal;
      inWord = true;
      i = j + 1;
      continue;
    }
    if (c === '(' || c === '{') {
      const end = closing(text, i);
      if (end < 0) {
        reading.problems.push(`a "${c}" that is never closed`);
        i = text.length;
        continue;
      }
      // what the brackets hold runs too; the word it stands in is only known when it runs
      readInto(text.slice(i + 1, end), reading);
      word += `${c}…${CLOSE[c] ?? ''}`;
      inWord = true;
      dynamic = true;
      i = end + 1;
      continue;
    }
    if (c === ';' || c === '\n' || c === '\r' || c === '}' || c === ')') {
      endPipeline();
      i++;
      continue;
    }
    if (c === '|' || c === '&') {
      if (text[i + 1] === c) endPipeline();
      else if (c === '|') endSegment();
      // `& 'C:\tools\x.exe' args` calls what the next word names; `cmd &` runs in the background
      else endWord();
      i += text[i + 1] === c ? 2 : 1;
      continue;
    }
    if (c === ',' || /\s/.test(c)) {
      endWord();
      i++;
      continue;
    }
    word += c;
    inWord = true;
    i++;
  }
  endPipeline();
}

function subexpressions(text: string): string {
  const parts: string[] = [];
  for (let at = text.indexOf('$('); at >= 0; at = text.indexOf('$(', at + 2)) {
    const end = closing(text, at + 1);
    if (end > at) parts.push(text.slice(at + 2, end));
  }
  return parts.join('\n');
}

/** The index of the bracket closing the one at `i` (quotes skipped), or -1. */
function closing(text: string, i: number): number {
  const open = text[i] ?? '';
  const close = CLOSE[open] ?? '';
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '`') {
      j++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, j + 1);
      if (end < 0) return -1;
      j = end;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return -1;
}

/** Decodes `-EncodedCommand` text (base64 of UTF-16LE); undefined when it is not that. */
export function decodeEncodedCommand(encoded: string): string | undefined {
  const clean = encoded.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 !== 0) return undefined;
  let bytes: string;
  try {
    bytes = atob(clean);
  } catch {
    return undefined;
  }
  if (bytes.length % 2 !== 0) return undefined;
  let text = '';
  for (let i = 0; i < bytes.length; i += 2)
    text += String.fromCharCode(bytes.charCodeAt(i) | (bytes.charCodeAt(i + 1) << 8));
  // text that is not text (control characters, unpaired halves) was not UTF-16LE
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000e-\u001f\ud800-\udfff]/.test(text)) return undefined;
  return text;
}
