/** Most words one brace expansion may produce; beyond it the word is kept as written. */
const MAX_WORDS = 256;

/** Expands bash brace expressions (`{a,b}`, `{1..3}`, `{a..c}`) in a word, as the shell does before running it. */
export function expandBraces(word: string): string[] {
  const out: string[] = [];
  expandInto(word, out);
  return out.length > MAX_WORDS ? [word] : out;
}

function expandInto(word: string, out: string[]): void {
  if (out.length > MAX_WORDS) return;
  const found = findBrace(word);
  if (found === undefined) {
    out.push(word);
    return;
  }
  const [open, close, alternatives] = found;
  const prefix = word.slice(0, open);
  const suffix = word.slice(close + 1);
  for (const alt of alternatives) expandInto(prefix + alt + suffix, out);
}

/** The first brace pair that expands: its bounds and alternatives. */
function findBrace(word: string): [number, number, string[]] | undefined {
  for (let open = word.indexOf('{'); open >= 0; open = word.indexOf('{', open + 1)) {
    let depth = 0;
    const commas: number[] = [];
    for (let i = open; i < word.length; i++) {
      const ch = word[i];
      if (ch === '\\') i++;
      else if (ch === '{') depth++;
      else if (ch === ',' && depth === 1) commas.push(i);
      else if (ch === '}' && --depth === 0) {
        const body = word.slice(open + 1, i);
        if (commas.length > 0) {
          const bounds = [open, ...commas, i];
          return [open, i, bounds.slice(1).map((end, k) => word.slice((bounds[k] ?? open) + 1, end))];
        }
        const range = sequence(body);
        if (range !== undefined) return [open, i, range];
        break;
      }
    }
  }
  return undefined;
}

function sequence(body: string): string[] | undefined {
  const m = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])$/.exec(body);
  if (m === null) return undefined;
  const [from, to] = [m[1] ?? '', m[2] ?? ''];
  const numeric = /\d/.test(from);
  if (numeric !== /\d/.test(to)) return undefined;
  const a = numeric ? Number(from) : from.charCodeAt(0);
  const b = numeric ? Number(to) : to.charCodeAt(0);
  if (Math.abs(b - a) > MAX_WORDS) return undefined;
  const step = a <= b ? 1 : -1;
  const out: string[] = [];
  for (let v = a; step > 0 ? v <= b : v >= b; v += step)
    out.push(numeric ? String(v) : String.fromCharCode(v));
  return out;
}
