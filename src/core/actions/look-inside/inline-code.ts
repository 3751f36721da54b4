import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { inlineProgram } from '../classifiers/interpreters/interpreters.js';
import { codeFileOperations } from './code-files.js';
import { INTERPRETERS } from './scripts.js';
import type { LookContext } from './trail.js';

/**
 * Look-inside for inline code (`python3 -c '…'`, `node -e '…'`, `deno eval '…'`, `python3 - <<EOF`): each process
 * it starts is judged on the command its literals name, the way the gate judges that command typed on the line
 * (`subprocess.run(["pytest", "-q"])` runs pytest); a command computed at run time is held. Deletes are the
 * interpreter classifier's.
 */
export function inlineCodeOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const language = INTERPRETERS[command.name];
  if (language === undefined) return [];
  const program = inlineProgram(command);
  // code known only when the line runs is held by the classifier already
  if (program === undefined || program.dynamic) return [];
  return codeFileOperations(
    command,
    surroundings,
    program.code,
    language,
    `${command.name} one-liner`,
    ctx,
    false,
  );
}
