import { posix } from 'node:path';
import { unescape } from '../../core/actions/escapes.js';
import type { SimpleCommand } from '../../core/actions/types.js';
import type { Dir, Field, Invocation, LineState } from './state.js';

// A file written earlier on the line and then run (`echo 'rm -rf /' > x.sh && bash x.sh`) is a script whose
// text the line itself shows. Writes are recorded here with their text when it is literal; script-runs.ts
// reads them back when the file is executed.

const OUTPUT_OPS = new Set(['>', '>>', '>|', '&>', '&>>']);
const NOT_FILES = /^(&?\d*-?|\/dev\/(null|stdout|stderr|tty|fd\/\d+))$/;

/** The key a file is recorded under: its path normalised against the line's directory and machine. */
export function writtenKey(
  path: string,
  dir: Dir | undefined,
  remote: SimpleCommand['remote'],
): string | undefined {
  let full = path;
  if (!path.startsWith('/') && !path.startsWith('~')) {
    if (dir?.unknown === true) return undefined;
    full = `${dir?.cwd ?? '.'}/${path}`;
  }
  const where = remote === undefined ? '' : `${remote.kind}:${remote.host}:`;
  return where + posix.normalize(full);
}

/** What `echo`/`printf` would print for these words (escapes and `%s` applied); undefined when not literal. */
export function printedText(words: readonly Field[]): string | undefined {
  const name = words[0]?.value;
  if (name !== 'echo' && name !== 'printf') return undefined;
  let rest = words.slice(1);
  if (rest.some((w) => w.dynamic)) return undefined;
  if (name === 'echo') {
    const flags = rest[0]?.value ?? '';
    const noNewline = /^-[neE]+$/.test(flags) && flags.includes('n');
    if (/^-[neE]+$/.test(flags)) rest = rest.slice(1);
    // some shells' echo interprets escapes without -e: assume it does, so `\n` separates commands
    return unescape(rest.map((w) => w.value).join(' ')) + (noNewline ? '' : '\n');
  }
  if (rest[0]?.value === '--') rest = rest.slice(1);
  const [format, ...args] = rest.map((w) => w.value);
  if (format === undefined) return '';
  if (!/%[^%]/.test(format)) return unescape(format.replace(/%%/g, '%'));
  let out = '';
  let i = 0;
  // printf reuses its format until the arguments run out
  do {
    out += format.replace(/%(%|[-+ #0-9.]*[a-zA-Z])/g, (spec) => (spec === '%%' ? '%' : (args[i++] ?? '')));
  } while (i < args.length);
  return unescape(out);
}

/** Records the files a command writes, with their text when it is literal. */
export function recordWrites(command: SimpleCommand, inv: Invocation, state: LineState): void {
  const targets: string[] = [];
  for (const r of command.redirects)
    if (OUTPUT_OPS.has(r.op) && !NOT_FILES.test(r.target)) targets.push(r.target);
  const { name, args } = command;
  const files = args.filter((a) => !a.startsWith('-'));
  if (name === 'tee') targets.push(...files);
  if (['cp', 'mv', 'install', 'ln'].includes(name) && files.length >= 2) targets.push(files.at(-1) ?? '');
  if (name === 'curl' || name === 'wget') {
    const at = args.findIndex(
      (a) => a === '-o' || a === '--output' || a === '-O' || a === '--output-document',
    );
    if (at >= 0 && args[at + 1] !== undefined) targets.push(args[at + 1] ?? '');
  }
  if (targets.length === 0) return;
  const text = writtenText(command, inv);
  for (const target of targets) {
    if (command.dynamicArgs.length > 0 && target.includes('$')) continue;
    const key = writtenKey(target, inv.dir, command.remote);
    if (key === undefined) continue;
    const append = command.redirects.some((r) => r.target === target && r.op.includes('>>'));
    const before = state.written.get(key);
    state.written.set(
      key,
      append && state.written.has(key)
        ? before === undefined || text === undefined
          ? undefined
          : before + text
        : text,
    );
  }
}

/** The text a command writes, when the line shows it: echo/printf literals, `cat`/`tee` fed a heredoc. */
function writtenText(command: SimpleCommand, inv: Invocation): string | undefined {
  if (command.name === 'echo' || command.name === 'printf') {
    if (command.dynamicArgs.length > 0) return undefined;
    return printedText([
      { value: command.name, dynamic: false },
      ...command.args.map((value) => ({ value, dynamic: false })),
    ]);
  }
  const files = command.args.filter((a) => !a.startsWith('-'));
  if (command.name === 'cat' && (files.length === 0 || (files.length === 1 && files[0] === '-')))
    return inv.stdin ?? inv.pipedText;
  if (command.name === 'tee') return inv.stdin ?? inv.pipedText;
  return undefined;
}
