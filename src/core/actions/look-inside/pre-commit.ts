import { parse } from 'yaml';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

// `pre-commit run` runs the hooks of .pre-commit-config.yaml. A hook of a `repo: local` block is a command the
// repository itself names (`entry`, with its `args`) — the agent can write it one call before running it — and is
// judged as that command; `language: script` runs a file of the repository, looked inside in turn. Hooks of a
// remote repository are that project's pinned, published code, like any installed tool, and are not read here.

const VALUED = [
  '-c',
  '--config',
  '--hook-stage',
  '--from-ref',
  '--to-ref',
  '--source',
  '--origin',
  '--files',
];

function quoted(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Look-inside for `pre-commit run [HOOK]` (and bare `pre-commit`): the local hooks it runs, as written now. */
export function preCommitOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const words = command.args.filter(
    (a, i) => !a.startsWith('-') && !VALUED.includes(command.args[i - 1] ?? ''),
  );
  if (words.length > 0 && words[0] !== 'run') return [];
  const only = words[1];
  const file = optionValue(command.args, ['-c', '--config']) ?? '.pre-commit-config.yaml';
  const path = runPath(file, command, surroundings);
  if (path === undefined)
    return [heldInside(command, `${file}, a hook file whose place is known only when it runs`)];
  const read = readWithin(command, path, file, ctx);
  if (read === undefined) return [];
  if ('held' in read) return [read.held];
  let repos: unknown;
  try {
    repos = record(parse(read.text))?.repos;
  } catch {
    return [heldInside(command, `${file}, which is not valid YAML`)];
  }
  if (!Array.isArray(repos)) return [];
  const ops: Operation[] = [];
  for (const repo of repos.map(record)) {
    if (repo?.repo !== 'local' || !Array.isArray(repo.hooks)) continue;
    for (const hook of repo.hooks.map(record)) {
      if (hook === undefined) continue;
      const id = String(hook.id ?? '');
      if (only !== undefined && id !== only) continue;
      const label = `pre-commit hook "${id}" (${file})`;
      if (typeof hook.entry !== 'string') {
        ops.push(heldInside(command, `${label}, whose entry is not a command`));
        continue;
      }
      const args = Array.isArray(hook.args) ? hook.args.map((a) => quoted(String(a))) : [];
      // `language: script` runs a file of the repository by its path
      const entry =
        hook.language === 'script' && !hook.entry.startsWith('/') ? `./${hook.entry}` : hook.entry;
      ops.push(...shellTextOperations(command, surroundings, [entry, ...args].join(' '), label, ctx));
    }
  }
  return ops;
}
