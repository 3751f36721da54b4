import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// A deletion inside the workspace is routine (git restores it); one that takes the repository's contents or its
// tracked source wholesale is held: every uncommitted change goes at once. Each beside an everyday cleanup twin.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.write('app/main.go', 'package main\n');
});
afterAll(() => gate.close());

describe('wholesale deletion of the workspace', () => {
  it.each([
    // a wildcard matching everything in the workspace root, from the root, below it, or by absolute path
    ['rm -rf *', 'rm -rf *.egg-info'],
    ['rm -r ./.??* ./*', 'rm -f reports/*'],
    ['rm -rf ../../*', 'rm -rf ../../build'],
    ['mv {PROJECT}/* /tmp/old-project/', 'mv {PROJECT}/notes.md /tmp/notes.md'],
    // several top-level source directories in one recursive delete; caches and one directory are everyday
    ['rm -rf app pkg cmd', 'rm -rf dist .turbo out'],
    ['rm -r {app,internal}', 'rm -r app'],
    ['mv app pkg /tmp/attic/', 'mv app/main.go app/server.go'],
    // a tree-wide find that deletes from the root, unless it only selects disposable artefacts
    ["find . -name '*.go' -delete", "find . -name '*.orig' -delete"],
    ['find . -type f -mtime +3 -delete', 'find . -type d -empty -delete'],
    ["find . -not -name '.git' -exec rm -rf {} +", 'find . -name node_modules -prune -exec rm -rf {} +'],
    ["find ./ -iname '*.ts' -exec rm {} \\;", "find app -iname '*.ts' -exec rm {} \\;"],
    // deleting what git lists as tracked; its untracked files in a build dir are disposable
    ['git ls-files -z | xargs -0 rm', 'git ls-files --others build | xargs rm -f'],
    ['git ls-files | xargs rm', "find . -name '*.rej' | xargs rm"],
  ])('%s is held; %s is allowed', (wholesale, everyday) => {
    const fromApp = wholesale.startsWith('rm -rf ../../') ? `${gate.repo}/app/cmd` : undefined;
    const held = gate.decide(wholesale.replace('{PROJECT}', gate.repo), fromApp);
    expect(held.decision, `${wholesale}\n${held.reasons.join('\n')}`).not.toBe('allow');
    const allowed = gate.decide(everyday.replace('{PROJECT}', gate.repo), fromApp);
    expect(allowed.decision, `${everyday}\n${allowed.reasons.join('\n')}`).toBe('allow');
  });

  it('names what it found in the reason a person reads', () => {
    const held = gate.decide('rm -rf ./*');
    expect(held.reasons.join('\n')).toMatch(/wholesale.*matches everything in the workspace root/);
  });
});
