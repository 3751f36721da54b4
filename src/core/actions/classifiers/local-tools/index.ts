import type { CommandClassifier } from '../../types.js';
import { each, type ToolFamily } from '../family.js';
import { classifyGeneric } from '../generic/intent.js';

// Everyday local tools whose arguments are data — text to print or search, test names, package names — so
// the generic reading must not take `grep -r delete`, `pytest -k test_drop` or `pip uninstall x` for intent.
// What these tools can destroy is read elsewhere: redirections and in-place writes by the filesystem and
// self-protection readers, the scripts, recipes and hooks they run by look-inside (look-inside/).

const TEXT = [
  'make',
  'gmake',
  'just',
  'task',
  // poe and gradle run tasks of the project's files: look-inside judges what a task runs, or its name when no
  // file defines it (look-inside/task-runners.ts)
  'poe',
  'gradle',
  'gradlew',
  // so do invoke (tasks.py) and the Procfile runners (look-inside/task-runner-table.ts)
  'invoke',
  'inv',
  'honcho',
  'foreman',
  'forego',
  'overmind',
  'nf',
  'echo',
  'printf',
  // environment modules (`module purge` unloads them) and local chain nodes (`solana-test-validator --reset`
  // starts a fresh ledger on this machine)
  'module',
  'ml',
  'solana-test-validator',
  'anvil',
  'ganache',
  'grep',
  'egrep',
  'fgrep',
  'rg',
  'ag',
  'ack',
  'cat',
  'bat',
  'less',
  'more',
  'head',
  'tail',
  'wc',
  'sort',
  'uniq',
  'cut',
  'tr',
  'diff',
  'cmp',
  'comm',
  'jq',
  'sed',
  'column',
  'fmt',
  'nl',
  'ls',
  'tree',
  'stat',
  'file',
  'du',
  'df',
  'basename',
  'dirname',
  'realpath',
  'readlink',
  'which',
  'type',
  'command',
  'man',
  'whatis',
  'apropos',
  'test',
  '[',
  'true',
  'false',
  'sleep',
  'date',
  'printenv',
  'touch',
  'mkdir',
  'cd',
  'pushd',
  'popd',
  'export',
  'read',
  'pwd',
  'whoami',
  'id',
  'hostname',
  'uname',
  'ps',
  'pgrep',
  'history',
  'alias',
  'tldr',
  'git-lfs',
  'code',
  'open',
  'xdg-open',
  'mktemp',
  'seq',
  'yes',
  'md5sum',
  'sha256sum',
];
// Test runners, linters, formatters and bundlers: their arguments are test names, patterns and paths.
const CHECKERS = [
  'pytest',
  'jest',
  'vitest',
  'mocha',
  'ava',
  'tsc',
  'eslint',
  'prettier',
  'black',
  'ruff',
  'isort',
  'flake8',
  'mypy',
  'pylint',
  'gofmt',
  'rustc',
  'tox',
  'nox',
  'pre-commit',
  'vite',
  'next',
  'webpack',
  'rollup',
  'esbuild',
  'turbo',
  'nx',
  'lerna',
  'tsx',
  'ts-node',
  'playwright',
  'cypress',
  'storybook',
  'shellcheck',
  'hadolint',
  'golangci-lint',
];
// Package managers and build tools: a subcommand, then packages, targets and test names.
const DEVELOPMENT = [
  'go',
  'cargo',
  'rustup',
  'pip',
  'pip3',
  'pipx',
  'poetry',
  'uv',
  'pipenv',
  'conda',
  'mamba',
  'gem',
  'composer',
  'brew',
  'nvm',
  'volta',
  'asdf',
  'mise',
  'pyenv',
  'rbenv',
  'bundle',
  'corepack',
  'nuget',
  'dotnet',
  'msbuild',
];
const HARMLESS: CommandClassifier = () => [];

/**
 * Tools whose arguments are data (text, file names, a user's name): `id deploy` names a user, so no word of theirs
 * is a deploy verb either (generic-deploy.ts).
 */
export const DATA_TOOLS: ReadonlySet<string> = new Set(TEXT);
// What a package manager or build tool does to the project itself (remove a dependency, clean a build) is
// everyday; its other verbs are read like any CLI's, but only the subcommand (`cargo yank`, `gem yank`):
// the words after it are test names, packages and paths.
const EVERYDAY_VERBS = new Set([
  'uninstall',
  'remove',
  'rm',
  'clean',
  'prune',
  'reset',
  'purge',
  'del',
  'unlink',
  'format',
]);
/**
 * Tools a build tool runs as its own subcommand (`dotnet ef database drop`, `cargo sqlx database drop`): a CLI of
 * their own, whose subcommands and options are read like any CLI's.
 */
const PLUGINS: Readonly<Record<string, readonly string[]>> = { dotnet: ['ef'], cargo: ['sqlx'] };
export const subcommandOnly: CommandClassifier = (command, surroundings) => {
  const at = command.args.findIndex((a) => !a.startsWith('-'));
  const sub = command.args[at];
  // `cargo yank --help` describes the verb; it runs nothing
  if (sub === undefined || EVERYDAY_VERBS.has(sub) || command.args.includes('--help')) return [];
  if (PLUGINS[command.name]?.includes(sub) === true)
    return classifyGeneric(command, command.args.slice(at + 1), surroundings);
  return classifyGeneric(command, [sub], surroundings);
};

/** Everyday local tools: their classifier has the last word, so their verbs and data are never read as intent. */
export const localTools: ToolFamily = {
  id: 'local-tools',
  tools: () => ({
    ...each([...TEXT, ...CHECKERS], HARMLESS),
    ...each(DEVELOPMENT, subcommandOnly),
  }),
};
