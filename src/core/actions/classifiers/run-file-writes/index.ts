import type { ActionSurroundings, Operation, SimpleCommand } from '../../types.js';
import { shellTextOperations, type LookContext } from '../../look-inside/trail.js';
import type { ToolFamily } from '../family.js';
import { commandsOf, runFileKind } from './run-files.js';
import { knownWrites } from './writes.js';

/**
 * Execution via config writes: a command that writes into a file something runs later (package scripts,
 * Makefile and justfile recipes, Taskfile, compose and CI files, git config, shell scripts) is decided on the
 * command it writes, classified by the gate itself — `npm pkg set scripts.lint="eslint ."` stays allowed,
 * `… scripts.postinstall="rm -rf ~/.ssh"` is held naming what was written. Options whose value is a command
 * run here (`ssh -o ProxyCommand=…`, `rsync -e …`) are judged the same way. Read from every command, so the
 * family claims no tool; `classifyCommand` applies `classifyRunFileWrites`.
 */
export const runFileWrites: ToolFamily = { id: 'run-file-writes', tools: () => ({}) };

/** Commands run locally by an option of a remote-shell tool (`ssh -o ProxyCommand=CMD`, `rsync -e CMD`). */
function optionCommands(command: SimpleCommand): { how: string; text: string }[] {
  const out: { how: string; text: string }[] = [];
  const args = command.args;
  if (['ssh', 'scp', 'sftp', 'autossh', 'sshfs'].includes(command.name)) {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      const option = arg === '-o' ? args[i + 1] : arg.startsWith('-o') ? arg.slice(2) : undefined;
      const match = /^\s*(ProxyCommand|LocalCommand|KnownHostsCommand)\s*[= ]\s*(.*)$/is.exec(option ?? '');
      if (match !== null && (match[2] ?? '').trim() !== '' && !/^none$/i.test(match[2] ?? ''))
        out.push({ how: `${command.name} -o ${match[1] ?? ''}`, text: match[2] ?? '' });
    }
  }
  if (command.name === 'rsync')
    for (let i = 0; i < args.length; i++) {
      const arg = args[i] ?? '';
      const value = arg === '-e' || arg === '--rsh' ? args[i + 1] : /^--rsh=(.*)$/s.exec(arg)?.[1];
      if (value !== undefined && value !== '') out.push({ how: `rsync -e`, text: value });
    }
  return out;
}

/** What a written run file or a command-valued option would run, judged now. */
export function classifyRunFileWrites(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  // without the shell parser nothing written can be read (classifiers used on their own, as in some specs)
  if (ctx.deps.parser === undefined) return [];
  const ops: Operation[] = [];
  for (const written of knownWrites(command)) {
    const kind = written.command === true ? undefined : runFileKind(written.file);
    if (written.command !== true && kind === undefined) continue;
    const texts = kind === undefined ? [written.text] : commandsOf(kind, written.text);
    for (const text of texts)
      ops.push(
        ...shellTextOperations(command, surroundings, text, `${written.how} (written to run later)`, ctx),
      );
  }
  for (const { how, text } of optionCommands(command))
    ops.push(...shellTextOperations(command, surroundings, text, how, ctx));
  return ops;
}
