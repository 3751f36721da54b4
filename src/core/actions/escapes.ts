// Backslash escapes as `echo -e`, `printf` (its format and `%b`) and `tr` expand them. Text that spells a command
// in escapes (`printf '\162m -rf ~'`, `echo -e '\x72m'`) is judged as what the shell gets, so every reader of
// printed or translated text expands escapes here, the same way.

/** One escape: hex (`\x72`), octal with or without a leading 0 (`\0162`, `\162`), or a one-letter escape. */
const ESCAPE = /\\(?:x([0-9a-fA-F]{1,2})|0([0-7]{1,3})|([1-7][0-7]{0,2})|([ntr\\'"ae0]|$))/g;

/**
 * `text` with its backslash escapes expanded, left to right (`\\x72` is a backslash then `x72`). Bell, escape, a
 * lone `\0` and a trailing backslash print nothing a shell reads as part of a word, so they are dropped: `r\em`
 * is read as `rm`, which holds rather than lets through a name a terminal would not show.
 */
export function unescape(text: string): string {
  return text.replace(ESCAPE, (_, hex?: string, oct?: string, bare?: string, letter?: string) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (oct !== undefined || bare !== undefined) return String.fromCharCode(parseInt(oct ?? bare ?? '0', 8));
    if (letter === 'n') return '\n';
    if (letter === 't') return '\t';
    if (letter === 'r') return '\r';
    if (letter === '' || letter === 'a' || letter === 'e' || letter === '0') return '';
    return letter ?? '';
  });
}
