import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import type { RunFile } from '../deps.js';
import { operation } from '../operation.js';
import { heldInside } from '../../look-inside/trail.js';
import { cmdStatement, readCmd } from './cmd.js';
import { cmdletName, cmdletOperations } from './cmdlets.js';
import { decodeEncodedCommand, readPowerShell, type PsWord } from './powershell.js';

/** What a Windows shell call does: the operations of its own commands, and the native programs it starts. */
export interface WindowsReading {
  ops: Operation[];
  /** Each native program started, as its words (judged as that program typed on the line). */
  natives: PsWord[][];
}

// powershell.exe / pwsh options that take a value (by their full names; any unique prefix is accepted).
const VALUED = [
  'executionpolicy',
  'windowstyle',
  'version',
  'configurationname',
  'workingdirectory',
  'outputformat',
  'inputformat',
  'psconsolefile',
  'custompipename',
  'settingsfile',
  'encodedarguments',
];
const VALUED_SHORT = new Set(['ep', 'ex', 'w', 'v', 'wd', 'o', 'of', 'if', 'ea', 'config', 'cnf']);

type Mode = 'command' | 'encoded' | 'file';

function modeOf(option: string): Mode | 'valued' | 'flag' {
  const name = option.replace(/^[-/]+/, '').toLowerCase();
  if (name === 'c' || (name.length >= 3 && 'command'.startsWith(name))) return 'command';
  if (
    name === 'e' ||
    name === 'ec' ||
    (name.length >= 2 && 'encodedcommand'.startsWith(name) && name !== 'ea')
  )
    return 'encoded';
  if (name === 'f' || (name.length >= 2 && 'file'.startsWith(name))) return 'file';
  if (VALUED_SHORT.has(name) || VALUED.some((v) => name.length >= 3 && v.startsWith(name))) return 'valued';
  return 'flag';
}

/** Reads a PowerShell or cmd call, a `wsl --unregister`; undefined for any other command. */
export function readWindowsShell(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  readFile?: (path: string) => RunFile,
): WindowsReading | undefined {
  switch (command.name) {
    case 'powershell':
    case 'pwsh':
    case 'powershell_ise':
      return readPowerShellCall(command, surroundings, readFile);
    case 'cmd':
      return readCmdCall(command, surroundings, readFile);
    case 'wsl':
    case 'wslconfig':
      return { ops: wslOperations(command), natives: [] };
    default:
      return undefined;
  }
}

function readPowerShellCall(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  readFile?: (path: string) => RunFile,
): WindowsReading {
  const args = command.args;
  const label = command.name;
  let i = 0;
  let mode: Mode | undefined;
  for (; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') break;
    const found = modeOf(arg);
    if (found === 'valued') i++;
    else if (found !== 'flag') {
      mode = found;
      i++;
      break;
    }
  }
  // with neither, powershell.exe reads the rest as a command and pwsh as a script file
  mode ??= command.name === 'pwsh' ? 'file' : 'command';
  const rest = args.slice(i);
  if (rest.length === 0) return { ops: [], natives: [] };
  let text: string;
  let where = `${label} -Command`;
  if (mode === 'encoded') {
    const decoded = decodeEncodedCommand(rest[0] ?? '');
    if (decoded === undefined || command.dynamicArgs.includes(i))
      return {
        ops: [heldInside(command, 'an encoded command that does not decode as UTF-16LE text', label)],
        natives: [],
      };
    text = decoded;
    where = `${label} -EncodedCommand (\`${decoded.length > 60 ? decoded.slice(0, 57) + '…' : decoded}\`)`;
  } else if (mode === 'file') {
    const file = rest[0] ?? '';
    const read = readScript(file, command, surroundings, readFile);
    if (read === undefined) return { ops: [], natives: [] };
    if ('held' in read) return { ops: [heldInside(command, `${file}, ${read.held}`, label)], natives: [] };
    text = read.text;
    where = `${label} -File ${file}`;
  } else {
    if (rest.length === 1 && rest[0] === '-') {
      if (command.stdin === undefined)
        return {
          ops: [heldInside(command, 'commands read from its input, not known before it runs', label)],
          natives: [],
        };
      text = command.stdin;
    } else text = rest.join(' ');
    if (rest.some((_, k) => command.dynamicArgs.includes(i + k)) && /[$`]/.test(text))
      return { ops: [heldInside(command, 'PowerShell text known only when it runs', label)], natives: [] };
  }
  return powerShellText(command, surroundings, text, where, scriptReader(command, surroundings, readFile));
}

function readScript(
  file: string,
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  readFile?: (path: string) => RunFile,
): { text: string } | { held: string } | undefined {
  if (readFile === undefined) return undefined;
  if (/^(?:[A-Za-z]:|\\\\)|\$|%/.test(file)) return { held: 'a script blastwall cannot read before it runs' };
  const cwd = command.cwd ?? surroundings.cwd;
  const result = readFile(posix.resolve(cwd, file.replace(/\\/g, '/')));
  switch (result.kind) {
    case 'text':
      return { text: result.text };
    case 'missing':
      return undefined;
    case 'too-large':
      return { held: `larger (${result.bytes} bytes) than blastwall reads before it runs` };
    case 'unreadable':
      return { held: `which blastwall could not read (${result.reason})` };
  }
}

/** Reads a script the text runs by its path, within a depth bound (a script that runs itself is read once). */
interface ScriptReader {
  read(file: string): { text: string } | { held: string } | undefined;
  depth: number;
}

const MAX_SCRIPT_DEPTH = 4;

function scriptReader(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  readFile?: (path: string) => RunFile,
): ScriptReader | undefined {
  if (readFile === undefined) return undefined;
  return { read: (file) => readScript(file, command, surroundings, readFile), depth: 0 };
}

// `.\clean.ps1`, `call scripts\setup.bat`: a script of the shell's own language, read as it stands
function nestedScript(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  words: readonly PsWord[],
  reader: ScriptReader | undefined,
  ops: Operation[],
  label: string,
): WindowsReading | undefined {
  const file = words[0]?.text ?? '';
  const kind = /\.ps1$/i.test(file) ? 'ps' : /\.(?:bat|cmd)$/i.test(file) ? 'cmd' : undefined;
  if (kind === undefined || reader === undefined) return undefined;
  if (reader.depth >= MAX_SCRIPT_DEPTH) {
    ops.push(heldInside(command, `${file}, nested deeper than blastwall reads before it runs`, label));
    return { ops: [], natives: [] };
  }
  const read = reader.read(file);
  if (read === undefined) return { ops: [], natives: [] };
  if ('held' in read) {
    ops.push(heldInside(command, `${file}, ${read.held}`, label));
    return { ops: [], natives: [] };
  }
  const deeper = { ...reader, depth: reader.depth + 1 };
  return kind === 'ps'
    ? powerShellText(command, surroundings, read.text, `${label} → ${file}`, deeper)
    : cmdText(command, surroundings, read.text, `${label} → ${file}`, deeper);
}

/** PowerShell text judged statement by statement: cmdlets by their verbs, native programs handed back. */
export function powerShellText(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  text: string,
  label: string,
  reader?: ScriptReader,
): WindowsReading {
  const reading = readPowerShell(text);
  const ops: Operation[] = reading.problems.map((p) =>
    heldInside(command, `PowerShell text with ${p}`, label),
  );
  const natives: PsWord[][] = [];
  for (const pipeline of reading.pipelines) {
    let piped: PsWord[] | undefined;
    for (const segment of pipeline) {
      const [first, ...words] = segment;
      if (first === undefined) continue;
      if (first.dynamic) {
        ops.push(heldInside(command, `a command known only when it runs (${first.text})`, label));
        continue;
      }
      const name = cmdletName(first.text);
      if (name === 'start-process') natives.push(startedProcess(words));
      else if (name !== undefined)
        ops.push(...cmdletOperations(command, surroundings, name, words, piped, label));
      else {
        // `.\x.ps1` is read as PowerShell; `& 'C:\tools\x.exe' …`, a native program, is judged as typed on the line
        const script = nestedScript(command, surroundings, segment, reader, ops, label);
        if (script === undefined) natives.push(segment);
        else {
          ops.push(...script.ops);
          natives.push(...script.natives);
        }
      }
      // what `Get-ChildItem PATH` lists is what the next command receives
      piped =
        name === 'get-childitem' || name === 'get-item'
          ? words.filter((w) => !w.text.startsWith('-')).slice(0, 1)
          : undefined;
    }
  }
  return { ops, natives };
}

/** `Start-Process cmd -ArgumentList '/c rd /s /q C:\x'`: the program and its arguments. */
function startedProcess(words: readonly PsWord[]): PsWord[] {
  const out: PsWord[] = [];
  let argumentList: PsWord[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as PsWord;
    const key = word.text.toLowerCase();
    if (/^-(?:filepath|fi|file|path)$/.test(key)) out.unshift(words[++i] ?? word);
    else if (/^-(?:argumentlist|args|arg|argument|a)$/.test(key))
      argumentList = words.slice(i + 1).filter((w) => !w.text.startsWith('-'));
    else if (key.startsWith('-')) {
      if (!/^-(?:wait|nonewwindow|passthru|usenewenvironment)$/.test(key)) i++;
    } else out.push(word);
  }
  // the argument list is one command line when given as one string
  const split = argumentList.flatMap((w) =>
    w.dynamic
      ? [w]
      : w.text
          .split(/\s+/)
          .filter((t) => t !== '')
          .map((t) => ({ text: t, dynamic: false })),
  );
  return [...out, ...split];
}

function readCmdCall(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  readFile?: (path: string) => RunFile,
): WindowsReading {
  const args = command.args;
  const at = args.findIndex((a) => /^\/[ck]$/i.test(a));
  if (at < 0) return { ops: [], natives: [] };
  let text = args.slice(at + 1).join(' ');
  if (args.slice(at + 1).some((_, k) => command.dynamicArgs.includes(at + 1 + k)) && /[$`]/.test(text))
    return { ops: [heldInside(command, 'cmd text known only when it runs', command.name)], natives: [] };
  // cmd strips one pair of quotes around the whole command
  if (/^".*"$/s.test(text)) text = text.slice(1, -1);
  return cmdText(
    command,
    surroundings,
    text,
    `${command.name} /c`,
    scriptReader(command, surroundings, readFile),
  );
}

/** cmd text judged statement by statement. */
export function cmdText(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  text: string,
  label: string,
  reader?: ScriptReader,
): WindowsReading {
  const ops: Operation[] = [];
  const natives: PsWord[][] = [];
  for (const statement of readCmd(text)) {
    if (statement[0]?.dynamic === true) {
      ops.push(heldInside(command, `a command known only when it runs (${statement[0].text})`, label));
      continue;
    }
    const native = cmdStatement(command, surroundings, statement, label, ops);
    if (native === undefined || native.length === 0) continue;
    const script = nestedScript(command, surroundings, native, reader, ops, label);
    if (script === undefined) natives.push(native);
    else {
      ops.push(...script.ops);
      natives.push(...script.natives);
    }
  }
  return { ops, natives };
}

// wsl's own verbs: `--unregister` (and `wslconfig /unregister`) deletes a whole Linux install and its files.
function wslOperations(command: SimpleCommand): Operation[] {
  const at = command.args.findIndex((a) => /^(?:--unregister|\/unregister|\/u)$/i.test(a));
  if (at < 0) return [];
  const distro = command.args[at + 1] ?? 'a distribution';
  return [
    operation(command, {
      kind: 'delete',
      category: 'system',
      destructive: true,
      reversible: false,
      target: distro,
      summary: `${command.name} --unregister ${distro}, which deletes that Linux install and every file in it`,
      hints: { local: true },
    }),
  ];
}
