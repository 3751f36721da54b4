import { attestationDataReason, guardedPlaceFor } from '../guarded-paths.js';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { operation } from './operation.js';
import { resolvePath } from './paths.js';

// Runs for every simple command, whatever its name: `cat`, `base64`, `cp`, `python - < key` all read the
// attestation key or store. Writes there are self-protection's; this is the read, held by agent-secret-read.

/** Secret-read operations for each file of blastwall's data folder a command names (an argument or `<` input). */
export function classifyAttestationReads(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
): Operation[] {
  if (command.remote !== undefined) return [];
  // listing the folder or measuring it reads names and sizes, never what the key or the store holds
  if (LISTS_ONLY.has(command.name) && !command.args.includes('-exec')) return [];
  const place = guardedPlaceFor(surroundings);
  const words = [
    command.name,
    ...command.args.flatMap((arg) => [arg, ...(/^--?[\w-]+=(.+)$/.exec(arg)?.slice(1) ?? [])]),
    ...command.redirects.filter((r) => r.op === '<' || r.op === '<>').map((r) => r.target),
  ];
  const seen = new Set<string>();
  const ops: Operation[] = [];
  for (const word of words) {
    const absolute = word === '' ? undefined : resolvePath(word, surroundings, false);
    if (absolute === undefined || seen.has(absolute)) continue;
    const what = attestationDataReason(absolute, place);
    if (what === undefined) continue;
    seen.add(absolute);
    ops.push(
      operation(command, {
        kind: 'read',
        category: 'secret',
        destructive: false,
        reversible: false,
        target: absolute,
        summary: `${command.name} reads ${absolute}, ${what}`,
        hints: { path: absolute, local: true },
      }),
    );
  }
  // Inline code (`node -e`, `python -c`, a heredoc fed to an interpreter) names the files inside a string, where no
  // word is the path: a word that mentions the key's or the store's file name is read as reading it.
  if (ops.length === 0) {
    const code = [...command.args, command.stdin ?? ''].find((arg) => DATA_FILE_NAMES.test(arg));
    if (code !== undefined) {
      const target = `${place.data?.[0] ?? `${place.home}/.local/share/blastwall`}/${DATA_FILE_NAMES.exec(code)![0]}`;
      ops.push(
        operation(command, {
          kind: 'read',
          category: 'secret',
          destructive: false,
          reversible: false,
          target,
          summary: `${command.name} names ${target} in its code, blastwall's attestation key or store`,
          hints: { path: target, local: true },
        }),
      );
    }
  }
  return ops;
}

const LISTS_ONLY = new Set(['ls', 'du', 'stat', 'tree', 'df', 'exa', 'eza', 'file', 'wc']);

/** The file names of the attestation key and store (src/adapters/attest/key.ts). */
const DATA_FILE_NAMES = /attest-key\.pem|attestations\.jsonl/;
