import type { SimpleCommand } from '../../types.js';
import type { PsWord } from './powershell.js';

/** A native program a Windows shell starts, as a simple command of its own (`git.exe` is git). */
export function nativeCommand(command: SimpleCommand, words: readonly PsWord[]): SimpleCommand {
  const [first, ...rest] = words;
  const name = (first?.text ?? '')
    .replace(/^.*[\\/]/, '')
    .replace(/\.(?:exe|com|cmd|bat)$/i, '')
    .toLowerCase();
  return {
    ...command,
    name,
    args: rest.map((w) => w.text),
    dynamicArgs: rest.flatMap((w, i) => (w.dynamic ? [i] : [])),
    wrappers: [...command.wrappers, command.name],
    stdin: undefined,
  };
}

/** The words of a native program as shell text for the shell parser: literal words quoted, computed ones a variable. */
export function nativeShellText(words: readonly PsWord[]): string {
  return words
    .map((w, i) => {
      if (w.dynamic) return '"$WINDOWS_SHELL_VALUE"';
      const text = i === 0 ? w.text.replace(/^.*[\\/]/, '').replace(/\.(?:exe|com)$/i, '') : w.text;
      return `'${text.replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}
