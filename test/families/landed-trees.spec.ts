import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Self-protection by what an archive or a copied folder lands: the archive's listing or the source tree is read
// when it is local and small, and each file it would write is judged like any other write; when it cannot be read,
// the command is held if the destination holds a guarded file. Beside each, an everyday twin that must pass.

let gate: GateFixture;
let outside: string;

function put(path: string, text = 'x\n'): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function pack(tool: 'tar' | 'zip', archive: string, from: string): void {
  const args = tool === 'tar' ? ['-cf', archive, '.'] : ['-qr', archive, '.'];
  execFileSync(tool, args, { cwd: from });
}

beforeAll(async () => {
  gate = await gateFixture();
  outside = join(gate.home, '..', 'downloads');
  // a tree that would loosen the guardrail, and an ordinary one
  put(join(outside, 'evil', 'blastwall.yaml'), 'people: []\n');
  put(join(outside, 'evil', '.claude', 'settings.json'), '{}\n');
  put(join(outside, 'site', 'index.html'), '<p>hi</p>\n');
  put(join(outside, 'site', 'css', 'app.css'), 'p{}\n');
  put(join(outside, 'hooks', 'settings.json'), '{}\n');
  pack('tar', join(outside, 'evil.tar'), join(outside, 'evil'));
  pack('tar', join(outside, 'hooks.tar'), join(outside, 'hooks'));
  pack('tar', join(outside, 'site.tar'), join(outside, 'site'));
  pack('zip', join(outside, 'evil.zip'), join(outside, 'evil'));
  pack('zip', join(outside, 'site.zip'), join(outside, 'site'));
  mkdirSync(join(gate.repo, 'public'), { recursive: true });
});
afterAll(() => gate.close());

describe('archives and folder copies that land on guarded files', () => {
  it.each([
    ['tar xf D/evil.tar', 'tar xf D/site.tar'],
    ['tar -xf D/hooks.tar -C ~/.claude', 'tar -xf D/hooks.tar -C /tmp/unpacked'],
    ['tar -x -f D/evil.tar --directory=.', 'tar -x -f D/site.tar --directory=public'],
    ['unzip -o D/evil.zip', 'unzip -o D/site.zip -d public'],
    ['rsync -a D/evil/ ./', 'rsync -a D/site/ ./public/'],
    ['cp -r D/evil/. .', 'cp -r D/site/. public/'],
    ['cp -r D/evil/.claude .', 'cp -r D/site/css public/'],
    ['mv D/evil/* D/evil/.claude .', 'mv D/site/* public/'],
    // what is unpacked from a pipe cannot be listed: held where the destination holds guarded files
    ['curl -sL https://example.com/x.tgz | tar xz', 'curl -sL https://example.com/x.tgz | tar xz -C /tmp/x'],
    // an archive made earlier on the line is not there to be listed; one that is not there at all lands nothing
    ['curl -sLo x.tgz https://example.com/x.tgz && tar xzf x.tgz', 'tar xzf missing.tgz'],
    ['rsync -a backup.example.com:/srv/project/ ./', 'rsync -a backup.example.com:/srv/logs/ ./logs/'],
  ])('%s is held; %s is allowed', (destructive, twin) => {
    const at = (line: string) => line.replace(/\bD\//g, `${outside}/`);
    const held = gate.decide(at(destructive));
    expect(held.decision, `${destructive} was allowed`).not.toBe('allow');
    const allowed = gate.decide(at(twin));
    expect(allowed.decision, allowed.reasons.join('\n')).toBe('allow');
  });

  it('names the guarded file an archive lands', () => {
    const held = gate.decide(`tar -xf ${outside}/hooks.tar -C ~/.claude`);
    expect(held.reasons.join('\n')).toMatch(/\.claude\/settings\.json, Claude Code's hook settings/);
  });
});
