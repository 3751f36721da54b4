import type { CommandNode, Redirection } from 'unbash';
import { forkDir } from './state.js';
import type { Frame, Invocation, LineState } from './state.js';
import { expandHereDoc, expandJoined } from './words.js';
import type { NestedWalker } from './words.js';

/** A fresh invocation in `frame`: exported variables of the line, the frame's input, wrappers and directory. */
export function newInvocation(state: LineState, frame: Frame, source: string): Invocation {
  const env: Record<string, string> = {};
  for (const name of state.exported) {
    const value = state.vars.get(name);
    if (value !== undefined) env[name] = value;
  }
  return {
    words: [],
    env,
    redirects: [],
    source,
    stdin: frame.stdin,
    stdinUnknowable: frame.stdinUnknowable,
    wrappers: frame.wrappers,
    via: frame.via,
    remote: frame.remote,
    pipedFrom: frame.pipedFrom,
    dir: frame.dir,
    pipedTo: frame.pipedTo,
    captured: frame.captured,
  };
}

/** Adds one redirection to an invocation: heredocs and here-strings become its input. */
export function applyRedirect(
  r: Redirection,
  inv: Invocation,
  frame: Frame,
  state: LineState,
  walk: NestedWalker,
): void {
  if (r.type === 'HereDoc') {
    const body = expandHereDoc(r.body, r.delimiter?.quoted === true, state, frame, walk);
    inv.stdin = body.value;
    inv.stdinLiteral = !body.dynamic;
    return;
  }
  if (r.target === undefined) return;
  const target = expandJoined(r.target, state, frame, walk);
  if (r.type === 'HereString') {
    // a here-string adds a newline; only a literal one is text a decoder may be run on (see decoders.ts)
    inv.stdin = target.value;
    inv.stdinLiteral = !target.dynamic;
    return;
  }
  // `2>/dev/null` is not `>/dev/null`: the descriptor is kept when the line names one
  const fd = r.descriptor?.type === 'FileDescriptor' ? r.descriptor.value : undefined;
  inv.redirects.push(
    fd === undefined
      ? { op: r.operator, target: target.value }
      : { op: r.operator, target: target.value, fd },
  );
  if (r.operator === '<' && target.dynamic) inv.stdinUnknowable = target.value;
  // `bash <&3`: stdin duplicated from another descriptor (`exec 3<<<'…'`, a coprocess) is not text the line shows here
  const onStdin =
    r.descriptor === undefined || (r.descriptor.type === 'FileDescriptor' && r.descriptor.value === 0);
  if (r.operator === '<&' && onStdin && target.value !== '0' && target.value !== '-')
    inv.stdinUnknowable = `file descriptor ${target.value}`;
}

/** Source text of the pipeline stages before stage `i` (what `xargs` in stage `i` reads). */
export function stagesBefore(elements: readonly CommandNode[], i: number, frame: Frame): string | undefined {
  const first = elements[0];
  const last = elements[i - 1];
  return i === 0 || first === undefined || last === undefined
    ? undefined
    : frame.source.slice(first.pos, last.end);
}

/** Source text of the pipeline stages after stage `i` (what reads its output); undefined for the last. */
export function stagesAfter(elements: readonly CommandNode[], i: number, frame: Frame): string | undefined {
  const next = elements[i + 1];
  const last = elements.at(-1);
  return next === undefined || last === undefined ? undefined : frame.source.slice(next.pos, last.end);
}

/** The frame of pipeline stage `i` of `count`: later stages read the earlier ones, not the line's input. */
export function stageFrame(frame: Frame, i: number, count: number, pipedFrom: string[]): Frame {
  // each stage of a real pipeline runs in its own subshell: a `cd` there stays there
  if (i === 0) return count > 1 ? { ...frame, dir: forkDir(frame.dir) } : frame;
  return { ...frame, pipedFrom, stdin: undefined, stdinUnknowable: undefined, dir: forkDir(frame.dir) };
}
