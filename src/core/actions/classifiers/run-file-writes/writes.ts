import { unescape } from '../../escapes.js';
import type { SimpleCommand } from '../../types.js';
import { RUN_KEY } from './run-files.js';

// What a command writes, when the words say it: the text `echo`/`printf`/`cat <<EOF`/`tee` put into a file,
// a value `yq -i` assigns, a script `npm pkg set` stores. Only known text is returned; a command whose output
// cannot be known before it runs (`curl … > Makefile`) writes nothing this module can judge.

/** Text written into a file, or a command stored under a key of one. */
export interface Written {
  /** The file as written on the line. */
  file: string;
  /** The text that lands in it (whole, or a fragment when appended or assigned). */
  text: string;
  /** How, for the reason: `npm pkg set scripts.test`, `printf >> Makefile`. */
  how: string;
  /** The command text under a key (package scripts, a yq assignment), rather than file text to read by kind. */
  command?: boolean;
}

const WRITE_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);

/** What `printf FORMAT ARGS…` prints (`%s`/`%b`/`%d` take the arguments in turn, the format repeats). */
function printfText(args: readonly string[]): string {
  const [format = '', ...rest] = args[0] === '--' ? args.slice(1) : args;
  let out = '';
  let i = 0;
  do {
    out += unescape(format).replace(/%(%|[-+ #0]*\d*(?:\.\d+)?[sbdiqcxXoeEfgG])/g, (whole, spec: string) => {
      if (spec === '%') return '%';
      const value = rest[i++] ?? '';
      return spec.endsWith('b') ? unescape(value) : value;
    });
  } while (i > 0 && i < rest.length);
  return out;
}

/** What the command prints when the words alone tell (echo, printf, cat or tee of a heredoc). */
export function printedText(command: SimpleCommand): string | undefined {
  switch (command.name) {
    case 'echo': {
      const args = [...command.args];
      let interpret = false;
      while (/^-[neE]+$/.test(args[0] ?? '')) interpret ||= (args.shift() ?? '').includes('e');
      // bash's echo leaves `\t` as written, dash's (sh) expands it: read as the shell that expands, to fail closed
      const text = `${args.join(' ')}\n`;
      return interpret || /\\[nt]/.test(text) ? unescape(text) : text;
    }
    case 'printf':
      return command.args.includes('-v') ? undefined : printfText(command.args);
    case 'cat':
    case 'tee':
      return command.args.every((a) => a.startsWith('-') || command.name === 'tee')
        ? command.stdin
        : undefined;
    default:
      return undefined;
  }
}

/** Files the command writes and the text they get: redirections and `tee` of known text. */
function textWrites(command: SimpleCommand): Written[] {
  const text = printedText(command);
  if (text === undefined) return [];
  const out: Written[] = [];
  for (const r of command.redirects)
    if (WRITE_OPS.has(r.op)) out.push({ file: r.target, text, how: `${command.name} ${r.op} ${r.target}` });
  if (command.name === 'tee')
    for (const file of command.args.filter((a) => !a.startsWith('-')))
      out.push({ file, text, how: `tee ${file}` });
  return out;
}

/** `yq -i '.path = "value"' FILE`: each string assigned under a key that names a command. */
function yqWrites(command: SimpleCommand): Written[] {
  if (
    command.name !== 'yq' ||
    !command.args.some((a) => a === '-i' || a === '--inplace' || /^-\w*i\w*$/.test(a))
  )
    return [];
  const words = command.args.filter((a) => !a.startsWith('-') && a !== 'e' && a !== 'eval');
  const [expression = '', ...files] = words;
  const out: Written[] = [];
  const assignment = /(\.[\w."[\]-]*?)\s*(?:\|?=|\+=)\s*(\[[^\]]*\]|"(?:[^"\\]|\\.)*"|'[^']*')/g;
  for (const match of expression.matchAll(assignment)) {
    const path = (match[1] ?? '')
      .replace(/\[\d*\]|"/g, '')
      .split('.')
      .filter((k) => k !== '');
    const key = path.at(-2) === 'scripts' ? `scripts.${path.at(-1) ?? ''}` : (path.at(-1) ?? '');
    if (!RUN_KEY.test(key)) continue;
    const strings = [...(match[2] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) =>
      (m[1] ?? m[2] ?? '').replace(/\\(["\\])/g, '$1'),
    );
    // `["sh", "-c", "TEXT"]` runs TEXT; any other list runs its words
    const text =
      strings.length >= 3 && /^(ba|z|da)?sh$/.test(strings[0] ?? '') && strings[1] === '-c'
        ? strings.slice(2).join(' ')
        : strings.join(' ');
    for (const file of files)
      out.push({ file, text, how: `yq -i ${match[1] ?? ''} in ${file}`, command: true });
  }
  return out;
}

const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn', 'bun']);

/** `npm pkg set scripts.NAME=COMMAND`, `npm set-script NAME COMMAND`: a package script stored for later. */
function packageScriptWrites(command: SimpleCommand): Written[] {
  if (!PACKAGE_MANAGERS.has(command.name)) return [];
  const words = command.args.filter((a) => !a.startsWith('-'));
  const at = words.indexOf('pkg');
  const out: Written[] = [];
  if (at >= 0 && words[at + 1] === 'set') {
    for (const pair of words.slice(at + 2)) {
      const match = /^scripts\.([^=]+)=(.*)$/s.exec(pair);
      if (match !== null)
        out.push({
          file: 'package.json',
          text: match[2] ?? '',
          how: `${command.name} pkg set scripts.${match[1] ?? ''}`,
          command: true,
        });
    }
  }
  if (words[0] === 'set-script' && words[2] !== undefined)
    out.push({
      file: 'package.json',
      text: words[2],
      how: `${command.name} set-script ${words[1] ?? ''}`,
      command: true,
    });
  return out;
}

/** Everything the command writes whose text is known. */
export function knownWrites(command: SimpleCommand): Written[] {
  return [...textWrites(command), ...yqWrites(command), ...packageScriptWrites(command)];
}
