// A program that decodes a literal before running it (`os.system(base64.b64decode('cm0g…').decode())`) hides the
// command from a reader of the line, not from the interpreter: the decoding call on a literal is replaced by the
// literal it produces, so the process it starts is judged on the command it names. Only printable text counts;
// anything else (bytes, a decode of a variable) is left as it is, and stays computed.

const B64 = String.raw`([A-Za-z0-9+/=\s]*)`;
const HEX = String.raw`([0-9a-fA-F\s]*)`;
const Q = String.raw`(['"])`;

/** Decoding calls on a literal, per language: the pattern (payload in the group after the quote) and its encoding. */
const DECODERS: Record<string, [RegExp, 'base64' | 'hex'][]> = {
  python: [
    [
      new RegExp(
        String.raw`(?:[A-Za-z_]\w*\.)?(?:b64decode|standard_b64decode|decodebytes)\(\s*[bB]?${Q}${B64}\1\s*\)(?:\.decode\(\s*(?:(['"])[\w-]*\3)?\s*\))?`,
        'g',
      ),
      'base64',
    ],
    [
      new RegExp(
        String.raw`bytes\.fromhex\(\s*${Q}${HEX}\1\s*\)(?:\.decode\(\s*(?:(['"])[\w-]*\3)?\s*\))?`,
        'g',
      ),
      'hex',
    ],
  ],
  node: [
    [
      new RegExp(
        String.raw`Buffer\.from\(\s*${Q}${B64}\1\s*,\s*(['"])base64\3\s*\)(?:\.toString\(\s*(?:(['"])[\w-]*\4)?\s*\))?`,
        'g',
      ),
      'base64',
    ],
    [new RegExp(String.raw`\batob\(\s*${Q}${B64}\1\s*\)`, 'g'), 'base64'],
  ],
  ruby: [[new RegExp(String.raw`Base64\.(?:strict_)?decode64\(\s*${Q}${B64}\1\s*\)`, 'g'), 'base64']],
  php: [[new RegExp(String.raw`\bbase64_decode\(\s*${Q}${B64}\1\s*\)`, 'g'), 'base64']],
  perl: [[new RegExp(String.raw`\bdecode_base64\(\s*${Q}${B64}\1\s*\)`, 'g'), 'base64']],
};

const PRINTABLE = /^[\t\n\x20-\x7e\u00a0-\uffff]*$/;

function decode(payload: string, encoding: 'base64' | 'hex'): string | undefined {
  const clean = payload.replace(/\s+/g, '');
  if (encoding === 'hex' && clean.length % 2 !== 0) return undefined;
  const text = Buffer.from(clean, encoding).toString('utf8');
  return PRINTABLE.test(text) && !text.includes('\ufffd') ? text : undefined;
}

/** The code with each decoding call on a literal replaced by the literal it decodes to (one line stays one line). */
export function withDecodedLiterals(code: string, language: string): string {
  let out = code;
  for (const [pattern, encoding] of DECODERS[language] ?? [])
    out = out.replace(pattern, (whole: string, _quote: string, payload: string) => {
      const text = decode(payload, encoding);
      if (text === undefined) return whole;
      return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\t/g, '\\t')}'`;
    });
  return out;
}
