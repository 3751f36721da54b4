// The layer rules in eslint.config.js hold by themselves: a file that breaks one fails lint. Each fixture is
// linted as if it sat in its layer (in-memory text with a path inside the project), so the real config,
// resolver and rules judge it; the cycle fixture is two real files, because a cycle needs both on disk.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const CONFIG = join(ROOT, 'eslint.config.js');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rules that report on `text` placed at `path` (relative to the project). */
async function rulesBroken(path: string, text: string): Promise<string[]> {
  const [result] = await eslint.lintText(text, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('the layer rules', () => {
  it.each([
    [
      'core imports app',
      'src/core/fixture.ts',
      "import { createGate } from '../app/gate.js';",
      'import-x/no-restricted-paths',
    ],
    [
      'core imports interfaces',
      'src/core/policy/fixture.ts',
      "import { createHttpApp } from '../../interfaces/http/app.js';",
      'import-x/no-restricted-paths',
    ],
    [
      'core imports adapters',
      'src/core/fixture.ts',
      "import { openStore } from '../adapters/storage/open-store.js';",
      'import-x/no-restricted-paths',
    ],
    [
      'core imports node:os',
      'src/core/fixture.ts',
      "import { hostname } from 'node:os';",
      'no-restricted-imports',
    ],
    [
      'core imports node:worker_threads',
      'src/core/fixture.ts',
      "import { Worker } from 'node:worker_threads';",
      'no-restricted-imports',
    ],
    [
      'core imports child_process',
      'src/core/fixture.ts',
      "import { execFileSync } from 'child_process';",
      'no-restricted-imports',
    ],
    [
      'core imports fs/promises',
      'src/core/fixture.ts',
      "import { readFile } from 'fs/promises';",
      'no-restricted-imports',
    ],
    [
      'core imports a database driver',
      'src/core/fixture.ts',
      "import pg from 'pg';",
      'no-restricted-imports',
    ],
    [
      'core reads the process global',
      'src/core/fixture.ts',
      'export const home = process.env.HOME;',
      'no-restricted-globals',
    ],
    [
      'adapters import app',
      'src/adapters/git/fixture.ts',
      "import { runCheck } from '../../app/check.js';",
      'import-x/no-restricted-paths',
    ],
    [
      'adapters import interfaces',
      'src/adapters/fixture.ts',
      "import { createHttpApp } from '../interfaces/http/app.js';",
      'import-x/no-restricted-paths',
    ],
    [
      'app imports interfaces',
      'src/app/fixture.ts',
      "import { createHttpApp } from '../interfaces/http/app.js';",
      'import-x/no-restricted-paths',
    ],
    [
      'shipped code imports a test helper',
      'src/app/fixture.ts',
      "import { runCli } from '../test-support/cli-testing.js';",
      'import-x/no-restricted-paths',
    ],
  ])('fails lint when %s', async (_case, path, importLine, rule) => {
    expect(
      await rulesBroken(path, `${importLine}\nexport const used = [${usedName(importLine)}];\n`),
    ).toContain(rule);
  });

  it.each([
    [
      'adapters import core',
      'src/adapters/fixture.ts',
      "import { emptyBlastRadius } from '../core/catalog/graph.js';",
    ],
    [
      'app imports adapters',
      'src/app/fixture.ts',
      "import { openStore } from '../adapters/storage/open-store.js';",
    ],
    ['interfaces import app', 'src/interfaces/fixture.ts', "import { createGate } from '../app/gate.js';"],
    [
      'core uses node:path (string work, no I/O)',
      'src/core/fixture.ts',
      "import { posix } from 'node:path';",
    ],
    [
      'a spec imports a test helper',
      'src/app/fixture.spec.ts',
      "import { runCli } from '../test-support/cli-testing.js';",
    ],
  ])('lets %s', async (_case, path, importLine) => {
    expect(
      await rulesBroken(path, `${importLine}\nexport const used = [${usedName(importLine)}];\n`),
    ).toEqual([]);
  });
});

describe('the cycle check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bw-lint-cycle-'));
    mkdirSync(join(dir, 'src', 'core'), { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Lints src/core/a.ts of the scratch project with the project's config. */
  async function lintA(a: string, b: string): Promise<string[]> {
    writeFileSync(join(dir, 'src/core/a.ts'), a);
    writeFileSync(join(dir, 'src/core/b.ts'), b);
    const scratch = new ESLint({ cwd: dir, overrideConfigFile: CONFIG });
    const [result] = await scratch.lintFiles(['src/core/a.ts']);
    return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
  }

  it('fails lint when two modules import each other', async () => {
    const rules = await lintA(
      "import { b } from './b.js';\nexport const a = (): unknown => b;\n",
      "import { a } from './a.js';\nexport const b = (): unknown => a;\n",
    );
    expect(rules).toContain('import-x/no-cycle');
  });

  it('passes when the imports point one way', async () => {
    const rules = await lintA(
      "import { b } from './b.js';\nexport const a = (): unknown => b;\n",
      'export const b = 1;\n',
    );
    expect(rules).toEqual([]);
  });
});

/** The imported binding, so the fixture uses it and no-unused-vars stays quiet. */
function usedName(importLine: string): string {
  const named = /import \{ (\w+)/.exec(importLine);
  if (named) return named[1]!;
  const bare = /import (\w+)/.exec(importLine);
  return bare ? bare[1]! : '';
}
