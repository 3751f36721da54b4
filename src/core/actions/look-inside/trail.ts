import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import type { ClassifierDeps, RunFile } from '../classifiers/deps.js';
import { operation } from '../classifiers/operation.js';

/** How deep look-inside may nest (a script that runs a Makefile that runs a script …). */
export const MAX_DEPTH = 6;
/** How many files one command may have read for it. */
export const MAX_FILES = 24;

/** The look-inside state of one command's classification: how deep, and how many files are left to read. */
export interface Trail {
  depth: number;
  /** Shared by the whole decision: files left to read, and those already judged (read once, never again). */
  budget: { files: number; read: Set<string> };
  /** What runs what, outermost first, for the reasons (`make deploy`, `scripts/deploy.sh`). */
  chain: string[];
}

/** A fresh trail for a command typed by the agent. */
export function newTrail(): Trail {
  return { depth: 0, budget: { files: MAX_FILES, read: new Set() }, chain: [] };
}

/** Classifies one command (the full classifier, passed in so look-inside does not import it). */
export type Classify = (
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  trail: Trail,
) => Operation[];

/** What look-inside needs: the injected reader and parser, and the classifier to judge what it finds. */
export interface LookContext {
  deps: ClassifierDeps;
  classify: Classify;
  trail: Trail;
}

/**
 * An operation that holds the command because look-inside could not finish (past a bound, unreadable); `runner`
 * names what runs it in the reason (`powershell -Command`), the command's name by default.
 */
export function heldInside(command: SimpleCommand, what: string, runner = command.name): Operation {
  return operation(command, {
    kind: 'unknown',
    category: 'process',
    destructive: true,
    // not known to be irreversible: held for a person, not refused
    reversible: true,
    target: what,
    summary: `${runner} runs ${what}`,
    hints: {},
  });
}

/** Reads a run file within the trail's budget: the text, undefined when there is no such file, or an operation that holds. */
export function readWithin(
  command: SimpleCommand,
  path: string,
  label: string,
  ctx: LookContext,
): { text: string } | { held: Operation } | undefined {
  const read = ctx.deps.readRunFile;
  if (read === undefined) return undefined;
  // a file already judged in this decision (a conftest that runs pytest, a script that runs itself) adds nothing
  if (ctx.trail.budget.read.has(path)) return undefined;
  if (ctx.trail.depth >= MAX_DEPTH || ctx.trail.budget.files <= 0)
    return { held: heldInside(command, `${label}, nested deeper than blastwall reads before it runs`) };
  ctx.trail.budget.files--;
  ctx.trail.budget.read.add(path);
  const file: RunFile = read(path);
  switch (file.kind) {
    case 'text':
      return { text: file.text };
    case 'missing':
      return undefined;
    case 'too-large':
      return {
        held: heldInside(
          command,
          `${label} (${file.bytes} bytes), larger than blastwall reads before it runs`,
        ),
      };
    case 'unreadable':
      return { held: heldInside(command, `${label}, which blastwall could not read (${file.reason})`) };
  }
}

/** Judges shell text found inside a file: every command it runs, classified one level deeper, reasons prefixed. */
export function shellTextOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  text: string,
  label: string,
  ctx: LookContext,
  /** Where the text runs when not here (a playbook's hosts): its commands are judged as that machine's. */
  remote?: SimpleCommand['remote'],
): Operation[] {
  const parser = ctx.deps.parser;
  if (parser === undefined)
    return [heldInside(command, `${label}, which blastwall cannot read without its shell parser`)];
  const parsed = parser.parse(text);
  const trail: Trail = {
    depth: ctx.trail.depth + 1,
    budget: ctx.trail.budget,
    chain: [...ctx.trail.chain, label],
  };
  const ops: Operation[] = [];
  for (const problem of [...parsed.errors, ...parsed.unknowable])
    ops.push(heldInside(command, `${label}, where ${problem}`));
  for (const parsedCommand of parsed.commands) {
    const inner = remote === undefined ? parsedCommand : { ...parsedCommand, remote };
    for (const op of ctx.classify(inner, surroundings, trail)) {
      ops.push({
        ...op,
        summary: `${label} runs \`${clip(inner.source)}\`: ${op.summary}`,
        source: command.source,
      });
    }
  }
  return ops;
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 77)}…` : line;
}
