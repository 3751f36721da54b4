import type { ActionSurroundings, Operation, SimpleCommand } from '../types.js';
import { codeFileOperations } from './code-files.js';
import { runPath } from './scripts.js';
import { readWithin, shellTextOperations, type LookContext } from './trail.js';

// Tools that run code from files of their own: a test runner's conftest or setup file, `pip install -e .`'s
// setup.py, nox's noxfile, a bundler's vite/webpack/rollup/next config, direnv's .envrc (rake tasks: rakefile.ts). An agent that writes one runs it with an
// innocent-looking `pytest -q` in the next call.

interface ToolFiles {
  files: string[];
  language: 'python' | 'node' | 'ruby' | 'shell';
  /** Only when the call does this (pip only runs setup.py when installing a local project). */
  when?: (args: readonly string[]) => boolean;
}

const JEST = [
  'jest.setup.js',
  'jest.setup.ts',
  'jest.config.js',
  'jest.config.ts',
  'jest.config.mjs',
  'jest.config.cjs',
  'src/setupTests.js',
  'src/setupTests.ts',
];
const VITEST = [
  'vitest.config.ts',
  'vitest.config.js',
  'vitest.config.mjs',
  'vitest.setup.ts',
  'vite.config.ts',
  'vite.config.js',
];
// Bundlers and site builders load their configuration as a program (`vite build` imports vite.config.ts).
const BUNDLER_CONFIGS = (name: string): string[] =>
  ['ts', 'js', 'mjs', 'mts', 'cjs', 'cts'].map((extension) => `${name}.config.${extension}`);
const LOCAL_INSTALL = (args: readonly string[]): boolean =>
  args.includes('install') &&
  args.some((a) => a === '.' || a === '-e' || a === '--editable' || a.startsWith('./'));

const TOOLS: Record<string, ToolFiles> = {
  pytest: {
    files: ['conftest.py', 'tests/conftest.py', 'test/conftest.py', 'src/conftest.py'],
    language: 'python',
  },
  'py.test': { files: ['conftest.py', 'tests/conftest.py', 'test/conftest.py'], language: 'python' },
  jest: { files: JEST, language: 'node' },
  vitest: { files: VITEST, language: 'node' },
  pip: { files: ['setup.py'], language: 'python', when: LOCAL_INSTALL },
  pip3: { files: ['setup.py'], language: 'python', when: LOCAL_INSTALL },
  nox: { files: ['noxfile.py'], language: 'python' },
  vite: { files: BUNDLER_CONFIGS('vite'), language: 'node' },
  webpack: { files: BUNDLER_CONFIGS('webpack'), language: 'node' },
  rollup: { files: BUNDLER_CONFIGS('rollup'), language: 'node' },
  next: { files: BUNDLER_CONFIGS('next'), language: 'node' },
  astro: { files: BUNDLER_CONFIGS('astro'), language: 'node' },
  nuxt: { files: BUNDLER_CONFIGS('nuxt'), language: 'node' },
  nuxi: { files: BUNDLER_CONFIGS('nuxt'), language: 'node' },
  tsup: { files: BUNDLER_CONFIGS('tsup'), language: 'node' },
  fab: { files: ['fabfile.py'], language: 'python' },
  // pnpm loads .pnpmfile.cjs (its readPackage/afterAllResolved hooks, and its top-level code) when it resolves
  pnpm: {
    files: ['.pnpmfile.cjs', '.pnpmfile.mjs'],
    language: 'node',
    when: (args) =>
      [
        'install',
        'i',
        'add',
        'update',
        'up',
        'upgrade',
        'remove',
        'rm',
        'dedupe',
        'import',
        'fetch',
      ].includes(args.find((a) => !a.startsWith('-')) ?? 'install') && !args.includes('--ignore-pnpmfile'),
  },
  direnv: {
    files: ['.envrc'],
    language: 'shell',
    when: (args) => ['allow', 'exec', 'reload', 'permit', 'grant'].includes(args[0] ?? ''),
  },
};

/** Look-inside for tools that run their own code files, judged as they stand now. */
export function toolConfigOperations(
  command: SimpleCommand,
  surroundings: ActionSurroundings,
  ctx: LookContext,
): Operation[] {
  const tool = TOOLS[command.name];
  if (tool === undefined || (tool.when !== undefined && !tool.when(command.args))) return [];
  const ops: Operation[] = [];
  for (const file of tool.files) {
    const path = runPath(file, command, surroundings);
    if (path === undefined) continue;
    const read = readWithin(command, path, file, ctx);
    if (read === undefined) continue;
    if ('held' in read) {
      ops.push(read.held);
      continue;
    }
    const label = `${command.name} runs ${file}`;
    ops.push(
      ...(tool.language === 'shell'
        ? shellTextOperations(command, surroundings, read.text, label, ctx)
        : codeFileOperations(command, surroundings, read.text, tool.language, file, ctx)),
    );
  }
  return ops;
}
