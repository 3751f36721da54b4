// Acceptance of issue 14 §2: an agent's push to the default branch runs the change check on the range being
// pushed; feature branches and a lease to the agent's own branch go through.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createScratchRepo, type ScratchRepo } from '../../src/adapters/git/scratch-repo.js';
import { createGate } from '../../src/app/gate.js';
import { createLocalProbes } from '../../src/app/probes.js';

const CONFIG = `people:
  - { id: jo, level: junior, emails: [jo@example.com] }
  - { id: sam, level: senior, emails: [sam@example.com] }
services:
  - { id: payments, tier: 1, owner: payments, paths: ['services/payments/**'] }
  - { id: docs, tier: 4, owner: docs, paths: ['docs/**'] }
review: { protectedBranches: ['release/*'] }
`;
const JO = { name: 'Jo', email: 'jo@example.com' };
const AI = '\n\nCo-authored-by: Claude <noreply@anthropic.com>\n';

let repo: ScratchRepo;
let remote: string;
beforeEach(() => {
  remote = mkdtempSync(join(tmpdir(), 'bw-remote-'));
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', remote]);
  repo = createScratchRepo('bw-push-');
  repo.commit('config', { 'blastwall.yaml': CONFIG, 'services/payments/pay.ts': 'a\n' });
  repo.git('remote', 'add', 'origin', remote);
  repo.git('push', '-q', 'origin', 'main');
});
afterEach(() => {
  repo.remove();
  rmSync(remote, { recursive: true, force: true });
});

async function decide(command: string) {
  const env = { HOME: repo.dir, PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1' };
  const gate = await createGate({ cwd: repo.dir, env, probes: createLocalProbes({ env }) });
  return gate.decideCommand({ command, agent: 'claude-code' });
}

describe("an agent's git push", () => {
  it("to main of a junior's AI-assisted change to a tier-1 service is held with the check's requirements", async () => {
    repo.commit(`faster payments${AI}`, { 'services/payments/pay.ts': 'b\n' }, JO);
    const decision = await decide('git push origin main');
    expect(decision.decision).toBe('needs-approval');
    const reasons = decision.reasons.join('\n');
    expect(reasons).toContain('[agent-push-needs-review]');
    expect(reasons).toContain('origin/main..main');
    expect(reasons).toMatch(/ai-change-senior-signoff/);
    expect(reasons).toMatch(/critical-two-reviewers/);
  });

  it('to main with nothing that needs a sign-off is allowed', async () => {
    repo.commit('typo', { 'docs/readme.md': 'hello\n' }, { name: 'Sam', email: 'sam@example.com' });
    expect((await decide('git push origin HEAD')).decision).toBe('allow');
  });

  it('to main that lands no commit (main is where origin/main is) is allowed: there is nothing to check', async () => {
    expect((await decide('git push origin HEAD')).decision).toBe('allow');
    // …while a force-push there stays held
    expect((await decide('git push -f origin HEAD')).decision).not.toBe('allow');
  });

  it('of a feature branch is allowed, and so is a force-push or a delete of it', async () => {
    repo.git('checkout', '-q', '-b', 'feature/typo');
    repo.commit('typo', { 'docs/readme.md': 'x\n' }, JO);
    expect((await decide('git push -f origin feature/typo')).decision).toBe('allow');
    expect((await decide('git push --delete origin feature/typo')).decision).toBe('allow');
    expect((await decide('git push origin :feature/typo')).decision).toBe('allow');
    expect((await decide('git push --delete origin main')).decision).not.toBe('allow');
    expect((await decide('git push -f --tags origin')).decision).not.toBe('allow');
  });

  it('of a feature branch is allowed, and so is --force-with-lease to it', async () => {
    repo.git('checkout', '-q', '-b', 'feature/faster');
    repo.commit(`faster payments${AI}`, { 'services/payments/pay.ts': 'b\n' }, JO);
    expect((await decide('git push -u origin feature/faster')).decision).toBe('allow');
    repo.git('push', '-q', 'origin', 'feature/faster');
    repo.git('commit', '-q', '--amend', '-m', `faster payments, reworded${AI}`);
    expect((await decide('git push --force-with-lease origin feature/faster')).decision).toBe('allow');
    expect((await decide('git push --force-with-lease')).decision).toBe('allow');
  });

  it('of a feature branch onto main or a review.protectedBranches branch runs the check', async () => {
    repo.git('checkout', '-q', '-b', 'feature/faster');
    repo.commit(`faster payments${AI}`, { 'services/payments/pay.ts': 'b\n' }, JO);
    const onto = await decide('git push origin feature/faster:main');
    expect(onto.decision).toBe('needs-approval');
    expect(onto.reasons.join('\n')).toContain('origin/main..feature/faster');
    const release = await decide('git push origin HEAD:release/1.0');
    expect(release.decision).toBe('needs-approval');
    expect(release.reasons.join('\n')).toMatch(
      /review\.protectedBranches release\/\*.*no origin\/release\/1\.0/,
    );
  });

  it('with a lease onto main is still held', async () => {
    repo.commit(`faster payments${AI}`, { 'services/payments/pay.ts': 'b\n' }, JO);
    expect((await decide('git push --force-with-lease origin main')).decision).not.toBe('allow');
    // `@` is git's short name for HEAD: on main it is a push to main
    expect((await decide('git push origin @')).decision).not.toBe('allow');
  });

  it('of tags alone pushes no branch: allowed on main, while the same line with main is checked', async () => {
    repo.commit(`faster payments${AI}`, { 'services/payments/pay.ts': 'b\n' }, JO);
    expect((await decide('git push --tags')).decision).toBe('allow');
    expect((await decide('git push --tags origin main')).decision).not.toBe('allow');
  });
});
