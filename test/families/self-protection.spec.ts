import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateFixture, type GateFixture } from './gate-fixture.js';

// Self-protection by what a write reaches: every writer, every guarded file, beside a twin that reads it
// or writes an ordinary file the same way.

let gate: GateFixture;
beforeAll(async () => {
  gate = await gateFixture();
  gate.write(
    'guard.patch',
    '--- a/blastwall.yaml\n+++ b/blastwall.yaml\n@@ -1 +1 @@\n-people: []\n+people: [x]\n',
  );
  gate.write('fix.patch', '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-a\n+b\n');
});
afterAll(() => gate.close());

describe('self-protection by what a write reaches', () => {
  it.each([
    ["yq -i '.environments = {}' blastwall.yaml", "yq -i '.version = 2' config/app.yaml"],
    ["sd 'PreToolUse' 'X' .claude/settings.json", "sd 'foo' 'bar' src/app.ts"],
    [
      "vim -es -c '%s/blastwall/true/g' -c wq .claude/settings.json",
      "vim -es -c '%s/a/b/g' -c wq src/app.ts",
    ],
    ['jq . .mcp.json | sponge .mcp.json', 'jq . package.json | sponge package.json'],
    ['rm -f .mcp.json', 'rm -f .eslintcache'],
    ['mv .mcp.json.new .mcp.json', 'mv src/a.ts src/b.ts'],
    ["echo 'alias blastwall=true' >> ~/.bashrc", 'echo \'alias ll="ls -l"\' >> notes.txt'],
    ["echo 'export BLASTWALL_MODE=off' >> .envrc", 'cat .envrc'],
    ['patch -p1 < guard.patch', 'patch -p1 < fix.patch'],
    ['git apply guard.patch', 'git apply fix.patch'],
    // a patch not on disk yet cannot be read for what it writes
    ['git apply /tmp/later.patch', 'git apply fix.patch'],
    ['patch -p1 -i ./later.patch', 'patch -p1 -i fix.patch'],
    ["claude config set --global hooks '{}'", 'claude config get hooks'],
    ['claude mcp remove blastwall', 'claude mcp list'],
    ['ln -s .claude/settings.json notes.txt', 'ln -s docs/README.md notes.txt'],
  ])('%s is held; %s is allowed', (destructive, twin) => gate.allowedAndHeld(twin, destructive));
});

describe('a write through a link made earlier', () => {
  it('is judged by what the link reaches; the same write to an ordinary file is allowed', () => {
    gate.write('.claude/settings.json', '{}');
    gate.write('plain.txt', 'x');
    symlinkSync(join(gate.repo, '.claude', 'settings.json'), join(gate.repo, 'linked.txt'));

    const held = gate.decide("echo '{}' > linked.txt");
    expect(held.decision).not.toBe('allow');
    expect(held.reasons.join('\n')).toMatch(/Claude Code's hook settings/);
    expect(gate.decide("echo '{}' > plain.txt").decision).toBe('allow');
    expect(gate.stopped('sed -i s/a/b/ linked.txt')).toBe(true);
  });
});
