import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Self-protection by what git would land: merging, pulling, checking out, rebasing, cherry-picking or popping a
// stash that changes a guarded file in the work tree is held; the same commands over ordinary changes — daily
// work — are allowed. A real repository: branch `evil` loosens blastwall.yaml, `evil-hooks` adds Claude Code's
// hook settings, `feature` changes src/app.ts; origin's tracking refs follow them; two stashes, one of each kind.

let gate: GateFixture;
const sha: Record<string, string> = {};

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', ...args], {
    cwd: gate.repo,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: gate.home, GIT_CONFIG_NOSYSTEM: '1' },
    encoding: 'utf8',
  }).trim();
}

beforeAll(async () => {
  gate = await gateFixture();
  rmSync(join(gate.repo, '.git'), { recursive: true, force: true });
  git('init', '-q', '-b', 'main');
  gate.write('src/app.ts', 'export const a = 1;\n');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  git('remote', 'add', 'origin', '/nowhere');
  git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  git('branch', '--set-upstream-to=origin/main');
  const branch = (name: string, path: string, text: string): void => {
    git('checkout', '-q', '-b', name, 'main');
    gate.write(path, text);
    git('add', '.');
    git('commit', '-q', '-m', name);
    sha[name] = git('rev-parse', 'HEAD');
    git('update-ref', `refs/remotes/origin/${name}`, 'HEAD');
    git('checkout', '-q', 'main');
  };
  branch('evil', 'blastwall.yaml', 'people: []\n');
  branch('evil-hooks', '.claude/settings.json', '{"hooks":{}}\n');
  branch('feature', 'src/app.ts', 'export const a = 2;\n');
  // only on origin: `git switch remote-evil` makes the branch from it
  git('update-ref', 'refs/remotes/origin/remote-evil', sha.evil ?? '');
  git('update-ref', 'refs/remotes/origin/remote-feature', sha.feature ?? '');
  // stash@{1} changes blastwall.yaml, stash@{0} src/app.ts
  gate.write('blastwall.yaml', 'people: []\n');
  git('stash', '-q');
  gate.write('src/app.ts', 'export const a = 3;\n');
  git('stash', '-q');
});
afterAll(() => gate.close());

describe('git that would land a guarded file in the work tree', () => {
  it.each([
    ['git merge evil', 'git merge feature'],
    ['git merge --no-ff -m x evil-hooks', 'git merge --no-ff -m x feature'],
    ['git pull origin evil', 'git pull origin feature'],
    ['git pull --rebase origin evil', 'git pull --rebase origin main'],
    ['git checkout evil', 'git checkout feature'],
    ['git switch evil-hooks', 'git switch feature'],
    ['git switch remote-evil', 'git switch remote-feature'],
    ['git switch --orphan fresh', 'git switch -c fresh'],
    ['git checkout -b mine evil', 'git checkout -b mine feature'],
    ['git reset --keep evil', 'git reset --keep feature'],
    ['git rebase evil', 'git rebase feature'],
    ['git rebase --onto evil-hooks main', 'git rebase --onto feature main'],
    ['git cherry-pick EVIL', 'git cherry-pick FEATURE'],
    ['git cherry-pick main..evil', 'git cherry-pick main..feature'],
    ['git stash pop stash@{1}', 'git stash pop'],
    ['git stash apply 1', 'git stash apply 0'],
    // a stash pushed on the line is the work tree's own changes, put back; it shifts the older ones by one
    ['git stash && git stash apply stash@{2}', 'git stash push -m wip && git pull --rebase && git stash pop'],
    // a ref made earlier on the line is not there when the gate decides; without one, git fails and changes nothing
    ['git fetch origin ghost && git merge ghost', 'git merge ghost'],
    ['git branch x evil && git cherry-pick 3f2a9c1', 'git cherry-pick 3f2a9c1'],
    // a ref fetched earlier on the line cannot be read; a remote branch never fetched here is what others pushed to
    // the shared remote (a branch pushed from here is known locally, and read above)
    ['git fetch origin other && git pull origin other', 'git pull origin not-fetched-yet'],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    const named = (line: string) =>
      line.replace('EVIL', sha.evil ?? '').replace('FEATURE', sha.feature ?? '');
    expect(gate.stopped(named(destructive))).toBe(true);
    const allowed = gate.decide(named(twin));
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it.each([
    ['git merge evil', /blastwall\.yaml, blastwall's configuration/],
    ['git switch evil-hooks', /\.claude\/settings\.json, Claude Code's hook settings/],
    ["git checkout evil -- '*.yaml'", /blastwall\.yaml/],
    ['git restore --source evil-hooks .claude', /\.claude\/settings\.json/],
    ['git switch --orphan fresh', /blastwall\.yaml/],
  ])('%s is held for what it lands', (line, reason) => {
    const held = gate.decide(line);
    expect(held.decision).not.toBe('allow');
    expect(held.reasons.join('\n')).toMatch(reason);
  });
});
