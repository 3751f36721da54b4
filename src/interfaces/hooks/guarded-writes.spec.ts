import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeCode } from './claude-code/index.js';
import { claudePreToolUse } from './claude-code/fixtures.js';
import { codex } from './codex/index.js';
import { codexPreToolUse } from './codex/fixtures.js';
import { copilot } from './copilot/index.js';
import { copilotPreToolUse } from './copilot/fixtures.js';
import { gemini } from './gemini/index.js';
import { geminiBeforeTool } from './gemini/fixtures.js';
import { kiro } from './kiro/index.js';
import { kiroPreToolUse } from './kiro/fixtures.js';
import { realGateFixture, type RealGateFixture } from './real-gate-testing.js';
import { runHook } from './run-hook.js';
import type { HookAdapter } from './types.js';

// Issue 19 §4: every writer an agent has — its editor tools, MCP file tools, a built-in tool the adapter does not
// know by name — goes through the one guarded-path check, with links, `~` and `file://` resolved. Decided by the
// real gate with the shipped policies: the hold must come from `agent-self-protection`.
let world: RealGateFixture;
beforeAll(() => {
  world = realGateFixture();
  mkdirSync(join(world.repo, '.claude'), { recursive: true });
  writeFileSync(join(world.repo, '.claude', 'settings.json'), '{"hooks":{}}');
  // links made in an earlier step: a file to the hook settings, a folder to .claude, one to the home folder
  symlinkSync(join(world.repo, '.claude', 'settings.json'), join(world.repo, 'notes.txt'));
  symlinkSync(join(world.repo, '.claude'), join(world.repo, 'cfg'));
  symlinkSync(world.home, join(world.repo, 'homelink'));
});
afterAll(() => world.remove());

interface Door {
  name: string;
  adapter: HookAdapter;
  payload: (path: string) => string;
}

// The MCP filesystem server's write_file ({ path, content }) as each agent names and sends it.
const MCP_WRITE: Door[] = [
  {
    name: 'Claude Code mcp__filesystem__write_file',
    adapter: claudeCode,
    payload: (p) => claudePreToolUse(world.repo, 'mcp__filesystem__write_file', { path: p, content: '{}' }),
  },
  {
    name: 'Codex mcp__filesystem__write_file',
    adapter: codex,
    payload: (p) => codexPreToolUse(world.repo, 'mcp__filesystem__write_file', { path: p, content: '{}' }),
  },
  {
    name: 'Gemini mcp_filesystem_write_file',
    adapter: gemini,
    payload: (p) => geminiBeforeTool(world.repo, 'mcp_filesystem_write_file', { path: p, content: '{}' }),
  },
  {
    name: 'Copilot mcp__filesystem__write_file',
    adapter: copilot,
    payload: (p) => copilotPreToolUse(world.repo, 'mcp__filesystem__write_file', { path: p, content: '{}' }),
  },
  {
    name: 'Kiro @filesystem/write_file',
    adapter: kiro,
    payload: (p) => kiroPreToolUse(world.repo, '@filesystem/write_file', { path: p, content: '{}' }),
  },
];

async function verdict(door: Door, path: string): Promise<'stopped' | 'allowed'> {
  const response = await runHook(door.adapter, door.payload(path), world.context, world.gateFor);
  const out = response.stdout.trim() === '' ? {} : (JSON.parse(response.stdout) as Record<string, unknown>);
  const decision =
    (out.hookSpecificOutput as { permissionDecision?: string } | undefined)?.permissionDecision ??
    (out.permissionDecision as string | undefined) ??
    (out.decision as string | undefined);
  return response.exitCode === 2 || decision === 'ask' || decision === 'deny' ? 'stopped' : 'allowed';
}

describe('MCP file tools through every hook reach the guarded-path check', () => {
  const attacks = (): string[] => [
    join(world.repo, '.claude', 'settings.json'),
    '.claude/settings.json',
    join(world.repo, 'notes.txt'),
    join(world.repo, 'cfg', 'settings.local.json'),
    join(world.repo, 'homelink', '.bashrc'),
    '~/.bashrc',
    `file://${join(world.repo, '.mcp.json')}`,
    join(world.repo, 'newdir', 'blastwall.yaml'),
    join(world.repo, '.Claude', 'Settings.json'),
  ];
  it.each(MCP_WRITE)('$name of a guarded file is stopped, by any spelling of its path', async (door) => {
    for (const path of attacks()) expect([path, await verdict(door, path)]).toEqual([path, 'stopped']);
  });

  it.each(MCP_WRITE)('$name of an ordinary file goes ahead', async (door) => {
    for (const path of [join(world.repo, 'src', 'app.ts'), 'README.md', '.claude/commands/x.md'])
      expect([path, await verdict(door, path)]).toEqual([path, 'allowed']);
  });
});

describe('writers the adapters do not know by name, and other argument shapes', () => {
  const patch = (file: string): string => `*** Begin Patch\n*** Add File: ${file}\n+{}\n*** End Patch\n`;
  it.each([
    [
      'Copilot apply_patch',
      copilot,
      copilotPreToolUse,
      'apply_patch',
      { input: patch('.claude/settings.json') },
    ],
    [
      'Claude Code MCP move_file away',
      claudeCode,
      claudePreToolUse,
      'mcp__filesystem__move_file',
      { source: '.claude', destination: '/tmp/x' },
    ],
    [
      'Claude Code MCP nested files[].path',
      claudeCode,
      claudePreToolUse,
      'mcp__fs__write_files',
      { files: [{ path: '.claude/settings.json', content: '{}' }] },
    ],
    [
      'Claude Code MCP relative_path',
      claudeCode,
      claudePreToolUse,
      'mcp__serena__create_text_file',
      { relative_path: 'blastwall.yaml', content: '' },
    ],
    [
      'Codex MCP filePath',
      codex,
      codexPreToolUse,
      'mcp__fs__write_file',
      { filePath: '.mcp.json', content: '{}' },
    ],
    [
      'Claude Code editor Write through a link',
      claudeCode,
      claudePreToolUse,
      'Write',
      { file_path: 'notes.txt', content: '{}' },
    ],
    [
      'Gemini write_file into a linked folder',
      gemini,
      geminiBeforeTool,
      'write_file',
      { file_path: 'cfg/settings.json', content: '{}' },
    ],
    [
      'Kiro fs_write to ~/.bash_aliases',
      kiro,
      kiroPreToolUse,
      'fs_write',
      { command: 'append', path: '~/.bash_aliases', new_str: 'alias ls=x' },
    ],
  ] as const)('%s is stopped', async (_name, adapter, build, tool, input) => {
    const door: Door = {
      name: tool,
      adapter,
      payload: () => build(world.repo, tool, input as Record<string, unknown>),
    };
    expect(await verdict(door, '')).toBe('stopped');
  });

  it.each([
    [
      'Copilot apply_patch of a source file',
      copilot,
      copilotPreToolUse,
      'apply_patch',
      { input: patch('src/app.ts') },
    ],
    [
      'Claude Code MCP read_file of the hook settings',
      claudeCode,
      claudePreToolUse,
      'mcp__filesystem__read_file',
      { path: '.claude/settings.json' },
    ],
    [
      'Claude Code TodoWrite',
      claudeCode,
      claudePreToolUse,
      'TodoWrite',
      { todos: [{ content: 'edit .claude/settings.json', status: 'pending' }] },
    ],
    [
      'Claude Code MCP write whose content names the settings',
      claudeCode,
      claudePreToolUse,
      'mcp__filesystem__write_file',
      { path: 'docs/setup.md', content: 'edit .claude/settings.json' },
    ],
  ] as const)('%s goes ahead', async (_name, adapter, build, tool, input) => {
    const door: Door = {
      name: tool,
      adapter,
      payload: () => build(world.repo, tool, input as Record<string, unknown>),
    };
    expect(await verdict(door, '')).toBe('allowed');
  });
});
