import { unescape } from '../../core/actions/escapes.js';
import type { Field } from './state.js';

// Literal encodings hide a command from a reader of the line (`echo cm0g… | base64 -d | sh`), not from the shell.
// When the encoded text is on the line, each decoder stage of the pipeline is run here on it, so what the shell
// finally gets is judged like any other command. A stage that is not one of these decoders, or text that does
// not decode to printable text, leaves the output unknown, and the shell that runs it is held as before.

/** The most decoded text followed; a longer payload stays unknown. */
const MAX_DECODED = 64 * 1024;

const flags = (words: readonly Field[]): string[] => words.slice(1).map((w) => w.value);
const hasFlag = (args: readonly string[], ...names: string[]): boolean =>
  args.some(
    (a) =>
      names.includes(a) ||
      (/^-[a-zA-Z]+$/.test(a) && names.some((n) => n.length === 2 && a.includes(n[1] ?? ''))),
  );

function base64(text: string): string | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64').toString('latin1');
}

function base32(text: string): string | undefined {
  const clean = text.replace(/\s+/g, '').replace(/=+$/, '').toUpperCase();
  if (!/^[A-Z2-7]*$/.test(clean)) return undefined;
  let bits = 0;
  let value = 0;
  let out = '';
  for (const ch of clean) {
    value = (value << 5) | 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out += String.fromCharCode((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

function hex(text: string): string | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) return undefined;
  return Buffer.from(clean, 'hex').toString('latin1');
}

/** `tr` sets with ranges and backslash escapes (`'A-Za-z' 'N-ZA-Mn-za-m'`); undefined for classes (`[:alpha:]`). */
function trSet(set: string): string | undefined {
  if (set.includes('[:') || set.includes('[=') || /\[.\*/.test(set)) return undefined;
  const chars = unescape(set);
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const from = chars.charCodeAt(i);
    if (chars[i + 1] === '-' && i + 2 < chars.length) {
      const to = chars.charCodeAt(i + 2);
      if (to < from) return undefined;
      for (let c = from; c <= to; c++) out += String.fromCharCode(c);
      i += 2;
    } else out += chars[i] ?? '';
  }
  return out;
}

function tr(args: readonly string[], text: string): string | undefined {
  if (args.length === 2 && !args.some((a) => a.startsWith('-'))) {
    const from = trSet(args[0] ?? '');
    const to = trSet(args[1] ?? '');
    if (from === undefined || to === undefined || to.length === 0) return undefined;
    const map = new Map<string, string>();
    for (let i = 0; i < from.length; i++) map.set(from[i] ?? '', to[Math.min(i, to.length - 1)] ?? '');
    return [...text].map((c) => map.get(c) ?? c).join('');
  }
  if (args.length === 2 && args[0] === '-d') {
    const set = trSet(args[1] ?? '');
    return set === undefined ? undefined : [...text].filter((c) => !set.includes(c)).join('');
  }
  return undefined;
}

/** What a decoder stage prints for `input`; undefined when the stage is not one, or the text does not decode. */
function decodeOnce(words: readonly Field[], input: string): string | undefined {
  if (words.some((w) => w.dynamic)) return undefined;
  const name = words[0]?.value.split('/').pop() ?? '';
  const args = flags(words);
  const decoding = hasFlag(args, '-d', '--decode', '-D');
  switch (name) {
    case 'base64':
      return decoding && args.every((a) => a.startsWith('-')) ? base64(input) : undefined;
    case 'base32':
      return decoding && args.every((a) => a.startsWith('-')) ? base32(input) : undefined;
    case 'basenc':
      if (!decoding || !args.every((a) => a.startsWith('-'))) return undefined;
      return args.includes('--base32')
        ? base32(input)
        : args.some((a) => /^--base64(?:url)?$/.test(a))
          ? base64(input)
          : args.includes('--base16')
            ? hex(input)
            : undefined;
    case 'openssl': {
      // `openssl base64 -d`, `openssl enc -base64 -d`, `openssl enc -d -a`
      const base = args[0] === 'base64' || (args[0] === 'enc' && hasFlag(args, '-base64', '-a'));
      const extra = args.slice(1).filter((a) => !['-d', '-base64', '-a', '-A'].includes(a));
      return base && args.includes('-d') && extra.length === 0 ? base64(input) : undefined;
    }
    case 'xxd':
      // only the plain hex form: `xxd -r` alone reads a dump with offsets
      return args.length > 0 &&
        args.every((a) => ['-r', '-p', '-rp', '-pr', '-ps', '-plain', '-revert'].includes(a)) &&
        hasFlag(args, '-r', '-revert') &&
        hasFlag(args, '-p', '-ps', '-plain')
        ? hex(input)
        : undefined;
    case 'rev':
      return args.length === 0
        ? input
            .split('\n')
            .map((line) => [...line].reverse().join(''))
            .join('\n')
        : undefined;
    case 'tr':
      return tr(args, input);
    case 'cat':
      return args.length === 0 || (args.length === 1 && args[0] === '-') ? input : undefined;
    default:
      return undefined;
  }
}

const PRINTABLE = /^[\t\n\r\x20-\x7e\x80-\uffff]*$/;

/**
 * The text a decoder stage prints when its input is known (piped from a literal `echo`, or a here-string); only
 * printable text counts, so bytes (a compressed payload) leave the output unknown.
 */
export function decodedOutput(words: readonly Field[], input: string | undefined): string | undefined {
  if (input === undefined || input.length > MAX_DECODED) return undefined;
  const out = decodeOnce(words, input);
  if (out === undefined || out.length > MAX_DECODED) return undefined;
  // latin1 bytes back to text: the payload is UTF-8 when it is a command
  const text = Buffer.from(out, 'latin1').toString('utf8');
  return PRINTABLE.test(text) && !text.includes('\ufffd') ? text : undefined;
}
