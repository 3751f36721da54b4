import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { runCli } from '../../../test-support/cli-testing.js';

let repo: ScratchRepo | undefined;
let dir: string | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('blastwall init', () => {
  it('writes a header without a placeholder link and ignores .blastwall/ once', async () => {
    repo = createScratchRepo('bw-init-');
    writeFileSync(join(repo.dir, '.gitignore'), 'node_modules');

    const first = await runCli(['init'], { cwd: repo.dir });
    const again = await runCli(['init', '--force'], { cwd: repo.dir });

    expect(first.code).toBe(0);
    expect(first.stdout).toContain('.gitignore (.blastwall/)');
    expect(first.stderr).toBe('');
    expect(again.stdout).not.toContain('.gitignore');
    expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).toBe('node_modules\n.blastwall/\n');
    const header = readFileSync(join(repo.dir, 'blastwall.yaml'), 'utf8').split('\n')[0]!;
    expect(header).not.toMatch(/https?:\/\/\S*\/(\s|$)|github\.com\/\s/);
    expect(header).toContain('README');
  });

  it('says so when the folder is not in a git repository', async () => {
    dir = mkdtempSync(join(tmpdir(), 'bw-init-no-git-'));

    const { code, stderr } = await runCli(['init'], { cwd: dir });

    expect(code).toBe(0);
    expect(stderr).toBe(
      `blastwall init: note: ${dir} is not inside a git repository; \`blastwall check\` reads changes from git, so run \`git init\` (or init inside your repository)\n`,
    );
  });
});
