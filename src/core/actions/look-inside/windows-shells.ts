import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { nativeShellText } from '../classifiers/windows/natives.js';
import { readWindowsShell } from '../classifiers/windows/windows.js';
import { shellTextOperations, type LookContext } from './trail.js';

/**
 * Look-inside for PowerShell and cmd text: each native program it starts (`git push --force`, `cmd /c …` inside
 * PowerShell, `Start-Process`) is judged as that program typed on the line; the cmdlets and cmd built-ins are the
 * windows family's.
 */
export function windowsShellOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const reading = readWindowsShell(command, surroundings, ctx.deps.readRunFile);
  if (reading === undefined) return [];
  return reading.natives.flatMap((words) =>
    shellTextOperations(command, surroundings, nativeShellText(words), command.name, ctx),
  );
}
