import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { classifyRedirects } from './filesystem/filesystem.js';
import { classifyGeneric } from './generic/intent.js';
import { sqlThroughAnyDoor } from './generic/sql-doors.js';
import { queriesThroughAnyDoor } from './generic/query-doors.js';
import { requestsThroughAnyDoor } from './requests/doors.js';
import { parallelCommands } from './schedulers/schedulers.js';
import { operation } from './operation.js';
import { commandSurroundings } from './paths.js';
import { buildRegistry, type Registry } from './registry.js';
import type { ClassifierDeps } from './deps.js';
import { classifySafeguards } from './safeguards/safeguards.js';
import { classifySelfProtection, IN_PLACE_EDITORS } from './self-protection.js';
import { classifyAttestationReads } from './attestation-reads.js';
import { classifyBrokeredSwitches } from './brokered-switches.js';
import { classifySecretFlows } from './secrets/index.js';
import { classifyRunFileWrites } from './run-file-writes/index.js';
import { lookInside, newTrail, type Trail } from '../look-inside/index.js';
import { inLocalDevContainer } from './containers/local-clusters.js';
import { atWarehouse } from './warehouses/connections.js';
import { releaseOperations } from './releases/releases.js';
import { RELEASE_ONLY_TOOLS } from './releases/index.js';

export type { SqlAnalyzer, SqlDialect, SqlStatementInfo } from './sql-analyzer.js';
export type { ClassifierDeps, RunFile } from './deps.js';

// Package runners whose first positional is the command that really runs (`npx prisma migrate reset`).
const RUNNERS: Record<string, { skip: ReadonlySet<string>; valued: ReadonlySet<string> }> = {
  npx: { skip: new Set(), valued: new Set(['-p', '--package', '-c', '--call']) },
  bunx: { skip: new Set(), valued: new Set(['-p', '--package']) },
  pnpx: { skip: new Set(), valued: new Set() },
  pnpm: { skip: new Set(['exec', 'dlx', 'run']), valued: new Set(['-C', '--dir', '--filter', '-F']) },
  yarn: { skip: new Set(['exec', 'dlx', 'run']), valued: new Set(['--cwd']) },
  bundle: { skip: new Set(['exec']), valued: new Set() },
  poetry: { skip: new Set(['run']), valued: new Set() },
  uv: { skip: new Set(['run']), valued: new Set(['--with', '--python', '-p']) },
  pipenv: { skip: new Set(['run']), valued: new Set() },
  npm: { skip: new Set(['exec', 'x']), valued: new Set(['-w', '--workspace', '--prefix']) },
  dotenv: { skip: new Set(), valued: new Set(['-e', '-v']) },
};
// pnpm/yarn built-ins that are not package binaries
const RUNNER_BUILTINS = new Set([
  'install',
  'add',
  'remove',
  'i',
  'test',
  'build',
  'lint',
  'dev',
  'start',
  'ci',
  'audit',
  'outdated',
  'why',
  'list',
  'ls',
  'info',
  'config',
  'init',
  'upgrade',
  'up',
  'update',
  'link',
  'publish',
  'pack',
  'version',
  'install-deps',
  'format',
  'typecheck',
  'run',
  'exec',
  'dlx',
  'check',
]);

/** The command a package runner would run, as its own simple command; undefined when there is none. */
export function unwrapRunner(command: SimpleCommand): SimpleCommand | undefined {
  const runner = RUNNERS[command.name];
  if (runner === undefined) return undefined;
  const args = command.args;
  let i = 0;
  let explicit = false;
  while (i < args.length) {
    const arg = args[i] ?? '';
    if (arg === '--') {
      i++;
      break;
    }
    if (runner.valued.has(arg)) i += 2;
    else if (arg.startsWith('-')) i++;
    else if (runner.skip.has(arg) && !explicit) {
      explicit = true;
      i++;
    } else break;
  }
  const name = (args[i] ?? '').replace(/^.*\//, '').replace(/@[^/]*$/, '');
  if (name === '' || (RUNNER_BUILTINS.has(name) && !explicit)) return undefined;
  // npm only runs a package binary through exec/x; everything else is an npm verb or a script
  if (command.name === 'npm' && !explicit) return undefined;
  const word = args[i] ?? '';
  return {
    ...command,
    name,
    // `uv run scripts/x.py`, `poetry run ./tool`: a file, run by its path
    ...(word.includes('/') || /\.(?:py|[cm]?js|ts|rb|pl|php|sh)$/.test(word) ? { path: word } : {}),
    args: args.slice(i + 1),
    dynamicArgs: [],
    wrappers: [...command.wrappers, command.name],
  };
}

const registries = new WeakMap<ClassifierDeps, Registry>();

function registryFor(deps: ClassifierDeps): Registry {
  let registry = registries.get(deps);
  if (registry === undefined) {
    registry = buildRegistry(deps);
    registries.set(deps, registry);
  }
  return registry;
}

/** Names the registry dispatches on (for tests and documentation). */
export function classifiedCommandNames(deps: ClassifierDeps): string[] {
  return [...registryFor(deps).tools.keys()];
}

// `cd build; rm -rf .` deletes build, or the whole workspace when the cd failed: judge it in both places.
function bothPlaces(
  command: SimpleCommand,
  otherwise: string,
  original: ActionSurroundings,
  deps: ClassifierDeps,
): Operation[] {
  const { cwdOtherwise: _, ...moved } = command;
  const { cwd: __, ...stayed } = moved;
  const first = classifyCommand(moved, original, deps);
  const seen = new Set(first.map((op) => `${op.kind} ${op.target} ${op.summary}`));
  const second = classifyCommand(otherwise === '' ? stayed : { ...moved, cwd: otherwise }, original, deps);
  return [...first, ...second.filter((op) => !seen.has(`${op.kind} ${op.target} ${op.summary}`))];
}

// Runners whose `RUNNER NAME` runs the package script NAME before a binary of that name.
const SCRIPT_RUNNERS = new Set(['pnpm', 'yarn', 'bun']);
const BINARY_VERBS = new Set(['exec', 'dlx', 'x']);

/**
 * What the command's own tool does: its family's classifier, else the command a package runner runs
 * (`npx prisma migrate reset`), else — for a tool no family claims, or one whose classifier is partial and
 * found nothing — the generic reading of destructive intent in its argv.
 */
function toolOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  registry: Registry,
  lookingInside: boolean,
): Operation[] {
  const own = registry.tools.get(command.name);
  const ops = own?.(command, surroundings) ?? [];
  if (ops.length > 0) return ops;
  const inner = unwrapRunner(command);
  if (inner !== undefined) {
    const classifier = registry.tools.get(inner.name);
    const innerOps = classifier?.(inner, surroundings) ?? [];
    if (innerOps.length > 0 || (classifier !== undefined && !registry.partial.has(inner.name)))
      return innerOps;
    // `pnpm db:fresh` runs the package script of that name when there is one: look-inside decides
    const verb = command.args.find((a) => !a.startsWith('-')) ?? '';
    if (lookingInside && SCRIPT_RUNNERS.has(command.name) && !BINARY_VERBS.has(verb)) return [];
    return classifyGeneric(inner, inner.args, surroundings);
  }
  if (own !== undefined && !registry.partial.has(command.name)) return [];
  return classifyGeneric(command, command.args, surroundings);
}

const RELEASE_ONLY: ReadonlySet<string> = new Set(RELEASE_ONLY_TOOLS);

/**
 * What a command publishes to a registry (`npm publish`, `docker push`, `mvn deploy`, `npx changeset publish`),
 * beside what its own family reads; the registries' own CLIs are read by their family (releases/).
 */
function publishedBy(command: SimpleCommand, surroundings: ActionSurroundings): Operation[] {
  const tool = unwrapRunner(command) ?? command;
  return RELEASE_ONLY.has(tool.name) ? [] : releaseOperations(tool, surroundings);
}

/** Classifies one simple command into the operations it would perform; [] for harmless commands. */
export function classifyCommand(
  command: SimpleCommand,
  original: ActionSurroundings,
  deps: ClassifierDeps,
  trail: Trail = newTrail(),
): Operation[] {
  if (command.cwdOtherwise !== undefined) return bothPlaces(command, command.cwdOtherwise, original, deps);
  // `cd / && rm -rf *`: paths resolve where the command runs, not where the line started
  const surroundings = commandSurroundings(command, original);
  if (command.dynamicName || command.name === '') {
    return [
      operation(command, {
        kind: 'unknown',
        category: 'unknown',
        destructive: true,
        reversible: false,
        target: command.source,
        summary: 'a command whose name is only known when it runs',
        hints: {},
      }),
    ];
  }
  const registry = registryFor(deps);
  // `parallel --dry-run …` prints the commands it would run
  if (command.name === 'parallel' && command.args.some((a) => a === '--dry-run' || a === '--dryrun'))
    return [];
  if (command.name === 'parallel')
    return parallelCommands(command).flatMap((inner) => classifyCommand(inner, original, deps, trail));
  const redirects =
    command.redirects.length > 0 || IN_PLACE_EDITORS.has(command.name)
      ? classifyRedirects(command, surroundings)
      : [];
  const tool = inLocalDevContainer(
    command,
    surroundings,
    toolOperations(command, surroundings, registry, deps.readRunFile !== undefined),
  );
  // SQL through any door: a statement no SQL client classifier read still reaches a database
  const read = tool.some((op) => op.category === 'sql')
    ? tool
    : [...tool, ...sqlThroughAnyDoor(command, deps.sql, unwrapRunner(command))];
  // other query languages and raw API requests through any door, when nothing above read the command
  // a warehouse tool's operations act where its named connection, profile, target or project points
  const own = atWarehouse(
    command,
    surroundings,
    read.length > 0 ? read : [...queriesThroughAnyDoor(command), ...requestsThroughAnyDoor(command)],
  );
  // what the command runs from files (scripts, recipes, package scripts, git config) as they stand now
  const context = {
    deps,
    trail,
    classify: (inner: SimpleCommand, where: ActionSurroundings, deeper: Trail) => [
      ...classifyCommand(inner, where, deps, deeper),
      ...(deps.alsoInside?.(inner, where) ?? []),
    ],
  };
  // `uv run scripts/x.py`, `npx jest`: what the runner runs is looked inside too
  const unwrapped = deps.readRunFile !== undefined ? unwrapRunner(command) : undefined;
  const inside = [
    ...lookInside(command, surroundings, context),
    ...(unwrapped !== undefined ? lookInside(unwrapped, surroundings, context) : []),
  ];
  // what a command writes for later (a package script, a recipe, a compose command) is judged as it would run
  const written = classifyRunFileWrites(command, surroundings, context);
  if (written.length > 0) inside.push(...written);
  const ops = inside.length === 0 ? own : [...own, ...inside];
  // Self-protection is not dispatched by name: any command may touch blastwall's own files or bypass it.
  const guard = [
    ...publishedBy(command, surroundings),
    ...classifySelfProtection(command, surroundings, deps.realPath),
    ...atWarehouse(command, surroundings, classifySafeguards(command, surroundings)),
    ...classifyAttestationReads(command, surroundings),
    ...classifyBrokeredSwitches(command, surroundings),
    ...classifySecretFlows(command, surroundings, deps.parser),
  ];
  return redirects.length === 0 && guard.length === 0 ? ops : [...ops, ...redirects, ...guard];
}
