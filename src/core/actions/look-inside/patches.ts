import { guardedPlaceFor, guardedTargetReason } from '../guarded-paths.js';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { operation } from '../classifiers/operation.js';
import { resolvePath } from '../classifiers/paths.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, type LookContext } from './trail.js';

// `patch -p1 < x.patch`, `git apply x.patch`, `git am x.patch` write every file the patch names: a patch the
// agent wrote may reach blastwall's own configuration or hook settings, like any other writer.

/** The files a unified diff writes, with `-pN` leading components stripped (`a/`, `b/` for git). */
export function patchedFiles(text: string, strip: number): string[] {
  const out = new Set<string>();
  for (const match of text.matchAll(
    /^(?:\+\+\+|---) ([^\t\n]+)|^diff --git a\/(\S+) b\/(\S+)|^rename (?:from|to) (.+)$/gm,
  )) {
    for (const raw of [match[1], match[2], match[3], match[4]]) {
      if (raw === undefined || raw === '/dev/null') continue;
      const parts = raw.trim().split('/');
      out.add(parts.slice(Math.min(strip, parts.length - 1)).join('/'));
    }
  }
  return [...out];
}

/** A write of a guarded file that look-inside found: held for a person, like any other. */
export function guardedWriteOp(command: SimpleCommand, target: string, summary: string): Operation {
  return operation(command, {
    kind: 'write',
    category: 'self-protection',
    destructive: true,
    reversible: true,
    target,
    summary,
    hints: {},
    selfProtection: true,
  });
}

/** Look-inside for patch and git apply/am: held when the patch writes a guarded file, or cannot be read. */
export function patchOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const git = command.name === 'git';
  const sub = git ? command.args.find((a) => !a.startsWith('-')) : undefined;
  if (git && sub !== 'apply' && sub !== 'am') return [];
  if (!git && command.name !== 'patch') return [];
  if (command.args.some((a) => a === '--check' || a === '--stat' || a === '--dry-run' || a === '--numstat'))
    return [];
  const strip = git
    ? 1
    : Number(
        /^-p(\d+)$/.exec(command.args.find((a) => /^-p\d+$/.test(a)) ?? '')?.[1] ??
          optionValue(command.args, ['-p']) ??
          0,
      );
  const file = git
    ? command.args.slice(command.args.indexOf(sub ?? '') + 1).find((a) => !a.startsWith('-'))
    : (optionValue(command.args, ['-i', '--input']) ?? command.redirects.find((r) => r.op === '<')?.target);
  const text = file === undefined ? command.stdin : undefined;
  let body = text;
  if (body === undefined) {
    if (file === undefined)
      return command.pipedFrom.length > 0
        ? [heldInside(command, `a patch piped from ${command.pipedFrom[0] ?? 'another command'}`)]
        : [];
    const path = runPath(file, command, surroundings);
    const read = path === undefined ? undefined : readWithin(command, path, file, ctx);
    // a patch not on disk yet cannot be read for what it writes, and can appear before patch reads it: held
    if (read === undefined)
      return [
        heldInside(
          command,
          path === undefined
            ? `a patch at ${file}, known only when it runs`
            : `a patch at ${file}, not on disk yet`,
        ),
      ];
    if ('held' in read) return [read.held];
    body = read.text;
  }
  const place = guardedPlaceFor(surroundings);
  const ops: Operation[] = [];
  for (const target of patchedFiles(body, Number.isNaN(strip) ? 0 : strip)) {
    const absolute = resolvePath(target, surroundings, false);
    const what = absolute === undefined ? undefined : guardedTargetReason(absolute, place);
    if (what !== undefined)
      ops.push(
        guardedWriteOp(
          command,
          absolute ?? target,
          `${command.name}${git ? ` ${sub ?? ''}` : ''} patches ${target}, ${what}`,
        ),
      );
  }
  return ops;
}
