import { nestedFrame } from './emit.js';
import { addUnknowable } from './state.js';
import type { Field, Invocation, ResolveContext } from './state.js';
import { writtenKey } from './writes.js';

/**
 * Runs a file written earlier on the same line (`echo 'rm -rf /' > x.sh && bash x.sh`): its literal text is
 * parsed as the commands of `script F`; a file whose text is not known is unknowable. Returns the name
 * recorded, or undefined when the file was not written on this line.
 */
export function runWrittenScript(
  file: Field,
  runner: string,
  inv: Invocation,
  ctx: ResolveContext,
): string | undefined {
  if (file.dynamic) return undefined;
  const key = writtenKey(file.value, inv.dir, inv.remote);
  if (key === undefined || !ctx.state.written.has(key)) return undefined;
  const text = ctx.state.written.get(key);
  if (text === undefined) {
    addUnknowable(
      ctx.state,
      `${runner} runs ${file.value}, written earlier on the line with contents not known before it runs`,
    );
    return undefined;
  }
  const how = `script ${file.value}`;
  // a script runs in a new shell (sourcing shares the current one, but its effects are judged the same)
  ctx.engine.parseText(text, nestedFrame(inv, ctx.frame, how, text));
  return runner;
}
