import { describe, expect, it } from 'vitest';
import { guardedPathReason, guardedTargetReason, type GuardedPlace } from './guarded-paths.js';

const place: GuardedPlace = { workspace: '/home/dev/project', home: '/home/dev', extra: ['/srv/org'] };

describe('guardedPathReason', () => {
  it.each([
    ['/home/dev/project/blastwall.yaml', "blastwall's configuration or policies"],
    ['/home/dev/project/blastwall.yml', "blastwall's configuration or policies"],
    ['/home/dev/project/policies/agents.cedar', "blastwall's configuration or policies"],
    ['/home/dev/project/.blastwall/blastwall.db', "blastwall's store or cache"],
    ['/home/dev/.config/blastwall/org/forbid.cedar', "blastwall's configuration or policies"],
    ['/home/dev/.cache/blastwall/abc.json', "blastwall's store or cache"],
    ['/home/dev/project/node_modules/blastwall/dist/main.js', "blastwall's install"],
    ['/usr/lib/node_modules/blastwall/package.json', "blastwall's install"],
    ['/usr/local/bin/blastwall', "blastwall's install"],
    ['/home/dev/project/.claude/settings.json', "Claude Code's hook settings"],
    ['/home/dev/project/.claude/settings.local.json', "Claude Code's hook settings"],
    ['/home/dev/.claude/settings.json', "Claude Code's hook settings"],
    ['/home/dev/project/.codex/hooks.json', "Codex's hook settings"],
    ['/home/dev/project/.codex/config.toml', "Codex's hook settings"],
    ['/home/dev/.codex/anything.txt', "Codex's hook settings"],
    ['/home/dev/project/.gemini/settings.json', "Gemini CLI's hook settings"],
    ['/home/dev/project/.cursor/hooks.json', "Cursor's hook settings"],
    ['/home/dev/.cursor/hooks.json', "Cursor's hook settings"],
    ['/home/dev/project/.github/hooks/guard.json', "Copilot's hook settings"],
    ['/home/dev/.copilot/config.json', "Copilot's hook settings"],
    ['/home/dev/project/.kiro/hooks/x.kiro.hook', "Kiro's hook settings"],
    ['/home/dev/project/.kiro/settings/hooks.json', "Kiro's hook settings"],
    ['/etc/claude-code/managed-settings.json', "Claude Code's managed settings"],
    ['/srv/org/policies/org.cedar', "blastwall's configuration or policies"],
    // nested: a gate started in that folder reads it (issue 19 §4)
    ['/home/dev/project/sub/blastwall.yaml', "blastwall's configuration or policies"],
    ['/home/dev/project/services/api/blastwall.yml', "blastwall's configuration or policies"],
  ])('%s is guarded', (file, what) => {
    expect(guardedPathReason(file, place)).toBe(what);
  });

  it.each([
    '/home/dev/project/src/index.ts',
    '/home/dev/project/.claude/commands/review.md',
    '/home/dev/project/.github/workflows/ci.yml',
    '/home/dev/project/docs/policies.md',
    '/home/dev/project/blastwall.yaml.bak/blastwall.yaml',
    '/home/dev/project/bin/blastwall.js',
    '/home/dev/.bashrc.bak',
    '/tmp/blastwall.yaml',
  ])('%s is not guarded', (file) => {
    expect(guardedPathReason(file, place)).toBeUndefined();
  });

  // issue 19: what runs in every later shell, the MCP servers agents start and git's executing config
  it.each([
    ['/home/dev/.bashrc', /start-up/],
    ['/home/dev/.zshrc', /start-up/],
    ['/home/dev/project/.envrc', /start-up/],
    ['/home/dev/project/.mcp.json', /MCP servers/],
    ['/home/dev/.claude.json', /MCP servers/],
    ['/home/dev/project/.git/config', /git's configuration/],
  ])('%s is guarded', (file, reason) => {
    expect(guardedPathReason(file, place)).toMatch(reason);
  });
});

describe('guardedTargetReason', () => {
  it.each([
    ['/home/dev/project/.claude', "Claude Code's hook settings"],
    ['/home/dev/project/policies', "blastwall's configuration or policies"],
    ['/home/dev/project/.github', "Copilot's hook settings"],
    ['/home/dev/.config', "blastwall's configuration or policies"],
    ['/home/dev/project/*.yaml', "blastwall's configuration or policies"],
    ['/home/dev/project/.claude/*', "Claude Code's hook settings"],
    ['/home/dev/project/.*/settings.json', "Claude Code's hook settings"],
    ['/home/dev/project/.*', "blastwall's store or cache"],
    ['/srv', "blastwall's configuration or policies"],
  ])('removing %s takes something guarded with it', (target, what) => {
    expect(guardedTargetReason(target, place)).toBe(what);
  });

  it.each([
    '/home/dev/project/node_modules',
    '/home/dev/project/*',
    '/home/dev/project/dist',
    '/home/dev/project/src/*.ts',
    '/home/dev/project/.git',
    '/tmp/x',
  ])('removing %s does not', (target) => {
    expect(guardedTargetReason(target, place)).toBeUndefined();
  });
});
