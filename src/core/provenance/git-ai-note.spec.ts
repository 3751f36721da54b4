import { describe, expect, it } from 'vitest';
import type { Commit } from '../model.js';
import { commitProvenance } from './index.js';

function commit(message: string, overrides: Partial<Commit> = {}): Commit {
  return {
    sha: 'abc123',
    parents: ['p1'],
    authorName: 'Jo Junior',
    authorEmail: 'jo@example.com',
    committerName: 'Jo Junior',
    committerEmail: 'jo@example.com',
    authoredAt: 1_700_000_000,
    message,
    files: [],
    ...overrides,
  };
}

describe('git-ai notes', () => {
  const note = [
    'src/api/routes/status.ts',
    '  1612649c4bf0b88e 32',
    'src/components/Dashboard.tsx',
    '  1612649c4bf0b88e 2,35-36',
    '  aaa1112223334445 1-10',
    '---',
    JSON.stringify({
      schema_version: 'authorship/3.0.0',
      base_commit_sha: 'fc9a230',
      prompts: {
        '1612649c4bf0b88e': {
          agent_id: { tool: 'claude', id: 's1', model: 'claude-opus-4-6' },
          accepted_lines: 10,
        },
        aaa1112223334445: {
          agent_id: { tool: 'github-copilot', id: 's2', model: 'gpt-4o' },
          accepted_lines: 10,
        },
      },
    }),
  ].join('\n');

  it('reads the tools of every prompt in an authorship log', () => {
    const result = commitProvenance(commit('Dashboard status', { aiNote: note }), []);
    expect(result.tools).toEqual(['claude', 'copilot']);
    expect(result.evidence).toContainEqual({
      tool: 'claude',
      kind: 'git-ai-note',
      text: 'refs/notes/ai: claude (claude-opus-4-6)',
      strength: 'strong',
    });
  });

  it('treats a note without prompts as human-only', () => {
    const empty = `---\n${JSON.stringify({ schema_version: 'authorship/3.0.0', prompts: {} })}`;
    expect(commitProvenance(commit('x', { aiNote: empty }), []).aiAssisted).toBe(false);
  });

  it('falls back to declared tool ids, then to agent names, in notes it cannot parse', () => {
    const broken = 'src/a.ts\n  abc 1-2\n---\n{"prompts": {"abc": {"agent_id": {"tool": "cursor"';
    expect(commitProvenance(commit('x', { aiNote: broken }), []).tools).toEqual(['cursor']);
    expect(commitProvenance(commit('x', { aiNote: 'written by codex session 12' }), []).tools).toEqual([
      'codex',
    ]);
  });
});
