import type { ActionSurroundings, SimpleCommand } from '../../types.js';
import { positionals } from '../args.js';
import { pathZone } from '../paths.js';

/** `git clean -fd build/`: every pathspec names a build output, cache or temp dir, which is disposable. */
export function cleansOnlyDisposable(
  command: SimpleCommand,
  local: ActionSurroundings,
  args: readonly string[],
): boolean {
  const specs = positionals(args, new Set(['-e', '--exclude']));
  if (specs.length === 0) return false;
  return specs.every((spec) => {
    if (/[*?[\]:]/.test(spec)) return false; // globs and pathspec magic can reach further
    const { zone } = pathZone(spec, command, local);
    return zone === 'cache' || zone === 'temp';
  });
}
