import { describe, expect, it } from 'vitest';
import { allowedWrites, patchWrites } from './attest-writes.js';
import { patchFiles } from './fields.js';
import { testContext } from '../../test-support/hook-testing.js';
import type { HookAgentId } from './types.js';

const context = testContext({ onBehalfOf: 'jo' });

describe('allowedWrites', () => {
  it.each<
    [string, HookAgentId, Record<string, unknown>, { file: string; text: string; replaces?: string }[]]
  >([
    [
      'Claude Code Write',
      'claude-code',
      { session_id: 's', tool_name: 'Write', tool_input: { file_path: '/work/repo/a.ts', content: 'a\nb' } },
      [{ file: '/work/repo/a.ts', text: 'a\nb', replaces: 'file' }],
    ],
    [
      // Recorded as the .ipynb holds the cell (and a commit's diff shows it), so check matches the notebook's lines.
      'Claude Code NotebookEdit',
      'claude-code',
      {
        session_id: 's',
        tool_name: 'NotebookEdit',
        tool_input: { notebook_path: '/work/repo/n.ipynb', cell_id: 'c1', new_source: 'x = 1\nprint(x)' },
      },
      [{ file: '/work/repo/n.ipynb', text: '"x = 1\\n",\n"print(x)"', replaces: 'file' }],
    ],
    [
      'Claude Code MultiEdit',
      'claude-code',
      {
        session_id: 's',
        tool_name: 'MultiEdit',
        tool_input: {
          file_path: 'a.ts',
          edits: [
            { old_string: 'x', new_string: 'y' },
            { old_string: 'p', new_string: 'q' },
          ],
        },
      },
      [
        { file: '/work/repo/a.ts', text: 'y', replaces: 'x' },
        { file: '/work/repo/a.ts', text: 'q', replaces: 'p' },
      ],
    ],
    [
      'Gemini replace',
      'gemini',
      {
        session_id: 's',
        tool_name: 'replace',
        tool_input: { file_path: '/w/a.ts', old_string: 'o', new_string: 'n' },
      },
      [{ file: '/w/a.ts', text: 'n', replaces: 'o' }],
    ],
    [
      'Copilot create (toolArgs as a JSON string)',
      'copilot',
      { sessionId: 's', toolName: 'create', toolArgs: JSON.stringify({ path: '/w/c.ts', file_text: 'c' }) },
      [{ file: '/w/c.ts', text: 'c', replaces: 'file' }],
    ],
    [
      'Kiro fs_write str_replace',
      'kiro',
      {
        session_id: 's',
        tool_name: 'fs_write',
        tool_input: { command: 'str_replace', path: '/w/k.ts', old_str: 'o', new_str: 'n' },
      },
      [{ file: '/w/k.ts', text: 'n', replaces: 'o' }],
    ],
    [
      'an MCP filesystem edit_file',
      'claude-code',
      {
        session_id: 's',
        tool_name: 'mcp__filesystem__edit_file',
        tool_input: { path: '/w/m.ts', edits: [{ oldText: 'o', newText: 'n' }] },
      },
      [{ file: '/w/m.ts', text: 'n', replaces: 'o' }],
    ],
  ])('%s', (_name, agent, payload, writes) => {
    const found = allowedWrites(agent, JSON.stringify(payload), context);
    expect(found?.writes).toEqual(writes);
    expect(found?.origin).toMatchObject({ agent, sessionId: 's', onBehalfOf: 'jo' });
  });

  it('finds nothing in a shell command or a read', () => {
    const bash = { session_id: 's', tool_name: 'Bash', tool_input: { command: 'ls' } };
    expect(allowedWrites('claude-code', JSON.stringify(bash), context)).toBeUndefined();
    expect(allowedWrites('claude-code', 'not json', context)).toBeUndefined();
  });

  it("reads Codex's apply_patch: added and updated files, the removed lines as what they replace", () => {
    const patch = [
      '*** Begin Patch',
      '*** Add File: src/new.ts',
      '+export const a = 1;',
      '*** Update File: src/old.ts',
      '@@ function f() {',
      '-  return 1;',
      '+  return 2;',
      '*** Delete File: src/gone.ts',
      '*** End Patch',
    ].join('\n');
    expect(patchWrites(patch)).toEqual([
      { file: 'src/new.ts', text: 'export const a = 1;', replaces: '' },
      { file: 'src/old.ts', text: '  return 2;', replaces: '  return 1;' },
    ]);
    const payload = { session_id: 's', tool_name: 'apply_patch', tool_input: { command: patch } };
    expect(allowedWrites('codex', JSON.stringify(payload), context)?.writes[0]?.file).toBe(
      '/work/repo/src/new.ts',
    );
  });

  it('reads apply_patch headers the way the gate does: a moved file lands at its new path for both', () => {
    const patch = [
      '*** Begin Patch',
      '  *** Update File: src/a.ts',
      '*** Move to: .claude/settings.json',
      '@@',
      '-{}',
      '+{"hooks": {}}',
      '*** End Patch',
    ].join('\n');
    expect(patchFiles(patch)).toEqual([
      { path: 'src/a.ts', access: 'write' },
      { path: '.claude/settings.json', access: 'write' },
    ]);
    expect(patchWrites(patch)).toEqual([
      { file: '.claude/settings.json', text: '{"hooks": {}}', replaces: '{}' },
    ]);
  });
});
