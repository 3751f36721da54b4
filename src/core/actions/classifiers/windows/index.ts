import { each, type ToolFamily } from '../family.js';
import { classifyGeneric } from '../generic/intent.js';
import { readWindowsShell } from './windows.js';
import { nativeCommand } from './natives.js';

/**
 * Windows shells reached from WSL or a Windows agent: PowerShell (`-Command`, `-EncodedCommand`, `-File`) read by
 * its cmdlets' verbs, cmd (`/c`, `/k`) by its built-ins, and `wsl --unregister`. The native programs they start are
 * judged by look-inside as the same programs typed on the line; without it, by the generic reading of their words.
 */
export const windows: ToolFamily = {
  id: 'windows',
  tools: (deps) => {
    const looksInside = deps.readRunFile !== undefined && deps.parser !== undefined;
    return each(
      ['powershell', 'pwsh', 'powershell_ise', 'cmd', 'wsl', 'wslconfig'],
      (command, surroundings) => {
        const reading = readWindowsShell(command, surroundings, deps.readRunFile);
        if (reading === undefined) return [];
        if (looksInside) return reading.ops;
        return [
          ...reading.ops,
          ...reading.natives.flatMap((words) => classifyGeneric(nativeCommand(command, words))),
        ];
      },
    );
  },
};
