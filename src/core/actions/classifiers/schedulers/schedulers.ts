import type { CommandClassifier, SimpleCommand } from '../../types.js';
import { operation } from '../operation.js';

/**
 * at / batch: run commands later, out of sight of the gate, so they are held unless only listing jobs — or unless
 * the shell reader (`parsed`: the gate's own parser) read the job's literal text as commands of the line.
 */
export const deferredClassifier =
  (parsed: boolean): CommandClassifier =>
  (command) =>
    classifyDeferred(command, parsed);

function classifyDeferred(command: SimpleCommand, parsed: boolean) {
  if (command.args.some((a) => a === '-l' || a === '-c' || a === '--help' || a === '-V')) return [];
  if (parsed && command.stdin !== undefined && !command.args.includes('-f') && !/[$`]/.test(command.stdin))
    return [];
  return [
    operation(command, {
      kind: 'execute',
      category: 'process',
      destructive: true,
      reversible: true,
      target: command.stdin?.trim() ?? 'scheduled commands',
      summary: `${command.name} schedules commands to run later, where they cannot be checked`,
      hints: command.remote === undefined ? { local: true } : {},
    }),
  ];
}

/** `parallel CMD ::: ARGS`: the command once per argument, as simple commands to classify. */
export function parallelCommands(command: SimpleCommand): SimpleCommand[] {
  const split = command.args.indexOf(':::');
  const words = split < 0 ? command.args : command.args.slice(0, split);
  const inputs =
    split < 0 ? ['<input from a pipe>'] : command.args.slice(split + 1).filter((a) => !a.startsWith(':::'));
  const firstWord = words.findIndex((w) => !w.startsWith('-'));
  const [name = '', ...args] = firstWord < 0 ? [] : words.slice(firstWord);
  if (name === '') return [];
  return inputs.map((input) => ({
    ...command,
    name: name.replace(/^.*\//, ''),
    args: [...args, input],
    dynamicArgs: [],
    via: [...command.via, 'parallel'],
  }));
}
