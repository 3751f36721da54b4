import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERBS } from './index.js';

describe('the verb registry', () => {
  it('lists every command file in this folder, and nothing else', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts') && name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();

    expect(Object.keys(VERBS).sort()).toEqual(files);
  });

  it.each(Object.entries(VERBS))('%s registers a command of that name', async (name, load) => {
    const { Command } = await import('commander');
    const program = new Command();
    const noop = () => undefined;
    (await load()).register(program, {
      stdout: noop,
      stderr: noop,
      readStdin: async () => '',
      cwd: '.',
      env: {},
      isTty: false,
      exit: noop,
    });

    expect(program.commands.map((c) => c.name())).toContain(name);
  });

  it.each(Object.keys(VERBS))('%s --help teaches: examples and exit codes', async (name) => {
    const { runCli } = await import('../../../test-support/cli-testing.js');

    const { code, stdout } = await runCli([name, '--help']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/\nExamples:\n {2}[^\n]*blastwall /);
    expect(stdout).toMatch(/\nExit codes: .*0 /);
    expect(stdout.match(/Exit codes:/g)).toHaveLength(1);
  });

  it('risk eval --help names the columns --data needs', async () => {
    const { runCli } = await import('../../../test-support/cli-testing.js');

    const { stdout } = await runCli(['risk', 'eval', '--help']);

    for (const column of ['_id', 'date', 'bug', 'entropy', 'sexp']) expect(stdout).toContain(column);
  });
});
