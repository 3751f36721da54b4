import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { operation } from '../operation.js';
import { windowsDelete } from './paths.js';
import type { PsWord } from './powershell.js';

// Variables cmd expands whose meaning the gate knows; any other `%NAME%` or `!NAME!` is known only when it runs.
const KNOWN = /^%(?:USERPROFILE|HOMEPATH|TEMP|TMP|CD|LOCALAPPDATA|APPDATA|SYSTEMROOT|WINDIR|SYSTEMDRIVE)%/i;

/** The statements of cmd text (`a && b & c | d`), each as its words (quotes removed, `^` escapes read). */
export function readCmd(text: string): PsWord[][] {
  const statements: PsWord[][] = [];
  let words: PsWord[] = [];
  let word = '';
  let inWord = false;
  let quoted = false;
  const endWord = () => {
    if (inWord) words.push({ text: word, dynamic: dynamicCmd(word) });
    word = '';
    inWord = false;
  };
  const endStatement = () => {
    endWord();
    if (words.length > 0) statements.push(words);
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '"') {
      quoted = !quoted;
      inWord = true;
      continue;
    }
    if (quoted) {
      word += c;
      continue;
    }
    if (c === '^') {
      word += text[++i] ?? '';
      inWord = true;
    } else if (c === '&' || c === '|' || c === '\n' || c === '\r' || c === '(' || c === ')') {
      endStatement();
      if (text[i + 1] === c) i++;
    } else if (/\s/.test(c)) endWord();
    else {
      word += c;
      inWord = true;
    }
  }
  endStatement();
  return statements;
}

function dynamicCmd(word: string): boolean {
  if (/![A-Za-z_]\w*!/.test(word)) return true;
  for (const m of word.matchAll(/%[^%\s]+%|%~?\w/g)) if (!KNOWN.test(m[0])) return true;
  return false;
}

const SWITCH = /^\/[A-Za-z?](?::.*)?$/;

/**
 * One cmd statement, judged as cmd would run it: `rd /s`, `del` of what is not disposable, `format`, `reg delete`,
 * `vssadmin delete shadows`, `bcdedit` changes, `diskpart`, `wevtutil cl`, `sc delete`/`net stop` are destructive;
 * `dir`, `type`, `echo`, `where` are not. Returns the words of a native program it starts otherwise (judged as that
 * program typed on the line), or undefined when the statement is cmd's own.
 */
export function cmdStatement(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  words: readonly PsWord[],
  label: string,
  ops: Operation[],
): PsWord[] | undefined {
  let at = 0;
  // `for %f in (…) do rd /s /q %f`, `if exist x rd /s /q x`: the command is what follows
  const head = (words[0]?.text ?? '').replace(/^@/, '').toLowerCase();
  if (head === 'for') {
    const body = words.findIndex((w) => w.text.toLowerCase() === 'do');
    if (body < 0) return undefined;
    at = body + 1;
  } else if (head === 'if') {
    at = 1;
    if (/^\/i$/i.test(words[at]?.text ?? '')) at++;
    if ((words[at]?.text ?? '').toLowerCase() === 'not') at++;
    const test = (words[at]?.text ?? '').toLowerCase();
    at += ['exist', 'defined', 'errorlevel'].includes(test) ? 2 : /==/.test(test) ? 1 : 3;
  }
  const rest = words.slice(at);
  if (rest.length === 0) return undefined;
  const name = (rest[0]?.text ?? '')
    .replace(/^@/, '')
    .replace(/\.(?:exe|com)$/i, '')
    .toLowerCase();
  const args = rest.slice(1);
  const switches = new Set(args.filter((w) => SWITCH.test(w.text)).map((w) => w.text.toLowerCase()));
  const operands = args.filter((w) => !SWITCH.test(w.text));
  const lower = operands.map((w) => w.text.toLowerCase());
  const push = (kind: Operation['kind'], target: string, what: string, reversible = false) =>
    ops.push(
      operation(command, {
        kind,
        category: 'system',
        destructive: true,
        reversible,
        target,
        summary: `${label} runs ${what}`,
        hints: { local: true },
      }),
    );
  const paths = (what: string) => {
    for (const operand of operands) {
      const op = windowsDelete(command, surroundings, operand, `${label} runs ${what}`);
      if (op !== undefined) ops.push(op);
    }
  };
  switch (name) {
    case 'rd':
    case 'rmdir':
      // without /s, rd removes only an empty folder
      if (switches.has('/s')) paths('rd /s, a recursive delete of');
      return undefined;
    case 'del':
    case 'erase':
      paths(`${name}, a delete of`);
      return undefined;
    case 'format':
      push(
        'delete',
        operands[0]?.text ?? 'a volume',
        `format, which erases the volume ${operands[0]?.text ?? ''}`.trim(),
      );
      return undefined;
    case 'reg':
      if (lower[0] === 'delete')
        push(
          'delete',
          operands[1]?.text ?? 'a registry key',
          `reg delete of ${operands[1]?.text ?? 'a key'}`,
        );
      return undefined;
    case 'vssadmin':
      if (lower[0] === 'delete')
        push('delete', 'shadow copies', 'vssadmin delete, which deletes the volume shadow copies (backups)');
      return undefined;
    case 'wmic':
      if (lower.includes('shadowcopy') && lower.includes('delete'))
        push(
          'delete',
          'shadow copies',
          'wmic shadowcopy delete, which deletes the volume shadow copies (backups)',
        );
      return undefined;
    case 'bcdedit':
      // listing the boot configuration changes nothing
      if (args.length > 0 && !['/enum', '/v', '/?'].includes(args[0]?.text.toLowerCase() ?? ''))
        push('replace', 'the boot configuration', 'bcdedit, which changes how the machine boots');
      return undefined;
    case 'diskpart':
      push('delete', 'disks and partitions', 'diskpart, which repartitions and erases disks by its script');
      return undefined;
    case 'wevtutil':
      if (lower[0] === 'cl' || lower[0] === 'clear-log')
        push(
          'delete',
          operands[1]?.text ?? 'an event log',
          `wevtutil cl, which clears the event log ${operands[1]?.text ?? ''}`.trim(),
        );
      return undefined;
    case 'sc':
      if (lower.includes('delete') || lower.includes('stop'))
        push(
          lower.includes('delete') ? 'delete' : 'stop',
          operands.at(-1)?.text ?? 'a service',
          `sc ${lower.includes('delete') ? 'delete' : 'stop'} of a service`,
          !lower.includes('delete'),
        );
      return undefined;
    case 'net':
      if (lower[0] === 'stop')
        push(
          'stop',
          operands[1]?.text ?? 'a service',
          `net stop of ${operands[1]?.text ?? 'a service'}`,
          true,
        );
      else if (switches.has('/delete'))
        push(
          'delete',
          operands
            .slice(1)
            .map((w) => w.text)
            .join(' '),
          `net ${lower[0] ?? ''} /delete`,
        );
      return undefined;
    case 'start':
    case 'call': {
      // `start "" prog args`: the title comes first when quoted
      const inner = args.filter((w) => !SWITCH.test(w.text));
      return inner.length > 0 && inner[0]?.text === '' ? inner.slice(1) : inner;
    }
    case 'dir':
    case 'type':
    case 'echo':
    case 'where':
    case 'ver':
    case 'cd':
    case 'chdir':
    case 'set':
    case 'setlocal':
    case 'endlocal':
    case 'cls':
    case 'copy':
    case 'md':
    case 'mkdir':
    case 'pushd':
    case 'popd':
    case 'title':
    case 'color':
    case 'exit':
    case 'rem':
    case 'pause':
    case 'vol':
    case 'path':
    case 'prompt':
      return undefined;
    default:
      return rest;
  }
}
