import { posix } from 'node:path';
import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { optionValue } from '../classifiers/args.js';
import { classifyGeneric } from '../classifiers/generic/intent.js';
import { markedLocal, testOrDevWord } from '../classifiers/local-target.js';
import { runPath } from './scripts.js';
import { heldInside, readWithin, shellTextOperations, type LookContext } from './trail.js';

// What a package manager runs from package.json: the named script with its pre/post hooks, and the
// lifecycle scripts of an install (`npm install` runs `preinstall`, `install`, `postinstall`, `prepare`).
const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'];
const INSTALLS = new Set(['install', 'i', 'ci', 'add', 'isntall', 'in']);
const SHORTHANDS: Record<string, string> = {
  t: 'test',
  tst: 'test',
  test: 'test',
  start: 'start',
  stop: 'stop',
  restart: 'restart',
};
// Built-in verbs of yarn/pnpm/bun that are not scripts (a script of the same name is not run by `yarn X`).
const BUILTINS = new Set([
  'add',
  'remove',
  'up',
  'upgrade',
  'update',
  'outdated',
  'why',
  'list',
  'ls',
  'info',
  'config',
  'init',
  'link',
  'unlink',
  'publish',
  'pack',
  'version',
  'audit',
  'dlx',
  'exec',
  'x',
  'create',
  'cache',
  'store',
  'import',
  'licenses',
  'login',
  'logout',
  'patch',
  'rebuild',
  'root',
  'bin',
  'workspaces',
  'workspace',
  'global',
  'set',
  'plugin',
  'node',
  'dedupe',
  'prune',
  'fetch',
  'help',
  'owner',
  'tag',
  'team',
  'whoami',
  'search',
  'view',
  'unpublish',
  'deprecate',
]);
const MANAGERS = new Set(['npm', 'yarn', 'pnpm', 'bun']);

/** The scripts a package-manager call runs, in order, or undefined when it runs none from package.json. */
function scriptsRun(command: SimpleCommand): { names: string[]; requested?: string } | undefined {
  const words = command.args.filter(
    (a, i) =>
      !a.startsWith('-') &&
      !['--prefix', '-C', '--dir', '--cwd', '-w', '--workspace', '--filter', '-F'].includes(
        command.args[i - 1] ?? '',
      ),
  );
  const verb = words[0];
  const manager = command.name;
  if (command.args.includes('--ignore-scripts')) return undefined;
  if (verb === undefined)
    return manager === 'yarn' || manager === 'bun' ? { names: INSTALL_HOOKS } : undefined;
  if (INSTALLS.has(verb)) {
    // installing named packages runs their scripts, not this package's, except with pnpm/yarn `install`
    return words.length === 1 || verb === 'ci' ? { names: INSTALL_HOOKS } : undefined;
  }
  const script =
    verb === 'run' || verb === 'run-script' || verb === 'rum'
      ? words[1]
      : manager === 'npm'
        ? SHORTHANDS[verb]
        : BUILTINS.has(verb)
          ? undefined
          : verb;
  if (script === undefined) return undefined;
  return { names: [`pre${script}`, script, `post${script}`], requested: script };
}

/** A requested script that package.json does not hold: its name, and for yarn/pnpm/bun the binary's argv, read for intent. */
function binaryOperations(command: SimpleCommand, requested: string | undefined): Operation[] {
  if (requested === undefined) return [];
  const rest = command.args.slice(command.args.indexOf(requested) + 1);
  return classifyGeneric({ ...command, name: requested }, command.name === 'npm' ? [] : rest);
}

/** Operations of a script known only by its name, marked local when that name marks test or dev. */
function namedForTestOrDev(ops: Operation[], requested: string | undefined): Operation[] {
  const word = requested === undefined ? undefined : testOrDevWord(requested);
  if (word === undefined) return ops;
  return ops.map((op) => ({
    ...op,
    hints: markedLocal(op.hints, `script "${requested}", named for ${word}`),
  }));
}

/** Look-inside for npm/yarn/pnpm/bun: the package.json scripts it would run, as they stand now. */
export function packageScriptOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  if (!MANAGERS.has(command.name)) return [];
  const run = scriptsRun(command);
  if (run === undefined) return [];
  const dir = optionValue(command.args, ['--prefix', '-C', '--dir', '--cwd']) ?? '.';
  const path = runPath(posix.join(dir, 'package.json'), command, surroundings);
  if (path === undefined)
    return [heldInside(command, 'package.json scripts of a directory known only when it runs')];
  const label = posix.join(dir, 'package.json').replace(/^\.\//, '');
  const read = readWithin(command, path, label, ctx);
  // no package.json: nothing runs but what the script's name promises (`npm run db:drop`)
  // — and a name that marks test or dev (`npm run db:reset:test`) promises the test/dev database, as
  // `MIX_ENV=test mix ecto.reset` does; what the script runs decides instead once package.json is readable
  if (read === undefined) return namedForTestOrDev(binaryOperations(command, run.requested), run.requested);
  if ('held' in read) return [read.held];
  let scripts: Record<string, unknown>;
  try {
    const parsed = JSON.parse(read.text) as { scripts?: Record<string, unknown> };
    scripts = parsed.scripts ?? {};
  } catch {
    return [heldInside(command, `${label}, which is not valid JSON`)];
  }
  // `pnpm foo` with no script foo runs the binary foo: read its argv like any unfamiliar CLI's
  if (run.requested !== undefined && typeof scripts[run.requested] !== 'string')
    return binaryOperations(command, run.requested);
  const ops: Operation[] = [];
  for (const name of run.names) {
    const text = scripts[name];
    if (typeof text !== 'string') continue;
    ops.push(
      ...shellTextOperations(command, surroundings, text, `${command.name} script "${name}" (${label})`, ctx),
    );
  }
  return ops;
}
