import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { envVar } from '../classifiers/operation.js';
import { resolvePath } from '../classifiers/paths.js';
import { codeFileOperations, languageOf } from './code-files.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

const SHELLS = new Set(['bash', 'sh', 'zsh', 'dash', 'ksh', 'ash', 'mksh']);
const SOURCES = new Set(['source', '.']);
/** The language each interpreter runs. */
export const INTERPRETERS: Readonly<Record<string, string>> = {
  python: 'python',
  python3: 'python',
  python2: 'python',
  pypy: 'python',
  pypy3: 'python',
  node: 'node',
  nodejs: 'node',
  bun: 'node',
  deno: 'node',
  tsx: 'node',
  'ts-node': 'node',
  ruby: 'ruby',
  perl: 'perl',
  php: 'php',
  lua: 'lua',
  luajit: 'lua',
  'lua5.1': 'lua',
  'lua5.2': 'lua',
  'lua5.3': 'lua',
  'lua5.4': 'lua',
  Rscript: 'r',
  julia: 'julia',
  tclsh: 'tcl',
};
// Options of the shells and interpreters that take a value, so the script operand is found after them.
const VALUED = new Set([
  '-o',
  '+o',
  '-O',
  '+O',
  '--rcfile',
  '--init-file',
  '-W',
  '-X',
  '-I',
  '-r',
  '--require',
  '--import',
  '--loader',
]);
// Flags that mean the program is not a file (inline code, a module, stdin).
const NOT_A_FILE = new Set([
  '-c',
  '-e',
  '-E',
  '-m',
  '-p',
  '--eval',
  '--print',
  '-r',
  '-',
  '-s',
  '--version',
  '-V',
  '--help',
  '-h',
]);

const SYSTEM_PROGRAM = /^\/(?:usr\/)?s?bin\/[^/]+$/;

/** The script operand of a shell or interpreter call, or undefined when it runs inline code or stdin. */
function scriptOperand(command: SimpleCommand): string | undefined {
  const args =
    command.name === 'deno' || (command.name === 'bun' && command.args[0] === 'run')
      ? command.args.slice(1)
      : command.args;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (NOT_A_FILE.has(arg) || (/^-[a-zA-Z]*c$/.test(arg) && SHELLS.has(command.name))) return undefined;
    if (arg === '--') return args[i + 1];
    if (VALUED.has(arg)) i++;
    else if (!arg.startsWith('-') && !arg.startsWith('+'))
      return command.dynamicArgs.includes(i) ? undefined : arg;
  }
  return undefined;
}

/** The absolute path of a file a command names, where the command runs; undefined when not knowable. */
export function runPath(
  word: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): string | undefined {
  if (command.remote !== undefined) return undefined;
  return resolvePath(word, surroundings, false);
}

/** The file and how it runs, for scripts: `bash x.sh`, `source x`, `./x.sh`, `python x.py`, `BASH_ENV=x bash`. */
function scriptsRun(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): { word: string; how: 'shell' | string }[] {
  const out: { word: string; how: string }[] = [];
  // a program in the system's own folders (`/bin/rm`, `/usr/bin/env`) is the tool its name says, not a file an
  // agent wrote: it is judged by that name, never read as a script
  if (command.path !== undefined && !SYSTEM_PROGRAM.test(command.path))
    out.push({ word: command.path, how: 'by-content' });
  if (SHELLS.has(command.name) || SOURCES.has(command.name)) {
    const file = SOURCES.has(command.name) ? command.args[0] : scriptOperand(command);
    if (file !== undefined && !command.dynamicArgs.includes(command.args.indexOf(file)))
      out.push({ word: file, how: 'shell' });
    // a non-interactive bash reads BASH_ENV first, sh reads ENV: code the agent can set without a script
    const startup = envVar(command, surroundings, command.name === 'bash' ? 'BASH_ENV' : 'ENV');
    if (startup !== undefined && startup !== '' && !SOURCES.has(command.name))
      out.push({ word: startup, how: 'startup' });
  }
  const language = INTERPRETERS[command.name];
  if (language !== undefined) {
    const file = scriptOperand(command);
    if (file !== undefined) out.push({ word: file, how: language });
  }
  return out;
}

// A script's own folder, the way scripts find it (`cd "$(dirname "$0")/.."`, `${BASH_SOURCE[0]%/*}`): known before it
// runs, since blastwall reads the script from its path. `$0` is the script only when it is run, not sourced.
const SELF = String.raw`(?:"?\$\{BASH_SOURCE(?:\[0\])?\}"?|"?\$BASH_SOURCE"?|"?\$\{?0\}?"?)`;
const OWN_FOLDER = new RegExp(
  String.raw`\$\(\s*dirname\s+(?:--\s+)?${SELF}\s*\)|\$\{(?:BASH_SOURCE(?:\[0\])?|0)%/\*\}`,
  'g',
);
// `$(cd /a/b/.. && pwd)` once the folder is written out: that folder, normalised
const CD_PWD =
  /\$\(\s*cd\s+(?:--\s+)?"?(\/[\w./@+,:-]*)"?\s*(?:(?:&>|>|2>)\s*\/dev\/null\s*|2>&1\s*)*&&\s*pwd(?:\s+-[LP])?\s*\)/g;

/** The script's text with the expressions that name its own folder replaced by that folder. */
function withOwnFolder(text: string, path: string, sourced: boolean): string {
  const folder = posix.dirname(path);
  if (!/^[\w./@+,:-]+$/.test(folder)) return text;
  return text
    .replace(OWN_FOLDER, (found) => (sourced && !found.includes('BASH_SOURCE') ? found : folder))
    .replace(CD_PWD, (_, dir: string) => posix.normalize(dir));
}

/** The most files one pattern's matches are read for; past it the command is held. */
const MAX_MATCHES = 16;

function globRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/**
 * The files a script operand names: itself, or for a pattern in its last part (`tests/*.sh`, walked from `for f in
 * tests/*.sh`) the files of that folder it matches, as listed now; undefined when they cannot be known here.
 */
function matchedFiles(path: string, ctx: LookContext): string[] | undefined {
  const name = posix.basename(path);
  if (!/[*?[]/.test(path)) return [path];
  const dir = posix.dirname(path);
  if (/[*?[]/.test(dir) || /\[/.test(name) || ctx.deps.listFolder === undefined) return undefined;
  const pattern = globRegExp(name);
  const listed = ctx.deps.listFolder(dir);
  if (listed === 'too-many') return undefined;
  const matches = (listed ?? [])
    .filter(
      (entry) =>
        !entry.endsWith('/') && pattern.test(entry) && (name.startsWith('.') || !entry.startsWith('.')),
    )
    .map((entry) => posix.join(dir, entry));
  return matches.length > MAX_MATCHES ? undefined : matches;
}

/** Look-inside for scripts: what the file contains, judged as shell text or as code of its language. */
export function scriptOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const ops: Operation[] = [];
  for (const { word, how } of scriptsRun(command, surroundings)) {
    const resolved = runPath(word, command, surroundings);
    const paths = resolved === undefined ? [undefined] : matchedFiles(resolved, ctx);
    if (paths === undefined) {
      ops.push(
        heldInside(command, `${word}, files matched by a pattern blastwall cannot list before it runs`),
      );
      continue;
    }
    for (const path of paths) ops.push(...scriptFileOperations(command, surroundings, word, how, path, ctx));
  }
  return ops;
}

function scriptFileOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  word: string,
  how: string,
  path: string | undefined,
  ctx: LookContext,
): Operation[] {
  if (path === undefined)
    // a script on another machine (`ssh host bash /tmp/x.sh`) cannot be read from here: held, like any unreadable one
    return [
      heldInside(
        command,
        command.remote === undefined
          ? `${word}, a file whose place is known only when it runs`
          : `${word} on ${command.remote.host}, a file blastwall cannot read from here`,
      ),
    ];
  const label = posix.relative(surroundings.cwd, path).startsWith('..')
    ? path
    : posix.relative(surroundings.cwd, path) || word;
  const read = readWithin(command, path, label, ctx);
  // no such file: nothing runs (a file written earlier on the same line is the shell parser's to judge) —
  // except a start-up file, whose only purpose is to run, and which can appear before bash reads it: held
  if (read === undefined)
    return how === 'startup'
      ? [heldInside(command, `${label}, a start-up file that does not exist yet`)]
      : [];
  if ('held' in read) return [read.held];
  const language = how === 'by-content' ? languageOf(path, read.text) : how === 'startup' ? 'shell' : how;
  return language === 'shell'
    ? shellTextOperations(
        command,
        surroundings,
        withOwnFolder(read.text, path, SOURCES.has(command.name)),
        label,
        ctx,
      )
    : codeFileOperations(command, surroundings, read.text, language, label, ctx);
}
