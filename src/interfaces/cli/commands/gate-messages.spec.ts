import { afterEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../../adapters/git/scratch-repo.js';
import { runCli } from '../../../test-support/cli-testing.js';

let repo: ScratchRepo | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

describe('blastwall gate on a denial', () => {
  it('gives the denial, and names instead of repeats the sign-off a held policy would ask for', async () => {
    repo = createScratchRepo('bw-gate-messages-');
    repo.commit('initial', { 'README.md': '# r\n' }, { name: 'Jo', email: 'jo@example.com' });

    const { code, stdout } = await runCli(['gate', '--command', 'rm -rf /'], { cwd: repo.dir });

    expect(code).toBe(1);
    expect(stdout).toMatch(/^DENY {2}rm -rf \//);
    expect(stdout).toContain('[agent-no-irreversible-prod]');
    expect(stdout).not.toContain('[agent-destructive-needs-human]');
    expect(stdout).not.toMatch(/is held until/);
    expect(stdout).toContain('(also held by agent-destructive-needs-human; no approval can lift a denial)');
  });
});
