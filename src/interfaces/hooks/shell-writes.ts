import path from 'node:path';
import { parseCommandLine } from '../../adapters/shell/index.js';
import type { SimpleCommand } from '../../core/actions/types.js';
import type { AgentWrite } from '../../app/attest-record.js';
import type { AllowedWrites } from './attest-writes.js';
import type { HookAction } from './types.js';

// What an agent's shell command writes into files, where the line itself says it: a heredoc or here-string that
// `cat` or `tee` copies into a file, `echo` of literal words redirected into one. Content a command computes
// (`sed -i`, `cp`, a generator, `echo "$x"`) is not knowable before it runs, and is not attested.

const OUTPUT = new Set(['>', '>>', '>|', '&>', '&>>']);

/** The text a command prints when the line alone says it; undefined otherwise. */
function knownOutput(command: SimpleCommand): string | undefined {
  if (command.dynamicName || command.pipedFrom.length > 0) return undefined;
  if (command.name === 'cat' && command.args.length === 0) return command.stdin;
  if (command.name === 'tee') return command.stdin;
  if (command.name === 'echo' && command.dynamicArgs.length === 0 && !command.args[0]?.startsWith('-'))
    return command.args.join(' ');
  return undefined;
}

/** The file writes of a shell command line whose written text the line shows, resolved against `cwd`. */
export function shellWrites(commandLine: string, cwd: string): AgentWrite[] {
  // Most commands redirect nothing into a file: they are not parsed again.
  if (!/>|\btee\b/.test(commandLine)) return [];
  const parsed = parseCommandLine(commandLine);
  if (parsed.errors.length > 0) return [];
  const out: AgentWrite[] = [];
  for (const command of parsed.commands) {
    const text = knownOutput(command);
    if (text === undefined) continue;
    const targets = command.redirects
      .filter((r) => OUTPUT.has(r.op))
      .map((r) => ({ file: r.target, append: r.op.endsWith('>>') }));
    if (command.name === 'tee') {
      const append = command.args.some((arg) => arg === '-a' || arg === '--append');
      for (const arg of command.args) if (!arg.startsWith('-')) targets.push({ file: arg, append });
    }
    for (const target of targets) {
      if (target.file.startsWith('/dev/')) continue;
      out.push({ file: path.resolve(cwd, target.file), text, replaces: target.append ? '' : 'file' });
    }
  }
  return out;
}

/**
 * The writes of an allowed shell command, with who made them (any agent's shell tool: the command as decided);
 * undefined when the line shows no file content. Loaded by run-hook.ts only for commands, after the gate, which
 * has loaded the shell reader already.
 */
export function commandWrites(action: Extract<HookAction, { kind: 'command' }>): AllowedWrites | undefined {
  const { request } = action;
  const writes = shellWrites(request.command, request.cwd ?? action.workspace);
  if (writes.length === 0) return undefined;
  return {
    origin: {
      agent: request.agent ?? 'agent',
      tool: 'shell',
      ...(request.sessionId !== undefined && { sessionId: request.sessionId }),
      ...(request.onBehalfOf !== undefined && { onBehalfOf: request.onBehalfOf }),
    },
    writes,
  };
}
