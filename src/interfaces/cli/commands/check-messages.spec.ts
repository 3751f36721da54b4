import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { runCli } from '../../../test-support/cli-testing.js';

const CONFIG = `people:
  - { id: jo,  level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com], teams: [payments] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ["services/payments/**"] }
`;
const JO = { name: 'Jo', email: 'jo@example.com' };

let repo: ScratchRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

/** A repository with one commit on main and a feature branch of one commit touching one file. */
function oneCommitChange(files: Record<string, string>): ScratchRepo {
  const scratch = createScratchRepo('bw-check-messages-');
  scratch.commit('initial', { 'README.md': '# r\n', ...files }, JO);
  scratch.git('checkout', '-q', '-b', 'feature');
  scratch.commit('Speed up payments', { 'services/payments/pay.ts': 'export const pay = 2;\n' }, JO);
  return scratch;
}

describe('blastwall check explains itself', () => {
  it('says it is not in a git repository, and stops with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bw-not-git-'));
    try {
      const { code, stdout, stderr } = await runCli(['check', '--no-risk'], { cwd: dir });

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `blastwall check: ${dir} is not inside a git repository; a change is a range of commits, so run it in a repository or pass --repo DIR\n`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says it runs on defaults without blastwall.yaml and suggests init', async () => {
    repo = oneCommitChange({});

    const { stderr, stdout } = await runCli(['check', 'main..feature', '--no-risk', '--json'], {
      cwd: repo.dir,
    });

    expect(stderr).toContain(
      `no blastwall.yaml in ${repo.dir}, so the default policies run with no people and no services`,
    );
    expect(stderr).toContain('`npx blastwall init` writes one to start from');
    expect(JSON.parse(stdout)).toHaveProperty('decision');
  });

  it('counts in words: 1 commit, 1 file, 1 service', async () => {
    repo = oneCommitChange({ 'blastwall.yaml': CONFIG });

    const { stdout, stderr } = await runCli(['check', 'main..feature', '--no-risk', '--no-reviewers'], {
      cwd: repo.dir,
    });

    expect(stderr).toBe('');
    expect(stdout).toContain('  1 commit, 1 file, +1 −0');
    expect(stdout).toContain('blast radius 1 service, most critical tier 1');
    expect(stdout).not.toMatch(/\(s\)/);
  });

  it('leaves a blank line after </details> in markdown, so what follows renders', async () => {
    repo = oneCommitChange({ 'blastwall.yaml': CONFIG });

    const { stdout } = await runCli(['check', 'main..feature', '--no-risk', '--format', 'markdown'], {
      cwd: repo.dir,
    });

    expect(stdout).toContain('</details>\n\n');
    expect(stdout).toContain('**Blast radius:** 1 service');
  });

  it('gives the risk on the dashboard’s 0…1 scale with its band', async () => {
    repo = oneCommitChange({ 'blastwall.yaml': CONFIG });

    const text = await runCli(['check', 'main..feature', '--no-reviewers'], { cwd: repo.dir });
    const json = JSON.parse(
      (await runCli(['check', 'main..feature', '--json'], { cwd: repo.dir })).stdout,
    ) as {
      risk: { score: number };
    };

    const shown = (json.risk.score / 100).toFixed(2);
    expect(text.stdout).toMatch(new RegExp(`risk {8}${shown.replace('.', '\\.')} \\((low|medium|high)\\)`));
    expect(text.stdout).not.toMatch(/\/100/);
  });

  it('shows no made-up tier 5 for dependents when the change reaches none (tiers run 1–4)', async () => {
    repo = oneCommitChange({ 'blastwall.yaml': CONFIG });

    const { stdout } = await runCli(['check', 'main..feature', '--no-risk', '--json'], { cwd: repo.dir });

    const report = JSON.parse(stdout) as { blastRadius: Record<string, unknown> };
    expect(report.blastRadius.mostCriticalTier).toBe(1);
    expect(report.blastRadius).not.toHaveProperty('dependentMostCriticalTier');
    expect(stdout).not.toMatch(/Tier": 5/);
  });
});
